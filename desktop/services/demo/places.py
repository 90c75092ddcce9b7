"""Which of an office's course groups still have a place, found without reading them all.

A large demo has thousands of groups an office (``organisation.course_sections``): reading
every one for every learner made a million-client demo quadratic. The answers are those of
reading them all, in the order the groups were made: the first groups starting on or after
a day, the first of those with a place left.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from datetime import date

from desktop.services.demo.organisation import Group


class Places:
    def __init__(self, groups: list[Group], capacity: int) -> None:
        self.groups = groups
        self.capacity = capacity
        self._taken = [0] * len(groups)
        # The latest start among the groups up to each index: every group before the first
        # index where it reaches a day starts before that day.
        self._reach = list(itertools.accumulate((g[3] for g in groups), max))
        # The first group with a place at or after each index (len(groups): none).
        self._open = list(range(len(groups) + 1))

    def with_place(self, start: date, count: int) -> list[int]:
        """The first ``count`` groups starting on or after ``start`` with a place left."""
        found: list[int] = []
        at = self._next_open(self._first(start))
        while at < len(self.groups) and len(found) < count:
            if self.groups[at][3] >= start:
                found.append(at)
            at = self._next_open(at + 1)
        return found

    def starting(self, start: date) -> Iterator[int]:
        """Every group starting on or after ``start``, full or not."""
        return (at for at in range(self._first(start), len(self.groups))
                if self.groups[at][3] >= start)

    def take(self, at: int) -> None:
        self._taken[at] += 1
        if self._taken[at] >= self.capacity:
            self._open[at] = at + 1

    def _first(self, start: date) -> int:
        return bisect.bisect_left(self._reach, start)

    def _next_open(self, at: int) -> int:
        root = at
        while self._open[root] != root:
            root = self._open[root]
        while self._open[at] != root:  # shorten the path for the next reader
            self._open[at], at = root, self._open[at]
        return root

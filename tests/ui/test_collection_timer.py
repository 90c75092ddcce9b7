"""The window's garbage collection: off Python's automatic triggers, run from the event
loop, the full collection only while no operation runs."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop import collection
from desktop.ui.collection_timer import CollectionTimer


class Node:
    def __init__(self) -> None:
        self.itself = self  # a cycle: only the cycle collector frees it


@pytest.fixture
def timer(qtbot: QtBot) -> Iterator[CollectionTimer]:
    made = CollectionTimer()
    yield made
    made.timer.stop()
    gc.unfreeze()
    gc.enable()


def garbage_cycles(count: int) -> list[weakref.ref[Node]]:
    return [weakref.ref(Node()) for _ in range(count)]


def test_cycles_made_after_start_up_are_collected_by_the_timer(
        qtbot: QtBot, timer: CollectionTimer) -> None:
    assert not gc.isenabled()  # nothing collects in the middle of a search or a save
    cycles = garbage_cycles(5000)  # more than the youngest generation holds
    qtbot.waitUntil(lambda: all(cycle() is None for cycle in cycles), timeout=5000)


def test_a_full_collection_waits_while_an_operation_runs(
        timer: CollectionTimer, monkeypatch: pytest.MonkeyPatch) -> None:
    timer.timer.stop()  # the test makes the ticks
    monkeypatch.setattr(collection, "_due_since", None)
    young = gc.get_threshold()[0] + 1
    for _ in range(10_000):  # every young collection ages the next generation
        garbage_cycles(young)
        assert collection.collect_due(busy=True) in (0, 1)
        if collection._due_since is not None:
            break
    else:
        pytest.fail("no full collection came due")
    assert collection.collect_due(busy=True) in (-1, 0, 1)  # still put off
    monkeypatch.setattr(collection, "_due_since",
                        collection._due_since - collection.LONGEST_DEFERRAL_S)
    garbage_cycles(young)
    assert collection.collect_due(busy=True) == 2  # put off long enough: run all the same
    for _ in range(10_000):  # and when nothing runs, as soon as it is due
        garbage_cycles(young)
        if collection.collect_due(busy=False) == 2:
            break
    else:
        pytest.fail("no full collection once idle")

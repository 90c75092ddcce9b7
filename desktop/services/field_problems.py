"""A form's refusal: what is wrong with which field, before anything is written."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Generic, TypeVar

F = TypeVar("F", bound=enum.Enum)
P = TypeVar("P", bound=enum.Enum)


class InvalidFields(ValueError, Generic[F, P]):
    """``problems`` holds one problem per field; the dialogs show each beside its field."""

    def __init__(self, problems: Mapping[F, P]) -> None:
        super().__init__("; ".join(f"{f.value}: {p.value}" for f, p in problems.items()))
        self.problems: dict[F, P] = dict(problems)

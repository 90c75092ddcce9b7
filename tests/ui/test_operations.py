"""The operation runner itself: order of writes, superseded reads, Cancel, quitting."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.services.progress import Progress
from desktop.ui import operations
from desktop.ui.operations import Failure, Operation
from tests.ui.conftest import TIMEOUT, wait_idle


@pytest.fixture
def owner(qtbot: QtBot) -> QObject:
    return QObject()


def test_writes_run_one_at_a_time_in_the_order_given(qtbot: QtBot, owner: QObject) -> None:
    running, order = [], []
    lock = threading.Lock()

    def write(number: int) -> int:
        with lock:
            running.append(number)
            assert len(running) == 1  # never two at once
        time.sleep(0.01 * (5 - number))  # the first is the slowest: order must still hold
        with lock:
            running.remove(number)
        return number

    for number in range(5):
        Operation(owner, lambda n=number: write(n), writes=True).done(order.append).run()
    wait_idle(qtbot)
    assert order == [0, 1, 2, 3, 4]


def test_a_read_typed_over_is_dropped_and_only_the_last_answer_shown(
        qtbot: QtBot, owner: QObject) -> None:
    release = threading.Event()
    shown = []

    def slow_first() -> str:
        release.wait(5)
        return "old"

    Operation(owner, slow_first).superseding("search").done(shown.append).run()
    Operation(owner, lambda: "new").superseding("search").done(shown.append).run()
    qtbot.waitUntil(lambda: shown == ["new"], timeout=TIMEOUT)
    release.set()
    wait_idle(qtbot)
    assert shown == ["new"]


def test_cancel_stops_long_work_at_its_next_step_and_nothing_is_shown(
        qtbot: QtBot, owner: QObject) -> None:
    steps, outcome = [], []

    def long_work(progress: Progress) -> str:
        for done in range(1000):
            progress.step(done, 1000)
            steps.append(done)
            time.sleep(0.002)
        return "finished"

    operation = Operation(owner, long_work).with_progress("Working…") \
        .done(outcome.append).cancelled(lambda: outcome.append("cancelled")) \
        .failed(lambda failure: outcome.append(failure)).run()
    qtbot.waitUntil(lambda: len(steps) > 5, timeout=TIMEOUT)
    operation.cancel()
    wait_idle(qtbot)
    assert outcome == ["cancelled"] and len(steps) < 1000


def test_a_failure_reaches_the_screen_worded_once_never_as_its_raw_text(
        qtbot: QtBot, owner: QObject) -> None:
    got: list[Failure] = []

    def broken() -> None:
        raise KeyError("person 900101300017")

    Operation(owner, broken).failed(got.append).run()
    wait_idle(qtbot)
    [failure] = got
    assert isinstance(failure.error, KeyError)
    assert "900101300017" not in failure.message and "log" in failure.message


def test_quitting_waits_for_the_write_under_way(qtbot: QtBot, owner: QObject) -> None:
    committed = []

    def save() -> None:
        time.sleep(0.3)
        committed.append(True)

    Operation(owner, save, writes=True).run()
    assert operations.finish_writes(5000)
    assert committed == [True]  # done before the database would be closed
    wait_idle(qtbot)

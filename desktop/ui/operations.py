"""The one way in from the window to the services.

Every call a screen makes into ``desktop.services`` goes through ``Operation``
(learned from Anki's ``CollectionOp``/``QueryOp`` and Picard's ``run_task``):

    Operation(self, lambda: follow_ups.mark_done(db, actor, task_id), writes=True)
        .done(self._marked).run()

- The work runs off the GUI thread: reads on Qt's shared pool, writes one at
  a time on a writer thread of their own, so they apply in the order given.
- One way to cancel: a ``Progress`` token. ``with_progress`` shows a progress
  dialog whose Cancel stops the work at its next step; ``superseding(key)``
  cancels the previous operation of that key (a search typed further, a list
  reloaded) and drops its result.
- A failure is written to the log with its traceback and described in one
  translated sentence by ``messages.describe``; the screen gets a ``Failure``
  to place where it belongs (beside a field, in a status line), or a message
  box opens when it asks for nothing else. No screen catches exceptions itself.
- What a write changed (``db.changes``) is announced on ``hub().changed`` once
  it has committed and its asker has had the result, and every open screen
  refreshes what it shows.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid

from db import thread_guard
from db.changes import Changes, collecting
from desktop.i18n import _
from desktop.services.messages import describe, knows
from desktop.services.progress import Cancelled, Progress

log = logging.getLogger("qadam.operations")
T = TypeVar("T")


@dataclass(frozen=True)
class Failure:
    error: BaseException
    message: str  # translated, one sentence


class ChangeHub(QObject):
    """Announces what each write changed, to every screen that listens."""

    changed = Signal(object)  # db.changes.Changes


_hub: ChangeHub | None = None
_writer: QThreadPool | None = None
# Kept alive until their result is delivered, by id: the worker thread hands back the id,
# never the operation (see ``_Job.run``).
_running: dict[int, Operation[Any]] = {}
_latest: dict[object, Operation[Any]] = {}


def hub() -> ChangeHub:
    global _hub
    if _hub is None:
        _hub = ChangeHub()
    return _hub


def _writer_pool() -> QThreadPool:
    global _writer
    if _writer is None:
        _writer = QThreadPool()
        _writer.setMaxThreadCount(1)  # SQLite has one writer; this keeps writes in order
    return _writer


def busy() -> bool:
    """Whether any operation is still running (tests wait on this, not on a clock)."""
    return bool(_running)


def finish_writes(timeout_ms: int = 30_000) -> bool:
    """Let the writes under way commit before the database is closed (the window is
    quitting); reads still running are simply no longer wanted. False if one is stuck."""
    return _writer is None or _writer.waitForDone(timeout_ms)


class _Dispatcher(QObject):
    """One object on the GUI thread carries every result back to it.

    One for all operations, connected once: a signal object per operation, and
    its connection, would keep the operation (and the window it serves) alive.
    """

    # Ids as objects: a Python id does not fit a C++ int.
    finished = Signal(object, object, object, object)  # operation id, result, changes, error
    progressed = Signal(object, int, int)  # operation id, done, total

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(_deliver_finished, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(_deliver_progress, Qt.ConnectionType.QueuedConnection)


def _deliver_finished(key: int, result: Any, changes: Changes,
                      error: BaseException | None) -> None:
    operation = _running.get(key)
    if operation is not None:
        operation._finished(result, changes, error)


def _deliver_progress(key: int, done: int, total: int) -> None:
    operation = _running.get(key)
    if operation is not None:
        operation._progressed(done, total)


_dispatcher: _Dispatcher | None = None


def _dispatch() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()  # first used from the GUI thread, so it lives there
    return _dispatcher


class _Job(QRunnable):
    """Deleted by the pool once run: it holds the operation only while the work runs."""

    def __init__(self, operation: Operation[Any]) -> None:
        super().__init__()
        self.operation: Operation[Any] | None = operation

    def run(self) -> None:
        operation, self.operation = self.operation, None
        assert operation is not None
        key = id(operation)
        dispatcher = _dispatch()
        outcome: tuple[Any, Changes, BaseException | None]
        try:
            with collecting() as collected:
                outcome = (operation.call(), collected.changes(), None)
        except BaseException as error:  # handed to the GUI thread, described there
            _log_failure(operation.name, error)
            # The traceback's frames hold the operation (``self`` of ``call``): cleared,
            # the error is plain data, safe to free on either thread.
            traceback.clear_frames(error.__traceback__)
            outcome = (None, Changes(), error)
        # This thread must never hold the last reference to the operation: its callbacks
        # name widgets, and a widget freed off the GUI thread crashes the process. The GUI
        # thread keeps it (``_running``) until it has delivered the result, so only the id
        # crosses over.
        del operation
        dispatcher.finished.emit(key, *outcome)


def _log_failure(name: str, error: BaseException) -> None:
    if isinstance(error, Cancelled):
        log.info("%s: cancelled", name)
        return
    text = "".join(traceback.format_exception(error))
    (log.warning if knows(error) else log.error)("%s failed:\n%s", name, text)


class Operation(Generic[T]):
    """One service call from the window; build it, then ``run()``."""

    def __init__(self, parent: QObject, work: Callable[..., T], *, writes: bool = False,
                 name: str = "") -> None:
        self.parent = parent
        self.work = work
        self.writes = writes
        self.name = name or getattr(work, "__qualname__", "operation")
        self.token = Progress()
        self._on_done: Callable[[T], None] | None = None
        self._on_failed: Callable[[Failure], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._progress_label: str | None = None
        self._key: object | None = None
        self._dialog: QProgressDialog | None = None

    # ---- building ----------------------------------------------------------------------------

    def done(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_done = callback
        return self

    def failed(self, callback: Callable[[Failure], None]) -> Operation[T]:
        """Show the failure here instead of in a message box."""
        self._on_failed = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Operation[T]:
        self._on_cancelled = callback
        return self

    def with_progress(self, label: str) -> Operation[T]:
        """A progress dialog with Cancel; the work is called with the ``Progress`` token."""
        self._progress_label = label
        return self

    def superseding(self, key: object) -> Operation[T]:
        """A newer operation of the same key cancels this one and takes its place."""
        self._key = key
        return self

    # ---- running -----------------------------------------------------------------------------

    def call(self) -> T:
        """On the worker thread."""
        self.token.check()
        if self._progress_label is not None:
            return self.work(self.token)
        return self.work()

    def run(self) -> Operation[T]:
        if self._key is not None:
            previous = _latest.get(self._key)
            if previous is not None:
                previous.cancel()
            _latest[self._key] = self
        _dispatch()
        if self._progress_label is not None:
            self._show_progress()
        _running[id(self)] = self  # until its result is delivered
        (_writer_pool() if self.writes else QThreadPool.globalInstance()).start(_Job(self))
        return self

    def cancel(self) -> None:
        """Stop at the next step; the result, if it still comes, is dropped."""
        self.token.cancel()

    def _show_progress(self) -> None:
        widget = self.parent if isinstance(self.parent, QWidget) else None
        dialog = QProgressDialog(self._progress_label or "", _("Cancel"), 0, 0, widget)
        dialog.setWindowTitle(_("Qadam"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick work never flashes a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dispatcher = _dispatch()
        key = id(self)
        self.token.listen(lambda done, total: dispatcher.progressed.emit(key, done, total))
        self._dialog = dialog

    def _progressed(self, done: int, total: int) -> None:
        dialog = self._dialog
        if dialog is not None and isValid(dialog) and not self.token.cancelled:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))

    def _finished(self, result: Any, changes: Changes, error: BaseException | None) -> None:
        _running.pop(id(self), None)
        if self._key is not None and _latest.get(self._key) is self:
            del _latest[self._key]
        if self._dialog is not None and isValid(self._dialog):
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
        self._dialog = None
        self.token.listen(None)
        try:
            if isValid(self.parent):
                self._deliver(result, error)
        finally:
            # After the asker has taken its result (a dialog its new version, say), and even
            # if the asker has gone since: every other screen shows the change.
            if changes:
                hub().changed.emit(changes)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        if self.token.cancelled or isinstance(error, Cancelled):
            # Stopped by the user or superseded: whatever came back is no longer wanted.
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        if error is not None:
            failure = Failure(error, describe(error))
            if self._on_failed is not None:
                self._on_failed(failure)
            else:
                tell(self.parent, failure.message)
            return
        if self._on_done is not None:
            self._on_done(result)


def tell(parent: QObject, message: str) -> QMessageBox:
    """A warning box that does not block the event loop (tests find it and read it)."""
    widget = parent if isinstance(parent, QWidget) else None
    box = QMessageBox(QMessageBox.Icon.Warning, _("Qadam"), message,
                      QMessageBox.StandardButton.Ok, widget)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def guard_gui_thread(strict: bool) -> None:
    """Database calls from window code on this (the GUI) thread: raise when ``strict``
    (the test suite), else write where they came from to the log."""

    def report(where: str) -> None:
        log.error("database call on the GUI thread from %s", where, stack_info=True)

    thread_guard.install(threading.get_ident(),
                         thread_guard.raise_error if strict else report, only_from="desktop.ui")

"""What a new user met in their first hour, driven through the real widgets: the language
chosen at the login (ours and Qt's words), a first-run set-up given up, the save dialogs'
folder and names, Qt's file dialog in Russian, and the Today and follow-up tables keeping
their columns as lines are marked done.

Qt's own dialogs (QFileDialog.getSaveFileName) run a modal loop of their own: a timer
looks for the dialog once it is up, reads what it offers and closes it, so the code under
test runs unchanged."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db import thread_guard
from db.models import Consultation, FollowUp, Person
from db.session import Database
from desktop import i18n, settings
from desktop.services.auth import log_in
from desktop.ui.qt_language import apply_qt_language, switch_language
from desktop.ui.save_paths import file_part
from tests.conftest import DEMO_TODAY, busiest_caseworker
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of this test's own, with its documents folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home / "Documents"


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")
    apply_qt_language("en")


class ModalWatch:
    """Answers the next modal dialog of ``kind`` once it is shown: ``answer`` reads it and
    closes it. Polled on a timer, since the code that opens it waits in its own loop (keep
    the watch referenced while it waits: its timer goes with it)."""

    def __init__(self, kind: type[QWidget], answer: Callable[[QWidget], None]) -> None:
        self.kind, self.answer = kind, answer
        self.seen: QWidget | None = None
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog.isVisible() and self.seen is None:
            self.seen = dialog
            self.timer.stop()
            self.answer(dialog)


def offered(dialog: QFileDialog) -> dict[str, object]:
    """What a save dialog offers (read before it is closed)."""
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible()}
    return {"file": Path(dialog.selectedFiles()[0]), "labels": labels}


# ---- the login ------------------------------------------------------------------------------

def test_the_login_switches_our_words_and_qts_at_once(
        qtbot: QtBot, database: Database, english_after: None) -> None:
    from desktop.ui.login.login_dialog import LoginDialog

    apply_qt_language("en")  # as a start in English has it, whatever ran before
    dialog = LoginDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Cancel"
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    qtbot.waitUntil(lambda: cancel.text() == "Отмена", timeout=TIMEOUT)  # Qt's catalogue
    assert dialog.login_label.text() == "&Логин"  # ours
    assert settings.get("language") == "ru"
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    qtbot.waitUntil(lambda: cancel.text() == "Бас тарту", timeout=TIMEOUT)
    assert dialog.windowTitle() == i18n.translator("kk").gettext("Qadam — log in")


# ---- the first run --------------------------------------------------------------------------

def test_a_first_run_set_up_given_up_leaves_no_database_file(
        qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.ui.app import run_window
    from desktop.ui.login.setup_dialog import SetupDialog

    target = tmp_path / "data" / "qadam.db"
    target.parent.mkdir()
    app = QApplication.instance()
    names = app.applicationName(), app.organizationName()
    # The start opens the file on this thread before any window, as it does for the user;
    # from there on it guards the GUI thread itself.
    thread_guard.remove()
    watch = ModalWatch(SetupDialog, lambda dialog: qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel),
        Qt.MouseButton.LeftButton))
    try:
        assert run_window(str(target)) == 0
    finally:
        app.setApplicationName(names[0])
        app.setOrganizationName(names[1])
    assert watch.seen is not None  # the set-up was asked, and given up
    assert list(target.parent.iterdir()) == []  # nor the -wal and -shm beside it


# ---- save dialogs ---------------------------------------------------------------------------

def test_the_client_list_is_offered_as_clients_and_the_day_in_the_documents_folder(
        qtbot: QtBot, demo_database: Database, documents: Path, english_after: None) -> None:
    """In Russian, so that Qt's file dialog is seen in Russian too («Look in:» was left)."""
    from desktop.ui.clients.list_view import ClientListView

    switch_language("ru")
    view = ClientListView(demo_database, log_in(demo_database, "manager.ast",
                                                "qadam-manager"))
    qtbot.addWidget(view)
    view.show()
    wait_idle(qtbot)
    seen: dict[str, object] = {}
    watch = ModalWatch(QFileDialog,
                       lambda dialog: (seen.update(offered(dialog)), dialog.reject()))
    qtbot.mouseClick(view.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert watch.seen is not None
    assert seen["file"] == documents / f"clients-{date.today().isoformat()}.xlsx"
    labels = seen["labels"]
    assert "&Папка:" in labels and "&Тип файлов:" in labels, labels  # ours, where Qt's lacks
    assert "&Имя файла:" in labels  # Qt's own
    assert not {text for text in labels if "Look in" in text or "Files of" in text}
    assert view.exported is None  # cancelled: nothing written


def test_a_consultation_record_is_offered_by_its_day_and_the_clients_surname(
        qtbot: QtBot, demo_database: Database, documents: Path) -> None:
    from desktop.ui.reports.consultation_record_dialog import ConsultationRecordDialog

    with demo_database.reading() as connection:
        consultation, held, surname = connection.execute(
            select(Consultation.id, Consultation.held_at, Person.surname_latin)
            .join(Person, Person.id == Consultation.person_id)
            .where(Person.surname_latin != "").order_by(Consultation.held_at.desc())
            .limit(1)).one()
    manager = log_in(demo_database, "admin", "qadam-admin")
    dialog = ConsultationRecordDialog(demo_database, manager, consultation)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=TIMEOUT)
    seen: dict[str, object] = {}
    watch = ModalWatch(QFileDialog, lambda d: (seen.update(offered(d)), d.reject()))
    qtbot.mouseClick(dialog.save_button,
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert watch.seen is not None
    name = Path(str(seen["file"])).name
    assert Path(str(seen["file"])).parent == documents
    assert name.startswith(f"consultation-{held.date().isoformat()}-"), name
    # The surname as the passport spells it ("Zheng"), not transliterated ("Chzhen").
    assert name.endswith(".pdf") and file_part(surname.split()[0]) in name, name


# ---- tables that keep their columns ---------------------------------------------------------

def widths(view: QTableView) -> list[int]:
    header = view.horizontalHeader()
    return [header.sectionSize(column) for column in range(header.count())]


def test_todays_lists_keep_their_columns_as_they_empty(
        qtbot: QtBot, demo_database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.today import TodayScreen

    screen = TodayScreen(demo_database, busiest_caseworker(demo_database), today=DEMO_TODAY)
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.work is not None and not screen.loading, timeout=TIMEOUT)
    wait_idle(qtbot)
    view, model = screen.follow_ups.view, screen.follow_ups.model
    assert model.rowCount() >= 2
    # A list with nothing in it yet has its columns all the same: each at least its
    # title, a name's or a text's wide enough to read, not squeezed by the last.
    empty = screen.appointments.view if not screen.appointments.model.rowCount() else None
    if empty is not None:
        header = empty.horizontalHeader()
        assert all(header.sectionSize(c) >= header.sectionSizeHint(c)
                   for c in range(header.count()))
        assert header.sectionSize(1) >= 200  # the client's name
    monkeypatch.setattr(screen, "ask_comment", lambda line: "")
    before = widths(view)
    while model.rowCount():
        count = model.rowCount()
        view.setFocus()
        view.select_row(0)
        with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
            qtbot.mouseClick(screen.done_button,
                             Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda c=count: model.rowCount() < c, timeout=TIMEOUT)
        now = widths(view)
        assert now == before, (count, before, now)  # no column jumps, none collapses
    assert screen.work.follow_ups_total == 0


def test_the_files_follow_ups_keep_their_columns_when_one_is_marked_done(
        qtbot: QtBot, demo_database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.client_file import ClientFileWindow

    actor = busiest_caseworker(demo_database)
    with demo_database.reading() as connection:
        person = connection.scalar(
            select(FollowUp.person_id).where(FollowUp.assignee_id == actor.user_id,
                                             FollowUp.done.is_(False))
            .group_by(FollowUp.person_id).order_by(func.count().desc(), FollowUp.person_id)
            .limit(1))
    window = open_client_file(qtbot, demo_database, actor, uuid.UUID(str(person)),
                              "follow_ups")
    assert isinstance(window, ClientFileWindow)
    tab = window.follow_ups
    table = tab.table
    open_rows = [r for r in range(table.rowCount())
                 if not next(f for f in window.file.follow_ups if f.id == table.key(r)).done]
    assert open_rows
    table.selectRow(open_rows[0])
    monkeypatch.setattr(tab, "ask_comment",
                        lambda title: "Позвонила, придёт в понедельник с документами")
    before, shown_width = widths(table), table.width()
    version = window.file
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.file is not version, timeout=TIMEOUT)
    wait_idle(qtbot)
    QApplication.processEvents()  # the header stretches its last column once laid out
    assert table.width() == shown_width
    assert all(now >= then for now, then in zip(widths(table), before, strict=True)), (
        before, widths(table))

"""The consultation dialog, filled in with the keyboard and the mouse as a caseworker would."""

from __future__ import annotations

import warnings
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import (
    Consultation,
    Employer,
    FollowUp,
    JobReferral,
    Person,
    Referral,
    StatusChange,
    Vacancy,
)
from db.session import Database
from desktop import i18n
from desktop.services import messages
from desktop.services.auth import AccessDenied
from desktop.ui.consultation import ConsultationDialog
from tests.services.test_consultations import World, build_world
from tests.ui.conftest import TIMEOUT, wait_idle


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, any script: QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


def open_dialog(qtbot: QtBot, database: Database, world: World) -> ConsultationDialog:
    dialog = ConsultationDialog(database, world.aigerim, world.alia)
    # Closing at the end of a test must not wait on a question box.
    dialog.confirm_discard = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=TIMEOUT)  # the lists arrived
    # The offscreen platform activates no window by itself, and shortcuts need an active one.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(dialog)
    return dialog


def count(database: Database, model: object) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def tick(dialog: ConsultationDialog, code: str) -> None:
    """Check a topic with the keyboard: move to it and press Space."""
    topics = dialog.topics
    row = next(i for i in range(topics.count())
               if topics.item(i).data(Qt.ItemDataRole.UserRole) == code)
    topics.setFocus()
    topics.setCurrentRow(row)
    QApplication.sendEvent(topics, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space,
                                             Qt.KeyboardModifier.NoModifier, " "))


def test_a_consultation_with_two_topics_a_task_and_a_referral_saved_with_ctrl_s(
        qtbot: QtBot, database: Database, world: World) -> None:
    dialog = open_dialog(qtbot, database, world)
    assert "Нұрпейісова Әлия" in dialog.windowTitle()
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    tick(dialog, "documents")
    tick(dialog, "housing")
    assert sorted(dialog.checked_topics()) == ["documents", "housing"]
    type_text(dialog.texts["notes"], "Қандас куәлігін алды")
    type_text(dialog.texts["advice"], "Тұрғын үй кезегіне тұру")

    qtbot.mouseClick(dialog.add_follow_up_button, Qt.MouseButton.LeftButton)
    title = dialog.follow_up_table.cellWidget(0, 0)
    assignee = dialog.follow_up_table.cellWidget(0, 2)
    assert isinstance(title, QLineEdit) and isinstance(assignee, QComboBox)
    type_text(title, "Әкімдікке хабарласу")
    assignee.setCurrentIndex(assignee.findText("Омарова Дана"))
    qtbot.mouseClick(dialog.add_referral_button, Qt.MouseButton.LeftButton)
    service = dialog.referral_table.cellWidget(0, 0)
    provider = dialog.referral_table.cellWidget(0, 1)
    assert isinstance(service, QComboBox) and isinstance(provider, QComboBox)
    service.setCurrentIndex(service.findData("housing_support"))
    assert provider.count() == 2  # none, and the one social provider
    provider.setCurrentIndex(1)

    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT) as saved:
        qtbot.keyClick(dialog.texts["advice"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    consultation_id = saved.args[0]
    assert not dialog.isVisible()
    with database.session() as s:
        record = s.get(Consultation, consultation_id)
        assert record.channel_code == "phone" and record.notes == "Қандас куәлігін алды"
        assert sorted(t.code for t in record.topics) == ["documents", "housing"]
        assert record.case_id == world.alia_case
        task = s.scalars(select(FollowUp)).one()
        assert task.title == "Әкімдікке хабарласу" and task.assignee_id == world.dana.user_id
        assert task.consultation_id == consultation_id
        assert task.due_on == record.held_at.date() + timedelta(days=7)
        referral = s.scalars(select(Referral)).one()
        assert (referral.service_type_code, referral.provider_id) == (
            "housing_support", world.social_provider)
        assert s.scalars(select(StatusChange.status)).one() == "referred"


def test_problems_are_shown_beside_the_fields_and_nothing_is_saved(
        qtbot: QtBot, database: Database, world: World) -> None:
    dialog = open_dialog(qtbot, database, world)
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot)
    assert dialog.isVisible() and count(database, Consultation) == 0
    assert dialog.problems["channel"].isVisible()
    assert dialog.problems["channel"].text() == "Choose how the consultation was held."
    assert dialog.problems["topics"].text() == "Tick at least one topic."
    assert not dialog.problems["held_at"].isVisible()
    assert dialog.channel.hasFocus()  # the first problem's field

    # Fixing a field clears its problem at once.
    dialog.channel.setCurrentIndex(dialog.channel.findData("in_person"))
    assert not dialog.problems["channel"].isVisible()
    assert dialog.problems["topics"].isVisible()

    tick(dialog, "employment")
    dialog.book_next.setChecked(True)
    dialog.next_at.setDateTime(QDateTime.currentDateTime().addDays(-1))
    dialog.add_follow_up("", date.today() - timedelta(days=3))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problems["next_appointment_at"].text() == (
        "The next appointment cannot be in the past.")
    assert dialog.problems["follow_ups"].text().splitlines() == [
        "Line 1: Say what is to be done.", "Line 1: The due date is before the consultation."]
    assert count(database, Consultation) == 0

    dialog.next_at.setDateTime(QDateTime.currentDateTime().addDays(3))
    due = dialog.follow_up_table.cellWidget(0, 1)
    title = dialog.follow_up_table.cellWidget(0, 0)
    assert isinstance(due, QDateEdit) and isinstance(title, QLineEdit)
    due.setDate(QDate.currentDate().addDays(2))
    type_text(title, "Call back")
    assert not any(label.isVisible() for label in dialog.problems.values())
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert count(database, Consultation) == count(database, FollowUp) == 1


def test_a_consultation_cannot_be_dated_ahead(qtbot: QtBot, database: Database,
                                             world: World) -> None:
    dialog = open_dialog(qtbot, database, world)
    dialog.channel.setCurrentIndex(dialog.channel.findData("email"))
    tick(dialog, "documents")
    later = datetime.now() + timedelta(days=1)
    dialog.held_at.setDateTime(QDateTime(QDate(later.year, later.month, later.day),
                                         QTime(later.hour, later.minute)))
    assert not dialog.save()  # nothing sent
    assert dialog.problems["held_at"].isVisible() and count(database, Consultation) == 0


def test_removing_a_line_takes_it_out_of_what_is_saved(qtbot: QtBot, database: Database,
                                                       world: World) -> None:
    dialog = open_dialog(qtbot, database, world)
    dialog.add_follow_up("First")
    dialog.add_follow_up("Second")
    dialog.add_referral("legal_aid")
    dialog.follow_up_table.selectRow(0)
    qtbot.mouseClick(dialog.remove_follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.remove_referral_button, Qt.MouseButton.LeftButton)
    consultation = dialog.consultation()
    assert [t.title for t in consultation.follow_ups] == ["Second"]
    assert consultation.referrals == []


def test_escape_asks_before_throwing_away_what_was_typed(
        qtbot: QtBot, database: Database, world: World,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, database, world)
    asked: list[bool] = []
    monkeypatch.setattr(dialog, "confirm_discard", lambda: asked.append(True) or False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and asked == []

    dialog = open_dialog(qtbot, database, world)
    answers = iter([False, True])
    monkeypatch.setattr(dialog, "confirm_discard", lambda: asked.append(True) or next(answers))
    type_text(dialog.texts["notes"], "Бірдеңе")
    qtbot.keyClick(dialog.texts["notes"], Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == [True]  # "Cancel": keep typing
    qtbot.keyClick(dialog.texts["notes"], Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == [True, True]
    assert count(database, Consultation) == 0


def test_another_offices_client_is_refused(qtbot: QtBot, database: Database,
                                           world: World) -> None:
    dialog = ConsultationDialog(database, world.erlan, world.alia)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.refused, timeout=TIMEOUT) as refused:
        pass
    assert dialog.refusal is not None and isinstance(dialog.refusal.error, AccessDenied)
    assert refused.args == [messages.describe(dialog.refusal.error)]
    assert dialog.notice.isVisible() and dialog.notice.text() == refused.args[0]
    assert not dialog.body.isVisible() and not dialog.save_button.isVisible()
    assert not dialog.save()
    i18n.set_language("ru")
    dialog.retranslate()  # the refusal is worded again, in the new language
    assert dialog.notice.text() == messages.describe(dialog.refusal.error)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing to lose: closes at once
    assert not dialog.isVisible()
    assert count(database, Consultation) == 0


def test_a_refusal_by_the_service_when_saving_is_told_and_nothing_is_saved(
        qtbot: QtBot, database: Database, world: World,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.consultation import dialog as module

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise AccessDenied(None)  # e.g. the client moved to another office meanwhile

    dialog = open_dialog(qtbot, database, world)
    told: list[str] = []
    monkeypatch.setattr(dialog, "tell", told.append)
    monkeypatch.setattr(module, "record_consultation", refuse)
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    tick(dialog, "documents")
    with qtbot.assertNotEmitted(dialog.saved):
        assert dialog.save()
        assert not dialog.save_button.isEnabled() and not dialog.cancel_button.isEnabled()
        qtbot.waitUntil(lambda: bool(told), timeout=TIMEOUT)
    assert told == [messages.describe(AccessDenied(None))]
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert count(database, Consultation) == 0


def test_switching_language_relabels_the_lists(qtbot: QtBot, database: Database,
                                               world: World) -> None:
    dialog = open_dialog(qtbot, database, world)
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    english = dialog.channel.currentText()
    i18n.set_language("kk")
    dialog.retranslate()
    # The lists' labels come from the database, off the GUI thread.
    qtbot.waitUntil(lambda: dialog.channel.currentText() == "Телефон арқылы", timeout=TIMEOUT)
    assert dialog.channel.currentData() == "phone" and english != "Телефон арқылы"
    assert dialog.topics.item(0).text() != "Legal status"


def test_a_job_placement_referral_names_a_vacancy_that_fits_and_lands_in_employment(
        qtbot: QtBot, database: Database, world: World) -> None:
    with database.session() as s:
        s.get(Person, world.alia).profession = "Аспаз"
        employer = Employer(name="«Дастархан» ЖШС", sector_code="hospitality", region_code="71")
        s.add(employer)
        s.flush()
        cook = Vacancy(employer_id=employer.id, title="Аспаз", profession="аспаз",
                       sector_code="hospitality", region_code="71", positions=2,
                       opened_on=date(2026, 11, 1))
        s.add(cook)
        s.flush()
        cook_id = cook.id
    dialog = open_dialog(qtbot, database, world)
    dialog.channel.setCurrentIndex(dialog.channel.findData("in_person"))
    tick(dialog, "employment")
    qtbot.mouseClick(dialog.add_referral_button, Qt.MouseButton.LeftButton)
    service = dialog.referral_table.cellWidget(0, 0)
    choice = dialog.referral_table.cellWidget(0, 1)
    assert isinstance(service, QComboBox) and isinstance(choice, QComboBox)
    service.setCurrentIndex(service.findData("job_placement"))
    # The vacancies that fit the client, after "chosen later": no provider for a job.
    assert choice.itemText(0) == "— vacancy chosen later —"
    assert choice.itemData(1) == cook_id  # the best fit first
    assert choice.itemText(1).startswith("Аспаз — «Дастархан» ЖШС")
    choice.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        qtbot.keyClick(dialog.texts["notes"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with database.session() as s:
        referral = s.scalars(select(JobReferral)).one()
        assert (referral.vacancy_id, referral.employer_id, referral.status.value) == (
            cook_id, employer.id, "referred")
        assert count(database, Referral) == 0  # not a social-services referral

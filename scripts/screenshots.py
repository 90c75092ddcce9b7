"""Render the main screens from a demo database in each language into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [DEMO_DB]

Builds a small demo database when none is given. Runs offscreen: no display needed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from db.migrate import open_database
from desktop import i18n
from desktop.services.auth import log_in

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1280, 800)


def settle(seconds: float = 0.4, until: Callable[[], bool] | None = None) -> None:
    deadline = time.monotonic() + 30
    while until is not None and not until() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, language: str, name: str) -> None:
    path = OUT / f"{language}-{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(OUT.parent.parent))


def main() -> None:
    # As an office's machine shows them: the log keeps UTC, the History the local time.
    os.environ["TZ"] = "Asia/Almaty"
    time.tzset()
    app = QApplication(sys.argv)
    app.setOrganizationName("Qadam-screenshots")  # keep the user's own window layout apart
    if len(sys.argv) > 1:
        database = open_database(sys.argv[1], create=False)
    else:
        from desktop.services.demo.generator import generate

        database = open_database(Path(tempfile.mkdtemp()) / "demo.db")
        generate(database, clients=3000, seed=1)
    OUT.mkdir(parents=True, exist_ok=True)
    manager = log_in(database, "manager.ast", "qadam-manager")
    admin = log_in(database, "admin", "qadam-admin")
    caseworker = log_in(database, "cw1.ast", "qadam-caseworker")

    from desktop.ui import operations
    from desktop.ui.client_file import ClientFileWindow
    from desktop.ui.main_window import MainWindow
    from desktop.ui.qt_language import apply_qt_language

    for language in i18n.LANGUAGES:
        i18n.set_language(language)
        apply_qt_language(language)  # Qt's own words too: OK, Cancel, the file dialog
        window = MainWindow(database, admin)
        window.resize(*SIZE)
        window.show()
        settle(0.2, lambda: not operations.busy())  # lists and counts come from workers
        for key, _title, _screen in window.sections:
            window.show_section(key)
            if key == "reports":
                window.reports.month.setCurrentIndex(1)
                window.reports.language.setCurrentIndex(
                    window.reports.language.findData(language))
                window.reports.start()
                settle(0.6, lambda w=window: w.reports.document.pageCount() > 0)
            elif key == "clients":
                window.clients.search.setText("Нұр")
                window.clients.apply_search()
                settle(0.5, lambda w=window: w.model.text == "Нұр")
            else:
                settle(0.4, lambda: not operations.busy())
            save(window, language, key)
        window.show_section("courses")
        running = [line for line in window.courses.model.rows
                   if line.group.status.value == "running"]
        busiest = max(running, key=lambda line: line.fill.holding)
        group = window.courses.open_group(busiest.group.id)
        group.resize(*SIZE)
        settle(0.3, lambda g=group: g.register is not None and not operations.busy())
        save(group, language, "course-group")
        group.tabs.setCurrentWidget(group.register_view)
        settle(0.3, lambda: not operations.busy())
        save(group, language, "course-register")
        group.close()
        window.show_section("employment")
        offers = window.employment.vacancies
        settle(0.3, lambda o=offers: bool(o.model.rows) and not operations.busy())
        offers.table.selectRow(0)
        candidates = offers.open_candidates()
        if candidates is not None:
            candidates.resize(*SIZE)
            settle(0.4, lambda c=candidates: bool(c.fits.model.rows)
                   and not operations.busy())
            save(candidates, language, "vacancy-candidates")
            candidates.close()
        window.show_section("social")
        window.social.tabs.setCurrentWidget(window.social.rooms)
        settle(0.4, lambda: not operations.busy())
        window.social.rooms.table.selectRow(1)  # a room with guests tonight
        settle(0.3, lambda: not operations.busy())
        save(window, language, "social-rooms")
        window.show_section("administration")
        window.administration.tabs.setCurrentWidget(window.administration.providers)
        settle(0.4, lambda: not operations.busy())
        save(window, language, "administration-providers")
        window.show_section("clients")
        window.new_client()
        window.intake.resize(window.intake.width(), 760)  # as wide as it opens
        settle(0.3, lambda: not operations.busy())
        save(window.intake, language, "intake")
        window.intake.discard()
        person = window.model.row(0).id
        window.close()

        from desktop.ui.login.login_dialog import LoginDialog

        login = LoginDialog(database)
        login.show()
        settle(0.2)
        save(login, language, "login")
        login.close()

        file_window = ClientFileWindow(database, caseworker if _in_office(
            database, caseworker, person) else manager, person)
        file_window.resize(*SIZE)
        file_window.show()
        settle(0.1, lambda w=file_window: w.file is not None and not operations.busy())
        for tab in ("profile", "documents", "consultations", "services", "follow_ups",
                    "history"):
            file_window.show_tab(tab)
            settle(0.3)
            save(file_window, language, f"client-file-{tab}")
        enrol = file_window.course_actions.enrol()
        if enrol is not None:
            settle(0.3, lambda: not operations.busy())
            save(enrol, language, "enrol-in-course")
            enrol.reject()
        file_window.close()

        # A job seeker with a placement: the Employment tab and the vacancies that fit.
        seeker = _job_seeker(database)
        file_window = ClientFileWindow(database, manager, seeker)
        file_window.resize(*SIZE)
        file_window.show()
        settle(0.1, lambda w=file_window: w.file is not None and not operations.busy())
        file_window.show_tab("employment")
        settle(0.3, lambda: not operations.busy())
        save(file_window, language, "client-file-employment")
        matches = file_window.employment_actions.find_vacancies()
        if matches is not None:
            matches.resize(1180, 640)
            settle(0.5, lambda: not operations.busy())
            save(matches, language, "find-vacancies")
            matches.reject()
        # A family of the quota: their referrals, support measures and stay.
        family = ClientFileWindow(database, manager, _quota_family(database))
        family.resize(*SIZE)
        family.show()
        settle(0.1, lambda w=family: w.file is not None and not operations.busy())
        family.show_tab("social")
        page = family.social_page
        for part, name in ((page.referrals, "referrals"), (page.entitlements, "support"),
                           (page.accommodation, "accommodation")):
            page.parts.setCurrentWidget(part)
            settle(0.4, lambda: not operations.busy())
            save(family, language, f"client-file-social-{name}")
        family.close()
        from desktop.ui.consultation import ConsultationDialog

        dialog = ConsultationDialog(database, file_window.actor, person, file_window)
        dialog.resize(900, 780)
        dialog.show()
        settle(0.3, lambda d=dialog: d.choices is not None)
        save(dialog, language, "consultation")
        dialog.reject()
        file_window.close()
    database.dispose()


def _job_seeker(database: object) -> object:
    """A job seeker with a placement, one with a referral under way first."""
    from sqlalchemy import select

    from db.models import JobReferral, JobReferralStatus, JobSeeker, Person, Placement

    under_way = Person.id.in_(select(JobReferral.person_id).where(
        JobReferral.status.in_([JobReferralStatus.REFERRED, JobReferralStatus.INTERVIEW])))
    with database.reading() as connection:  # type: ignore[attr-defined]
        return connection.scalar(
            select(Person.id).join(JobSeeker, JobSeeker.person_id == Person.id)
            .where(Person.id.in_(select(Placement.person_id)))
            .order_by(under_way.desc(), Person.sort_key).limit(1))


def _quota_family(database: object) -> object:
    """A family head with payments of a support measure, a stay and a referral."""
    from sqlalchemy import func, select

    from db.models import Entitlement, EntitlementPayment, Referral, Stay

    with database.reading() as connection:  # type: ignore[attr-defined]
        return connection.scalar(
            select(Entitlement.person_id)
            .join(EntitlementPayment, EntitlementPayment.entitlement_id == Entitlement.id)
            .where(Entitlement.person_id.in_(select(Stay.person_id)),
                   Entitlement.person_id.in_(select(Referral.person_id)))
            .group_by(Entitlement.person_id)
            .order_by(func.count().desc()).limit(1))


def _in_office(database: object, actor: object, person: object) -> bool:
    from desktop.services.auth import AccessDenied, ensure_person_access

    try:
        ensure_person_access(database, actor, person)  # type: ignore[arg-type]
    except AccessDenied:
        return False
    return True


if __name__ == "__main__":
    main()

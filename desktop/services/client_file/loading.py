"""Loading one client's file: a fixed handful of indexed queries, turned into what the tabs show."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from db.models.person import DocumentStatus
from db.queries import client_file as queries
from db.queries import duplicates, job_seeking
from db.session import Database
from desktop.domain.iin import mask_iin
from desktop.i18n import (
    N_,
    _,
    country_choices,
    current_language,
    format_date,
    format_number,
    format_percent,
    ngettext,
)
from desktop.services.access import Actor, Permission, anyone, pure, requires
from desktop.services.auth import check_person_office
from desktop.services.client_file.goal_services import ServiceKind, ServiceRow, service_label
from desktop.services.client_file.history import HistoryWriter
from desktop.services.client_file.items import (
    CaseItem,
    ClientFile,
    ConsultationItem,
    CourseItem,
    DocumentItem,
    FollowUpItem,
    GoalItem,
    GoalServiceItem,
    Header,
    HouseholdItem,
    JobItem,
    JobSeekerItem,
    NoSuchClient,
    PendingTransfer,
    PlacementItem,
    Profile,
    ProfileChoices,
    RetentionItem,
    SocialItem,
    Urgency,
)
from desktop.services.client_file.labels import (
    CASE_STATUS,
    DOCUMENT_LANGUAGES,
    ENROLMENT_STATUS,
    GOAL_STATUS,
    JOB_STATUS,
    REFERRAL_STATUS,
    SEXES,
    WARD,
    local_time,
    money,
)
from desktop.services.employment.labels import contract_type_text
from desktop.services.reference import reference_choices
from desktop.settings import document_warning_days

# A follow-up due within this many days says so. Documents are flagged from the
# number of days set in desktop.settings (document_warning_days), as Today lists them.
SOON_DAYS = 30
# The link says "B is A's <relationship>"; seen from B's file, A is B's inverse of it.
INVERSE_RELATIONSHIP = {"child": "parent", "parent": "child", "grandparent": "grandchild",
                        "grandchild": "grandparent", "guardian": None}


@anyone("the profile form's lists: reference data and labels, no personal data")
def profile_choices(database: Database) -> ProfileChoices:
    countries = country_choices()
    return ProfileChoices(
        reference_choices(database, "migrant_category"), reference_choices(database, "region"),
        reference_choices(database, "education_level"),
        reference_choices(database, "consent_form"), countries,
        [(code, _(label)) for code, label in SEXES.items()],
        [(code, _(label)) for code, label in DOCUMENT_LANGUAGES.items()])


@requires(Permission.WORK_WITH_CLIENTS)
def load_file(database: Database, actor: Actor, person_id: uuid.UUID,
              today: date | None = None) -> ClientFile:
    """The whole file; AccessDenied for another office's client, NoSuchClient if there is none."""
    today = today or date.today()
    language = current_language()
    with database.reading() as connection:
        # An old link to a file merged since (a list, a sync) opens the file it went into.
        opened_as, person_id = person_id, duplicates.resolve(connection, person_id)
        merged_from = duplicates.tombstone(connection, opened_as) if opened_as != person_id \
            else None
        check_person_office(connection, actor, person_id)
        details = queries.person_details(connection, person_id, language)
        if details is None:
            raise NoSuchClient(person_id)
        cases = queries.cases(connection, person_id, language)
        transfers = queries.pending_transfers(connection, person_id) if cases else []
        goals = queries.case_goals(connection, person_id, language)
        goal_links = queries.goal_services(connection, person_id) if goals else []
        documents = queries.documents(connection, person_id, language)
        household = queries.household(connection, person_id)
        relationships = (queries.reference_labels(connection, "relationship", language)
                         if household else {})
        consultations = queries.consultations(connection, person_id, language)
        courses = queries.enrolments(connection, person_id, language)
        jobs = queries.job_referrals(connection, person_id, language)
        placements = queries.placements(connection, person_id, language)
        checks = (job_seeking.retention_checks(connection, person_id, language)
                  if placements else [])
        seeker = job_seeking.seeker(connection, person_id, language)
        social = queries.social_referrals(connection, person_id, language)
        follow_ups = queries.follow_ups(connection, person_id)
        audit = queries.audit_entries(connection, person_id)
        history = HistoryWriter(connection, language).items(
            audit, details, documents, consultations, follow_ups, cases, goals, courses, jobs,
            placements, social, household)
    values = details.values
    scope = actor.office_scope
    return ClientFile(
        person_id=person_id, office_id=details.office_id,
        preferred_language=values["preferred_language"],
        header=_merged_note(_header(details, cases, today), merged_from),
        profile=Profile(dict(values), details.version),
        documents=_documents(documents, today),
        household=[HouseholdItem(h.person_id, h.name, h.name_latin, h.birth_date,
                                 _relationship(h, relationships),
                                 scope is None or h.office_id == scope, h.link_id, h.forward)
                   for h in household],
        consultations=[ConsultationItem(c.id, c.held_at, c.channel, ", ".join(c.topics),
                                        c.caseworker, c.advice, c.next_steps,
                                        c.next_appointment_at, c.caseworker_id, c.office_id)
                       for c in consultations],
        courses=[_course(c) for c in courses],
        jobs=[_job(j) for j in jobs],
        placements=_placements(placements, checks),
        social=[SocialItem(s.id, s.service, s.provider,
                           _(REFERRAL_STATUS.get(s.status, s.status)), s.referred_on,
                           s.closed_on, s.outcome) for s in social],
        follow_ups=[_follow_up(f, today) for f in follow_ups],
        goals=_goals(goals, goal_links, cases, (courses, jobs, placements, social), today),
        history=history,
        case=_case_item(cases, transfers),
        job_seeker=_seeker(seeker))


def _job(row: queries.JobReferralRow) -> JobItem:
    return JobItem(row.id, row.employer, row.vacancy, _(JOB_STATUS.get(row.status, row.status)),
                   row.referred_on, row.outcome_on, money(row.monthly_wage), row.kind,
                   row.status, row.version, row.vacancy_id, row.provider, row.course_title,
                   row.service, row.starts_on, row.ends_on, row.interview_on, row.note,
                   row.sector_code, row.monthly_wage)


def _placements(rows: list[queries.PlacementRow],
                checks: list[job_seeking.RetentionRow]) -> list[PlacementItem]:
    by_placement: dict[uuid.UUID, list[RetentionItem]] = {}
    for c in checks:
        by_placement.setdefault(c.placement_id, []).append(RetentionItem(
            c.id, c.version, c.months_after, c.due_on, c.checked_on, c.still_employed,
            c.leaving_reason, c.note))
    return [PlacementItem(p.id, p.employer, p.position, p.started_on, p.ended_on,
                          money(p.monthly_wage), contract_type_text(p.contract_type),
                          p.sector, tuple(by_placement.get(p.id, ())))
            for p in rows]


def _seeker(row: job_seeking.SeekerRow | None) -> JobSeekerItem | None:
    if row is None:
        return None
    return JobSeekerItem(row.qualification, row.experience_years, row.driving_licence,
                         row.health_limits, row.childcare, row.unemployed_since, row.seeking,
                         row.sectors, row.regions)


@pure
def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _merged_note(header: Header, merged: duplicates.TombstoneRow | None) -> Header:
    if merged is None:
        return header
    return replace(header, merged_note=_(
        "The file of {name} was merged into this one on {date}.").format(
            name=merged.summary.get("name", ""), date=format_date(merged.merged_at.date())))


def _header(details: queries.PersonDetails, cases: list[queries.CaseRow], today: date) -> Header:
    values = details.values
    name = " ".join(p for p in (values["surname"], values["given_name"], values["patronymic"])
                    if p)
    latin = " ".join(p for p in (values["surname_latin"], values["given_name_latin"]) if p)
    case = _current_case(cases)
    status = _case_status(case) if case is not None else _("No case")
    age = ""
    if values["birth_date"] is not None:
        years = age_on(values["birth_date"], today)
        age = ngettext("{years} year", "{years} years", years).format(years=format_number(years))
    return Header(name, latin, values["name_original"], details.category, status,
                  case.caseworker if case else "", age, mask_iin(values["iin"]),
                  details.office_name)


def _current_case(cases: list[queries.CaseRow]) -> queries.CaseRow | None:
    """The case the file is about: the open one (one per office), else the latest."""
    return next((c for c in cases if c.status == "open"), cases[0] if cases else None)


def _case_status(case: queries.CaseRow) -> str:
    if case.status == "open":
        return _("Case open since {date}").format(date=format_date(case.opened_on))
    status = _("Case closed on {date}").format(date=format_date(case.closed_on))
    if case.closure_reason:
        status = _("{status}: {reason}").format(status=status, reason=case.closure_reason)
    return status


def _case_item(cases: list[queries.CaseRow],
               transfers: list[queries.PendingTransferRow]) -> CaseItem | None:
    case = _current_case(cases)
    if case is None:
        return None
    status = _case_status(case)
    pending = next((PendingTransfer(t.id, t.version, t.to_office_id, t.to_office,
                                    t.requested_on, t.note)
                    for t in transfers if t.case_id == case.id), None)
    if pending is not None:
        # Said with the status, so that every place showing the case's state says it too.
        status = _("{status}; transfer to {office} requested on {date}").format(
            status=status, office=pending.to_office, date=format_date(pending.requested_on))
    return CaseItem(case.id, case.version, case.office_id, case.office_name,
                    case.status == "open", status, case.opened_on, case.closed_on,
                    case.closure_reason, case.caseworker_id, case.caseworker, pending)


def _relationship(row: queries.HouseholdRow, labels: dict[str, str]) -> str:
    return relationship_label(row.relationship_code, row.forward, labels)


@pure
def relationship_label(code: str, forward: bool, labels: dict[str, str]) -> str:
    """Who the other person of a link is to this client: the link's own relationship
    when it was recorded from this client's side (``forward``), else its inverse."""
    seen: str | None = code
    if not forward:
        seen = INVERSE_RELATIONSHIP.get(code, code)
        if seen is None:
            return _(WARD)
    return labels.get(seen or "", seen or "")


def _documents(rows: list[queries.DocumentRow], today: date) -> list[DocumentItem]:
    soon = document_warning_days()  # read once per file, not once per document
    successors = {row.id: row for row in rows}
    return [_document(row, today, soon, successors) for row in rows]


def _document(row: queries.DocumentRow, today: date, soon: int,
              successors: dict[uuid.UUID, queries.DocumentRow]) -> DocumentItem:
    urgency, marker = Urgency.NONE, ""
    if row.status != DocumentStatus.VALID:
        marker = _document_state(row, successors)
    elif row.expires_on is not None:
        days = (row.expires_on - today).days
        if days < 0:
            urgency = Urgency.LATE
            marker = ngettext("Expired {days} day ago", "Expired {days} days ago",
                              -days).format(days=-days)
        elif days == 0:
            urgency, marker = Urgency.SOON, _("Expires today")
        elif days <= soon:
            urgency = Urgency.SOON
            marker = ngettext("Expires in {days} day", "Expires in {days} days",
                              days).format(days=days)
    return DocumentItem(row.id, row.type, row.number, row.issued_by, row.issued_on,
                        row.expires_on, urgency, marker, row.type_code, row.version, row.status,
                        row.status_on, row.status_note, row.replaced_by_id)


def _document_state(row: queries.DocumentRow,
                    successors: dict[uuid.UUID, queries.DocumentRow]) -> str:
    """What became of a document no longer valid, in words: when, and by what or why."""
    when = format_date(row.status_on) if row.status_on is not None else ""
    if row.status == DocumentStatus.REPLACED:
        successor = successors.get(row.replaced_by_id) if row.replaced_by_id else None
        by = (successor.number or successor.type) if successor is not None else ""
        if by and when:
            return _("Replaced by {document} on {date}").format(document=by, date=when)
        if by:
            return _("Replaced by {document}").format(document=by)
        return _("Replaced on {date}").format(date=when) if when else _("Replaced")
    if row.status == DocumentStatus.LOST:
        text = _("Lost on {date}").format(date=when) if when else _("Lost")
    else:
        text = _("Revoked on {date}").format(date=when) if when else _("Revoked")
    if row.status_note:
        text = _("{state}: {note}").format(state=text, note=row.status_note)
    return text


# The day each state is dated by: the enrolment's for a participant, the end for the rest.
_COURSE_STATES = {"enrolled": N_("Enrolled on {date}"), "completed": N_("Completed on {date}"),
                  "dropped": N_("Dropped out on {date}"),
                  "withdrawn": N_("Left the waiting list on {date}")}


def _course(row: queries.EnrolmentRow) -> CourseItem:
    level = " ".join(p for p in (row.language, row.level) if p)
    change = (f"{row.level_before or '—'} → {row.level_after or '—'}"
              if row.level_before or row.level_after else "")
    attendance = ""
    if row.counted:
        attendance = _("{rate} ({present}/{counted})").format(
            rate=format_percent(row.present / row.counted), present=format_number(row.present),
            counted=format_number(row.counted))
    return CourseItem(row.id, row.group, row.course, level,
                      _(ENROLMENT_STATUS.get(row.status, row.status)), row.enrolled_on,
                      row.finished_on, row.starts_on, row.ends_on, change, _course_state(row),
                      attendance, row.dropout_reason, row.status, row.version, row.group_id,
                      row.offered_on, row.position, row.present, row.counted,
                      row.level_before, row.level_after, row.language, row.level)


def _course_state(row: queries.EnrolmentRow) -> str:
    """The enrolment's state in words: since when, or where on the waiting list."""
    if row.status == "waiting":
        if row.offered_on is not None:
            return _("Place offered on {date}").format(date=format_date(row.offered_on))
        return _("On the waiting list, no. {position}").format(
            position=format_number(row.position or 1))
    template = _COURSE_STATES.get(row.status)
    if template is None:
        return _(ENROLMENT_STATUS.get(row.status, row.status))
    day = row.enrolled_on if row.status == "enrolled" else row.finished_on or row.enrolled_on
    return _(template).format(date=format_date(day))


def _follow_up(row: queries.FollowUpRow, today: date) -> FollowUpItem:
    urgency, marker = Urgency.NONE, ""
    days = (row.due_on - today).days
    if row.done:
        marker = (_("Done {date}").format(date=format_date(local_time(row.done_at).date()))
                  if row.done_at else _("Done"))
    elif days < 0:
        urgency = Urgency.LATE
        marker = ngettext("Overdue by {days} day", "Overdue by {days} days",
                          -days).format(days=-days)
    elif days == 0:
        urgency, marker = Urgency.SOON, _("Due today")
    elif days <= SOON_DAYS:
        marker = ngettext("Due in {days} day", "Due in {days} days", days).format(days=days)
    comment = row.done_comment
    if not row.done and comment:  # an open task's comment is why it was reopened
        comment = _("Reopened: {reason}").format(reason=comment)
    return FollowUpItem(row.id, row.title, row.due_on, row.assignee, row.done, row.done_at,
                        comment, urgency, marker, row.version, row.assignee_id)


def _goals(rows: list[queries.GoalRow], links: list[queries.GoalServiceRow],
           cases: list[queries.CaseRow], services: tuple[list[queries.EnrolmentRow],
                                                         list[queries.JobReferralRow],
                                                         list[queries.PlacementRow],
                                                         list[queries.SocialReferralRow]],
           today: date) -> list[GoalItem]:
    # The services are the file's own lists, already read: naming them costs no query.
    courses, jobs, placements, social = services
    found: dict[tuple[str, uuid.UUID], ServiceRow] = {}
    for kind, kind_rows in ((ServiceKind.ENROLMENT, courses), (ServiceKind.JOB_REFERRAL, jobs),
                            (ServiceKind.PLACEMENT, placements), (ServiceKind.REFERRAL, social)):
        found.update(((kind.value, r.id), r) for r in kind_rows)
    by_goal: dict[uuid.UUID, list[GoalServiceItem]] = {}
    for link in links:
        row = found.get((link.kind, link.service_id))
        if row is not None:
            label = service_label(ServiceKind(link.kind), row, _, current_language())
            by_goal.setdefault(link.goal_id, []).append(
                GoalServiceItem(link.id, link.kind, link.service_id, label))
    return [_goal(g, cases, today, tuple(by_goal.get(g.id, ()))) for g in rows]


def _goal(row: queries.GoalRow, cases: list[queries.CaseRow], today: date,
          services: tuple[GoalServiceItem, ...] = ()) -> GoalItem:
    case = next((c for c in cases if c.id == row.case_id), None)
    case_text = ""
    if case is not None:
        case_text = _("{status}, opened {date}").format(
            status=_(CASE_STATUS.get(case.status, case.status)), date=format_date(case.opened_on))
    late = (row.target_date is not None and row.target_date < today
            and row.status in ("planned", "in_progress"))
    return GoalItem(row.id, row.area, row.description, row.target_date,
                    _(GOAL_STATUS.get(row.status, row.status)), case_text,
                    Urgency.LATE if late else Urgency.NONE, row.case_id, row.version,
                    row.area_code, row.status, row.status_on, row.note,
                    case is not None and case.status == "open", services)

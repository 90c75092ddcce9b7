"""The individual adaptation and integration plan as handed to the client: one or two A4
pages in their language, with the goals by area and signature lines for both sides."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from db.reports.plan import PlanGoal, PlanRecord
from desktop.i18n import N_, NC_, format_date
from desktop.reports.labels import COLUMNS, Words
from desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    DASH,
    Cell,
    Footer,
    Styles,
    build,
    client_names,
    data_table,
    details_table,
    generated_line,
    letterhead,
    para,
    save,
    signatures,
    styles,
)

PLAN_LABELS = {
    "title": N_("Individual adaptation and integration plan"),
    "client": N_("Client"),
    "iin": N_("IIN"),
    "birth_date": N_("Birth date"),
    "category": N_("Category"),
    "arrival_date": N_("Arrival date"),
    "case_opened": N_("Case opened"),
    "case_closed": N_("Case closed"),
    "family": N_("Family members"),
    "no_family": N_("No family members are recorded in the file."),
    "name": NC_("person", "Name"),
    "relationship": N_("Relationship"),
    "goals": N_("Goals"),
    "no_goals": N_("No goals have been set yet."),
    "goal": N_("Goal"),
    "target_date": N_("Target date"),
    "status": N_("Status"),
    "services": N_("Services"),
    "status_on": N_("{status} on {date}"),
    "agreed": N_("The client and the caseworker agreed this plan together; the client "
                 "received a copy."),
}
# Tried in turn until the plan fits on two pages (the rules' form is one or two).
SCALES = (1.0, 0.93, 0.86, 0.8, 0.74)
MAX_PAGES = 2


def write_plan_pdf(record: PlanRecord, target: Path | BinaryIO) -> None:
    """Writes the plan to a file path (all or nothing) or into a binary stream."""
    words = Words(record.language)
    title = words(PLAN_LABELS["title"])
    pdf = b""
    for scale in SCALES:
        buffer = io.BytesIO()
        footer = Footer(words, generated_line(words, record.generated_at, record.caseworker)
                        if record.generated_at else "")
        pages = build(buffer, _story(record, words, styles(scale)), footer,
                      title=f"{title} — {record.client_name}", author=record.caseworker)
        pdf = buffer.getvalue()
        if pages <= MAX_PAGES:
            break
    save(target, lambda stream: stream.write(pdf))


def _story(record: PlanRecord, words: Words, st: Styles) -> list[Flowable]:
    language = record.language

    def label(key: str) -> str:
        return words(PLAN_LABELS[key])

    def day(value: date | None) -> str:
        return format_date(value, language=language) if value is not None else DASH

    client = client_names(record.client_name, record.client_name_latin,
                          record.client_name_original, st)
    case_row = (label("case_opened"), day(record.case_opened_on),
                                    words(COLUMNS["caseworker"]), record.caseworker or DASH)
    details = [
        (label("client"), client, label("iin"), record.client_iin_masked or DASH),
        (label("birth_date"), day(record.birth_date), label("category"), record.category),
        (label("arrival_date"), day(record.arrival_date), words(COLUMNS["office"]),
         record.office_name),
        case_row,
    ]
    if record.case_closed_on is not None:
        details.append((label("case_closed"), day(record.case_closed_on), "", ""))
    story: list[Flowable] = [
        *letterhead(record.letterhead, st),
        para(label("title"), st.title),
        Spacer(1, 2 * mm),
        details_table(details, st),
        para(label("family"), st.subheading),
    ]
    if record.members:
        story.append(data_table(
            [label("name"), label("relationship"), label("birth_date")],
            [[m.name, m.relationship or DASH, day(m.birth_date)] for m in record.members],
            [CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.25, CONTENT_WIDTH * 0.25], st,
            text_columns=3))
    else:
        story.append(para(label("no_family"), st.body))
    story.append(para(label("goals"), st.heading))
    if not record.goals:
        story.append(para(label("no_goals"), st.body))
    # The goals come ordered by area: each area is a heading with its goals under it.
    for area, goals in groupby(record.goals, key=lambda g: g.area):
        rows = [_goal_row(goal, words, st, day) for goal in goals]
        story.append(KeepTogether([
            para(area, st.subheading),
            data_table([label("goal"), label("target_date"), label("status"),
                        label("services")], rows,
                       [CONTENT_WIDTH * 0.34, CONTENT_WIDTH * 0.14, CONTENT_WIDTH * 0.16,
                        CONTENT_WIDTH * 0.36], st, text_columns=4)]))
    story += [Spacer(1, 5 * mm), para(label("agreed"), st.small), Spacer(1, 4 * mm),
              signatures(words, record.client_name, record.caseworker, st)]
    return story


def _goal_row(goal: PlanGoal, words: Words, st: Styles,
              day: Callable[[date | None], str]) -> list[Cell]:
    what: list[Flowable] = [para(goal.description, st.cell)]
    if goal.note:
        what.append(para(goal.note, st.small))
    status = goal.status
    if goal.status_on is not None:
        status = words(PLAN_LABELS["status_on"]).format(status=status, date=day(goal.status_on))
    services = [para(f"•  {line}", st.cell) for line in goal.services] or [para(DASH, st.cell)]
    return [what, day(goal.target_date), status, services]

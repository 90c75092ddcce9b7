"""Level tests: an entry assessment when a participant starts, an exit one when they finish.

An assessment belongs to the client (``level_assessment.person_id``: their language
history outlives the group) and to the enrolment it was made for. The entry level is
the enrolment's level before; the exit level its level after, and the profile's level
for the language rises to it when it is higher.
"""

from __future__ import annotations

import uuid
from datetime import date

from db.models import AssessmentKind, LevelAssessment
from db.models.reference import LanguageLevel
from db.session import Database
from desktop.services.access import Actor, Permission, requires
from desktop.services.courses.enrolment import participant, raise_profile_level
from desktop.services.courses.errors import InvalidOutcome

__all__ = ["MAX_SCORE", "record_assessment"]

MAX_SCORE = 100
MAX_ASSESSOR = 120


@requires(Permission.WORK_WITH_CLIENTS)
def record_assessment(database: Database, actor: Actor, enrolment_id: uuid.UUID,
                      kind: AssessmentKind, level_code: str | None, score: int | None,
                      assessor: str, on: date | None = None, *,
                      today: date | None = None) -> uuid.UUID:
    """Record an entry or exit test (``score`` 0–100, optional). Raises InvalidOutcome,
    AccessDenied, NoSuchEnrolment."""
    today = today or date.today()
    on = on or today
    with database.session(actor.user_id) as session:
        enrolment, group = participant(session, actor, enrolment_id)
        if not level_code:
            raise InvalidOutcome(InvalidOutcome.Why.LEVEL_REQUIRED)
        if session.get(LanguageLevel, level_code) is None:
            raise InvalidOutcome(InvalidOutcome.Why.UNKNOWN_CODE)
        if score is not None and not 0 <= score <= MAX_SCORE:
            raise InvalidOutcome(InvalidOutcome.Why.SCORE_RANGE)
        if on > today:
            raise InvalidOutcome(InvalidOutcome.Why.DATE_OUTSIDE)
        test = LevelAssessment(person_id=enrolment.person_id, language_code=group.language_code,
                               level_code=level_code, assessed_on=on,
                               assessor=assessor.strip()[:MAX_ASSESSOR], score=score,
                               enrolment_id=enrolment.id, kind=kind)
        session.add(test)
        if kind is AssessmentKind.ENTRY:
            enrolment.level_before_code = level_code
        else:
            enrolment.level_after_code = level_code
            raise_profile_level(session, enrolment.person_id, group.language_code, level_code)
        session.flush()
        return test.id

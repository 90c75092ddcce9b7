"""Matching job seekers and vacancies, both ways, with the reasons for each match.

A vacancy's requirements (profession, languages at a level, driving licence categories,
years of experience) either hold for the seeker or fall short; the seeker's wishes
(sectors, regions) and the profession they have make a match better. The order: fewest
requirements short first, then the best score, then the higher wage (or, for seekers,
the longer unemployed). Seeing a vacancy's seekers, a user of several offices gets
their own office's first.

Every reason carries its labels in the UI language; ``messages.reason_text`` words it
("needs Kazakh B1 — client has A2").
"""

from __future__ import annotations

import enum
import functools
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from db.queries import matching as queries
from db.queries.client_file import reference_lists
from db.queries.matching import Ranking, SeekerFacts, VacancyFacts
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.courses.enrolment import KAZTEST_LEVELS, LEVEL_ORDER, level_rank
from desktop.services.employment.vacancies import NoSuchVacancy, licence_categories
from desktop.services.follow_ups import NoSuchClient

__all__ = ["MATCH_LIMIT", "Criterion", "Labels", "Reason", "SeekerMatch", "VacancyMatch",
           "match", "match_seekers", "match_vacancies", "profession_fits",
           "vacancy_choice_text", "word_keys"]

MATCH_LIMIT = 200
# The database ranks a vacancy's candidates by the same rules, but finds a profession
# loosely: it hands over this many times the matches shown, for the exact rules to sort.
CANDIDATE_MARGIN = 3
LEVEL_STEPS = {code: step for code in (*LEVEL_ORDER, *KAZTEST_LEVELS, "native")
               if (step := level_rank(code)) is not None}
# What each kind of fit adds to a match: a profession outweighs a wish; each requirement
# met (a language, the licence, the experience) adds the same.
WEIGHTS = {"profession": 40, "sector": 20, "region": 20, "requirement": 5}
_WORD = re.compile(r"\w+")
STEM = 5  # letters two forms of a word share at least
ENDING = 3  # letters an ending may add or change ("сварщик" → "сварщица")


class Criterion(enum.Enum):
    PROFESSION = "profession"
    SECTOR = "sector"
    REGION = "region"
    LANGUAGE = "language"
    LICENCE = "licence"
    EXPERIENCE = "experience"


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing a match rests on. ``required``: a requirement of the vacancy (unmet, the
    seeker falls short of it); otherwise a wish or a fit that only ranks.

    ``subject`` names what is compared (the language; the profession asked for; the
    vacancy's sector or region), ``wanted`` the level, categories or years asked for,
    ``has`` what the seeker has (empty when nothing is recorded)."""

    criterion: Criterion
    met: bool
    required: bool
    subject: str = ""
    wanted: str = ""
    has: str = ""


@dataclass(frozen=True, slots=True)
class VacancyMatch:
    vacancy: VacancyFacts
    reasons: tuple[Reason, ...]
    score: int

    @property
    def id(self) -> uuid.UUID:  # a list keeps the chosen row by it
        return self.vacancy.id

    @property
    def shortfalls(self) -> int:
        return sum(1 for r in self.reasons if r.required and not r.met)


@dataclass(frozen=True, slots=True)
class SeekerMatch:
    seeker: SeekerFacts
    reasons: tuple[Reason, ...]
    score: int
    own_office: bool

    @property
    def id(self) -> uuid.UUID:  # a list keeps the chosen row by it
        return self.seeker.person_id

    @property
    def shortfalls(self) -> int:
        return sum(1 for r in self.reasons if r.required and not r.met)


@dataclass(frozen=True)
class Labels:
    """Reference labels in the UI language, read once per matching."""

    languages: dict[str, str]
    levels: dict[str, str]
    regions: dict[str, str]
    sectors: dict[str, str]

    def level(self, code: str | None) -> str:
        # "B1 — Intermediate": the letter says it; a KAZTEST level keeps its whole name.
        return self.levels.get(code, code).split(" — ")[0] if code else ""


# ---- the rules ----------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word in _WORD.findall(text.casefold()) if len(word) >= 3)


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word: "сварщик" and "сварщица", "бухгалтер" and "бухгалтера" —
    but not "электр" (electric) and "электрмонтер", whose shared start is a modifier."""
    if a == b:
        return True
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                  min(len(a), len(b)))
    return shared >= STEM and shared >= max(len(a), len(b)) - ENDING


@pure
def profession_fits(asked: str, has: Iterable[str]) -> str:
    """The seeker's profession or qualification that names the profession asked for (a
    word of it, in another form), or "" when none does."""
    wanted = _words(asked)
    for text in has:
        # Two forms of a word share their first letters: compare only those that do.
        if text and any((w[:STEM] == h[:STEM] and _same_word(w, h)) or w == h
                        for w in wanted for h in _words(text)):
            return text
    return ""


def _step(level: str | None, unknown: int) -> int:
    step = level_rank(level)
    return unknown if step is None else step


@pure
def word_keys(text: str) -> tuple[str, ...]:
    """What a database search looks for to find another form of each word of ``text``:
    its letters after the first, up to the shared start of two forms. A superset of
    ``profession_fits``, case aside (a capital is mostly the first letter)."""
    return tuple(dict.fromkeys(word[1:STEM] for word in _words(text)))


@pure
def match(seeker: SeekerFacts, vacancy: VacancyFacts,
          labels: Labels) -> tuple[tuple[Reason, ...], int]:
    """The reasons the seeker fits the vacancy or falls short of it, and the score.

    A match is one of trade first: the profession (a form of its word) or a sector the
    seeker wants. Without either the vacancy is no match, whatever else agrees: no
    reasons, and a score of 0."""
    asked = vacancy.profession or vacancy.title
    fitting = profession_fits(asked, (seeker.profession, seeker.qualification))
    if not fitting and vacancy.sector_code not in seeker.sector_codes:
        return (), 0
    reasons: list[Reason] = []
    score = 0
    if fitting:
        reasons.append(Reason(Criterion.PROFESSION, True, bool(vacancy.profession), asked,
                              has=fitting))
        score += WEIGHTS["profession"]
    elif vacancy.profession:
        reasons.append(Reason(Criterion.PROFESSION, False, True, vacancy.profession,
                              has=seeker.profession or seeker.qualification))
    if seeker.sector_codes:
        fits = vacancy.sector_code in seeker.sector_codes
        reasons.append(Reason(Criterion.SECTOR, fits, False, vacancy.sector))
        score += WEIGHTS["sector"] if fits else 0
    regions = seeker.region_codes or ({seeker.home_region_code} - {None})
    if vacancy.region_code is not None and regions:
        fits = vacancy.region_code in regions
        wished = sorted(labels.regions.get(code, code) for code in regions if code)
        reasons.append(Reason(Criterion.REGION, fits, False, vacancy.region,
                              has=", ".join(wished)))
        score += WEIGHTS["region"] if fits else 0
    for code, level in sorted(vacancy.languages.items()):
        known = code in seeker.languages
        have = seeker.languages.get(code)
        fits = known and (level is None or _step(have, -1) >= _step(level, 0))
        reasons.append(Reason(Criterion.LANGUAGE, fits, True, labels.languages.get(code, code),
                              labels.level(level), labels.level(have) if known else ""))
        score += WEIGHTS["requirement"] if fits else 0
    needed = licence_categories(vacancy.driving_licence)
    if needed:
        held = licence_categories(seeker.driving_licence)
        fits = needed <= held
        reasons.append(Reason(Criterion.LICENCE, fits, True, wanted=vacancy.driving_licence,
                              has=seeker.driving_licence))
        score += WEIGHTS["requirement"] if fits else 0
    if vacancy.min_experience_years:
        years = seeker.experience_years
        fits = years is not None and years >= vacancy.min_experience_years
        reasons.append(Reason(Criterion.EXPERIENCE, fits, True,
                              wanted=str(vacancy.min_experience_years),
                              has="" if years is None else str(years)))
        score += WEIGHTS["requirement"] if fits else 0
    return tuple(reasons), score


@pure
def vacancy_choice_text(vacancy: VacancyFacts) -> str:
    """"Welder — «Temir-12» LLP, Almaty": a vacancy as a list offers it."""
    where = vacancy.locality or vacancy.region
    return f"{vacancy.title} — {vacancy.employer}" + (f", {where}" if where else "")


# ---- the two ways ---------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def match_vacancies(database: Database, actor: Actor, person_id: uuid.UUID, *,
                    limit: int = MATCH_LIMIT) -> list[VacancyMatch]:
    """The open vacancies with a place left, best fit for the client first.

    Only vacancies of the client's trade (profession or a sector they want) are a match;
    the database is asked for those alone. Raises NoSuchClient, AccessDenied."""
    language = current_language()
    with database.reading() as connection:
        seeker = queries.seeker_facts(connection, person_id)
        if seeker is None:
            raise NoSuchClient(person_id)
        actor.require_office(seeker.office_id)
        keys = word_keys(f"{seeker.profession} {seeker.qualification}")
        vacancies = queries.open_vacancies(connection, language, seeker.sector_codes, keys)
        labels = _labels(connection, language)
    matches = []
    for vacancy in vacancies:
        reasons, score = match(seeker, vacancy, labels)
        if score:
            matches.append(VacancyMatch(vacancy, reasons, score))
    matches.sort(key=lambda m: (m.shortfalls, -m.score, -(m.vacancy.monthly_wage or 0),
                                -m.vacancy.opened_on.toordinal()))
    return matches[:limit]


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def match_seekers(database: Database, actor: Actor, vacancy_id: uuid.UUID, *,
                  limit: int = MATCH_LIMIT) -> tuple[VacancyFacts, list[SeekerMatch]]:
    """The job seekers of the vacancy's trade (a form of the profession's word, or its
    sector among their wishes), best first; a user of one office sees that office's, a
    user of several gets their own office's first. Raises NoSuchVacancy."""
    language = current_language()
    with database.reading() as connection:
        vacancy = queries.vacancy_facts(connection, vacancy_id, language)
        if vacancy is None:
            raise NoSuchVacancy(vacancy_id)
        seekers = _candidates(connection, actor, vacancy, limit * CANDIDATE_MARGIN)
        labels = _labels(connection, language)
    today = date.today()
    matches = []
    for seeker in seekers:
        reasons, score = match(seeker, vacancy, labels)
        if score:
            matches.append(SeekerMatch(seeker, reasons, score, seeker.office_id == actor.office_id))
    matches.sort(key=lambda m: (not m.own_office, m.shortfalls, -m.score,
                                (m.seeker.unemployed_since or today).toordinal(),
                                m.seeker.name))
    return vacancy, matches[:limit]


def _candidates(connection: Connection, actor: Actor, vacancy: VacancyFacts,
                wanted: int) -> list[SeekerFacts]:
    """The best candidates the user may see, their own office's first: the other offices'
    are read only when the own office has too few to fill the list (they would rank
    below every one of its own anyway)."""
    ranking = Ranking(WEIGHTS, LEVEL_STEPS)
    keys = word_keys(vacancy.profession or vacancy.title)
    own = actor.office_id if actor.office_scope is None else actor.office_scope
    if own is None:  # no office of one's own: every office at once
        return queries.seeker_candidates(connection, vacancy, None, keys, ranking, wanted)
    found = queries.seeker_candidates(connection, vacancy, own, keys, ranking, wanted)
    if len(found) < wanted and actor.office_scope is None:
        found += queries.seeker_candidates(connection, vacancy, None, keys, ranking,
                                           wanted - len(found), other_than=own)
    return found


def _labels(connection: Connection, language: str) -> Labels:
    tables = ("language", "language_level", "region", "economic_sector")
    lists = reference_lists(connection, tables, language)
    return Labels(*(lists.get(table, {}) for table in tables))

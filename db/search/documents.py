"""What the search index holds for one person, and keeping it in step."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select, update

from db.models.person import Person
from db.models.search import PersonSearchDocument, SearchWord
from db.search.words import words_of
from db.translit import search_keys


def document_for(*name_forms: str, iin: str | None) -> tuple[str, str, str]:
    """``(names, keys, iin)``: every name form as written and the folded key of each word."""
    names = " ".join(form for form in name_forms if form)
    keys = " ".join(dict.fromkeys(search_keys(names)))
    return names, keys, iin or ""


def person_document(person: Person) -> tuple[str, str, str]:
    return document_for(person.surname, person.given_name, person.patronymic,
                        person.surname_latin, person.given_name_latin, person.name_original,
                        iin=person.iin)


def refresh(connection: Connection, persons: Iterable[Person]) -> None:
    """Write the search rows of ``persons`` (called inside the flush's transaction): the
    document, and its words (``db.search.words``) when they changed."""
    table, words = PersonSearchDocument.__table__, SearchWord.__table__
    for person in persons:
        names, keys, iin = person_document(person)
        existing = connection.execute(
            select(table.c.doc_id, table.c.names, table.c["keys"], table.c.iin)
            .where(table.c.person_id == person.id)).first()
        values = {"names": names, "keys": keys, "iin": iin}
        if existing is None:
            connection.execute(insert(table).values(person_id=person.id, **values))
        elif tuple(existing[1:]) == (names, keys, iin):
            continue  # a change to anything but the names and the IIN
        else:
            connection.execute(update(table).where(table.c.doc_id == existing[0])
                               .values(**values))
            connection.execute(delete(words).where(words.c.person_id == person.id))
        rows = [{"person_id": person.id, "word": word} for word in words_of(names, keys, iin)]
        if rows:
            connection.execute(insert(words), rows)


def remove(connection: Connection, person_ids: Iterable[uuid.UUID]) -> None:
    ids = list(person_ids)
    if ids:
        for table in (SearchWord.__table__, PersonSearchDocument.__table__):
            connection.execute(delete(table).where(table.c.person_id.in_(ids)))

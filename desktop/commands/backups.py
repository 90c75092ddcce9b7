"""``qadam backup --out FILE`` and ``qadam restore FILE``.

The database is neither checked nor upgraded on the way in (``backups.database_at``):
a backup copies it as it is, and a restore may have to replace one that no longer
opens. Both refuse a server database, which the server's own tools back up.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from desktop.i18n import _
from desktop.services.access import LOCAL_OPERATOR

Command = Callable[[str, argparse.Namespace], int]


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser(
        "backup", help=_("write a checked copy of the database, even while Qadam is in use"))
    backup.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_(
        "the backup file to write, or a folder to write it in under a name with the date"))
    restore = commands.add_parser(
        "restore", help=_("replace the database by a backup, after copying it beside itself"))
    restore.add_argument("file", type=Path, metavar=_("FILE"), help=_("the backup to restore"))


def cmd_backup(target: str, args: argparse.Namespace) -> int:
    from desktop.services import backups
    from desktop.services.progress import Progress
    from desktop.terminal import ProgressBar

    database = backups.database_at(target)
    try:
        with ProgressBar(_("Backing up")) as bar:
            made = backups.back_up(database, LOCAL_OPERATOR, args.out,
                                   progress=Progress(bar.update))
    finally:
        database.dispose()
    print(_("Backed up to {path} ({size}); checked: sound, schema {revision}.").format(
        path=made.path, size=backups.size_text(made.size), revision=made.revision))
    return 0


def cmd_restore(target: str, args: argparse.Namespace) -> int:
    from desktop.services import backups
    from desktop.services.progress import Progress
    from desktop.terminal import ProgressBar

    database = backups.database_at(target)
    try:
        with ProgressBar(_("Restoring")) as bar:
            done = backups.restore(database, LOCAL_OPERATOR, args.file,
                                   progress=Progress(bar.update))
    finally:
        database.dispose()
    print(_("Restored {backup} into {database} (schema {revision}).").format(
        backup=done.source, database=done.database, revision=done.revision))
    if done.kept is not None:
        print(_("The database it replaced was copied to {kept}.").format(kept=done.kept))
    if done.upgraded_from is not None:
        print(_("The backup was made by an older Qadam (schema {old}) and has been "
                "upgraded.").format(old=done.upgraded_from))
    return 0


COMMANDS: dict[str, Command] = {"backup": cmd_backup, "restore": cmd_restore}

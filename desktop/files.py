"""Files written whole or not at all: the new content goes to a hidden temporary file
beside the target (the same disk, so the last step is a rename) and replaces the target
only once complete; on any failure, or Ctrl+C, the temporary file is removed and the
target is as it was. ``mkstemp`` makes it readable by its owner only, whatever the umask:
everything Qadam writes may hold personal data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def temporary_beside(target: Path, suffix: str = ".part") -> Path:
    """A new, empty, hidden file in the target's folder, its own name per writer (two
    writers never share one); OSError if the folder cannot be written."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=suffix)
    os.close(handle)
    return Path(name)


@contextmanager
def replacing(target: Path, suffix: str = ".part") -> Iterator[Path]:
    """The path to write the new content to; it replaces ``target`` when the block ends
    without an error, and is removed when it ends with one."""
    temporary = temporary_beside(target, suffix)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)

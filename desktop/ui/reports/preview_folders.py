"""The temporary folders that previews write their PDFs into, and their clean-up at start.

No Qt here: the start-up removes what crashed runs left behind before any
window (or QtPdf) is loaded.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

# Preview folders live under the system's temporary folder. Those of a run that crashed
# or was killed stay behind, holding consultation records and reports, until
# ``remove_stale_previews`` at the next start. ``preview_folder`` names them with this
# prefix and the process id; the screens' older names are recognised too.
PREVIEW_PREFIX = "qadam-preview-"
LEGACY_PREFIXES = ("qadam-record-", "qadam-report-")
_IMPORTED = time.time()


def preview_folder(kind: str) -> tempfile.TemporaryDirectory[str]:
    """A private temporary folder for the files a preview shows, removed when dropped."""
    return tempfile.TemporaryDirectory(prefix=f"{PREVIEW_PREFIX}{os.getpid()}-{kind}-")


def remove_stale_previews(folder: Path | None = None, started: float | None = None) -> int:
    """Delete the preview folders earlier runs left behind; returns how many.

    Only folders with a preview's name, owned by this user, last changed before this
    process started, and (when the name says which process made them) not of a process
    still running: a second Qadam window must not lose the preview the first one shows.
    """
    folder = folder or Path(tempfile.gettempdir())
    started = process_started() if started is None else started
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith((PREVIEW_PREFIX, *LEGACY_PREFIXES)):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if (not stat.S_ISDIR(info.st_mode)  # a link or a file someone put there: not ours
                or (hasattr(os, "getuid") and info.st_uid != os.getuid())
                or info.st_mtime >= started or _maker_is_running(entry.name)):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)  # fd-based: never follows a link out
        removed += not os.path.lexists(entry.path)
    return removed


def process_started() -> float:
    """When this process started (Linux), else when this module was first imported."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19])  # field 22, "starttime": clock ticks after boot
        boot = next(float(line.split()[1]) for line in
                    Path("/proc/stat").read_text().splitlines() if line.startswith("btime "))
        # btime is whole seconds, rounded down: the start found is never after the real one.
        return min(boot + ticks / os.sysconf("SC_CLK_TCK"), _IMPORTED)
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return _IMPORTED


def _maker_is_running(name: str) -> bool:
    if not name.startswith(PREVIEW_PREFIX) or os.name != "posix":
        return False  # an older name says no process; Windows' os.kill would end it
    pid = name[len(PREVIEW_PREFIX):].split("-", 1)[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True

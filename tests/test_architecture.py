"""The layer rules of the architecture note, checked by import-linter."""

from __future__ import annotations

import subprocess
import sys

from desktop.paths import ROOT


def test_layers_keep_qt_and_the_app_out_of_the_lower_layers() -> None:
    # db never imports desktop or Qt; services, domain and the CLI never import Qt.
    # In a process of its own: import-linter configures logging as a command does, which
    # disables every logger already made in this one (Qadam's among them).
    checked = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
         f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}))"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr

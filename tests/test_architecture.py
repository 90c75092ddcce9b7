"""The layer rules of the architecture note, checked by import-linter."""

from __future__ import annotations

import os

from importlinter.cli import lint_imports

from desktop.paths import ROOT


def test_layers_keep_qt_and_the_app_out_of_the_lower_layers() -> None:
    # db never imports desktop or Qt; services, domain and the CLI never import Qt.
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0
    finally:
        os.chdir(previous)

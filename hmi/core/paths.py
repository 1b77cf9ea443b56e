"""Where Lineside keeps its files on this machine."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "lineside"


def data_dir(override: str | None = None, create: bool = True) -> Path:
    """The data folder: `override` when given (e.g. `--data-dir`), else the per-user folder.

    Created on first use, so callers can open files in it straight away (`create=False`
    for commands that only read: a mistyped --data-dir must not become an empty folder).
    """
    if override:
        path = Path(override).expanduser()
    else:
        path = Path(user_data_dir(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The shipped resources (demo line, recipes, checklists, procedures, icons).

    A frozen build (PyInstaller) unpacks them into its bundle folder; a checkout keeps them
    beside the packages. Everything that reads a shipped file asks here, so both work.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"

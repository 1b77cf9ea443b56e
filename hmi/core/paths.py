"""Where Lineside keeps its files on this machine."""

from __future__ import annotations

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

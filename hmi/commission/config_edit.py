"""The config editor's file work, without Qt: check a text as `lineside config check`
does, save it with a backup, or keep a refused text as a draft beside the file.

A text the checker refuses is never written over the config file (the next start of the
HMI would refuse it, or worse, start without a station): it goes to `<name>.draft.toml`
beside it. A text the checker accepts replaces the file in one rename (write_atomically,
the same as "add to line config"), after the previous version was copied to
`<name>.<UTC time>.bak.toml`, so a bad edit can be undone from the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hmi.commission.config_snippet import SnippetRefused, write_atomically
from hmi.config import ConfigError, ConfigIssue, LineConfig, parse_line_config


class SaveRefused(Exception):
    """Nothing could be written; the text names the file and what to do."""


@dataclass(frozen=True, slots=True)
class Checked:
    config: LineConfig | None  # None when refused
    issues: tuple[ConfigIssue, ...]

    @property
    def ok(self) -> bool:
        return self.config is not None


@dataclass(frozen=True, slots=True)
class Saved:
    path: Path  # where the text went
    draft: bool  # True: the checker refused it, the config file is untouched
    backup: Path | None  # the previous version of the config file, when it had one
    issues: tuple[ConfigIssue, ...] = ()


def check_text(text: str, source: str) -> Checked:
    """The checker's verdict on `text` as if it were the file `source`."""
    try:
        return Checked(parse_line_config(text, source), ())
    except ConfigError as exc:
        return Checked(None, tuple(exc.issues))


def draft_path(path: Path) -> Path:
    return path.with_name(f"{_stem(path)}.draft.toml")


def backup_path(path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    return path.with_name(f"{_stem(path)}.{stamp}.bak.toml")


def save_text(path: Path, text: str, now: datetime | None = None) -> Saved:
    """Save `text` for the config at `path`: over it when the checker accepts it (after a
    backup of what was there), else as the draft beside it."""
    checked = check_text(text, str(path))
    try:
        if not checked.ok:
            target = draft_path(path)
            write_atomically(target, text)
            return Saved(target, True, None, checked.issues)
        backup = None
        if path.exists():
            backup = backup_path(path, now)
            write_atomically(backup, path.read_text(encoding="utf-8"))
        write_atomically(path, text)
        draft = draft_path(path)
        if draft.exists():  # the draft is saved for real now: an old draft would mislead
            draft.unlink()
        return Saved(path, False, backup)
    except SnippetRefused as exc:
        raise SaveRefused(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveRefused(f"{path}: cannot save ({exc}); check the folder's permissions"
                          ) from None


def _stem(path: Path) -> str:
    name = path.name
    return name[: -len(".toml")] if name.endswith(".toml") else name

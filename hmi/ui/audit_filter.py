"""What the audit viewer filters by: the time ranges it offers, the combos' choice, and the
audit trail it reads (a protocol, so a test or another trail can stand in)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox

from hmi.security import AuditEntry, ChainCheck
from hmi.security.export import write_entries_csv

# (button, the summary line, seconds back; None is the whole trail), in English; said in
# the language installed (a whole sentence per range: languages order their words).
TIME_RANGES: tuple[tuple[str, str, float | None], ...] = (
    (QT_TRANSLATE_NOOP("AuditScreen", "Last hour"),
     QT_TRANSLATE_NOOP("AuditScreen", "{0} of {1} entries in the last hour"), 3600.0),
    (QT_TRANSLATE_NOOP("AuditScreen", "8 h"),
     QT_TRANSLATE_NOOP("AuditScreen", "{0} of {1} entries in the last 8 h"), 8 * 3600.0),
    (QT_TRANSLATE_NOOP("AuditScreen", "24 h"),
     QT_TRANSLATE_NOOP("AuditScreen", "{0} of {1} entries in the last 24 h"), 86400.0),
    (QT_TRANSLATE_NOOP("AuditScreen", "7 d"),
     QT_TRANSLATE_NOOP("AuditScreen", "{0} of {1} entries in the last 7 days"), 7 * 86400.0),
    (QT_TRANSLATE_NOOP("AuditScreen", "30 d"),
     QT_TRANSLATE_NOOP("AuditScreen", "{0} of {1} entries in the last 30 days"), 30 * 86400.0),
    (QT_TRANSLATE_NOOP("AuditScreen", "All"),
     QT_TRANSLATE_NOOP("AuditScreen", "{0} of {1} entries in the whole trail"), None),
)
DEFAULT_RANGE_S: float | None = 86400.0


class AuditSource(Protocol):
    """What the viewer needs of hmi.security.AuditTrail."""

    def entries(self, since: datetime | None = None) -> Sequence[AuditEntry]: ...

    def verify_chain(self) -> ChainCheck: ...


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """The combos' choice; None is "all"."""

    username: str | None = None
    action: str | None = None
    object_type: str | None = None

    def keeps(self, entry: AuditEntry) -> bool:
        return (
            self.username in (None, entry.username)
            and self.action in (None, entry.action)
            and self.object_type in (None, entry.object_type)
        )


def ensure_choice(combo: QComboBox, value: str | None) -> None:
    """Keep a chosen filter offered even when the new time range has no such entry, so
    changing the range does not silently drop the reader's filter."""
    if value is not None and combo.findData(value) < 0:
        combo.blockSignals(True)
        combo.addItem(value, value)
        combo.blockSignals(False)


def write_csv(rows: Sequence[AuditEntry], path: Path) -> None:
    """As `lineside audit export` writes it, into a folder made if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_entries_csv(rows, path)

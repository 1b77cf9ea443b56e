"""The audit viewer's table model: frozen AuditEntry rows, newest first, as text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hmi.core.tags import Scalar
from hmi.security import AuditEntry


def value_text(value: Scalar) -> str:
    """A recorded value as a reader expects it; nothing recorded is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def time_text(entry: AuditEntry) -> str:
    return entry.utc_ts.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def object_text(entry: AuditEntry) -> str:
    return f"{entry.object_type} {entry.object_id}".strip()


def entry_text(entry: AuditEntry) -> str:
    """One entry in words, every field whole (the table cuts long cells off)."""
    who = f"{entry.username} ({entry.full_name}, {entry.role})" if entry.full_name else (
        entry.username)
    parts = [f"#{entry.seq} {time_text(entry)} UTC", who, entry.action, object_text(entry)]
    if entry.field:
        values = " → ".join(
            f"{label} {value_text(value)}"
            for label, value in (("old", entry.old_value), ("sent", entry.sent_value),
                                 ("read back", entry.read_back))
            if value is not None
        )
        parts.append(f"{entry.field}: {values}" if values else entry.field)
    if entry.reason:
        parts.append(f"reason: {entry.reason}")
    if entry.client_host:
        parts.append(f"at {entry.client_host}")
    if entry.signature_id is not None:
        parts.append(f"signature #{entry.signature_id}")
    return " · ".join(parts)


# (header, width in characters, cell text)
COLUMNS: tuple[tuple[str, int, Callable[[AuditEntry], str]], ...] = (
    ("UTC time", 19, time_text),
    ("User", 10, lambda e: e.username),
    ("Full name", 14, lambda e: e.full_name),
    ("Role", 13, lambda e: e.role),
    ("Action", 16, lambda e: e.action),
    ("Object", 20, object_text),
    ("Field", 9, lambda e: e.field),
    ("Old", 10, lambda e: value_text(e.old_value)),
    ("Sent", 10, lambda e: value_text(e.sent_value)),
    ("Read back", 10, lambda e: value_text(e.read_back)),
    ("Reason", 20, lambda e: e.reason),
    ("Host", 10, lambda e: e.client_host),
    ("Signature", 9, lambda e: "" if e.signature_id is None else f"#{e.signature_id}"),
)
HEADERS = tuple(header for header, _, _ in COLUMNS)

_Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AuditEntry] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        """Show these entries (given oldest first), newest at the top: what just happened
        is what a reader looks for first."""
        self.beginResetModel()
        self._rows = list(reversed(entries))
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def cell_text(self, row: int, column: int) -> str:
        return COLUMNS[column][2](self._rows[row])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index.row(), index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

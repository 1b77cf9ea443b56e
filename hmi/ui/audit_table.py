"""The audit viewer's table model: frozen AuditEntry rows, newest first, as text.

The record is shown as it was written (actions, roles, reasons, values: the trail's own
words); the headers and the words around a record are said in the language installed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

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


# lupdate reads translate("Context", "text") calls by this name too.
translate = QCoreApplication.translate


def _tr(text: str, disambiguation: str | None = None) -> str:
    return translate("AuditTableModel", text, disambiguation)


def entry_text(entry: AuditEntry) -> str:
    """One entry in words, every field whole (the table cuts long cells off)."""
    who = f"{entry.username} ({entry.full_name}, {entry.role})" if entry.full_name else (
        entry.username)
    parts = [f"#{entry.seq} {time_text(entry)} UTC", who, entry.action, object_text(entry)]
    if entry.field:
        labelled = (
            (translate("AuditTableModel", "old", "value before"), entry.old_value),
            (translate("AuditTableModel", "sent", "value written"), entry.sent_value),
            (translate("AuditTableModel", "read back", "value read back"), entry.read_back),
        )
        values = " → ".join(f"{label} {value_text(value)}" for label, value in labelled
                            if value is not None)
        parts.append(f"{entry.field}: {values}" if values else entry.field)
    if entry.reason:
        parts.append(translate("AuditTableModel", "reason: {0}").format(entry.reason))
    if entry.client_host:
        parts.append(translate("AuditTableModel", "at {0}", "at a panel/host").format(
            entry.client_host))
    if entry.signature_id is not None:
        parts.append(translate("AuditTableModel", "signature #{0}").format(entry.signature_id))
    return " · ".join(parts)


# (header in English, width in characters, cell text); headers are translated when shown.
COLUMNS: tuple[tuple[str, int, Callable[[AuditEntry], str]], ...] = (
    (QT_TRANSLATE_NOOP("AuditTableModel", "UTC time"), 19, time_text),
    (QT_TRANSLATE_NOOP("AuditTableModel", "User"), 10, lambda e: e.username),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Full name"), 14, lambda e: e.full_name),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Role"), 13, lambda e: e.role),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Action"), 16, lambda e: e.action),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Object"), 20, object_text),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Field"), 9, lambda e: e.field),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Old"), 10, lambda e: value_text(e.old_value)),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Sent"), 10, lambda e: value_text(e.sent_value)),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Read back"), 10, lambda e: value_text(e.read_back)),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Reason"), 20, lambda e: e.reason),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Host"), 10, lambda e: e.client_host),
    (QT_TRANSLATE_NOOP("AuditTableModel", "Signature"), 9,
     lambda e: "" if e.signature_id is None else f"#{e.signature_id}"),
)
HEADERS = tuple(header for header, _, _ in COLUMNS)  # English (CSV, tests)


def header_text(column: int) -> str:
    """A column's header in the language installed."""
    return _tr(HEADERS[column])


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

    def retranslate(self) -> None:
        """The headers again, after a language switch (the view asks for them anew)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

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
            return header_text(section)
        return None

"""The user list's table model: frozen User records as text, one row per account.

Names, ids and stations are shown as stored; headers, role names and the words of a cell
("all", "disabled") in the language installed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from hmi.core.roles import ALL_STATIONS, Role
from hmi.security import User

_Index = QModelIndex | QPersistentModelIndex

# The roles as the screens name them (the stored value is the id; English shows it as is).
ROLE_NAMES = {
    Role.VIEWER: QT_TRANSLATE_NOOP("Roles", "Viewer"),
    Role.OPERATOR: QT_TRANSLATE_NOOP("Roles", "Operator"),
    Role.LEAD: QT_TRANSLATE_NOOP("Roles", "Lead"),
    Role.PROCESS_ENGINEER: QT_TRANSLATE_NOOP("Roles", "ProcessEngineer"),
    Role.QA: QT_TRANSLATE_NOOP("Roles", "QA"),
    Role.MAINTENANCE: QT_TRANSLATE_NOOP("Roles", "Maintenance"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("Roles", "Administrator"),
}


def role_text(role: str) -> str:
    """A role's name in the language installed (an unknown value: as stored)."""
    try:
        return translate("Roles", ROLE_NAMES[Role(role)])
    except (ValueError, KeyError):
        return role


# lupdate reads translate("Context", "text") calls by this name too.
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("UsersTableModel", text)


def roles_text(user: User) -> str:
    return ", ".join(role_text(r) for r in dict.fromkeys(g.role for g in user.grants)) or (
        translate("UsersTableModel", "no role"))


def stations_text(user: User, *, typed: bool = False) -> str:
    """The stations granted; `typed` gives them as the form takes them (empty: all)."""
    stations = list(dict.fromkeys(g.station for g in user.grants))
    if ALL_STATIONS in stations or not stations:
        return "" if typed else translate("UsersTableModel", "all")
    return (" " if typed else ", ").join(stations)


def badge_text(user: User) -> str:
    if user.badge_id and user.has_pin:
        return translate("UsersTableModel", "set")
    return translate("UsersTableModel", "badge, no PIN") if user.badge_id else ""


class UsersTableModel(QAbstractTableModel):
    def __init__(self, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self._clock = clock
        self._users: list[User] = []
        # (header in English, width in characters, cell text); headers translated when shown
        self._columns: tuple[tuple[str, int, Callable[[User], str]], ...] = (
            (QT_TRANSLATE_NOOP("UsersTableModel", "User"), 12, lambda u: u.username),
            (QT_TRANSLATE_NOOP("UsersTableModel", "Full name"), 18, lambda u: u.full_name),
            (QT_TRANSLATE_NOOP("UsersTableModel", "Roles"), 16, roles_text),
            (QT_TRANSLATE_NOOP("UsersTableModel", "Stations"), 16, stations_text),
            (QT_TRANSLATE_NOOP("UsersTableModel", "Account"), 9,
             lambda u: translate("UsersTableModel", "disabled") if u.disabled
             else translate("UsersTableModel", "enabled")),
            (QT_TRANSLATE_NOOP("UsersTableModel", "Locked until"), 13, self._locked_text),
            (QT_TRANSLATE_NOOP("UsersTableModel", "Badge"), 8, badge_text),
        )

    def _locked_text(self, user: User) -> str:
        if user.locked_until is None or not user.is_locked(self._clock()):
            return ""
        # A lockout is abnormal: a glyph and words, not colour alone.
        return f"⚠ {user.locked_until.astimezone(UTC):%H:%M} UTC"

    def widths_chars(self) -> tuple[int, ...]:
        return tuple(chars for _, chars, _ in self._columns)

    def header_text(self, column: int) -> str:
        return _tr(self._columns[column][0])

    def retranslate(self) -> None:
        """Headers and cell words again, after a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._users:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._users) - 1, len(self._columns) - 1))

    def set_users(self, users: Sequence[User]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user(self, row: int) -> User:
        return self._users[row]

    def row_of(self, username: str) -> int | None:
        return next((i for i, u in enumerate(self._users) if u.username == username), None)

    def cell_text(self, row: int, column: int) -> str:
        return self._columns[column][2](self._users[row])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt override)
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index.row(), index.column())
        return None

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.header_text(section)
        return None

"""The user list's table model: frozen User records as text, one row per account."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hmi.core.roles import ALL_STATIONS
from hmi.security import User

_Index = QModelIndex | QPersistentModelIndex


def roles_text(user: User) -> str:
    return ", ".join(dict.fromkeys(g.role for g in user.grants)) or "no role"


def stations_text(user: User, *, typed: bool = False) -> str:
    """The stations granted; `typed` gives them as the form takes them (empty: all)."""
    stations = list(dict.fromkeys(g.station for g in user.grants))
    if ALL_STATIONS in stations or not stations:
        return "" if typed else "all"
    return (" " if typed else ", ").join(stations)


def badge_text(user: User) -> str:
    if user.badge_id and user.has_pin:
        return "set"
    return "badge, no PIN" if user.badge_id else ""


class UsersTableModel(QAbstractTableModel):
    def __init__(self, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self._clock = clock
        self._users: list[User] = []
        # (header, width in characters, cell text)
        self._columns: tuple[tuple[str, int, Callable[[User], str]], ...] = (
            ("User", 12, lambda u: u.username),
            ("Full name", 18, lambda u: u.full_name),
            ("Roles", 16, roles_text),
            ("Stations", 16, stations_text),
            ("Account", 9, lambda u: "disabled" if u.disabled else "enabled"),
            ("Locked until", 13, self._locked_text),
            ("Badge", 8, badge_text),
        )

    def _locked_text(self, user: User) -> str:
        if user.locked_until is None or not user.is_locked(self._clock()):
            return ""
        # A lockout is abnormal: a glyph and words, not colour alone.
        return f"⚠ {user.locked_until.astimezone(UTC):%H:%M} UTC"

    def widths_chars(self) -> tuple[int, ...]:
        return tuple(chars for _, chars, _ in self._columns)

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
            return self._columns[section][0]
        return None

"""The overview of a plant-sized line: one painted tile per station (ISA-101 area overview).

A thousand stations as tiles of widgets (labels, lamps, value tiles with deviation bars)
took seconds to build and a walk over every tile per frame. Here a station is a row of a
list model drawn as a tile by a delegate (name, PackML state, worst alarm, one key value):
the view paints only the tiles on the glass, building it is a loop over the layouts, and a
frame's values touch only the tiles whose tags changed. A touch on a tile opens its station.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from hmi.core.tags import TagValue
from hmi.ui import presenters
from hmi.ui.station_layout import StationLayout
from hmi.ui.station_state import state_look
from widgets.quality import quality_word
from widgets.theme import AlarmPriority, metrics, palette

TILE_ROLE = Qt.ItemDataRole.UserRole + 1
TILE_WIDTH_MM = 44
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class GridTile:
    """What one station's tile says now."""

    station_id: str
    name: str
    state_text: str = ""
    state_priority: AlarmPriority | None = None
    key_text: str = ""
    key_priority: AlarmPriority | None = None
    key_live: bool = False

    @property
    def worst(self) -> AlarmPriority | None:
        """The most urgent of the state's and the key value's alarms (P1 is the worst)."""
        found = [p for p in (self.state_priority, self.key_priority) if p is not None]
        return min(found, key=lambda p: p.value) if found else None


class StationGridModel(QAbstractListModel):
    def __init__(self, layouts: Sequence[StationLayout], enums: dict[str, dict[int, str]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layouts = tuple(layouts)
        self._enums = enums
        self.tiles = [GridTile(lay.station.id, lay.station.name) for lay in self._layouts]
        self._latest: Mapping[str, TagValue] = {}
        # tag id -> rows whose tile shows it: a frame's values reach only their tiles.
        self._rows_of: dict[str, list[int]] = {}
        for row, lay in enumerate(self._layouts):
            key = lay.key_values[0].tag if lay.key_values else None
            for tag in (lay.state, lay.reason, *lay.interlocks[:1], key):
                if tag is not None:
                    self._rows_of.setdefault(tag.id, []).append(row)
        self.show_values({}, {}, every=True)  # "State unknown" until the first values

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's idiom)
        return 0 if parent.isValid() else len(self.tiles)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        tile = self.tiles[index.row()]
        if role == TILE_ROLE:
            return tile
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{tile.name}: {tile.state_text}; {tile.key_text}"
        return None

    def row_of(self, station_id: str) -> int:
        return next(r for r, t in enumerate(self.tiles) if t.station_id == station_id)

    def show_values(self, changed: Mapping[str, TagValue], latest: Mapping[str, TagValue],
                    every: bool = False) -> None:
        """Redo the tiles of the tags in `changed` (all with `every`: a language change)."""
        self._latest = latest
        if every:
            rows: set[int] = set(range(len(self.tiles)))
        elif len(changed) <= len(self._rows_of):
            rows = {r for tag_id in changed for r in self._rows_of.get(tag_id, ())}
        else:
            rows = {r for tag_id, rs in self._rows_of.items() if tag_id in changed for r in rs}
        moved = [row for row in rows if self._redo(row, latest)]
        if moved:
            self.dataChanged.emit(self.index(min(moved)), self.index(max(moved)), [TILE_ROLE])

    def retranslate(self) -> None:
        self.show_values({}, self._latest, every=True)

    def _redo(self, row: int, latest: Mapping[str, TagValue]) -> bool:
        """Work out row's tile from `latest`; True if it changed."""
        lay, tile = self._layouts[row], self.tiles[row]
        before = (tile.state_text, tile.state_priority, tile.key_text, tile.key_priority,
                  tile.key_live)
        trip = latest.get(lay.interlocks[0].id) if lay.interlocks else None
        reason = latest.get(lay.reason.id) if lay.reason else None
        tripped = bool(trip and trip.quality.is_live and trip.value is True)
        state = latest.get(lay.state.id) if lay.state else None
        _, tile.state_text, tile.state_priority = state_look(
            state, tripped, presenters.reason_text(lay.reason, reason, self._enums))
        if lay.key_values:
            tag = lay.key_values[0].tag
            label = tag.description or tag.signal
            value = latest.get(tag.id)
            tile.key_live = value is not None and value.quality.is_live
            if value is None:
                tile.key_text, tile.key_priority = f"{label}: —", None
            elif not value.quality.is_live:
                word = quality_word(presenters.display_quality(value.quality))
                tile.key_text, tile.key_priority = f"{label}: {word}", None
            else:
                unit = f" {tag.unit}" if tag.unit else ""
                shown = presenters.value_text(tag, value.value, self._enums)
                tile.key_priority, limit = presenters.alarm_state(tag, value.value)
                tile.key_text = f"{label}: {shown}{unit}" + (f" · {limit}" if limit else "")
        return before != (tile.state_text, tile.state_priority, tile.key_text,
                          tile.key_priority, tile.key_live)


class StationTileDelegate(QStyledItemDelegate):
    """Draws a GridTile: the name, the state, the key value; an alarm as a stripe and a
    badge in its priority's colour with its label (colour, shape of the stripe and text)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        lines = option.fontMetrics.lineSpacing()
        pad = metrics().gap_px(option.widget) // 2
        return QSize(metrics().px(TILE_WIDTH_MM, option.widget), 3 * lines + 2 * pad + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        tile = index.data(TILE_ROLE)
        if not isinstance(tile, GridTile):
            return
        pal = palette()
        gap = metrics().gap_px(option.widget)
        pad = gap // 2
        box = option.rect.adjusted(pad // 2, pad // 2, -(pad // 2), -(pad // 2))
        painter.save()
        painter.fillRect(box, pal.color("panel"))
        pressed = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setPen(pal.color("focus" if pressed else "panel_border"))
        painter.drawRect(box.adjusted(0, 0, -1, -1))
        worst = tile.worst
        text_left = box.left() + pad
        if worst is not None:
            stripe = QRect(box.left(), box.top(), max(4, pad), box.height())
            painter.fillRect(stripe, worst.color(pal))
            text_left = stripe.right() + pad
        lines = option.fontMetrics.lineSpacing()
        width = box.right() - pad - text_left
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(pal.color("text"))
        row = QRect(text_left, box.top() + pad, width, lines)
        if worst is not None:  # the badge: the priority's label on its colour, top right
            badge_w = option.fontMetrics.horizontalAdvance(worst.label) + pad
            badge = QRect(box.right() - pad - badge_w, row.top(), badge_w, lines)
            painter.fillRect(badge, worst.color(pal))
            painter.setPen(worst.text_color(pal))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, worst.label)
            painter.setPen(pal.color("text"))
            row.setRight(badge.left() - pad)
        painter.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(tile.name, Qt.TextElideMode.ElideRight,
                                                          row.width()))
        painter.setFont(option.font)
        for n, (text, live) in enumerate(((tile.state_text, True),
                                          (tile.key_text, tile.key_live)), start=1):
            line = QRect(text_left, box.top() + pad + n * lines, width, lines)
            painter.setPen(pal.color("text" if live else "old_text"))
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                           line.width()))
        painter.restore()


class StationGrid(QListView):
    """The tiles in rows that wrap to the width; scrolls with a finger or the wheel."""

    station_requested = Signal(str)

    def __init__(self, layouts: Sequence[StationLayout], enums: dict[str, dict[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The view's modes first, the model last: each mode set on a view that has a
        # thousand rows lays them all out again.
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)  # one size asked, not a thousand
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setItemDelegate(StationTileDelegate(self))
        self.grid_model = StationGridModel(layouts, enums, self)
        self.setModel(self.grid_model)
        self.clicked.connect(self._on_clicked)

    def show_values(self, changed: Mapping[str, TagValue], latest: Mapping[str, TagValue]) -> None:
        self.grid_model.show_values(changed, latest)

    def tile(self, station_id: str) -> GridTile:
        return self.grid_model.tiles[self.grid_model.row_of(station_id)]

    def tile_rect(self, station_id: str) -> QRect:
        """Where a station's tile is in the viewport (scrolled into view first)."""
        index = self.grid_model.index(self.grid_model.row_of(station_id))
        self.scrollTo(index)
        return self.visualRect(index)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.station_requested.emit(self.grid_model.tiles[index.row()].station_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.grid_model.retranslate()
        super().changeEvent(event)

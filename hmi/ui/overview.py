"""L1 line overview: one tile per station in process order (ISA-101 area overview)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from hmi.config.schema import LineConfig
from hmi.core.tags import TagValue
from hmi.ui import presenters
from hmi.ui.station_grid import StationGrid
from hmi.ui.station_layout import StationLayout, station_layouts, zone_group_title
from hmi.ui.station_state import state_look
from hmi.ui.tag_tile import TagTile
from widgets.status_lamp import StatusLamp
from widgets.theme import AlarmPriority, metrics
from widgets.value_tile import ValueTile

COLUMNS = 5
# Above this many stations the overview is the station grid: a thousand tiles of widgets
# took seconds to build and a walk per frame (the demo line's ten keep their tiles).
TILE_LIMIT = 60


def state_lamp(lamp: StatusLamp, state: TagValue | None, tripped: bool, reason: str = "") -> None:
    """The state on a lamp (state_look's text, shape and priority)."""
    look, text, priority = state_look(state, tripped, reason)
    if priority is not None:
        lamp.set_state(look, text, priority=priority)
    else:
        lamp.set_state(look, text)


class StationTile(QFrame):
    """A station at a glance; a touch anywhere opens its screen."""

    station_requested = Signal(str)
    trend_requested = Signal(str)

    def __init__(
        self, layout: StationLayout, enums: dict[str, dict[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.layout_model = layout
        self._enums = enums
        self.setObjectName("stationTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        m = metrics()
        box = QVBoxLayout(self)
        box.setSpacing(m.gap_px(self) // 2)
        self.title = QLabel(layout.station.name)
        self.title.setStyleSheet("font-weight: bold;")
        self.state = StatusLamp(self.tr("State unknown"))
        self._latest: Mapping[str, TagValue] = {}
        box.addWidget(self.title)
        box.addWidget(self.state)
        self.tiles: dict[str, TagTile] = {}
        for key in layout.key_values:
            tile = TagTile(key.tag, enums, label=key.tag.description, sparkline=False)
            tile.clicked.connect(self._on_tile_clicked)
            tile.trend_requested.connect(
                lambda tag_id=key.tag.id: self.trend_requested.emit(tag_id)
            )
            self.tiles[key.tag.id] = tile
            box.addWidget(tile)
        self.zone_tile: ValueTile | None = None
        if layout.zones is not None:
            self.zone_tile = ValueTile(layout.zones.title, "K", decimals=1, show_sparkline=False)
            self.zone_tile.set_scale(0, 10)
            self.zone_tile.set_normal_band(0, 2)  # ±2 K per zone (DOMAIN.md 1.1)
            self.zone_tile.set_alarm_limits(None, 5)
            self.zone_tile.clicked.connect(self._on_tile_clicked)
            box.addWidget(self.zone_tile)
        box.addStretch(1)
        self._setpoints = {k.setpoint.id: k.tag.id for k in layout.key_values if k.setpoint}
        self._state_ids = {
            t.id for t in (layout.state, layout.reason, *layout.interlocks[:1]) if t is not None
        }
        self._zone_ids = {
            t.id for pair in (layout.zones.pairs if layout.zones else ()) for t in pair
        }

    def show_values(self, changed: Mapping[str, TagValue], latest: Mapping[str, TagValue]) -> None:
        """`changed`: this frame's new values; `latest`: every tag's value (for derived ones)."""
        lay = self.layout_model
        self._latest = latest
        if lay.state is not None and self._state_ids & changed.keys():
            self._show_state(latest)  # once, and only when the state, reason or trip moved
        for tag_id, tile in self.tiles.items():
            value = changed.get(tag_id)
            if value is not None:
                tile.show_value(value)
        for sp_id, pv_id in self._setpoints.items():
            sp = changed.get(sp_id)
            if sp is not None and isinstance(sp.value, int | float):
                self.tiles[pv_id].set_setpoint(float(sp.value))
        if self.zone_tile is not None and lay.zones is not None and self._zone_ids & changed.keys():
            self._show_zone_deviation(lay, latest)

    def _show_state(self, latest: Mapping[str, TagValue]) -> None:
        lay = self.layout_model
        assert lay.state is not None
        tripped = lay.interlocks[0].id if lay.interlocks else None
        trip = latest.get(tripped) if tripped else None
        reason = latest.get(lay.reason.id) if lay.reason else None
        reason_text = presenters.reason_text(lay.reason, reason, self._enums)
        state_lamp(
            self.state, latest.get(lay.state.id), bool(trip and trip.value is True), reason_text
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self.layout_model.state is not None:
                self._show_state(self._latest)
            if self.zone_tile is not None:
                self.zone_tile.set_label(zone_group_title())
            if self.layout_model.zones is not None and self._latest:
                self._show_zone_deviation(self.layout_model, self._latest)
        super().changeEvent(event)

    def _show_zone_deviation(self, lay: StationLayout, latest: Mapping[str, TagValue]) -> None:
        assert lay.zones is not None and self.zone_tile is not None
        worst: TagValue | None = None
        deviation = 0.0
        for pv_tag, sp_tag in lay.zones.pairs:
            pv, sp = latest.get(pv_tag.id), latest.get(sp_tag.id)
            if pv is None or sp is None:
                return
            if not (pv.quality.is_live and sp.quality.is_live):
                worst = pv if not pv.quality.is_live else sp
                break
            if isinstance(pv.value, int | float) and isinstance(sp.value, int | float):
                deviation = max(deviation, abs(float(pv.value) - float(sp.value)))
            worst = worst or pv
        if worst is None:
            return
        if worst.quality.is_live:
            self.zone_tile.set_value(
                round(deviation, 1),
                presenters.display_quality(worst.quality),
                presenters.epoch_s(worst),
            )
            self.zone_tile.set_alarm(
                AlarmPriority.P3 if deviation > 5 else None,
                self.tr("zone > {0} K").format(5) if deviation > 5 else ""
            )
        else:
            self.zone_tile.set_value(
                None,
                presenters.display_quality(worst.quality),
                presenters.epoch_s(worst),
                worst.status,
            )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.station_requested.emit(self.layout_model.station.id)

    def _on_tile_clicked(self) -> None:
        self.station_requested.emit(self.layout_model.station.id)


class OverviewScreen(QWidget):
    station_requested = Signal(str)
    trend_requested = Signal(str)

    def __init__(self, config: LineConfig, layouts: Sequence[StationLayout] | None = None,
                 parent: QWidget | None = None) -> None:
        """``layouts``: the config's station layouts when the caller has them already.
        Up to TILE_LIMIT stations get a tile of widgets each (key values with deviation
        bars); a plant-sized line gets the station grid (one painted tile per station:
        state, worst alarm, key value), as fast to build and update for a thousand."""
        super().__init__(parent)
        layouts = station_layouts(config) if layouts is None else layouts
        self.tiles: dict[str, StationTile] = {}
        self.grid: StationGrid | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if len(layouts) > TILE_LIMIT:
            self.grid = StationGrid(layouts, config.all_enums())
            self.grid.station_requested.connect(self.station_requested)
            outer.addWidget(self.grid)
            return
        # On a small panel the tiles keep their touch sizes and the overview scrolls,
        # rather than squeezing numbers until they are cut off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        grid = QGridLayout(body)
        gap = metrics().gap_px(self)
        grid.setSpacing(gap)
        grid.setContentsMargins(gap, gap, gap, gap)
        enums = config.all_enums()
        for index, layout in enumerate(layouts):
            tile = StationTile(layout, enums)
            tile.station_requested.connect(self.station_requested)
            tile.trend_requested.connect(self.trend_requested)
            self.tiles[layout.station.id] = tile
            grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)

    def show_values(self, changed: Mapping[str, TagValue], latest: Mapping[str, TagValue]) -> None:
        if self.grid is not None:
            self.grid.show_values(changed, latest)
        for tile in self.tiles.values():
            tile.show_values(changed, latest)

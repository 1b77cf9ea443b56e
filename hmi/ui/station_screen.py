"""L2 station screen: state and commands, loops, setpoints, interlocks, live values.

Built from the station's layout model, so every station of any line config gets a screen.
Writes are requested with `write_requested`; the main window sends them through the one
PLC write path and shows what was read back.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hmi.config.schema import LineConfig, TagConfig
from hmi.core.packml import PackMLCommand, PackMLState, command_allowed
from hmi.core.tags import TagValue
from hmi.ui import presenters
from hmi.ui.faceplate import LoopFaceplate
from hmi.ui.overview import state_lamp
from hmi.ui.station_layout import StationLayout
from hmi.ui.tag_tile import TagTile
from widgets.quality import quality_word
from widgets.retranslating import Retranslating
from widgets.status_lamp import LampState, StatusLamp
from widgets.theme import AlarmPriority, metrics

COMMAND_BUTTONS = (
    PackMLCommand.START,
    PackMLCommand.STOP,
    PackMLCommand.HOLD,
    PackMLCommand.UNHOLD,
    PackMLCommand.RESET,
    PackMLCommand.CLEAR,
    PackMLCommand.ABORT,
)
TILE_COLUMNS = 4


def section(title: str = "") -> QLabel:
    label = QLabel(title)
    label.setStyleSheet("font-weight: bold; padding-top: 6px;")
    return label


class StationScreen(Retranslating, QWidget):
    write_requested = Signal(str, object)  # tag id, value (commands confirmed already)
    command_requested = Signal(str, int)  # tag id of the command tag, PackMLCommand
    setpoint_requested = Signal(str)  # tag id: open the keypad
    trend_requested = Signal(str)

    def __init__(
        self, layout: StationLayout, config: LineConfig, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.layout_model = layout
        enums = self._enums = config.all_enums()
        m = metrics()
        gap = m.gap_px(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(gap, gap, gap, gap)
        for row in self._build_state_bar(layout):
            outer.addLayout(row)
        # Two scrolling panes in a splitter: a laptop user drags the split, a touch user
        # scrolls each pane with a finger.
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)
        left_body, right_body = QWidget(), QWidget()
        for body, stretch in ((left_body, 3), (right_body, 2)):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(body)
            splitter.addWidget(scroll)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        left, right = QVBoxLayout(left_body), QVBoxLayout(right_body)

        self.tiles: dict[str, TagTile] = {}
        self._latest: Mapping[str, TagValue] = {}
        self._values_title = section()
        self._loop_titles: list[QLabel] = []
        self._matrix_title = section()
        self._setpoints_title = section()
        left.addWidget(self._values_title)
        left.addLayout(self._tile_grid(layout.process_values, enums, TILE_COLUMNS))
        left.addStretch(1)

        self.faceplates: list[LoopFaceplate] = []
        for loop in layout.loops:
            plate = LoopFaceplate(loop, config)
            plate.write_requested.connect(self.write_requested)
            plate.setpoint_requested.connect(self.setpoint_requested)
            plate.trend_requested.connect(self.trend_requested)
            self.faceplates.append(plate)
            self._loop_titles.append(section())
            right.addWidget(self._loop_titles[-1])
            right.addWidget(plate)
        self.interlock_lamps: dict[str, StatusLamp] = {}
        self._bit_labels: dict[str, str] = {}
        if layout.interlocks or layout.permissives:
            right.addWidget(self._matrix_title)
            right.addLayout(self._matrix(layout))
        if layout.setpoints:
            right.addWidget(self._setpoints_title)
            right.addLayout(self._tile_grid(layout.setpoints, enums, 2, setpoints=True))
        right.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Titles and buttons, then the lamps from the latest values, in the language now
        installed (tiles translate their captions as they paint)."""
        self._values_title.setText(self.tr("Process values"))
        for title in self._loop_titles:
            title.setText(self.tr("Control loop"))
        self._matrix_title.setText(self.tr("Interlocks and permissives"))
        self._setpoints_title.setText(self.tr("Setpoints (touch to change)"))
        for command, button in self.command_buttons.items():
            button.setText(presenters.packml_command(command))
        if self.reset_trip_button is not None:
            self.reset_trip_button.setText(self.tr("Reset trip"))
        if self._latest:
            self.show_values(self._latest, self._latest)

    # -- building ---------------------------------------------------------------------------
    def _build_state_bar(self, layout: StationLayout) -> tuple[QHBoxLayout, QHBoxLayout]:
        """Title and state; below, the commands (one row of both would not fit a 1024 px
        panel with touch-sized buttons)."""
        top, bar = QHBoxLayout(), QHBoxLayout()
        title = QLabel(layout.station.name)
        title.setStyleSheet("font-weight: bold; font-size: 150%;")
        self.state_lamp = StatusLamp(self.tr("State unknown"))
        top.addWidget(title)
        top.addWidget(self.state_lamp, 1)
        # The trip reset sits up here: the command row below is full on a 1024 px panel,
        # more so in German.
        self.reset_trip_button: QPushButton | None = None
        if layout.trip_reset is not None:
            self.reset_trip_button = QPushButton()
            self.reset_trip_button.setEnabled(False)
            self.reset_trip_button.clicked.connect(self._on_reset_trip_clicked)
            top.addWidget(self.reset_trip_button)
        self.command_buttons: dict[PackMLCommand, QPushButton] = {}
        if layout.command is not None:
            for command in COMMAND_BUTTONS:
                button = QPushButton()
                button.setEnabled(False)
                button.clicked.connect(lambda _=False, c=command: self._on_command_clicked(c))
                self.command_buttons[command] = button
                bar.addWidget(button)
        bar.addStretch(1)
        return top, bar

    def _tile_grid(
        self,
        tags: tuple[TagConfig, ...],
        enums: dict[str, dict[int, str]],
        columns: int,
        setpoints: bool = False,
    ) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(metrics().gap_px(self))
        for index, tag in enumerate(tags):
            tile = TagTile(tag, enums, sparkline=not setpoints)
            tile.trend_requested.connect(lambda t=tag.id: self.trend_requested.emit(t))
            if setpoints:
                tile.clicked.connect(lambda t=tag.id: self.setpoint_requested.emit(t))
            self.tiles[tag.id] = tile
            grid.addWidget(tile, index // columns, index % columns)
        return grid

    def _matrix(self, layout: StationLayout) -> QGridLayout:
        grid = QGridLayout()
        for row, tag in enumerate((*layout.interlocks, *layout.permissives)):
            lamp = StatusLamp(tag.description or tag.signal)
            self.interlock_lamps[tag.id] = lamp
            self._bit_labels[tag.id] = tag.description or tag.signal
            grid.addWidget(lamp, row, 0)
        return grid

    # -- values -------------------------------------------------------------------------------
    def show_values(self, changed: Mapping[str, TagValue], latest: Mapping[str, TagValue]) -> None:
        self._latest = latest
        for tag_id, tile in self.tiles.items():
            value = changed.get(tag_id)
            if value is not None:
                tile.show_value(value)
        for plate in self.faceplates:
            plate.show_values(changed)
        lay = self.layout_model
        interlock_ids = {t.id for t in lay.interlocks}
        for tag_id, lamp in self.interlock_lamps.items():
            value = changed.get(tag_id)
            if value is not None:
                self._show_bit(lamp, self._bit_labels[tag_id], value, tag_id in interlock_ids)
        if lay.state is not None:
            watched = {lay.state.id} | interlock_ids | ({lay.reason.id} if lay.reason else set())
            if watched & changed.keys():
                self._show_state(latest)

    def _show_bit(
        self, lamp: StatusLamp, label: str, value: TagValue, is_interlock: bool
    ) -> None:
        if not value.quality.is_live:
            word = quality_word(presenters.display_quality(value.quality))
            lamp.set_state(LampState.OFF, f"{label}: {word}")
            return
        # An interlock is abnormal when true; a permissive when false (not made).
        abnormal = bool(value.value) if is_interlock else not value.value
        if is_interlock:
            word = self.tr("TRIPPED") if value.value else self.tr("clear", "interlock")
        else:
            word = self.tr("made", "permissive") if value.value else self.tr("NOT MADE")
        if abnormal:
            priority = AlarmPriority.P1 if is_interlock else AlarmPriority.P3
            lamp.set_state(LampState.ALARM, f"{label}: {word}", priority=priority)
        else:
            lamp.set_state(LampState.NORMAL, f"{label}: {word}")

    def _show_state(self, latest: Mapping[str, TagValue]) -> None:
        lay = self.layout_model
        assert lay.state is not None
        state = latest.get(lay.state.id)
        trip = latest.get(lay.interlocks[0].id) if lay.interlocks else None
        reason = latest.get(lay.reason.id) if lay.reason else None
        reason_text = presenters.reason_text(lay.reason, reason, self._enums)
        tripped = bool(trip and trip.quality.is_live and trip.value is True)
        state_lamp(self.state_lamp, state, tripped, reason_text)
        if self.reset_trip_button is not None:
            self.reset_trip_button.setEnabled(tripped)
        live = state is not None and state.quality.is_live and isinstance(state.value, int)
        for command, button in self.command_buttons.items():
            allowed = False
            if live and state is not None and isinstance(state.value, int) and (
                state.value in PackMLState._value2member_map_
            ):
                allowed = command_allowed(command, PackMLState(state.value))
            button.setEnabled(allowed)

    # -- actions ------------------------------------------------------------------------------
    def _on_command_clicked(self, command: PackMLCommand) -> None:
        assert self.layout_model.command is not None
        self.command_requested.emit(self.layout_model.command.id, int(command))

    def _on_reset_trip_clicked(self) -> None:
        assert self.layout_model.trip_reset is not None
        self.write_requested.emit(self.layout_model.trip_reset.id, True)

"""L3 loop faceplate: PV, SP, output and mode of one control loop, with its commands.

Mode changes and setpoints go through the PLC write path; the PLC's PID does the bumpless
transfer (its output tracks in MAN). The output can only be set by hand in MAN.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from hmi.config.schema import LineConfig, Loop, TagConfig
from hmi.core.packml import LoopMode
from hmi.core.tags import Scalar, TagValue
from hmi.ui.tag_tile import TagTile
from widgets.retranslating import Retranslating
from widgets.status_lamp import LampState, StatusLamp
from widgets.theme import metrics


class LoopFaceplate(Retranslating, QFrame):
    write_requested = Signal(str, object)  # tag id, value
    setpoint_requested = Signal(str)  # tag id: open the keypad for it
    trend_requested = Signal(str)

    def __init__(self, loop: Loop, config: LineConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loop = loop
        self.setFrameShape(QFrame.Shape.StyledPanel)
        enums = config.all_enums()
        self._mode_tag: TagConfig = config.tag(loop.mode)
        self._mode: int | None = None
        grid = QGridLayout(self)
        gap = metrics().gap_px(self)
        grid.setSpacing(gap)
        title = QLabel(loop.name)
        title.setStyleSheet("font-weight: bold;")
        self.mode_lamp = StatusLamp(self.tr("Mode unknown"))
        grid.addWidget(title, 0, 0)
        grid.addWidget(self.mode_lamp, 0, 1, 1, 2)
        self.tiles = {
            role: TagTile(config.tag(tag_id), enums, label=role)
            for role, tag_id in (("pv", loop.pv), ("sp", loop.sp), ("out", loop.out))
        }
        for column, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 1, column)
            tile.trend_requested.connect(lambda t=tile: self.trend_requested.emit(t.tag.id))
        buttons = QHBoxLayout()
        self.manual_button = QPushButton()
        self.auto_button = QPushButton()
        self.sp_button = QPushButton()
        self.out_button = QPushButton()
        for button in (self.manual_button, self.auto_button, self.sp_button, self.out_button):
            buttons.addWidget(button)
        grid.addLayout(buttons, 2, 0, 1, 3)
        self.manual_button.clicked.connect(lambda: self._request_mode(LoopMode.MANUAL))
        self.auto_button.clicked.connect(lambda: self._request_mode(LoopMode.AUTO))
        self.sp_button.clicked.connect(lambda: self.setpoint_requested.emit(loop.sp))
        self.out_button.clicked.connect(lambda: self.setpoint_requested.emit(loop.out))
        self.retranslate()

    def retranslate(self) -> None:
        self.tiles["pv"].set_label(self.tr("PV", "process value"))
        self.tiles["sp"].set_label(self.tr("SP", "setpoint"))
        self.tiles["out"].set_label(self.tr("Output"))
        self.manual_button.setText(self.tr("Manual"))
        self.auto_button.setText(self.tr("Auto"))
        self.sp_button.setText(self.tr("Set SP"))
        self.out_button.setText(self.tr("Set output"))
        self._apply_mode()

    def _request_mode(self, mode: LoopMode) -> None:
        value: Scalar = int(mode)
        self.write_requested.emit(self.loop.mode, value)

    def show_values(self, changed: Mapping[str, TagValue]) -> None:
        for tile in self.tiles.values():
            value = changed.get(tile.tag.id)
            if value is not None:
                tile.show_value(value)
        sp = changed.get(self.loop.sp)
        if sp is not None and isinstance(sp.value, int | float) and sp.quality.is_live:
            self.tiles["pv"].set_setpoint(float(sp.value))
        mode = changed.get(self.loop.mode)
        if mode is not None:
            live = mode.quality.is_live and isinstance(mode.value, int)
            self._mode = int(mode.value) if live and isinstance(mode.value, int) else None
            self._apply_mode()

    def _apply_mode(self) -> None:
        if self._mode is None:
            self.mode_lamp.set_state(LampState.OFF, self.tr("Mode unknown"))
        elif self._mode == LoopMode.AUTO:
            self.mode_lamp.set_state(LampState.NORMAL, self.tr("AUTO"))
        else:
            # Manual is a deliberate, normal state; shape and text say it, not colour.
            self.mode_lamp.set_state(LampState.TRANSITION, self.tr("MANUAL"))
        known = self._mode is not None
        self.manual_button.setEnabled(known and self._mode != LoopMode.MANUAL)
        self.auto_button.setEnabled(known and self._mode != LoopMode.AUTO)
        self.out_button.setEnabled(self._mode == LoopMode.MANUAL)
        self.sp_button.setEnabled(known)

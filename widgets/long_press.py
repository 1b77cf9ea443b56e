"""Long press for touch screens: a held finger (or mouse button) without moving emits once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from widgets.theme import mm_to_px


class LongPressFilter(QObject):
    """Install on a widget; touches reach it as synthesised mouse events, so this covers both.

    ``fired`` stays true from the long press until the next press, so the widget can skip the
    click its release would otherwise produce.
    """

    long_pressed = Signal(QPoint)

    def __init__(self, target: QWidget, duration_ms: int = 600, slop_mm: float = 4.0) -> None:
        super().__init__(target)
        self._target = target
        # A gloved finger rolls a few millimetres while held: that is still a hold.
        self._slop_px = mm_to_px(slop_mm, target)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(duration_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._origin = QPoint()
        self.fired = False
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self.fired = False
            self._origin = event.position().toPoint()
            self._timer.start()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if (event.position().toPoint() - self._origin).manhattanLength() > self._slop_px:
                self._timer.stop()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave, QEvent.Type.Hide):
            self._timer.stop()
        return False

    def _on_timer_timeout(self) -> None:
        self.fired = True
        self.long_pressed.emit(self._origin)

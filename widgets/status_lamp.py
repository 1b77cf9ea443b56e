"""StatusLamp: a state shown as shape + text, grey when normal, colour only when abnormal."""

from __future__ import annotations

import enum
import time

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.age_clock import AgeClock, Clock
from widgets.painting import draw_badge, draw_priority_badge, pixel_font
from widgets.quality import format_age
from widgets.theme import AlarmPriority, BadgeShape, TouchMetrics, metrics, palette


class LampState(enum.Enum):
    NORMAL = "normal"  # filled grey circle
    TRANSITION = "transition"  # grey ring: on its way somewhere (connecting, starting)
    OFF = "off"  # hollow pale circle
    ALARM = "alarm"  # the priority's colour and shape


class ConnectionState(enum.Enum):
    CONNECTED = "connected"
    CONNECTING = "connecting"
    LOST = "lost"


class StatusLamp(QWidget):
    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        m: TouchMetrics | None = None,
        clock: Clock = time.time,
    ) -> None:
        super().__init__(parent)
        self._m = m or metrics()
        self._state = LampState.OFF
        self._text = text
        self._since: float | None = None
        self._priority: AlarmPriority | None = None
        self._age = AgeClock(self, clock)
        self._age.ticked.connect(self.update)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._m.px(self._m.text_mm * 2.0, self))

    def set_state(
        self,
        state: LampState,
        text: str = "",
        since: float | None = None,
        priority: AlarmPriority | None = None,
    ) -> None:
        """``since`` (epoch s) adds "23 s" to the text and keeps it counting."""
        if state is LampState.ALARM and priority is None:
            priority = AlarmPriority.P2
        priority = priority if state is LampState.ALARM else None
        if (state, text, since, priority) == (self._state, self._text, self._since,
                                              self._priority):
            return  # health and state arrive often and mostly unchanged: no repaint
        self._state, self._text, self._since = state, text, since
        self._priority = priority if state is LampState.ALARM else None
        self._age.set_running(since is not None)
        self.updateGeometry()
        self.update()

    def set_connection(
        self,
        state: ConnectionState,
        since: float | None = None,
        lost_priority: AlarmPriority = AlarmPriority.P2,
    ) -> None:
        """Connection health: "Connected", "Connecting 4 s", "Lost 23 s" (since = when lost)."""
        if state is ConnectionState.CONNECTED:
            self.set_state(LampState.NORMAL, self.tr("Connected"))
        elif state is ConnectionState.CONNECTING:
            self.set_state(LampState.TRANSITION, self.tr("Connecting"), since)
        else:
            self.set_state(LampState.ALARM, self.tr("Lost"), since, lost_priority)

    def state(self) -> LampState:
        return self._state

    def priority(self) -> AlarmPriority | None:
        return self._priority

    def text(self) -> str:
        age = self._age.age_s(self._since)
        return self._text if age is None else f"{self._text} {format_age(age)}".strip()

    def sizeHint(self) -> QSize:
        h = self.height()
        font = pixel_font(self.font(), self._m.text_px(self))
        width = QFontMetrics(font).horizontalAdvance(self.text() + " 00 min 00 s")
        return QSize(round(h * 1.3 + width), h)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self)
        h = float(self.height())
        lamp = QRectF(h * 0.1, h * 0.1, h * 0.8, h * 0.8)
        if self._state is LampState.ALARM and self._priority is not None:
            draw_priority_badge(painter, lamp, self._priority, p)
        elif self._state is LampState.NORMAL:
            draw_badge(painter, lamp, BadgeShape.CIRCLE, QColor(p.process), QColor(p.text))
        elif self._state is LampState.TRANSITION:
            draw_badge(painter, lamp, BadgeShape.RING, QColor(p.process), QColor(p.text))
        else:
            draw_badge(painter, lamp, BadgeShape.CIRCLE, QColor(p.panel), QColor(p.old_text))
        painter.setPen(QColor(p.old_text if self._state is LampState.OFF else p.text))
        painter.setFont(
            pixel_font(self.font(), self._m.text_px(self), bold=self._state is LampState.ALARM)
        )
        painter.drawText(
            QRectF(h * 1.1, 0, self.width() - h * 1.1, h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.text(),
        )
        painter.end()

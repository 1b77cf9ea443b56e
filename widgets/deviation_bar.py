"""DeviationBar: where a value sits against its setpoint, normal band and alarm limits.

An analog indicator (ISA-101): the eye judges "in the band / drifting / past a limit" from
position and shape before reading any number. Grey throughout; the pointer takes the alarm
priority colour only while an alarm is active, and a hollow pointer means "not live".
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.theme import AlarmPriority, TouchMetrics, metrics, palette

Span = tuple[float, float]


def _finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


class DeviationBar(QWidget):
    def __init__(self, parent: QWidget | None = None, m: TouchMetrics | None = None) -> None:
        super().__init__(parent)
        self._m = m or metrics()
        self._value: float | None = None
        self._live = True
        self._setpoint: float | None = None
        self._band: tuple[float | None, float | None] = (None, None)
        self._limits: tuple[float | None, float | None] = (None, None)
        self._scale: Span | None = None
        self._alarm: AlarmPriority | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._m.px(self._m.text_mm * 2.2, self))

    # --- model -----------------------------------------------------------------------------
    def set_value(self, value: float | None, live: bool = True) -> None:
        self._value = value if _finite(value) else None
        self._live = live
        self.update()

    def set_setpoint(self, setpoint: float | None) -> None:
        self._setpoint = setpoint if _finite(setpoint) else None
        self.update()

    def set_normal_band(self, low: float | None, high: float | None) -> None:
        self._band = (low, high)
        self.update()

    def set_alarm_limits(self, low: float | None, high: float | None) -> None:
        self._limits = (low, high)
        self.update()

    def set_scale(self, minimum: float, maximum: float) -> None:
        if not maximum > minimum:
            raise ValueError(f"scale maximum {maximum} must be above minimum {minimum}")
        self._scale = (minimum, maximum)
        self.update()

    def set_alarm(self, priority: AlarmPriority | None) -> None:
        self._alarm = priority
        self.update()

    def value(self) -> float | None:
        return self._value

    def is_live(self) -> bool:
        return self._live

    def setpoint(self) -> float | None:
        return self._setpoint

    def normal_band(self) -> tuple[float | None, float | None]:
        return self._band

    def alarm_limits(self) -> tuple[float | None, float | None]:
        return self._limits

    def alarm(self) -> AlarmPriority | None:
        return self._alarm

    def scale(self) -> Span:
        """The drawn span: as set, else the limits and band with a margin, else around the value."""
        if self._scale is not None:
            return self._scale
        marks = [
            x for x in (*self._limits, *self._band, self._setpoint)
            if x is not None and math.isfinite(x)
        ]
        if not marks and self._value is not None:
            marks = [self._value]
        if not marks:
            return (0.0, 1.0)
        lo, hi = min(marks), max(marks)
        margin = (hi - lo) * 0.15 if hi > lo else max(abs(lo) * 0.1, 1.0)
        return (lo - margin, hi + margin)

    def fraction(self, x: float) -> float:
        """Where x sits on the bar, 0 = left end, 1 = right end (outside values clamp)."""
        lo, hi = self.scale()
        return min(1.0, max(0.0, (x - lo) / (hi - lo)))

    # --- painting --------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(self._m.px(50, self), self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        h = float(self.height())
        pad = h * 0.3  # room for the pointers at both ends
        track = QRectF(pad, h * 0.3, self.width() - 2 * pad, h * 0.4)

        def x_of(v: float) -> float:
            return track.left() + self.fraction(v) * track.width()

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(p.track))
        painter.drawRect(track)
        b_lo, b_hi = self._band
        if _finite(b_lo) or _finite(b_hi):
            left = x_of(b_lo) if _finite(b_lo) else track.left()  # type: ignore[arg-type]
            right = x_of(b_hi) if _finite(b_hi) else track.right()  # type: ignore[arg-type]
            painter.setBrush(QColor(p.normal_band))
            painter.drawRect(QRectF(left, track.top(), right - left, track.height()))
        painter.setPen(QPen(QColor(p.limit), max(2.0, h / 14)))
        for limit in self._limits:
            if _finite(limit):
                x = x_of(limit)  # type: ignore[arg-type]
                painter.drawLine(QPointF(x, track.top() - h * 0.12), QPointF(x, track.bottom()))
        if self._setpoint is not None:
            self._draw_setpoint(painter, x_of(self._setpoint), track)
        if self._value is not None:
            self._draw_pointer(painter, x_of(self._value), track)
        painter.end()

    def _draw_setpoint(self, painter: QPainter, x: float, track: QRectF) -> None:
        s = track.height() * 0.55
        painter.setPen(QPen(QColor(palette().setpoint), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        top = track.top()
        painter.drawPolygon(QPolygonF([
            QPointF(x - s, top - s * 1.2), QPointF(x + s, top - s * 1.2), QPointF(x, top),
        ]))

    def _draw_pointer(self, painter: QPainter, x: float, track: QRectF) -> None:
        p = palette()
        s = track.height() * 0.7
        bottom = track.bottom()
        outline = QColor(p.text) if self._live else QColor(p.old_text)
        painter.setPen(QPen(outline, max(2.0, s / 5)))
        painter.drawLine(QPointF(x, track.top()), QPointF(x, bottom))
        if not self._live:
            fill = QBrush(Qt.BrushStyle.NoBrush)  # hollow: this is an old value
        elif self._alarm is not None:
            fill = QBrush(self._alarm.color(p))
        else:
            fill = QBrush(QColor(p.process))
        painter.setBrush(fill)
        painter.setPen(QPen(outline, 1.5))
        painter.drawPolygon(QPolygonF([
            QPointF(x, bottom), QPointF(x + s, bottom + s * 1.1), QPointF(x - s, bottom + s * 1.1),
        ]))

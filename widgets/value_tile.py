"""ValueTile: one process value, its quality, its alarm, its deviation and its recent trend.

The tile never lies about a value: a stale or lost value is hatched and greyed and says how
old it is ("stale 12 s", "lost 1 min 5 s"); a BAD value shows the PLC's status instead of a
number; an alarm is a priority colour plus a shape, a number and a text.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from widgets.age_clock import AgeClock, Clock
from widgets.deviation_bar import DeviationBar
from widgets.long_press import LongPressFilter
from widgets.painting import draw_priority_badge, hatch, pixel_font
from widgets.quality import DisplayQuality, quality_caption
from widgets.sparkline import Sparkline
from widgets.theme import AlarmPriority, TouchMetrics, metrics, palette

Value = float | int | bool | str | None


class ValueTile(QWidget):
    clicked = Signal()
    trend_requested = Signal()

    def __init__(
        self,
        label: str,
        unit: str = "",
        *,
        decimals: int = 1,
        parent: QWidget | None = None,
        show_deviation_bar: bool = True,
        show_sparkline: bool = True,
        m: TouchMetrics | None = None,
        clock: Clock = time.time,
    ) -> None:
        super().__init__(parent)
        self._m = m or metrics()
        self._label = label
        self._unit = unit
        self._decimals = decimals
        self._value: Value = None
        self._quality = DisplayQuality.GOOD
        self._timestamp: float | None = None
        self._status = ""
        self._alarm: AlarmPriority | None = None
        self._alarm_text = ""
        self._setpoint: float | None = None
        self._pressed = False
        self._age = AgeClock(self, clock)
        self._age.ticked.connect(self.update)
        self._long_press = LongPressFilter(self)
        self._long_press.long_pressed.connect(self._on_long_press_long_pressed)

        self._bar = DeviationBar(self, self._m)
        self._spark = Sparkline(self, m=self._m)
        self._bar.setVisible(show_deviation_bar)
        self._spark.setVisible(show_sparkline)
        # Children take mouse presses otherwise; the whole tile is one touch target.
        for child in (self._bar, self._spark):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        pad = self._m.gap_px(self)
        layout.setContentsMargins(pad, self._text_height() + pad, pad, pad)
        layout.setSpacing(pad // 2)
        layout.addWidget(self._bar)
        layout.addWidget(self._spark)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(self._m.px(45, self))

    # --- model -----------------------------------------------------------------------------
    def set_value(
        self,
        value: Value,
        quality: DisplayQuality = DisplayQuality.GOOD,
        timestamp: float | None = None,
        status: str = "",
    ) -> None:
        """``timestamp`` is the source time (epoch s): the age of stale/lost values counts
        from it. Only live numeric values move the deviation pointer as live."""
        self._value, self._quality, self._status = value, quality, status
        self._timestamp = timestamp
        number = self._number()
        # A BAD number is no position at all; old numbers keep a hollow pointer.
        shown = None if quality is DisplayQuality.BAD else number
        self._bar.set_value(shown, live=quality.is_live)
        self._spark.set_live(quality.is_live)
        if number is not None or not quality.is_live:
            self._spark.append(
                timestamp if timestamp is not None else self._age.clock(),
                number, good=quality.is_live,
            )
        self._age.set_running(quality.is_old)
        self.update()

    def set_alarm(self, priority: AlarmPriority | None, text: str = "") -> None:
        self._alarm, self._alarm_text = priority, text if priority else ""
        self._bar.set_alarm(priority)
        self.update()

    def set_setpoint(self, setpoint: float | None) -> None:
        self._setpoint = setpoint
        self._bar.set_setpoint(setpoint)
        self.update()

    def set_alarm_limits(self, low: float | None, high: float | None) -> None:
        self._bar.set_alarm_limits(low, high)

    def set_normal_band(self, low: float | None, high: float | None) -> None:
        self._bar.set_normal_band(low, high)

    def set_scale(self, minimum: float, maximum: float) -> None:
        self._bar.set_scale(minimum, maximum)

    @property
    def deviation_bar(self) -> DeviationBar:
        return self._bar

    @property
    def sparkline(self) -> Sparkline:
        return self._spark

    # --- what the tile shows (tests and accessibility read these) --------------------------
    def label_text(self) -> str:
        return self._label

    def set_label(self, label: str) -> None:
        """A new name over the value (the faceplate's "PV" in another language)."""
        self._label = label
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        # Captions are translated as they are drawn: another language needs only a paint.
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)

    def quality(self) -> DisplayQuality:
        return self._quality

    def is_greyed(self) -> bool:
        return not self._quality.is_live

    def value_text(self) -> str:
        if self._quality is DisplayQuality.BAD:
            return self.tr("BAD")
        v = self._value
        if v is None:
            return "—"
        if isinstance(v, bool):
            return self.tr("ON") if v else self.tr("OFF")
        if isinstance(v, int | float):
            return "—" if not math.isfinite(v) else f"{v:.{self._decimals}f}"
        return str(v)

    def unit_text(self) -> str:
        return "" if self._quality is DisplayQuality.BAD else self._unit

    def caption_text(self) -> str:
        """The line under the value, most urgent first: BAD status, stale/lost age, the alarm,
        "uncertain", the setpoint."""
        if self._quality is DisplayQuality.BAD:
            # the big text says BAD already
            return self._status or self.tr("no status from the PLC")
        if not self._quality.is_live:
            return quality_caption(self._quality, self._age.age_s(self._timestamp), self._status)
        if self._alarm is not None:
            return f"{self._alarm.label} {self._alarm_text}".strip()
        if self._quality is DisplayQuality.UNCERTAIN:
            return quality_caption(self._quality, None, self._status)
        if self._setpoint is not None:
            sp = f"{self._setpoint:.{self._decimals}f} {self._unit}".strip()
            return self.tr("SP {0}", "setpoint").format(sp)
        return ""

    def alarm(self) -> AlarmPriority | None:
        return self._alarm

    def _number(self) -> float | None:
        v = self._value
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            return None
        return float(v)

    # --- input -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = event.button() == Qt.MouseButton.LeftButton
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        was_pressed, self._pressed = self._pressed, False
        self.update()
        inside = self.rect().contains(event.position().toPoint())
        if was_pressed and inside and not self._long_press.fired:
            self.clicked.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.trend_requested.emit()

    def _on_long_press_long_pressed(self, _pos: QPoint) -> None:
        self._pressed = False
        self.update()
        self.trend_requested.emit()

    # --- painting --------------------------------------------------------------------------
    def _line_px(self) -> tuple[int, int]:
        return self._m.text_px(self), self._m.value_text_px(self)

    def _text_height(self) -> int:
        text, value = self._line_px()
        return round(text * 1.35 + value * 1.2 + text * 1.35)

    def sizeHint(self) -> QSize:
        return QSize(self._m.px(60, self), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        height = layout.sizeHint().height() if layout is not None else self._text_height()
        return QSize(self.minimumWidth(), height)

    def value_font_px(self, available_px: float) -> int:
        """The value's font size: the tile's, or smaller when the value would not fit in
        available_px. A digit is never clipped: 1.499 cut to .499 is a lie."""
        value_px = self._line_px()[1]
        font = pixel_font(self.font(), value_px, bold=self._quality.is_live)
        needed = QFontMetricsF(font).horizontalAdvance(self.value_text())
        if needed <= available_px or available_px <= 0:
            return value_px
        return max(int(value_px * available_px / needed), 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        old = not self._quality.is_live
        if old:
            hatch(painter, rect, p)
        else:
            painter.fillRect(rect, QColor(p.button_pressed if self._pressed else p.panel))
        # Frame: abnormal states get a heavy coloured frame; normal a thin grey one.
        if self._quality is DisplayQuality.BAD:
            frame, width = QColor(p.diagnostic), self._m.px(1.2, self)
        elif self._alarm is not None:
            frame, width = self._alarm.color(p), self._m.px(1.2, self)
        else:
            frame, width = QColor(p.panel_border), 2
        painter.setPen(QPen(frame, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        painter.drawRect(rect.adjusted(half, half, -half, -half))

        text_px, value_px = self._line_px()
        pad = self._m.gap_px(self) + width / 2
        x, w = rect.left() + pad, rect.width() - 2 * pad
        y = rect.top() + pad / 2
        label_rect = QRectF(x, y, w, text_px * 1.35)
        badge = 0.0
        if self._alarm is not None:
            badge = text_px * 1.9
            draw_priority_badge(
                painter, QRectF(x + w - badge, y, badge, badge), self._alarm, p,
            )
        ink = QColor(p.old_text if old else p.text)
        painter.setPen(ink)
        painter.setFont(pixel_font(self.font(), text_px))
        label = painter.fontMetrics().elidedText(
            self._label, Qt.TextElideMode.ElideRight, round(w - badge - text_px * 0.3)
        )
        left_middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(label_rect, left_middle, label)

        y = label_rect.bottom()
        value_rect = QRectF(x, y, w, value_px * 1.2)
        unit_font = pixel_font(self.font(), text_px)
        unit = self.unit_text()
        painter.setFont(unit_font)
        unit_w = painter.fontMetrics().horizontalAdvance(unit) + text_px * 0.4
        value_px = self.value_font_px(w - unit_w)
        painter.setFont(pixel_font(self.font(), value_px, bold=not old))
        value_color = QColor(p.diagnostic) if self._quality is DisplayQuality.BAD else ink
        painter.setPen(value_color)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
        painter.drawText(value_rect.adjusted(0, 0, -unit_w, 0), align, self.value_text())
        painter.setPen(ink)
        painter.setFont(unit_font)
        painter.drawText(
            value_rect.adjusted(0, 0, 0, -value_px * 0.12),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, unit,
        )

        caption_rect = QRectF(x, value_rect.bottom(), w, text_px * 1.35)
        caption = self.caption_text()
        if caption:
            painter.setFont(pixel_font(self.font(), text_px, bold=old or self._alarm is not None))
            painter.setPen(QColor(p.text))
            caption = painter.fontMetrics().elidedText(
                caption, Qt.TextElideMode.ElideRight, round(w)
            )
            painter.drawText(
                caption_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, caption
            )
        painter.end()

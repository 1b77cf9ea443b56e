"""AlarmBanner: the header's alarm line, self-painted (ISA-101, ISA-18.2).

Left, the most urgent unacknowledged alarm: its priority badge (colour + shape + number,
never colour alone), flashing once a second while unacknowledged, its text and how long it
has waited. Right, one badge per priority
with the count of unacknowledged alarms, so "two P1 behind this one" is seen at a glance.
With nothing unacknowledged the banner is grey: a grey circle and "No unacknowledged
alarms" (or how many stand acknowledged). The whole banner is one touch target: touching it
asks for the alarm list (``activated``). The owner converts its alarm model into
``BannerAlarm`` at the boundary; this module knows nothing of hmi.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.age_clock import AgeClock, Clock
from widgets.painting import draw_badge, draw_priority_badge, pixel_font
from widgets.quality import format_age
from widgets.theme import AlarmPriority, BadgeShape, TouchMetrics, metrics, palette


@dataclass(frozen=True, slots=True)
class BannerAlarm:
    """The alarm the banner leads with."""

    priority: AlarmPriority
    text: str  # "Coater web break (coater)"
    since: float | None = None  # epoch s when it became active: the banner shows its age
    unacked: bool = True


class AlarmBanner(QWidget):
    activated = Signal()  # touched: open the alarm list

    def __init__(
        self,
        parent: QWidget | None = None,
        m: TouchMetrics | None = None,
        clock: Clock = time.time,
        idle_text: str | None = None,
    ) -> None:
        """``idle_text``: what it says with nothing unacknowledged (None: "No
        unacknowledged alarms" in the language of the moment)."""
        super().__init__(parent)
        self._m = m or metrics()
        self._idle_text = idle_text
        self._lead: BannerAlarm | None = None
        self._counts: dict[AlarmPriority, int] = dict.fromkeys(AlarmPriority, 0)
        self._standing = 0  # acknowledged alarms still active (shown in grey)
        self._age = AgeClock(self, clock)
        self._age.ticked.connect(self._on_age_ticked)
        self._blink_off = False  # an unacknowledged lead alarm flashes (ISA-18.2 UNACK)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # One touch target: at least the touch button height, whatever the text size.
        self.setFixedHeight(max(self._m.button_px(self), self._m.px(self._m.text_mm * 2.0, self)))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("Alarm banner: touch to open the alarm list"))

    def show_alarms(
        self,
        lead: BannerAlarm | None,
        counts: Mapping[AlarmPriority, int] | Mapping[int, int],
        standing: int = 0,
    ) -> None:
        """The alarm to lead with (None: nothing unacknowledged), the unacknowledged count
        per priority (keyed by AlarmPriority or 1-4), and how many acknowledged alarms stand."""
        new_counts = dict.fromkeys(AlarmPriority, 0)
        for key, count in counts.items():
            new_counts[key if isinstance(key, AlarmPriority) else AlarmPriority(key)] = count
        if (lead, new_counts, standing) == (self._lead, self._counts, self._standing):
            return  # summaries come after every change, mostly not to the banner's part
        self._lead, self._counts, self._standing = lead, new_counts, standing
        self._age.set_running(lead is not None and (lead.since is not None or lead.unacked))
        self._blink_off = False
        self.update()

    def _on_age_ticked(self) -> None:
        lead = self._lead
        self._blink_off = lead is not None and lead.unacked and not self._blink_off
        self.update()

    def flashing(self) -> bool:
        """Whether the lead badge flashes (its alarm is unacknowledged)."""
        return self._lead is not None and self._lead.unacked and self._age.running

    def set_idle_text(self, text: str | None) -> None:
        """What the banner says with nothing unacknowledged (which alarms it speaks for)."""
        self._idle_text = text
        self.update()

    # -- what it shows (tests read these, as an operator reads the glass) ---------------------
    def lead(self) -> BannerAlarm | None:
        return self._lead

    def counts(self) -> dict[AlarmPriority, int]:
        return dict(self._counts)

    def text(self) -> str:
        lead = self._lead
        if lead is None:
            idle = self._idle_text
            if idle is None:
                idle = self.tr("No unacknowledged alarms")
            if self._standing:
                return self.tr("{0}; %n active, acknowledged", "", self._standing).format(idle)
            return idle
        age = self._age.age_s(lead.since)
        text = lead.text  # the badge beside it carries the priority's number
        return text if age is None else f"{text}  {format_age(age)}"

    def counts_text(self) -> str:
        return "  ".join(f"{p.label}: {n}" for p, n in self._counts.items() if n)

    # -- Qt ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # texts are made as they are drawn
            self.setAccessibleName(self.tr("Alarm banner: touch to open the alarm list"))
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        h = self.height()
        font = pixel_font(self.font(), self._m.text_px(self))
        width = QFontMetrics(font).horizontalAdvance(self.text())
        return QSize(round(h * 1.3 + width + self._counts_width(h)), h)

    def minimumSizeHint(self) -> QSize:
        h = self.height()
        return QSize(round(h * 4 + self._counts_width(h)), h)

    def _counts_width(self, h: float) -> float:
        shown = sum(1 for n in self._counts.values() if n)
        return shown * h * 1.9

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit()
            event.accept()
            return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self)
        h = float(self.height())
        w = float(self.width())
        lead = self._lead
        painter.setPen(QColor(p.panel_border))
        painter.setBrush(QColor(p.panel))
        painter.drawRect(QRectF(0.5, 0.5, w - 1, h - 1))
        badge = QRectF(h * 0.12, h * 0.12, h * 0.76, h * 0.76)
        if lead is not None and self._blink_off:
            # The flash's dark phase keeps the shape and number (never colour alone).
            draw_badge(painter, badge, lead.priority.shape, QColor(p.panel), QColor(p.text),
                       str(lead.priority.value), QColor(p.text))
        elif lead is not None:
            draw_priority_badge(painter, badge, lead.priority, p)
        else:
            draw_badge(painter, badge, BadgeShape.CIRCLE, QColor(p.process), QColor(p.text))
        # Counts right-aligned: a badge per priority with unacknowledged alarms, and its count.
        right = w - h * 0.15
        for priority in reversed(list(AlarmPriority)):
            count = self._counts[priority]
            if not count:
                continue
            label = str(count)
            painter.setFont(pixel_font(self.font(), self._m.text_px(self), bold=True))
            width = QFontMetrics(painter.font()).horizontalAdvance(label) + h * 0.2
            painter.setPen(QColor(p.text))
            painter.drawText(QRectF(right - width, 0, width, h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)
            right -= width
            small = QRectF(right - h * 0.7, h * 0.15, h * 0.7, h * 0.7)
            draw_priority_badge(painter, small, priority, p)
            right = small.left() - h * 0.35
        painter.setPen(QColor(p.text))
        painter.setFont(pixel_font(self.font(), self._m.text_px(self), bold=lead is not None))
        text_rect = QRectF(h * 1.05, 0, max(0.0, right - h * 1.05), h)
        elided = QFontMetrics(painter.font()).elidedText(
            self.text(), Qt.TextElideMode.ElideRight, round(text_rect.width()))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         elided)
        painter.end()

"""AlarmBars: a small self-painted bar chart for alarm performance (DOMAIN.md 3.2): rates
per interval against a target and a flood line, a priority distribution, the bad actors.

Bars are grey (ISA-101: a KPI display is not an alarm); a bar beyond its limit is drawn
darker and hatched, so "over" reads without colour. Reference lines are dashed with their
name written on them. Vertical bars (a time series, few labels) or horizontal bars (named
rows: bad actors), no axes to read: the numbers are written where they matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.painting import pixel_font
from widgets.theme import TouchMetrics, metrics, palette


@dataclass(frozen=True, slots=True)
class Reference:
    value: float
    label: str  # "target 1", "flood 10"


class AlarmBars(QWidget):
    def __init__(self, title: str, horizontal: bool = False, parent: QWidget | None = None,
                 m: TouchMetrics | None = None) -> None:
        super().__init__(parent)
        self._m = m or metrics()
        self.title = title
        self.horizontal = horizontal
        self._labels: list[str] = []
        self._values: list[float] = []
        self._limit: float | None = None  # above it a bar is "over"
        self._references: list[Reference] = []
        self._note = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, labels: Sequence[str], values: Sequence[float], *,
                 limit: float | None = None, references: Sequence[Reference] = (),
                 note: str = "") -> None:
        """``note``: said when there is nothing to draw ("no alarms in the period")."""
        self._labels, self._values = list(labels), [float(v) for v in values]
        self._limit, self._references, self._note = limit, list(references), note
        self.update()

    def values(self) -> list[float]:
        return list(self._values)

    def labels(self) -> list[str]:
        return list(self._labels)

    def over(self) -> list[str]:
        """The labels of the bars beyond the limit (what the hatching shows)."""
        if self._limit is None:
            return []
        return [lb for lb, v in zip(self._labels, self._values, strict=True) if v > self._limit]

    def sizeHint(self) -> QSize:
        line = self._m.text_px(self)
        rows = len(self._labels) if self.horizontal else 4
        return QSize(line * 20, line * 2 + max(rows, 3) * line * 2)

    def minimumSizeHint(self) -> QSize:
        line = self._m.text_px(self)
        return QSize(line * 10, line * 5)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self._m.text_px(self)
        font = pixel_font(self.font(), text)
        painter.setFont(pixel_font(self.font(), text, bold=True))
        painter.setPen(QColor(p.text))
        painter.drawText(QRectF(0, 0, self.width(), text * 1.5),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(font)
        area = QRectF(0, text * 1.7, self.width(), self.height() - text * 1.7)
        if not self._values or (max(self._values) <= 0 and not self._references):
            painter.setPen(QColor(p.text_muted))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._note or "nothing to show")
            painter.end()
            return
        top = max([*self._values, *(r.value for r in self._references), 1e-9]) * 1.1
        if self.horizontal:
            self._paint_rows(painter, area, top, text)
        else:
            self._paint_columns(painter, area, top, text)
        painter.end()

    def _bar(self, painter: QPainter, rect: QRectF, value: float) -> None:
        p = palette()
        over = self._limit is not None and value > self._limit
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(p.limit if over else p.normal_band))
        painter.drawRect(rect)
        if over:
            painter.setBrush(QBrush(QColor(p.panel), Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)

    def _paint_columns(self, painter: QPainter, area: QRectF, top: float, text: int) -> None:
        p = palette()
        n = len(self._values)
        plot = QRectF(area.left(), area.top(), area.width(), area.height() - text * 1.4)
        step = plot.width() / max(n, 1)
        for i, value in enumerate(self._values):
            h = plot.height() * value / top
            self._bar(painter, QRectF(plot.left() + i * step + step * 0.1, plot.bottom() - h,
                                      max(1.0, step * 0.8), h), value)
        painter.setPen(QColor(p.text_muted))
        # First, middle and last label only: a day of 10-minute bars has 144 of them.
        width = text * 6.0
        for i in sorted({0, n // 2, n - 1}):
            if 0 <= i < n:
                x = plot.left() + (i + 0.5) * step - width / 2
                x = min(max(x, plot.left()), plot.right() - width)  # kept inside the chart
                painter.drawText(QRectF(x, plot.bottom(), width, text * 1.4),
                                 Qt.AlignmentFlag.AlignCenter, self._labels[i])
        self._paint_references(painter, plot, top, text)

    def _paint_rows(self, painter: QPainter, area: QRectF, top: float, text: int) -> None:
        p = palette()
        n = len(self._values)
        metrics_ = QFontMetrics(painter.font())
        label_w = min(area.width() * 0.45,
                      max((metrics_.horizontalAdvance(lb) for lb in self._labels), default=0)
                      + text)
        number_w = metrics_.horizontalAdvance("0000") + text
        plot = QRectF(area.left() + label_w, area.top(), area.width() - label_w - number_w,
                      area.height())
        step = min(plot.height() / max(n, 1), text * 1.6)  # one bad actor is not a slab
        for i, (label, value) in enumerate(zip(self._labels, self._values, strict=True)):
            y = plot.top() + i * step
            painter.setPen(QColor(p.text))
            painter.drawText(QRectF(area.left(), y, label_w - text / 2, step),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics_.elidedText(label, Qt.TextElideMode.ElideMiddle,
                                                 round(label_w - text / 2)))
            w = plot.width() * value / top
            self._bar(painter, QRectF(plot.left(), y + step * 0.15, w, step * 0.7), value)
            painter.setPen(QColor(p.text))
            painter.drawText(QRectF(plot.left() + w + text / 3, y, number_w, step),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:g}")

    def _paint_references(self, painter: QPainter, plot: QRectF, top: float, text: int) -> None:
        p = palette()
        for ref in self._references:
            y = plot.bottom() - plot.height() * ref.value / top
            painter.setPen(QPen(QColor(p.text), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(round(plot.left()), round(y), round(plot.right()), round(y))
            painter.setPen(QColor(p.text))
            painter.drawText(QRectF(plot.right() - text * 12, y - text * 1.3, text * 12,
                                    text * 1.2),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             ref.label)

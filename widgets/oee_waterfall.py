"""OeeWaterfall: planned time broken down into the losses down to fully productive time
(DOMAIN.md 5.1, six big losses), self-painted as horizontal rows.

The first row is the whole (planned production time), each loss hangs where the previous
ones left off and takes its share away, the last row is what is left (fully productive
time). Grey only (ISA-101: a KPI is not an alarm): the whole and the rest solid, the
losses hatched, so "taken away" reads without colour. Each row says its hours or minutes
and its share of the planned time.

    waterfall = OeeWaterfall()
    waterfall.set_steps([("planned production time", 28800), ("web break", 1800), ...,
                         ("fully productive time", 21000)])
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.painting import pixel_font
from widgets.theme import TouchMetrics, metrics, palette


def duration_text(seconds: float) -> str:
    if seconds >= 5400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"


class OeeWaterfall(QWidget):
    def __init__(self, title: str = "Losses", parent: QWidget | None = None,
                 m: TouchMetrics | None = None) -> None:
        super().__init__(parent)
        self._m = m or metrics()
        self.title = title
        self._steps: list[tuple[str, float]] = []
        self._note = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_steps(self, steps: Sequence[tuple[str, float]], note: str = "") -> None:
        """(label, seconds): the whole first, then each loss, the rest last. ``note`` is
        said when there is nothing to draw."""
        self._steps = [(label, max(0.0, float(s))) for label, s in steps]
        self._note = note
        self.update()

    def bars(self) -> list[tuple[str, float, float]]:
        """(label, start s, end s) of each row as drawn: losses hang from what is left."""
        if not self._steps:
            return []
        rows = [(self._steps[0][0], 0.0, self._steps[0][1])]
        left = self._steps[0][1]
        for label, seconds in self._steps[1:-1]:
            rows.append((label, max(0.0, left - seconds), left))
            left -= seconds
        if len(self._steps) > 1:
            rows.append((self._steps[-1][0], 0.0, self._steps[-1][1]))
        return rows

    def sizeHint(self) -> QSize:
        line = self._m.text_px(self)
        return QSize(line * 28, line * 2 + max(len(self._steps), 4) * line * 2)

    def minimumSizeHint(self) -> QSize:
        line = self._m.text_px(self)
        return QSize(line * 14, line * 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self)
        text = self._m.text_px(self)
        painter.setFont(pixel_font(self.font(), text, bold=True))
        painter.setPen(QColor(p.text))
        painter.drawText(QRectF(0, 0, self.width(), text * 1.5),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(pixel_font(self.font(), text))
        area = QRectF(0, text * 1.7, self.width(), self.height() - text * 1.7)
        rows = self.bars()
        whole = rows[0][2] if rows else 0.0
        if whole <= 0:
            painter.setPen(QColor(p.text_muted))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter,
                             self._note or "no planned time in this period")
            painter.end()
            return
        fm = QFontMetrics(painter.font())
        label_w = min(area.width() * 0.42,
                      max(fm.horizontalAdvance(label) for label, _, _ in rows) + text)
        number_w = fm.horizontalAdvance("100.0 h 100 %") + text
        plot = QRectF(area.left() + label_w, area.top(), area.width() - label_w - number_w,
                      area.height())
        step = min(plot.height() / len(rows), text * 2.0)
        last = len(rows) - 1
        for i, (label, start, end) in enumerate(rows):
            y = plot.top() + i * step
            painter.setPen(QColor(p.text))
            painter.drawText(QRectF(area.left(), y, label_w - text / 2, step),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            x0 = plot.left() + plot.width() * start / whole
            x1 = plot.left() + plot.width() * end / whole
            bar = QRectF(x0, y + step * 0.15, max(1.0, x1 - x0), step * 0.7)
            painter.setPen(Qt.PenStyle.NoPen)
            loss = 0 < i < last
            painter.setBrush(QColor(p.normal_band if loss else p.process))
            painter.drawRect(bar)
            if loss:
                painter.setBrush(QBrush(QColor(p.limit), Qt.BrushStyle.BDiagPattern))
                painter.drawRect(bar)
            painter.setPen(QColor(p.text))
            share = (end - start) / whole * 100
            painter.drawText(QRectF(x1 + text / 3, y, number_w + plot.right() - x1, step),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{duration_text(end - start)} {share:.0f} %")
        painter.end()

"""AgeHistogram: how old the values of a connection are, as bars over age buckets.

"How old is what I see?" for a whole connection at a glance: bars in the process grey;
the buckets past the staleness limit are drawn hatched and labelled, so an old value is
never shown as if it were fresh (colour only for the abnormal, and never colour alone).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.theme import metrics, palette


class AgeHistogram(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: tuple[str, ...] = ()
        self._counts: tuple[int, ...] = ()
        self._old_from = 0  # bucket index from which values count as old
        self.setMinimumHeight(metrics().px(24, self))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_buckets(self, labels: Sequence[str], counts: Sequence[int], old_from: int) -> None:
        """`labels[i]` names bucket i ("<0.2 s"); `old_from`: first bucket drawn as old."""
        if len(labels) != len(counts):
            raise ValueError("one count per label")
        relabelled = tuple(labels) != self._labels
        self._labels, self._counts, self._old_from = tuple(labels), tuple(counts), old_from
        if relabelled:  # another language: another width for the labels
            self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:  # Qt override: no label drawn over its neighbour
        """Each bucket's slot as wide as the widest label: a narrow screen (a 1024 px panel)
        gives the histogram that, never a width where "<1 min" runs into "<1 h"."""
        hint = super().minimumSizeHint()
        if not self._labels:
            return hint
        widest = max(self.fontMetrics().horizontalAdvance(label) for label in self._labels)
        return QSize(len(self._labels) * (widest + 4), max(hint.height(), self.minimumHeight()))

    def counts(self) -> tuple[int, ...]:
        return self._counts

    def paintEvent(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(p.panel))
            if not self._counts:
                painter.setPen(QColor(p.text_muted))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                                 self.tr("no values yet"))  # painted: follows a switch
                return
            text_h = painter.fontMetrics().height()
            top, bottom = text_h + 4, self.height() - text_h - 4
            slot = self.width() / len(self._counts)
            peak = max(max(self._counts), 1)
            for index, (label, count) in enumerate(zip(self._labels, self._counts,
                                                       strict=True)):
                x = index * slot
                height = (bottom - top) * count / peak
                bar = QRectF(x + slot * 0.15, bottom - height, slot * 0.7, height)
                old = index >= self._old_from
                painter.setPen(QPen(QColor(p.panel_border), 1))
                painter.setBrush(QBrush(QColor(p.old_fill if old else p.process),
                                        Qt.BrushStyle.BDiagPattern if old
                                        else Qt.BrushStyle.SolidPattern))
                if count:
                    painter.drawRect(bar)
                painter.setPen(QColor(p.old_text if old else p.text))
                painter.drawText(QRectF(x, bottom + 2, slot, text_h),
                                 Qt.AlignmentFlag.AlignCenter, label)
                painter.drawText(QRectF(x, max(0.0, bar.top() - text_h - 2), slot, text_h),
                                 Qt.AlignmentFlag.AlignCenter, str(count))
        finally:
            painter.end()

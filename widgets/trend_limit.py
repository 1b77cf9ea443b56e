"""Limit lines and the grid of a TrendPlot as Qt's own items (painted without Python).

Both cross the whole plot, so every strip repaint at the live edge touches them. As
pyqtgraph items (InfiniteLine with its label, the axes drawing the grid) they cost 13 + 3
calls into Python per frame on the trend benchmark, each waiting for the GIL; as a
QGraphicsLineItem, a QGraphicsSimpleTextItem and a QGraphicsPathItem they cost none. Python
only moves the label and redraws the grid when the range on screen changes.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
)

# Epoch seconds 1970..2096: where a limit line lies before the plot says what is on screen.
X_SPAN = (0.0, 4.0e9)
LABEL_AT = 0.97  # of the visible width: the label sits at the right, clear of the live edge


def _cosmetic(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(color))
    pen.setCosmetic(True)
    pen.setWidthF(width)
    pen.setStyle(style)
    return pen


class LimitLine(QGraphicsLineItem):
    """A dashed horizontal line at a limit, in its pen's colour, labelled "H 250"."""

    angle = 0  # horizontal, as pyqtgraph's InfiniteLine says it

    def __init__(
        self, value: float, name: str, color: QColor, view_box: pg.ViewBox,
        font: QFont | None = None,
    ) -> None:
        super().__init__(X_SPAN[0], value, X_SPAN[1], value)
        self._value = float(value)
        self.view_box = view_box
        # A dashed hairline: the raster engine's fast path (a 1.5 px dashed line is
        # stroked and filled: 13 of them took 4 ms of a full repaint).
        self.setPen(_cosmetic(color, 0.0, Qt.PenStyle.DashLine))
        self.label = QGraphicsSimpleTextItem(f"{name} {value:g}", self)
        self.label.setBrush(QColor(color))
        if font is not None:
            self.label.setFont(font)
        # Text in pixels, upright, whatever the view's scale (its anchor stays in data).
        self.label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        # Text as a pixmap: a full repaint blits 32 labels rather than shaping them again.
        self.label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        box = self.label.boundingRect()
        self.label.setTransform(QTransform.fromTranslate(-box.width(), -box.height()))

    def value(self) -> float:
        return self._value

    def set_color(self, color: QColor) -> None:
        self.setPen(_cosmetic(color, 0.0, Qt.PenStyle.DashLine))
        self.label.setBrush(QColor(color))

    def place_label(self, x0: float, x1: float) -> None:
        """Span the visible range x0..x1 (a dash pattern over decades of time would not
        render as dashes) and keep the label at its right, just above the line. The line
        spans a window either side, so a scroll jump only moves the label (a new line
        re-indexes the item: 32 limit lines cost ~1 ms a jump)."""
        line = self.line()
        a, b, width = line.x1(), line.x2(), x1 - x0
        if not (a <= x0 and x1 <= b and b - a <= 4 * width):
            self.setLine(x0 - width, self._value, x1 + width, self._value)
        self.label.setPos(x0 + LABEL_AT * width, self._value)


class TrendGrid(QGraphicsPathItem):
    """Opaque grid lines at the axes' ticks, behind the curves of the main view."""

    def __init__(self, color: QColor) -> None:
        super().__init__()
        self.setPen(_cosmetic(color, 0.0))  # hairline: its bounds are the path's own
        self.setZValue(-1e9)

    def set_color(self, color: QColor) -> None:
        self.setPen(_cosmetic(color, 0.0))

    def set_lines(self, xs: Iterable[float], ys: Iterable[float],
                  x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
        """Vertical lines at xs and horizontal lines at ys across the given ranges."""
        (x0, x1), (y0, y1) = x_range, y_range
        path = QPainterPath()
        for x in xs:
            path.moveTo(x, y0)
            path.lineTo(x, y1)
        for y in ys:
            path.moveTo(x0, y)
            path.lineTo(x1, y)
        self.setPath(path)


def tick_positions(axis: pg.AxisItem, lo: float, hi: float, pixels: float) -> list[float]:
    """Where the axis puts its ticks for lo..hi over ``pixels``, at the levels it draws."""
    if pixels < 1 or not hi > lo:
        return []
    if isinstance(axis, pg.DateAxisItem) and not hasattr(axis, "fontMetrics"):
        # A DateAxisItem sizes its labels with the metrics its first paint sets; before
        # that, give it the same ones (its tick font) so it picks the same ticks.
        font = axis.style.get("tickFont") or QFont()
        axis.fontMetrics = QFontMetrics(font)
    levels = axis.tickValues(lo, hi, pixels)
    deepest = axis.style.get("maxTickLevel", 2)
    return [float(v) for level, (_spacing, values) in enumerate(levels) if level <= deepest
            for v in values if lo <= v <= hi]

"""The y side of a TrendPlot: one axis and ViewBox per unit, and y scaling done by hand.

The first unit uses the plot's own left axis; each further unit gets a right-hand axis
with its own ViewBox, x-linked to the main one (pyqtgraph's MultiplePlotAxes recipe).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem

from widgets.theme import palette
from widgets.trend_pen import TrendPen

Extent = tuple[float, float]


def style_axis(axis: pg.AxisItem, font: QFont) -> None:
    p = palette()
    axis.setTickFont(font)
    axis.setTextPen(pg.mkPen(p.text))
    axis.setPen(pg.mkPen(p.plot_grid))  # also the grid colour
    # Minor grid lines turn the plot into a hatch (and cost a full-area pass each).
    axis.setStyle(maxTickLevel=0 if axis.orientation in ("left", "right") else 1)
    # The grid belongs under the curves and the legend, not across them.
    axis.setZValue(-1000)
    # Kept as a pixmap: a full repaint of the plot then blits the axis instead of replaying
    # its text (pyqtgraph redraws it only when its range changes, which updates the cache).
    axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    if axis.orientation in ("left", "right"):
        # A fixed width: pyqtgraph widens an axis whose tick labels grew ("95" to "105"),
        # which narrows the plot, and a new plot width is a new time scale: every history
        # tile decimated and drawn again and the whole plot repainted (the UI bench saw it
        # after y rescales, 20-30 ms of CPU each).
        metrics = QFontMetrics(font)
        axis.setWidth(metrics.horizontalAdvance("-0000.0") + 2 * metrics.height() + 8)


class UnitAxes:
    def __init__(self, plot_item: pg.PlotItem, font: QFont) -> None:
        self._plot_item = plot_item
        self._main: pg.ViewBox = plot_item.getViewBox()
        self._font = font
        self._units: dict[str, tuple[pg.ViewBox, pg.AxisItem]] = {}
        # The plot scales y itself (fit): pyqtgraph's auto-range repaints the whole view
        # whenever any curve changes, which would make every 10 Hz tick a full repaint.
        self._main.disableAutoRange()
        self._main.sigResized.connect(self._on_main_view_resized)

    def units(self) -> list[str]:
        return list(self._units)

    def axis(self, unit: str) -> pg.AxisItem:
        return self._units[unit][1]

    def view(self, unit: str) -> pg.ViewBox:
        """The ViewBox that draws this unit's pens, made (with its axis) on first use."""
        if unit in self._units:
            return self._units[unit][0]
        if not self._units:
            view, axis = self._main, self._plot_item.getAxis("left")
        else:
            view = pg.ViewBox()
            view.setMouseEnabled(x=True, y=False)
            view.disableAutoRange()
            # Below the main view: the main view then takes every drag and pinch (so an
            # operator's pan pauses following) and its legend stays on top of all curves.
            view.setZValue(self._main.zValue() - 1)
            if len(self._units) == 1:
                self._plot_item.showAxis("right")
                axis = self._plot_item.getAxis("right")
            else:
                axis = pg.AxisItem("right")
                style_axis(axis, self._font)
                self._plot_item.layout.addItem(axis, 2, 1 + len(self._units))
            self._plot_item.scene().addItem(view)
            axis.linkToView(view)
            view.setXLink(self._main)
        style = {"font-size": f"{self._font.pixelSize()}px", "color": palette().text}
        axis.setLabel(unit, **style)
        self._units[unit] = (view, axis)
        self._on_main_view_resized()
        return view

    def restyle(self) -> None:
        """Colours from the theme in force again (a day/night switch)."""
        style = {"font-size": f"{self._font.pixelSize()}px", "color": palette().text}
        for unit, (_view, axis) in self._units.items():
            style_axis(axis, self._font)
            axis.setLabel(unit, **style)

    def _on_main_view_resized(self) -> None:
        rect = self._main.sceneBoundingRect()
        for view, _axis in self._units.values():
            if view is not self._main:
                view.setGeometry(rect)
                view.linkedViewChanged(self._main, view.XAxis)

    # --- y scaling -------------------------------------------------------------------------
    def fit(self, pens: Iterable[TrendPen], x0: float, x1: float, shrink: bool) -> None:
        """Scale each unit to its pens' data between x0 and x1, limits included. Grows at once
        when data leaves the range; shrinks (when asked) only if the data uses under 60% of
        it, so the scale does not breathe with every sample."""
        pens = list(pens)
        for view, _axis in self._units.values():
            extents = [p.extent(x0, x1) for p in pens if p.view_box is view]
            _fit_view(view, [e for e in extents if e is not None], shrink)

    def fit_live(self, pens: Iterable[TrendPen]) -> None:
        """Grow a scale if a live segment left it (cheap: live segments are short)."""
        pens = list(pens)
        for view, _axis in self._units.values():
            extents = [p.live_extent() for p in pens if p.view_box is view]
            _fit_view(view, [e for e in extents if e is not None], shrink=False)


def _fit_view(view: pg.ViewBox, extents: list[Extent], shrink: bool) -> None:
    if not extents:
        return
    lo = min(e[0] for e in extents)
    hi = max(e[1] for e in extents)
    y0, y1 = view.viewRange()[1]
    inside = y0 <= lo and hi <= y1
    if inside and not (shrink and (hi - lo) < 0.6 * (y1 - y0)):
        return
    if not shrink:
        # Growing for a live value: keep what is shown (the history the live extents do
        # not know about) and add headroom on the side that grew, so the next noise peak
        # does not rescale again (each rescale repaints and re-renders the whole plot).
        span = max(hi, y1) - min(lo, y0)
        new_lo = lo - 0.15 * span if lo < y0 else y0
        new_hi = hi + 0.15 * span if hi > y1 else y1
        view.setYRange(new_lo, new_hi, padding=0)
        return
    span = hi - lo if hi > lo else max(abs(hi) * 0.05, 1.0)
    view.setYRange(lo - 0.08 * span, hi + 0.08 * span, padding=0)

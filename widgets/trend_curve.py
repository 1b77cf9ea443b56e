"""TrendCurve: a pen's line as Qt's own path item, so painting it never calls into Python.

Why not a pyqtgraph curve: on the 10 Hz trend benchmark every repaint of the live strip
made Qt call into Python for each curve it touched (paint, boundingRect, and pyqtgraph's
own path and bounds bookkeeping behind them), about 100 calls a frame for 16 pens. Each
call takes the GIL, which the IoThread holds in turns, so the frame's tail grew with it.
A ``QGraphicsPathItem`` is painted and bounded in C++: Qt only asks Python for a new path
when the data or the view changes, which the plot decides (``set_line``, ``set_view``).

Long lines are peak-decimated here, for the range on screen: one min/max pair per pixel
column, a column holding a gap (NaN) stays a gap, and the newest samples that do not fill a
column are kept as they are, so the line still reaches the live segment that continues it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from widgets.ring_buffer import FloatArray

Line = tuple[FloatArray, FloatArray]
LineSource = Callable[[], Line]
_EMPTY: Line = (np.empty(0), np.empty(0))


def peak_decimate(t: FloatArray, v: FloatArray, x0: float, x1: float, pixels: int) -> Line:
    """The samples of (t, v) (t sorted) between x0 and x1, one beyond each edge so the line
    leaves the view, as at most one (min, max) pair per pixel column. NaN (a gap) in a column
    makes the column a gap: a decimated line never bridges bad data."""
    i0 = max(int(np.searchsorted(t, x0, side="left")) - 1, 0)
    i1 = min(int(np.searchsorted(t, x1, side="right")) + 1, t.size)
    t, v = t[i0:i1], v[i0:i1]
    n = t.size
    if pixels < 1 or n <= 4 * pixels:
        return t, v
    per = n // pixels  # samples per column (the rings sample at a fixed rate)
    m = (n - 1) // per  # the newest sample always stays as it is: the live segment starts there
    cut = m * per
    with np.errstate(invalid="ignore"):
        columns = v[:cut].reshape(m, per)
        lo, hi = columns.min(axis=1), columns.max(axis=1)  # NaN propagates: a gap stays
    # Columns alternate min-to-max and max-to-min, so a column joins the next along the
    # band's edge: strict min-max order draws a second full-height stroke back down
    # between columns, doubling the pixels of a noisy hour (16 ms of a 25 ms full repaint).
    first, second = lo.copy(), hi.copy()
    first[1::2], second[1::2] = hi[1::2], lo[1::2]
    out_t = np.empty(2 * m + (n - cut))
    out_v = np.empty_like(out_t)
    out_t[0 : 2 * m : 2] = t[:cut:per]
    out_t[1 : 2 * m : 2] = t[per - 1 : cut : per]
    out_v[0 : 2 * m : 2] = first
    out_v[1 : 2 * m : 2] = second
    out_t[2 * m :] = t[cut:]
    out_v[2 * m :] = v[cut:]
    return out_t, out_v


def line_pen(color: QColor, width: float) -> QPen:
    """A cosmetic pen (its width in pixels, whatever the zoom). Width 1 is drawn as Qt's
    hairline (width 0): then the item's bounds are the path's own rectangle, not a stroke
    outline Qt would compute in data units on every new path."""
    pen = QPen(QColor(color))
    pen.setCosmetic(True)
    pen.setWidthF(0.0 if width <= 1.0 else float(width))
    return pen


class TrendCurve(QGraphicsPathItem):
    """A polyline with gaps at NaN. Either given its points (``set_line``: short lines, the
    live segment) or a ``source`` of many points, decimated for the view (``set_view``)."""

    def __init__(
        self, color: QColor, width: float = 1.0, source: LineSource | None = None
    ) -> None:
        super().__init__()
        self.setPen(line_pen(color, width))
        # Read by pyqtgraph's legend (ItemSample) to draw this curve's sample line.
        self.opts = {"pen": pg.mkPen(color, width=width), "antialias": False}
        self._source = source
        self._view: tuple[float, float, int] | None = None
        self._line: Line = _EMPTY

    def set_color(self, color: QColor) -> None:
        """Draw in ``color`` from now on (the theme switched)."""
        width = float(self.opts["pen"].widthF())
        self.setPen(line_pen(color, width))
        self.opts["pen"] = pg.mkPen(color, width=width)

    def set_line(self, t: FloatArray, v: FloatArray) -> None:
        """Draw exactly these points (kept: ``line`` returns them)."""
        self._line = (t, v)
        self.setPath(_path(t, v))

    def set_source(self, source: LineSource | None) -> None:
        self._source = source
        self.redraw()

    def set_view(self, x0: float, x1: float, pixels: int) -> None:
        """The range on screen and its width: a sourced line is decimated for it."""
        self._view = (x0, x1, pixels)
        self.redraw()

    def redraw(self) -> None:
        """Read the source again (its data changed) and draw it for the current view."""
        if self._source is None:
            return
        t, v = self._source()
        if self._view is not None and t.size:
            t, v = peak_decimate(t, v, *self._view)
        # A copy: a source may hand out views of a ring that keeps moving.
        self.set_line(np.array(t, dtype=np.float64), np.array(v, dtype=np.float64))

    def line(self) -> Line:
        """The points drawn now (after decimation for a sourced line)."""
        return self._line


def _path(t: FloatArray, v: FloatArray) -> QPainterPath:
    if t.size < 2:
        return QPainterPath()
    path: QPainterPath = pg.arrayToQPath(t, v, connect="finite")
    return path

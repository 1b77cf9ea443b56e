"""TiledHistory: a pen's long history curve cut into fixed time tiles that Qt caches as pixmaps.

Why: repainting the whole trend (a scroll jump, the long curves taking in the live
segments, a y rescale) redrew 16 noisy one-hour bands pixel by pixel, 13-21 ms of CPU on
the 2-core box (tests/bench/trend_repaint.py): a decimated noisy band is ~30 px tall in
every one of ~1700 columns, and a filled outline of it is slower still (Qt fills a
polygon that crosses each scanline hundreds of times at ~250 ms for 16 pens). So the band
is drawn once and kept: each tile is a Qt path item with ``DeviceCoordinateCache``, so a
full repaint blits the tiles' pixmaps; a scroll jump by whole pixels only moves them (the
plot snaps a following window to whole pixels, see TrendPlot._apply_window); new samples
re-render only the tile(s) they fall in. Only a change of scale (y rescale, zoom, resize)
renders everything again.

Tiles and columns sit on a grid of absolute time (column = floor(t / seconds per pixel)),
so a scrolled view decimates a tile's samples into exactly the same columns as before: a
tile does not change when the view moves. Decimation is one (min, max) pair per column; a
column holding a gap (NaN) stays a gap; each tile also draws the first sample after it, so
adjacent tiles join without a seam.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from widgets.ring_buffer import FloatArray
from widgets.trend_curve import Line, line_pen

LineSource = Callable[[], Line]
TILE_COLUMNS = 256  # a tile's width in pixel columns: ~7 tiles across a 1700 px plot
RAW_PER_COLUMN = 4  # up to this many samples per column are drawn as they are
_EMPTY: Line = (np.empty(0), np.empty(0))


def column_decimate(t: FloatArray, v: FloatArray, dt: float) -> Line:
    """(t, v) (t sorted) as one (min, max) pair per column of width dt on the absolute
    grid (column c holds floor(t / dt) == c), in an order that joins each column to the
    next along the band's edge. A column holding NaN is NaN: a gap stays a gap."""
    if t.size == 0:
        return t, v
    col = np.floor(t / dt).astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], col[1:] != col[:-1])))
    ends = np.concatenate((starts[1:], [t.size])) - 1
    with np.errstate(invalid="ignore"):
        lo = np.minimum.reduceat(v, starts)  # NaN propagates: a gap stays
        hi = np.maximum.reduceat(v, starts)
    # Alternate min-max and max-min by absolute column, so a column joins its neighbour
    # at the band's edge (strict min-max would stroke the full height twice per column).
    flip = (col[starts] % 2).astype(bool)
    first = np.where(flip, hi, lo)
    second = np.where(flip, lo, hi)
    out_t = np.empty(2 * starts.size)
    out_v = np.empty_like(out_t)
    out_t[0::2], out_t[1::2] = t[starts], t[ends]
    out_v[0::2], out_v[1::2] = first, second
    return out_t, out_v


class _Tile(QGraphicsPathItem):
    """One tile: a path Qt paints (no Python per frame) and keeps as a device pixmap."""

    def __init__(self, parent: QGraphicsItem, color: QColor, width: float) -> None:
        super().__init__(parent)
        self.setPen(line_pen(color, width))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.signature: tuple[float, ...] = ()
        self.line: Line = _EMPTY


class TiledHistory(QGraphicsPathItem):
    """A long line from ``source``, drawn for the view (``set_view``) in cached tiles.

    The item itself draws nothing: it is the parent of its tiles (hiding it hides them) and
    what the legend shows (``opts``)."""

    def __init__(self, color: QColor, width: float = 1.0, source: LineSource | None = None):
        super().__init__()
        self._color, self._width = QColor(color), width
        self.setPen(line_pen(color, width))
        self.opts = {"pen": pg.mkPen(color, width=width), "antialias": False}
        self._source = source
        self._view: tuple[float, float, int] | None = None
        self._dt = 0.0  # seconds per column the tiles are decimated for
        self._tiles: dict[int, _Tile] = {}
        self.renders = 0  # tile paths made (tests, the repaint benchmark)

    # --- what TrendCurve offers --------------------------------------------------------------
    def set_source(self, source: LineSource | None) -> None:
        self._source = source
        self.redraw(force=True)

    def set_view(self, x0: float, x1: float, pixels: int) -> None:
        """The range on screen and its width. A new scale re-decimates every tile; a move
        at the same scale only adds the tiles that came into view."""
        self._view = (x0, x1, pixels)
        dt = (x1 - x0) / pixels if pixels >= 1 and x1 > x0 else 0.0
        if not math.isclose(dt, self._dt, rel_tol=1e-9):
            self._dt = dt
            self._drop_tiles()
            self.redraw()
        else:  # the data did not change: only tiles coming into view need drawing
            self._sync(check_held=False)

    def set_color(self, color: QColor) -> None:
        self._color = QColor(color)
        self.setPen(line_pen(color, self._width))
        self.opts["pen"] = pg.mkPen(color, width=self._width)
        for tile in self._tiles.values():
            tile.setPen(line_pen(color, self._width))

    def redraw(self, force: bool = False) -> None:
        """Read the source again and re-render the tiles in view whose samples changed
        (``force``: all of them, for a source whose values change in place)."""
        if force:
            self._drop_tiles()
        self._sync(check_held=True)

    def _sync(self, check_held: bool) -> None:
        """Tiles for the view; ``check_held``: also compare the tiles held with the source
        (its data changed), else only add the missing ones and drop those far off screen."""
        if self._source is None or self._view is None or self._dt <= 0:
            return
        t, v = self._source()
        x0, x1, _pixels = self._view
        span = TILE_COLUMNS * self._dt
        first, last = math.floor(x0 / span), math.floor(x1 / span)
        # Tiles on screen that hold samples.
        held = range(math.floor(t[0] / span), math.floor(t[-1] / span) + 1) if t.size else ()
        wanted = set(range(first, last + 1)) & set(held)
        for k in list(self._tiles):
            # Tiles that left the screen, or lost their samples, go; one each side stays, so
            # a short pan back finds it cached.
            if k not in wanted and not (t.size and first - 1 <= k <= last + 1):
                self._remove_tile(k)
        for k in sorted(wanted):
            if check_held or k not in self._tiles:
                self._update_tile(k, t, v, span, x0)

    def line(self) -> Line:
        """The points the tiles draw now, in time order (tests)."""
        lines = [self._tiles[k].line for k in sorted(self._tiles)]
        if not lines:
            return _EMPTY
        return np.concatenate([a for a, _ in lines]), np.concatenate([b for _, b in lines])

    def tile_count(self) -> int:
        return len(self._tiles)

    # --- tiles ---------------------------------------------------------------------------------
    def _update_tile(self, k: int, t: FloatArray, v: FloatArray, span: float, x0: float) -> None:
        a, b = k * span, (k + 1) * span
        i0 = int(np.searchsorted(t, a, side="left"))
        i1 = int(np.searchsorted(t, b, side="left"))
        j1 = min(i1 + 1, t.size)  # one sample beyond: the join to the next tile
        tile = self._tiles.get(k)
        if i0 >= j1:
            if tile is not None:
                self._remove_tile(k)
            return
        signature = (float(t[i0]), float(t[j1 - 1]), float(j1 - i0))
        if tile is not None:
            if tile.signature == signature:
                return
            old_first, old_last, _n = tile.signature
            # Only samples older than the view left the ring: what is seen did not change.
            if old_last == signature[1] and old_first < signature[0] <= x0:
                return
        else:
            tile = _Tile(self, self._color, self._width)
            self._tiles[k] = tile
        tt, tv = t[i0:i1], v[i0:i1]
        if tt.size > RAW_PER_COLUMN * TILE_COLUMNS:
            tt, tv = column_decimate(tt, tv, self._dt)
        # The join sample, and a copy: the source may be a view of a ring that moves on.
        tt = np.concatenate((tt, t[i1:j1])).astype(np.float64)
        tv = np.concatenate((tv, v[i1:j1])).astype(np.float64)
        tile.signature = signature
        tile.line = (tt, tv)
        tile.setPath(_path(tt, tv))
        self.renders += 1

    def _remove_tile(self, k: int) -> None:
        tile = self._tiles.pop(k)
        scene = tile.scene()
        if scene is not None:
            scene.removeItem(tile)  # also takes it from its parent
        else:
            tile.setParentItem(None)

    def _drop_tiles(self) -> None:
        for k in list(self._tiles):
            self._remove_tile(k)


def _path(t: FloatArray, v: FloatArray) -> QPainterPath:
    if t.size < 2:
        return QPainterPath()
    path: QPainterPath = pg.arrayToQPath(t, v, connect="finite")
    return path

"""One pen of a TrendPlot: its ring buffer, its curves, its limit lines.

Re-setting a 36k-point curve on every tick is what makes a 1-hour trend crawl (DESIGN.md
facts: 16 pens cost 33-39 ms per tick). So each pen draws two curves with the same pen: a
``history`` curve, the ring up to a mark, decimated for the range on screen and redrawn
only when that range changes or the plot moves the mark on (rarely), and a short ``live``
curve holding only the samples since the mark. Both are TrendCurves (Qt's own path item,
see trend_curve): a strip repaint at the live edge costs no call into Python.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont

from widgets.ring_buffer import FloatArray, RingBuffer
from widgets.theme import palette
from widgets.trend_curve import Line, TrendCurve
from widgets.trend_limit import LimitLine
from widgets.trend_tiles import TiledHistory

# Width 1 is drawn as a hairline, the raster engine's fast path; wider pens cost 4 ms per
# curve per frame with 16 noisy pens (measured), which a 10 Hz trend cannot afford.
# Curves connect finite samples only: NaN samples are gaps, never interpolated.

_EMPTY: Line = (np.empty(0), np.empty(0))


def _extent(values: FloatArray, extra: list[float]) -> tuple[float, float] | None:
    marks = list(extra)
    # fmin/fmax skip NaN (gaps) without copying the finite samples out first: a 16-pen
    # hour is scanned on every re-set of the long curves.
    lo, hi = (float(np.fmin.reduce(values)), float(np.fmax.reduce(values))) if values.size else (
        math.nan, math.nan)
    if not (math.isfinite(lo) and math.isfinite(hi)):  # all gaps, or an infinity
        finite = values[np.isfinite(values)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (math.nan,) * 2
    if math.isfinite(lo):
        marks += [lo, hi]
    return (min(marks), max(marks)) if marks else None


def _crossings(t: FloatArray, v: FloatArray, low: float | None, high: float | None) -> Line:
    """The samples where the line goes beyond a limit from a finite sample inside them."""
    with np.errstate(invalid="ignore"):
        beyond_high = v > high if high is not None else np.zeros(v.shape, bool)
        beyond_low = v < low if low is not None else np.zeros(v.shape, bool)
    beyond = beyond_high | beyond_low
    starts = np.flatnonzero(beyond[1:] & ~beyond[:-1] & np.isfinite(v[:-1])) + 1
    return t[starts], v[starts]


def _paler(color: QColor) -> QColor:
    """The same hue, half-way to white: an earlier range beside the current one."""
    return QColor(
        (color.red() + 255) // 2, (color.green() + 255) // 2, (color.blue() + 255) // 2
    )


class TrendPen:
    def __init__(
        self,
        key: str,
        label: str,
        unit: str,
        color: QColor,
        capacity: int,
        max_gap_s: float | None,
        view_box: pg.ViewBox,
        width: float = 1.0,
        decimals: int | None = None,
    ) -> None:
        self.key, self.label, self.unit, self.color = key, label, unit, color
        # Index into the theme's pen colours (None: a colour chosen by the caller): a pen
        # with a theme colour takes the new theme's at a day/night switch.
        self.palette_index: int | None = None
        self.decimals = decimals
        self.max_gap_s = max_gap_s
        self.view_box = view_box
        self.ring = RingBuffer(capacity)
        # The newest value, shown at the end of the live curve before it is a stored sample:
        # a feed sampled at a fixed rate can show news at once without storing it twice.
        self._tip: tuple[float, float] | None = None
        # The ring's hour, in cached tiles: a full repaint blits it (see trend_tiles).
        self.history = TiledHistory(color, width, source=self._held)
        self.live = TrendCurve(color, width)
        # From the historian (see trend_history): what the ring no longer (or never) held,
        # and an earlier range shifted onto this one to compare, in a paler shade.
        self._past: Line = _EMPTY
        self._compare: Line = _EMPTY
        self.past = TrendCurve(color, width, source=lambda: self._past)
        self.compare = TrendCurve(_paler(color), width, source=lambda: self._compare)
        # Where the line went beyond a limit line: a triangle pointing the way it went.
        self.alarm_marks = pg.ScatterPlotItem(
            size=12, pen=pg.mkPen(palette().text), brush=pg.mkBrush(palette().p2)
        )
        self._marks: dict[str, tuple[FloatArray, FloatArray]] = {}
        self._marked_limits: tuple[float, ...] = ()  # the limits the ring's marks were found for
        self.limit_lines: tuple[LimitLine | None, LimitLine | None] = (None, None)
        self._view: tuple[float, float, int] | None = None  # the plot's x range and width
        self._history_mark = 0  # ring.total when the history curve was last re-set
        self._live_mark = -1
        # The past, the comparison and the marks join the plot only once they have data:
        # every item in the scene costs each strip repaint (16 pens x 3 empty items added
        # 2-3 ms a frame on the UI benchmark).
        self._shown: set[int] = set()
        for item in (self.history, self.live):
            self._show(item)

    def _show(self, item: TrendCurve | TiledHistory | pg.ScatterPlotItem) -> None:
        if id(item) not in self._shown:
            self._shown.add(id(item))
            # History under the ring's curves, marks over them, whatever the order they join.
            if item is self.past or item is self.compare:
                item.setZValue(-1)
            elif item is self.alarm_marks:
                item.setZValue(1)
            self.view_box.addItem(item)

    def format(self, value: float | None) -> str:
        """A reading with its unit; "—" for a gap."""
        if value is None:
            return "—"
        text = f"{value:.{self.decimals}f}" if self.decimals is not None else f"{value:.4g}"
        return f"{text} {self.unit}".strip()

    @property
    def title(self) -> str:
        return f"{self.label} [{self.unit}]" if self.unit else self.label

    # --- data ------------------------------------------------------------------------------
    def append(
        self, t: npt.ArrayLike, v: npt.ArrayLike, good: npt.ArrayLike | None = None
    ) -> int:
        """Write a batch; bad samples become NaN, silences longer than max_gap_s get a NaN
        between them, and samples older than the newest held one are dropped. Returns the
        number of samples dropped."""
        ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
        vs = np.atleast_1d(np.asarray(v, dtype=np.float64)).copy()
        if ts.shape != vs.shape:
            raise ValueError(f"pen {self.key}: {ts.size} timestamps but {vs.size} values")
        if good is not None:
            vs[~np.atleast_1d(np.asarray(good, dtype=bool))] = np.nan
        last = self.ring.last_time if len(self.ring) else -math.inf
        running = np.maximum.accumulate(np.concatenate(([last], ts)))[:-1]
        keep = ts >= running
        dropped = int(ts.size - keep.sum())
        ts, vs = ts[keep], vs[keep]
        if ts.size == 0:
            return dropped
        prev = np.concatenate(([last], ts[:-1]))
        gap_s = math.inf if self.max_gap_s is None else self.max_gap_s
        silent = np.flatnonzero(np.isfinite(prev) & ((ts - prev) > gap_s))
        if silent.size:
            mids = (ts[silent] + prev[silent]) / 2
            ts = np.insert(ts, silent, mids)
            vs = np.insert(vs, silent, np.nan)
        self.ring.extend(ts, vs)
        return dropped

    def append_sample(self, t: float, v: float) -> bool:
        """One sample (not finite: a gap) by the rules of ``append``, without its array
        work: the trend screen's 10 Hz path for 16 pens. False if dropped (older than the
        newest held)."""
        if len(self.ring):
            last = self.ring.last_time
            if t < last:
                return False
            if self.max_gap_s is not None and t - last > self.max_gap_s:
                self.ring.append((t + last) / 2, math.nan)
        self.ring.append(t, v if math.isfinite(v) else math.nan)
        return True

    def value_at(self, t: float) -> float | None:
        """The value in force at t; None in a gap, before the data, or after it fell silent."""
        if not len(self.ring):
            return None
        times, values = self.ring.view()
        i = int(np.searchsorted(times, t, side="right")) - 1
        if i < 0 or (self.max_gap_s is not None and t - times[i] > self.max_gap_s):
            return None
        value = float(values[i])
        return value if math.isfinite(value) else None

    def detach(self) -> None:
        """Take the curves and limit lines off the plot."""
        self.set_limits(None, None)
        for item in (self.compare, self.past, self.history, self.live, self.alarm_marks):
            if id(item) in self._shown:
                self.view_box.removeItem(item)
        self._shown.clear()

    def clear(self) -> None:
        self.ring.clear()
        self._history_mark = 0
        self._live_mark = -1
        self._tip = None
        self._marks.pop("ring", None)
        self.history.redraw(force=True)
        self.live.set_line(*_EMPTY)

    # --- curves ----------------------------------------------------------------------------
    @property
    def pending(self) -> int:
        """Samples the history curve does not hold yet."""
        return self.ring.total - self._history_mark

    def _held(self) -> Line:
        """The ring's samples up to the history mark (those it still holds): a view."""
        t, v = self.ring.view()
        n = max(len(self.ring) - self.pending, 0)
        return t[:n], v[:n]

    def set_visible(self, visible: bool) -> None:
        """Show or hide all of the pen's lines (the legend's tap)."""
        for item in (self.history, self.live, self.past, self.compare, self.alarm_marks):
            item.setVisible(visible)

    def set_view(self, x0: float, x1: float, pixels: int) -> None:
        """The plot's x range and width changed: decimate the long curves for it."""
        self._view = (x0, x1, pixels)
        for curve in (self.history, self.past, self.compare):
            curve.set_view(x0, x1, pixels)
        for line in self.limit_lines:
            if line is not None:
                line.place_label(x0, x1)

    def refresh_history(self) -> None:
        new = self.pending
        self._history_mark = self.ring.total
        self.history.redraw()
        self._refresh_live(force=True)
        self._update_ring_marks(new)

    def _update_ring_marks(self, new: int) -> None:
        """Marks for the ``new`` samples only (the rest were marked before), and none for
        samples the ring dropped: scanning the whole hour of 16 pens on every re-set cost
        a millisecond per pen."""
        t, v = self.ring.view()
        limits = tuple(self.limit_values())
        if limits != self._marked_limits or "ring" not in self._marks:
            self._marked_limits = limits
            self._set_marks("ring", t, v)
            return
        old_t, old_v = self._marks["ring"]
        keep = old_t >= t[0] if t.size else np.zeros(old_t.shape, bool)
        n = min(new + 1, t.size)  # one sample before the new ones: a crossing needs it
        add_t, add_v = _crossings(t[t.size - n :], v[t.size - n :], *self._limit_pair())
        if add_t.size == 0 and keep.all():
            return
        self._set_marks("ring", np.concatenate((old_t[keep], add_t)),
                        np.concatenate((old_v[keep], add_v)), crossings=False)

    def refresh_live(self) -> None:
        self._refresh_live(force=False)

    def set_tip(self, t: float, v: float) -> None:
        """Show (t, v) as the newest point until a stored sample at or after t replaces it
        (NaN: the newest value is not live, drawn as the start of a gap)."""
        if len(self.ring) and t <= self.ring.last_time:
            return
        self._tip = (t, v)
        self._live_mark = -1  # redraw the live strip

    def _refresh_live(self, force: bool) -> None:
        if not force and self._live_mark == self.ring.total:
            return
        # One sample of overlap so the live segment starts where the history ends.
        n = min(len(self.ring), self.pending + 1)
        t, v = self.ring.snapshot(n) if n > 1 else (np.empty(0), np.empty(0))
        tip = self._tip
        if tip is not None and len(self.ring) and tip[0] <= self.ring.last_time:
            tip = self._tip = None  # a stored sample has caught up with it
        if tip is not None and t.size:
            t, v = np.append(t, tip[0]), np.append(v, tip[1])
        self.live.set_line(t, v)
        self._live_mark = self.ring.total

    def extent(self, x0: float, x1: float) -> tuple[float, float] | None:
        """Finite min and max of the samples (and the history) between x0 and x1, with the
        limits; None if none."""
        parts = []
        for times, values in (self.ring.view(), self._past):
            i0 = int(np.searchsorted(times, x0, side="left"))
            i1 = int(np.searchsorted(times, x1, side="right"))
            parts.append(values[i0:i1])
        return _extent(np.concatenate(parts), self.limit_values())

    # --- history ---------------------------------------------------------------------------
    def set_past(self, t: FloatArray, v: FloatArray) -> None:
        """The historian's line for the range on screen (NaN: gaps), under the live curves."""
        self._past = (t, v)
        self._show(self.past)
        self.past.redraw()
        self._set_marks("past", t, v)

    def alarm_mark_times(self) -> FloatArray:
        """When the line crossed a limit (the marks drawn), oldest first."""
        times = [t for t, _ in self._marks.values()]
        return np.sort(np.concatenate(times)) if times else np.empty(0)

    def _limit_pair(self) -> tuple[float | None, float | None]:
        low, high = (line.value() if line is not None else None for line in self.limit_lines)
        return low, high

    def _set_marks(
        self, source: str, t: FloatArray, v: FloatArray, crossings: bool = True
    ) -> None:
        """Mark each crossing from inside the limits to beyond one: the moment an alarm
        on this limit would have come (the alarm journal adds its own marks later).
        ``crossings=False``: (t, v) are the marks already."""
        _low, high = self._limit_pair()
        self._marks[source] = _crossings(t, v, *self._limit_pair()) if crossings else (t, v)
        xs = np.concatenate([m[0] for m in self._marks.values()])
        ys = np.concatenate([m[1] for m in self._marks.values()])
        up = np.concatenate([
            (m_v > (high if high is not None else np.inf)) for _m_t, m_v in self._marks.values()
        ])
        if xs.size:
            self._show(self.alarm_marks)
        self.alarm_marks.setData(
            x=xs, y=ys, symbol=["t1" if u else "t" for u in up]  # pyqtgraph: t1 up, t down
        )

    def set_compare(self, t: FloatArray | None, v: FloatArray | None) -> None:
        """An earlier range, already shifted onto this one; None takes it away."""
        if t is None or v is None:
            self._compare = _EMPTY
        else:
            self._compare = (t, v)
            self._show(self.compare)
        self.compare.redraw()

    def compare_data(self) -> Line:
        return self._compare

    def past_data(self) -> tuple[FloatArray, FloatArray]:
        return self._past

    def live_extent(self) -> tuple[float, float] | None:
        _t, values = self.live.line()
        return _extent(values, []) if values.size else None

    def limit_values(self) -> list[float]:
        return [float(line.value()) for line in self.limit_lines if line is not None]

    def curve_data(self) -> Line:
        """Everything the two curves show (the history undecimated), in time order: the
        history then the live tail."""
        ht, hv = (a.copy() for a in self._held())
        lt, lv = self.live.line()
        if lt.size == 0:
            return ht, hv
        return np.concatenate((ht[:-1] if ht.size else ht, lt)), np.concatenate(
            (hv[:-1] if hv.size else hv, lv)
        )

    def set_color(self, color: QColor) -> None:
        """Draw every line of the pen in ``color`` (the theme switched); marks and the
        earlier range follow the theme too."""
        self.color = QColor(color)
        self.history.set_color(self.color)
        for curve, shade in ((self.live, self.color), (self.past, self.color),
                             (self.compare, _paler(self.color))):
            curve.set_color(shade)
        for line in self.limit_lines:
            if line is not None:
                line.set_color(self.color)
        p = palette()
        self.alarm_marks.setPen(pg.mkPen(p.text))
        self.alarm_marks.setBrush(pg.mkBrush(p.p2))

    # --- limits ----------------------------------------------------------------------------
    def set_limits(
        self,
        low: float | None,
        high: float | None,
        label_font: QFont | None = None,
    ) -> None:
        for line in self.limit_lines:
            if line is not None:
                self.view_box.removeItem(line)
        made: list[LimitLine | None] = []
        for value, name in ((low, "L"), (high, "H")):
            if value is None:
                made.append(None)
                continue
            line = LimitLine(value, name, self.color, self.view_box, label_font)
            if self._view is not None:
                line.place_label(self._view[0], self._view[1])
            # The plot's own y scaling counts limits in (a limit off-screen tells nothing).
            self.view_box.addItem(line, ignoreBounds=True)
            made.append(line)
        self.limit_lines = (made[0], made[1])

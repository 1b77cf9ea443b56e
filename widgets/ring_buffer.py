"""A preallocated ring of (timestamp, value) samples, shared by TrendPlot and Sparkline.

Every sample is written twice, at i and i + capacity ("mirrored" ring), so the samples in
time order are always one contiguous slice: reading is a view, writing is two slice copies,
and nothing is ever rolled or re-allocated while the line runs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


class RingBuffer:
    """Timestamps (float64 epoch seconds, non-decreasing) and values (float64, NaN = gap)."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self._cap = capacity
        self._t = np.full(2 * capacity, np.nan)
        self._v = np.full(2 * capacity, np.nan)
        self._head = 0  # where the next sample goes, in [0, capacity)
        self._count = 0
        self._total = 0  # samples ever written: lets readers ask "what is new since n?"

    @property
    def capacity(self) -> int:
        return self._cap

    @property
    def total(self) -> int:
        return self._total

    def __len__(self) -> int:
        return self._count

    def clear(self) -> None:
        self._head = self._count = self._total = 0

    def append(self, t: float, v: float) -> None:
        h, c = self._head, self._cap
        self._t[h] = self._t[h + c] = t
        self._v[h] = self._v[h + c] = v
        self._head = (h + 1) % c
        self._count = min(self._count + 1, c)
        self._total += 1

    def extend(self, t: npt.ArrayLike, v: npt.ArrayLike) -> None:
        ts = np.asarray(t, dtype=np.float64).ravel()
        vs = np.asarray(v, dtype=np.float64).ravel()
        if ts.shape != vs.shape:
            raise ValueError(f"{ts.size} timestamps but {vs.size} values")
        n, c = ts.size, self._cap
        self._total += n
        if n >= c:  # only the newest capacity samples survive
            for buf, src in ((self._t, ts[-c:]), (self._v, vs[-c:])):
                buf[:c] = src
                buf[c:] = src
            self._head, self._count = 0, c
            return
        h = self._head
        first = min(n, c - h)
        rest = n - first
        for buf, src in ((self._t, ts), (self._v, vs)):
            buf[h : h + first] = src[:first]
            buf[h + c : h + c + first] = src[:first]
            if rest:
                buf[:rest] = src[first:]
                buf[c : c + rest] = src[first:]
        self._head = (h + n) % c
        self._count = min(self._count + n, c)

    def _start(self) -> int:
        return (self._head - self._count) % self._cap

    def view(self, last: int | None = None) -> tuple[FloatArray, FloatArray]:
        """Time-ordered views of the newest ``last`` samples (all by default).

        Zero-copy and only valid until the next write: take ``snapshot`` to keep them.
        """
        n = self._count if last is None else max(0, min(last, self._count))
        s = self._start() + self._count - n
        t, v = self._t[s : s + n], self._v[s : s + n]
        t.flags.writeable = False
        v.flags.writeable = False
        return t, v

    def snapshot(self, last: int | None = None) -> tuple[FloatArray, FloatArray]:
        t, v = self.view(last)
        return t.copy(), v.copy()

    def since(self, total_mark: int) -> tuple[FloatArray, FloatArray]:
        """Views of the samples written after ``total`` was ``total_mark`` (those still held)."""
        return self.view(self._total - total_mark)

    @property
    def last_time(self) -> float:
        return float(self._t[(self._head - 1) % self._cap]) if self._count else float("nan")

    def value_at(self, t: float) -> float:
        """The sample in force at time t (the last one at or before t); NaN before the first."""
        ts, vs = self.view()
        i = int(np.searchsorted(ts, t, side="right")) - 1
        return float(vs[i]) if i >= 0 else float("nan")


def finite_runs(values: npt.ArrayLike) -> list[tuple[int, int]]:
    """[start, stop) index ranges of consecutive finite values: the pieces a line is drawn in."""
    ok = np.isfinite(np.asarray(values, dtype=np.float64))
    if not ok.any():
        return []
    edges = np.diff(np.concatenate(([False], ok, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    stops = np.flatnonzero(edges == -1)
    return list(zip(starts.tolist(), stops.tolist(), strict=True))

"""The last minutes of every tag, for "open its trend" on any value, anywhere.

A report-by-exception value that does not change sends nothing, yet it is still true while
its link is confirmed (TagStore turns it STALE otherwise). So trends are sampled: each tag's
latest value is kept current batch by batch (NaN where it is not live), and a sample is one
vectorised copy of that column. The ring stores float32 at STORE_HZ, without a mirror: it
holds every tag of the line, so its size matters more than the speed of the rare read.
(The historian will take over long history; this covers the popup's 10 minutes.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from hmi.core.tags import TagValue

FloatArray = npt.NDArray[np.float64]


def sample_of(value: TagValue | None) -> float:
    """A live number as float; anything else (lost, stale, bad, text) is a gap."""
    if value is None or not value.quality.is_live:
        return float("nan")
    raw = value.value
    if isinstance(raw, bool):
        return 1.0 if raw else 0.0
    if isinstance(raw, int | float):
        return float(raw)
    return float("nan")


STORE_HZ = 5.0  # 10 minutes at 5 Hz: 3000 points, two per pixel of a full-width popup


class LiveHistory:
    def __init__(self, tag_ids: Sequence[str], window_s: float, store_hz: float = STORE_HZ):
        self._index = {tag_id: row for row, tag_id in enumerate(tag_ids)}
        self._capacity = max(2, int(window_s * store_hz))
        self._store_period_s = 1.0 / store_hz
        self._current = np.full(len(tag_ids), np.nan)
        self._t = np.full(self._capacity, np.nan)
        self._v = np.full((len(tag_ids), self._capacity), np.nan, dtype=np.float32)
        self._head = 0
        self._count = 0
        self._last_store_s = -np.inf

    @property
    def capacity(self) -> int:
        return self._capacity

    def __len__(self) -> int:
        return self._count

    def update(self, batch: Mapping[str, TagValue]) -> None:
        """New values (or new verdicts: STALE, COMM_LOST) for some tags."""
        index, current = self._index, self._current
        for tag_id, value in batch.items():
            row = index.get(tag_id)
            if row is not None:
                current[row] = sample_of(value)

    def sample(self, now_s: float) -> FloatArray:
        """Every tag's value now, as a column (for live trends); stored every STORE_HZ."""
        if now_s - self._last_store_s >= self._store_period_s * 0.9:
            self._last_store_s = now_s
            h = self._head
            self._t[h] = now_s
            self._v[:, h] = self._current
            self._head = (h + 1) % self._capacity
            self._count = min(self._count + 1, self._capacity)
        return self._current.copy()

    def current(self) -> FloatArray:
        """Every tag's latest value as a column (NaN where not live), not stored."""
        return self._current

    def row(self, tag_id: str) -> int:
        return self._index[tag_id]

    def series(self, tag_id: str, since_s: float | None = None) -> tuple[FloatArray, FloatArray]:
        """Time-ordered (times, values) of one tag, optionally only from `since_s` on."""
        row = self._index[tag_id]
        order = np.arange(self._head - self._count, self._head) % self._capacity
        times = self._t[order]
        values = self._v[row, order].astype(np.float64)
        if since_s is not None:
            first = int(np.searchsorted(times, since_s))
            times, values = times[first:], values[first:]
        return times, values

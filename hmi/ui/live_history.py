"""The last minutes of every tag, sampled at a fixed rate, for "open its trend" anywhere.

A report-by-exception value that does not change sends nothing, yet it is still true while
its link is confirmed (TagStore turns it STALE otherwise). So trends are sampled: every tick
takes each tag's latest value, NaN where it is not live, into one shared ring (one time
column, a tags x samples matrix) — one vectorised write per tick, no per-tag objects.
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


class LiveHistory:
    def __init__(self, tag_ids: Sequence[str], capacity: int) -> None:
        self._index = {tag_id: row for row, tag_id in enumerate(tag_ids)}
        self._capacity = capacity
        # Each tag's latest sample value, kept current batch by batch, so a sample is one
        # vectorised copy however many tags the line has.
        self._current = np.full(len(tag_ids), np.nan)
        # Mirrored ring (as widgets.RingBuffer): time order is always one contiguous slice.
        self._t = np.full(2 * capacity, np.nan)
        self._v = np.full((len(tag_ids), 2 * capacity), np.nan)
        self._head = 0
        self._count = 0

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
        """Take one sample of every tag at `now_s`; returns the column written."""
        h, c = self._head, self._capacity
        self._t[h] = self._t[h + c] = now_s
        self._v[:, h] = self._current
        self._v[:, h + c] = self._current
        self._head = (h + 1) % c
        self._count = min(self._count + 1, c)
        return self._v[:, h]

    def row(self, tag_id: str) -> int:
        return self._index[tag_id]

    def series(self, tag_id: str, since_s: float | None = None) -> tuple[FloatArray, FloatArray]:
        """Time-ordered (times, values) of one tag, optionally only from `since_s` on."""
        start = self._head + self._capacity - self._count
        end = self._head + self._capacity
        times = self._t[start:end]
        values = self._v[self._index[tag_id], start:end]
        if since_s is not None:
            first = int(np.searchsorted(times, since_s))
            times, values = times[first:], values[first:]
        return times.copy(), values.copy()

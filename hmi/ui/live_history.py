"""The last minutes of every tag, for "open its trend" on any value, anywhere.

A report-by-exception value that does not change sends nothing, yet it is still true while
its link is confirmed (TagStore turns it STALE otherwise). So trends are sampled: each tag's
latest value is kept current batch by batch (NaN where it is not live), and a sample is one
vectorised copy of that column. The ring stores float32 at STORE_HZ, without a mirror: it
holds every tag of the line, so its size matters more than the speed of the rare read.
(The historian will take over long history; this covers the popup's 10 minutes.)

A ring row per tag costs 12 kB (3000 float32): a demo line keeps every tag from the start,
but a 20,000-tag line would hold 242 MB for popups nobody opens. So past KEEP_ALL_BYTES a row
is allocated when a tag is first shown (`keep`, the popup), and kept from then on: a tag
opened again shows its last minutes; a tag opened for the first time starts at that moment
(the historian has its past). The live column (`sample`, `current`) covers every tag either
way: the trend screen's plots keep their own hour from it.
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
KEEP_ALL_BYTES = 16 * 1024 * 1024  # rings for every tag up to ~1400 tags; beyond, on demand
FIRST_ROWS = 16  # rows kept on demand grow from this, doubling


class LiveHistory:
    def __init__(self, tag_ids: Sequence[str], window_s: float, store_hz: float = STORE_HZ,
                 keep_all_bytes: int = KEEP_ALL_BYTES):
        self._index = {tag_id: row for row, tag_id in enumerate(tag_ids)}
        self._capacity = max(2, int(window_s * store_hz))
        self._store_period_s = 1.0 / store_hz
        self._current = np.full(len(tag_ids), np.nan)
        self._t = np.full(self._capacity, np.nan)
        # Every tag from the start while that is small; else rows on demand (`keep`):
        # `_rows[slot]` is the tag row stored in ring slot `slot`, `_since[slot]` since when.
        self.keeps_all = len(tag_ids) * self._capacity * 4 <= keep_all_bytes
        self._slot: dict[int, int] = {}
        if self.keeps_all:
            self._slot = {row: row for row in range(len(tag_ids))}
        slots = len(tag_ids) if self.keeps_all else FIRST_ROWS
        self._rows = np.arange(len(self._slot), dtype=np.intp)
        self._since = np.full(slots, -np.inf)
        self._v = np.full((slots, self._capacity), np.nan, dtype=np.float32)
        self._head = 0
        self._count = 0
        self._last_store_s = -np.inf

    @property
    def capacity(self) -> int:
        return self._capacity

    @property
    def nbytes(self) -> int:
        """What the ring and the columns hold (the bulk of this object's memory)."""
        return (self._v.nbytes + self._t.nbytes + self._current.nbytes + self._rows.nbytes
                + self._since.nbytes)

    def __len__(self) -> int:
        return self._count

    def kept(self, tag_id: str) -> bool:
        return self._index[tag_id] in self._slot

    def keep(self, tag_id: str, now_s: float) -> None:
        """Store this tag from now on (a popup shows it); nothing if it is stored already."""
        row = self._index[tag_id]
        if row in self._slot:
            return
        slot = len(self._slot)
        if slot == self._v.shape[0]:  # full: double (rare; a person opens popups one by one)
            grown = np.full((slot * 2, self._capacity), np.nan, dtype=np.float32)
            grown[:slot] = self._v
            self._v = grown
            self._since = np.concatenate([self._since, np.full(slot, -np.inf)])
        self._slot[row] = slot
        self._rows = np.append(self._rows, row)
        self._since[slot] = now_s

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
            rows = self._rows
            if self.keeps_all:
                self._v[:, h] = self._current
            else:
                self._v[: rows.size, h] = self._current[rows]
            self._head = (h + 1) % self._capacity
            self._count = min(self._count + 1, self._capacity)
        return self._current.copy()

    def current(self) -> FloatArray:
        """Every tag's latest value as a column (NaN where not live), not stored."""
        return self._current

    def row(self, tag_id: str) -> int:
        return self._index[tag_id]

    def series(self, tag_id: str, since_s: float | None = None) -> tuple[FloatArray, FloatArray]:
        """Time-ordered (times, values) of one tag, optionally only from `since_s` on; only
        from when it was kept (empty for a tag never kept)."""
        slot = self._slot.get(self._index[tag_id])
        if slot is None:
            return np.empty(0), np.empty(0)
        order = np.arange(self._head - self._count, self._head) % self._capacity
        times = self._t[order]
        values = self._v[slot, order].astype(np.float64)
        first_s = max(self._since[slot], -np.inf if since_s is None else since_s)
        first = int(np.searchsorted(times, first_s))
        return times[first:], values[first:]

"""1 s and 1 min rollups, computed from each batch and merged into their tables in the
same transaction as the raw rows, so a long range reads buckets, never raw samples.

A bucket holds min, max, first, last and sum of its live values (GOOD, UNCERTAIN with a
number), their count, the worst quality of any of its samples and the quality of its last
sample: the reader needs the latter to know whether the value is held after the bucket or
a gap goes on. Rows within a tag arrive in time order (RecordFilter), so a later batch's
first and last are later than what the table holds: the upsert merges on that rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine

from hmi.historian.record_filter import Rows
from hmi.historian.tables import LIVE_MAX, Tier, placeholders

ROLLUP_COLUMNS = ("tag", "t", "n", "vmin", "vmax", "vfirst", "vlast", "vsum", "worst", "qlast")
BucketRow = tuple[Any, ...]  # in ROLLUP_COLUMNS order; NaN for no value (stored as NULL)


@dataclass(frozen=True, slots=True)
class SortedBatch:
    """A batch's rows as arrays in (tag, t) order: the order the tables' keys have, so
    inserts land page by page, and the order the bucket grouping below needs."""

    tag: npt.NDArray[np.int64]
    t: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]
    quality: npt.NDArray[np.int64]
    lag: npt.NDArray[np.int64]

    @classmethod
    def of(cls, rows: Rows) -> SortedBatch:
        tag, t, value, quality, lag = rows.columns()
        # The filter hands most rows over already in key order; sort only when needed.
        step = np.diff(tag)
        if len(t) > 1 and not np.all((step > 0) | ((step == 0) & (np.diff(t) > 0))):
            order = np.lexsort((t, tag))
            return cls(tag[order], t[order], value[order], quality[order], lag[order])
        return cls(tag, t, value, quality, lag)

    def __len__(self) -> int:
        return len(self.t)

    def raw_rows(self) -> list[tuple[Any, ...]]:
        return list(
            zip(
                self.tag.tolist(),
                self.t.tolist(),
                self.value.tolist(),
                self.quality.tolist(),
                self.lag.tolist(),
                strict=True,
            )
        )

    def raw_columns(self) -> list[list[Any]]:
        """The raw rows as Python columns (tag, t, value, quality, lag_ms)."""
        return [c.tolist() for c in (self.tag, self.t, self.value, self.quality, self.lag)]


def pack(columns: Sequence[list[Any]], per_statement: int) -> tuple[list[tuple[Any, ...]],
                                                                   list[tuple[Any, ...]]]:
    """Parameters for a statement inserting `per_statement` rows at once, and the rows
    left over, one tuple each. One INSERT of many rows costs SQLite about half as much
    per row as one INSERT per row. Interleaved by slice assignment (C speed)."""
    width = len(columns)
    count = len(columns[0]) if columns else 0
    flat: list[Any] = [None] * (width * count)
    for j, column in enumerate(columns):
        flat[j::width] = column
    step = width * per_statement
    full = count // per_statement * step
    return (
        [tuple(flat[i : i + step]) for i in range(0, full, step)],
        [tuple(flat[i : i + width]) for i in range(full, len(flat), width)],
    )


def aggregate(batch: SortedBatch, bucket_ms: int) -> list[BucketRow]:
    """The batch's buckets of `bucket_ms`, one row per (tag, bucket start)."""
    return list(zip(*aggregate_columns(batch, bucket_ms), strict=True))


def aggregate_columns(batch: SortedBatch, bucket_ms: int) -> list[list[Any]]:
    """The batch's buckets of `bucket_ms` as Python columns in ROLLUP_COLUMNS order."""
    count = len(batch)
    if count == 0:
        return [[] for _ in ROLLUP_COLUMNS]
    tag, value, quality = batch.tag, batch.value, batch.quality
    start = batch.t - batch.t % bucket_ms
    new_group = np.empty(count, np.bool_)
    new_group[0] = True
    new_group[1:] = (tag[1:] != tag[:-1]) | (start[1:] != start[:-1])
    firsts = np.flatnonzero(new_group)
    lasts = np.append(firsts[1:], count) - 1
    live = (quality <= LIVE_MAX) & ~np.isnan(value)
    n = np.add.reduceat(live.astype(np.int64), firsts)
    has = n > 0
    vmin = np.where(has, np.minimum.reduceat(np.where(live, value, np.inf), firsts), np.nan)
    vmax = np.where(has, np.maximum.reduceat(np.where(live, value, -np.inf), firsts), np.nan)
    vsum = np.add.reduceat(np.where(live, value, 0.0), firsts)
    index = np.arange(count)
    first_live = np.minimum.reduceat(np.where(live, index, count), firsts)
    last_live = np.maximum.reduceat(np.where(live, index, -1), firsts)
    padded = np.append(value, np.nan)  # index `count` (no live value) reads NaN
    vfirst = padded[first_live]
    vlast = padded[np.where(last_live < 0, count, last_live)]
    worst = np.maximum.reduceat(quality, firsts)
    qlast = quality[lasts]
    return [
        c.tolist()
        for c in (tag[firsts], start[firsts], n, vmin, vmax, vfirst, vlast, vsum, worst, qlast)
    ]


def values_sql(engine: Engine, width: int, rows: int) -> str:
    """`VALUES (?, ...), (?, ...)`: `rows` rows of `width` parameters."""
    one = f"({placeholders(engine, width)})"
    return "VALUES " + ", ".join([one] * rows)


def upsert_sql(engine: Engine, tier: Tier, rows: int = 1) -> str:
    """Insert new buckets; merge into a bucket an earlier batch began. CASE rather than
    the two-argument min()/max() of SQLite so PostgreSQL runs the same statement. A
    batch never holds a bucket twice, so the `rows` rows of one statement never clash."""
    t = tier.table
    return (
        f"INSERT INTO {t} ({', '.join(ROLLUP_COLUMNS)}) "
        f"{values_sql(engine, len(ROLLUP_COLUMNS), rows)} "
        "ON CONFLICT (tag, t) DO UPDATE SET "
        f"vmin = CASE WHEN {t}.n = 0 OR excluded.vmin < {t}.vmin "
        f"THEN excluded.vmin ELSE {t}.vmin END, "
        f"vmax = CASE WHEN {t}.n = 0 OR excluded.vmax > {t}.vmax "
        f"THEN excluded.vmax ELSE {t}.vmax END, "
        f"vfirst = CASE WHEN {t}.n = 0 THEN excluded.vfirst ELSE {t}.vfirst END, "
        f"vlast = CASE WHEN excluded.n = 0 THEN {t}.vlast ELSE excluded.vlast END, "
        f"n = {t}.n + excluded.n, "
        f"vsum = {t}.vsum + excluded.vsum, "
        f"worst = CASE WHEN excluded.worst > {t}.worst THEN excluded.worst ELSE {t}.worst END, "
        "qlast = excluded.qlast"
    )

"""1 s and 1 min rollups, computed from each batch and merged into their tables in the
same transaction as the raw rows, so a long range reads buckets, never raw samples.

A bucket holds min, max, first, last and sum of its live values (GOOD, UNCERTAIN with a
number), their count, the worst quality of any of its samples and the quality of its last
sample: the reader needs the latter to know whether the value is held after the bucket or
a gap goes on. Rows within a tag arrive in time order (RecordFilter), so a later batch's
first and last are later than what the table holds: the upsert merges on that rule.
"""

from __future__ import annotations

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
        tag = np.array(rows.tag, np.int64)
        t = np.array(rows.t, np.int64)
        order = np.lexsort((t, tag))
        return cls(
            tag[order],
            t[order],
            np.array(rows.value, np.float64)[order],
            np.array(rows.quality, np.int64)[order],
            np.array(rows.lag, np.int64)[order],
        )

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


def aggregate(batch: SortedBatch, bucket_ms: int) -> list[BucketRow]:
    """The batch's buckets of `bucket_ms`, one row per (tag, bucket start)."""
    count = len(batch)
    if count == 0:
        return []
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
    return list(
        zip(
            tag[firsts].tolist(),
            start[firsts].tolist(),
            n.tolist(),
            vmin.tolist(),
            vmax.tolist(),
            vfirst.tolist(),
            vlast.tolist(),
            vsum.tolist(),
            worst.tolist(),
            qlast.tolist(),
            strict=True,
        )
    )


def upsert_sql(engine: Engine, tier: Tier) -> str:
    """Insert new buckets; merge into a bucket an earlier batch began. CASE rather than
    the two-argument min()/max() of SQLite so PostgreSQL runs the same statement."""
    t = tier.table
    return (
        f"INSERT INTO {t} ({', '.join(ROLLUP_COLUMNS)}) "
        f"VALUES ({placeholders(engine, len(ROLLUP_COLUMNS))}) "
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

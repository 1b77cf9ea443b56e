"""Pixel buckets from per-bucket aggregates: the held value, gaps and worst quality.

The database groups rows into pixel buckets (min, max, worst quality, live count, and the
last row's value and quality); here the grid is completed. A bucket without rows holds the
value from before it when that was live (report by exception and deadbands mean silence is
not a gap), and is a gap when the tag was not live. Only quality makes a gap, never time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hmi.historian.series import FloatArray, IntArray, TagSeries, frozen
from hmi.historian.tables import LIVE_MAX, NO_DATA


@dataclass(frozen=True, slots=True)
class BucketRows:
    """Aggregates of the buckets that have rows (indexes into the pixel grid)."""

    index: IntArray
    first_t: IntArray  # time of the bucket's first row (ms)
    vmin: FloatArray
    vmax: FloatArray
    worst: IntArray
    count: IntArray  # live values
    last_value: FloatArray  # the last live value (what is held after the bucket)
    last_quality: IntArray  # quality of the last row: does the bucket end live?


@dataclass(frozen=True, slots=True)
class Before:
    """The tag's state when the range begins (its last row before the start)."""

    value: float
    quality: int

    @property
    def live(self) -> bool:
        return self.quality <= LIVE_MAX and self.value == self.value


NOTHING_BEFORE = Before(float("nan"), NO_DATA)


def bucket_series(
    tag_id: str,
    tier: str,
    start_ms: int,
    width_ms: int,
    buckets: int,
    rows: BucketRows,
    before: Before,
) -> TagSeries:
    nb = buckets  # at least 1
    has = np.zeros(nb, np.bool_)
    has[rows.index] = True
    vmin = np.full(nb, np.nan)
    vmax = np.full(nb, np.nan)
    worst = np.zeros(nb, np.int64)
    vmin[rows.index] = rows.vmin
    vmax[rows.index] = rows.vmax
    worst[rows.index] = rows.worst
    starts = start_ms + np.arange(nb, dtype=np.int64) * width_ms
    first_t = np.full(nb, np.iinfo(np.int64).max, np.int64)
    first_t[rows.index] = rows.first_t
    end_value = np.full(nb, np.nan)
    end_quality = np.full(nb, NO_DATA, np.int64)
    end_value[rows.index] = rows.last_value
    end_quality[rows.index] = rows.last_quality

    # The state entering bucket i is the state at the end of the last bucket with rows
    # before i (or the state before the range).
    marked = np.where(has, np.arange(nb), -1)
    last_with_rows = np.maximum.accumulate(marked)
    entering = np.concatenate(([-1], last_with_rows[:-1]))
    from_before = entering < 0
    safe = np.where(from_before, 0, entering)
    enter_quality = np.where(from_before, before.quality, end_quality[safe])
    enter_value = np.where(from_before, before.value, end_value[safe])
    enter_live = (enter_quality <= LIVE_MAX) & ~np.isnan(enter_value)
    # That state lasts until the bucket's first row: all of it when it has none.
    entered = first_t > starts
    held = np.where(enter_live & entered, enter_value, np.nan)
    vmin = np.fmin(vmin, held)
    vmax = np.fmax(vmax, held)
    enters_gap = entered & ~enter_live
    quality = np.where(has, np.maximum(worst, np.where(enters_gap, enter_quality, 0)),
                       enter_quality)
    gap = enters_gap | (has & (worst > LIVE_MAX))
    return TagSeries(
        tag_id=tag_id,
        tier=tier,
        bucket_s=width_ms / 1000.0,
        t=frozen(starts / 1000.0),
        vmin=frozen(vmin),
        vmax=frozen(vmax),
        quality=frozen(quality.astype(np.uint8)),
        gap=frozen(gap),
    )


def point_series(
    tag_id: str,
    start_ms: int,
    end_ms: int,
    t_ms: IntArray,
    value: FloatArray,
    quality: IntArray,
    before: Before,
) -> TagSeries:
    """Raw samples as points; the value held into the range and out to its end (`end_ms`:
    the range's end or now, whichever is first) become points at the edges, so a steady
    tag still draws across the whole range."""
    live = quality <= LIVE_MAX
    shown = np.where(live, value, np.nan)
    times = t_ms
    codes = quality
    if before.live and (len(t_ms) == 0 or t_ms[0] > start_ms):
        times = np.concatenate(([start_ms], times))
        shown = np.concatenate(([before.value], shown))
        codes = np.concatenate(([before.quality], codes))
    if len(times) and np.isfinite(shown[-1]) and times[-1] < end_ms - 1:
        times = np.concatenate((times, [end_ms - 1]))
        shown = np.concatenate((shown, [shown[-1]]))
        codes = np.concatenate((codes, [codes[-1]]))
    return TagSeries(
        tag_id=tag_id,
        tier="raw",
        bucket_s=0.0,
        t=frozen(times / 1000.0),
        vmin=frozen(shown),
        vmax=frozen(shown.copy()),
        quality=frozen(codes.astype(np.uint8)),
        gap=frozen(codes > LIVE_MAX),
    )

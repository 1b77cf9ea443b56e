"""What a history read returns: frozen dataclasses of read-only numpy arrays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from hmi.historian.tables import quality_name

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.uint8]
BoolArray = npt.NDArray[np.bool_]


A = TypeVar("A", bound=npt.NDArray[Any])


def frozen(array: A) -> A:
    """Read-only, so a frozen dataclass of arrays is frozen all the way down."""
    array.flags.writeable = False
    return array


@dataclass(frozen=True, slots=True)
class TagSeries:
    """One pen of a range query: at most about two points per pixel, gaps explicit.

    Each point is a bucket starting at `t` (epoch seconds) and `bucket_s` wide, with the
    min and max of the live values in it (the value held from before the bucket counts).
    `vmin`/`vmax` are NaN where nothing live can be drawn; `gap` is True wherever the tag
    was not live for part of the bucket (STALE, BAD, COMM_LOST, or NO_DATA: the historian
    was not recording). For `tier == "raw"` with few samples, points are the samples
    themselves (`bucket_s == 0`, vmin == vmax == value), plus the held value at the edges.
    """

    tag_id: str
    tier: str  # "raw", "1s" or "1m": where the points came from
    bucket_s: float
    t: FloatArray
    vmin: FloatArray
    vmax: FloatArray
    quality: CodeArray  # worst quality code in the bucket (tables.QUALITY_NAMES)
    gap: BoolArray

    def __len__(self) -> int:
        return len(self.t)

    def line(self) -> tuple[FloatArray, FloatArray]:
        """x, y for a plot line (NaN breaks it at gaps): min then max of each bucket."""
        if self.bucket_s == 0:
            return self.t, self.vmin
        x = np.empty(2 * len(self.t))
        y = np.empty(2 * len(self.t))
        x[0::2] = self.t
        x[1::2] = self.t + self.bucket_s / 2
        y[0::2] = self.vmin
        y[1::2] = self.vmax
        return x, y


@dataclass(frozen=True, slots=True)
class RawSeries:
    """Recorded samples of one tag as stored: the value is kept even where the quality is
    not live (a COMM_LOST keeps the last value); NaN is no value (NULL)."""

    tag_id: str
    t_ms: IntArray  # milliseconds since the epoch, UTC
    value: FloatArray
    quality: CodeArray

    def __len__(self) -> int:
        return len(self.t_ms)

    @property
    def t(self) -> FloatArray:
        return self.t_ms / 1000.0

    def quality_names(self) -> list[str]:
        return [quality_name(int(code)) for code in self.quality]


@dataclass(frozen=True, slots=True)
class RollupSeries:
    """Buckets of one rollup tier as stored (`t_ms` is the bucket start)."""

    tag_id: str
    tier: str
    t_ms: IntArray
    n: IntArray  # live samples with a value
    vmin: FloatArray
    vmax: FloatArray
    vfirst: FloatArray
    vlast: FloatArray
    mean: FloatArray  # NaN where n == 0
    worst: CodeArray
    qlast: CodeArray

    def __len__(self) -> int:
        return len(self.t_ms)


def empty_raw(tag_id: str) -> RawSeries:
    return RawSeries(
        tag_id,
        np.empty(0, np.int64),
        np.empty(0, np.float64),
        np.empty(0, np.uint8),
    )

"""Turning a characteristic's tag values into chart points (subgroups).

- imr: every value is a point (at most one per `sample_every_s`).
- imr with statistic "sigma": one point per `window` values, their standard deviation
  (web tension spread).
- xbar_r over one tag: `subgroup_size` consecutive values make a subgroup.
- xbar_r over lanes (several tags): one subgroup per scan, once every lane has a new value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from hmi.config.production import Characteristic


@dataclass(frozen=True, slots=True)
class Point:
    at: datetime
    values: tuple[float, ...]  # the subgroup (one value for I-MR)

    @property
    def value(self) -> float:
        """The charted statistic: the subgroup mean (the value itself for I-MR)."""
        return sum(self.values) / len(self.values)


class Subgrouper:
    def __init__(self, char: Characteristic) -> None:
        self.char = char
        self._buffer: list[float] = []
        self._lanes: dict[str, float] = {}
        self._last_at: datetime | None = None

    def add(self, tag: str, value: float, at: datetime) -> Point | None:
        if not math.isfinite(value):
            return None
        char = self.char
        if char.chart == "xbar_r" and len(char.tags) > 1:
            self._lanes[tag] = value
            if len(self._lanes) < len(char.tags):
                return None
            values = tuple(self._lanes[t] for t in char.tags)
            self._lanes.clear()
            return self._emit(Point(at, values))
        if char.statistic == "sigma":
            self._buffer.append(value)
            if len(self._buffer) < char.window:
                return None
            spread = _stdev(self._buffer)
            self._buffer.clear()
            return self._emit(Point(at, (spread,)))
        if char.chart == "xbar_r":
            self._buffer.append(value)
            if len(self._buffer) < char.subgroup_size:
                return None
            values = tuple(self._buffer)
            self._buffer.clear()
            return self._emit(Point(at, values))
        return self._emit(Point(at, (value,)))

    def _emit(self, point: Point) -> Point | None:
        gap = self.char.sample_every_s
        if gap > 0 and self._last_at is not None and (
                point.at - self._last_at).total_seconds() < gap:
            return None
        self._last_at = point.at
        return point


def _stdev(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))

"""The shift calendar: which time is scheduled production time, and in which shift.

Shifts are local wall-clock times of the plant (the `[production]` timezone), so a shift
that starts at 06:00 starts at 06:00 across a daylight-saving change (it is an hour
shorter or longer that day, as it is on the floor). Every time here is UTC, tz-aware.
Time outside every shift is not scheduled: a stop then is no OEE loss (DOMAIN.md 5.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hmi.config.production import DEFAULT_SHIFTS, Shift

UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True, slots=True)
class ShiftWindow:
    name: str
    start: datetime  # UTC
    end: datetime  # UTC, exclusive

    @property
    def label(self) -> str:
        return f"{self.name} {self.start:%Y-%m-%d %H:%M}"

    def overlap_s(self, start: datetime, end: datetime) -> float:
        return max(0.0, (min(end, self.end) - max(start, self.start)).total_seconds())


class ShiftCalendar:
    def __init__(self, shifts: tuple[Shift, ...] = DEFAULT_SHIFTS,
                 zone: ZoneInfo = UTC_ZONE) -> None:
        self._shifts = shifts
        self._zone = zone

    def windows(self, start: datetime, end: datetime) -> list[ShiftWindow]:
        """Every shift that overlaps start..end, in time order (not clipped)."""
        found: list[ShiftWindow] = []
        # A shift may start the day before `start` and run into it (22:00 + 8 h).
        day = start.astimezone(self._zone).date() - timedelta(days=1)
        last = end.astimezone(self._zone).date()
        while day <= last:
            for shift in self._shifts:
                if day.weekday() not in shift.days:
                    continue
                local = datetime(day.year, day.month, day.day, tzinfo=self._zone) + timedelta(
                    minutes=shift.start_minutes)
                begin = local.astimezone(UTC_ZONE)
                finish = (local + timedelta(hours=shift.hours)).astimezone(UTC_ZONE)
                if begin < end and finish > start:
                    found.append(ShiftWindow(shift.name, begin, finish))
            day += timedelta(days=1)
        return sorted(found, key=lambda w: w.start)

    def shift_at(self, at: datetime) -> ShiftWindow | None:
        """The shift running at `at`, None when nothing is scheduled then."""
        for window in self.windows(at, at + timedelta(microseconds=1)):
            if window.start <= at < window.end:
                return window
        return None

    def scheduled(self, start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The scheduled parts of start..end, clipped, in time order."""
        for window in self.windows(start, end):
            lo, hi = max(start, window.start), min(end, window.end)
            if lo < hi:
                yield lo, hi

    def scheduled_s(self, start: datetime, end: datetime) -> float:
        return sum((hi - lo).total_seconds() for lo, hi in self.scheduled(start, end))

    def last_shifts(self, now: datetime, count: int) -> list[ShiftWindow]:
        """The `count` most recent shifts that started by `now` (the running one last)."""
        windows = [w for w in self.windows(now - timedelta(days=max(2, count)), now)
                   if w.start <= now]
        return windows[-count:]

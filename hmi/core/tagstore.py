"""Latest value per tag, the staleness clock, and fan-out to subscribers.

Drivers call `update`, `confirm` and `mark_connection` on the IoThread; subscribers (the
UI bridge, historian, alarm engine) get every batch on that same thread and must hand work
off quickly. Readers on other threads use `get`/`snapshot`, guarded by a lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence

from hmi.core.tags import Quality, TagValue, utc_now

Subscriber = Callable[[Sequence[TagValue]], None]

STALE_FACTOR = 3.0  # a value not refreshed within 3 x its expected period is STALE


class TagStore:
    def __init__(
        self,
        expected_period_s: Mapping[str, float],
        stale_factor: float = STALE_FACTOR,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._period = dict(expected_period_s)
        self._factor = stale_factor
        self._clock = clock
        self._values: dict[str, TagValue] = {}
        self._confirmed: dict[str, float] = {}
        # What a STALE value was before it went stale (quality, status): a confirmation
        # revives it as that, so an UNCERTAIN value (a PLC clock off) never comes back GOOD.
        self._before_stale: dict[str, tuple[Quality, str]] = {}
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    @property
    def tag_ids(self) -> tuple[str, ...]:
        return tuple(self._period)

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers = [*self._subscribers, callback]

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = [s for s in self._subscribers if s is not callback]

        return unsubscribe

    def set_expected_period(self, periods_s: Mapping[str, float]) -> None:
        """The link refreshes these tags at another period than configured (an OPC UA
        server that revised the publishing interval upward): judge staleness by that."""
        with self._lock:
            self._period.update(periods_s)

    def get(self, tag_id: str) -> TagValue | None:
        with self._lock:
            return self._values.get(tag_id)

    def snapshot(self) -> dict[str, TagValue]:
        with self._lock:
            return dict(self._values)

    def update(self, batch: Sequence[TagValue]) -> None:
        """New values from a driver; each also restarts its tag's staleness clock."""
        if not batch:
            return
        now = self._clock()
        with self._lock:
            for value in batch:
                self._values[value.tag_id] = value
                self._confirmed[value.tag_id] = now
            if self._before_stale:
                for value in batch:
                    self._before_stale.pop(value.tag_id, None)
            subscribers = self._subscribers
        for callback in subscribers:
            callback(batch)

    def confirm(self, tag_ids: Iterable[str]) -> None:
        """The link proved these tags current without a new value (a report-by-exception
        subscription that is alive, or a poll that read the same value)."""
        now = self._clock()
        revived: list[TagValue] = []
        with self._lock:
            for tag_id in tag_ids:
                self._confirmed[tag_id] = now
                value = self._values.get(tag_id)
                if value is not None and value.quality is Quality.STALE:
                    # Fresh again: only live values go STALE, so it returns to what it was.
                    quality, status = self._before_stale.pop(tag_id, (Quality.GOOD, "Good"))
                    revived.append(value.with_quality(quality, status))
            for value in revived:
                self._values[value.tag_id] = value
            subscribers = self._subscribers
        if revived:
            for callback in subscribers:
                callback(revived)

    def mark(self, tag_ids: Iterable[str], quality: Quality, status: str) -> list[TagValue]:
        """Re-judge the last value of these tags (e.g. COMM_LOST when their PLC drops)."""
        at = utc_now()
        changed: list[TagValue] = []
        with self._lock:
            for tag_id in tag_ids:
                old = self._values.get(tag_id)
                if old is None:
                    new = TagValue(tag_id, None, quality, at, at, status)
                elif old.quality is quality:
                    continue
                else:
                    new = old.with_quality(quality, status, at)
                self._values[tag_id] = new
                changed.append(new)
            subscribers = self._subscribers
        if changed:
            for callback in subscribers:
                callback(changed)
        return changed

    def check_staleness(self) -> list[TagValue]:
        """Turn live values that missed k refresh periods into STALE; returns what changed."""
        now = self._clock()
        stale: list[str] = []
        with self._lock:
            for tag_id, value in self._values.items():
                if not value.quality.is_live:
                    continue
                period = self._period.get(tag_id)
                confirmed = self._confirmed.get(tag_id)
                if (
                    period is not None
                    and confirmed is not None
                    and now - confirmed > self._factor * period
                ):
                    stale.append(tag_id)
        if not stale:
            return []
        with self._lock:
            for tag_id in stale:
                value = self._values[tag_id]
                if value.quality is not Quality.GOOD:
                    self._before_stale[tag_id] = (value.quality, value.status)
        return self.mark(
            stale, Quality.STALE, f"not refreshed within {self._factor:g} x its period"
        )

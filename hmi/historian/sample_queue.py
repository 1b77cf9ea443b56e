"""The bounded hand-off between the threads that produce samples and the writer thread.

`put` runs on the IoThread (inside TagStore fan-out), so it never blocks and never does
more than append under a lock. When full it keeps what fits, counts the rest as dropped,
remembers per tag when the loss began (the writer records a NO_DATA gap there, so a trend
never bridges lost samples) and logs a warning at most every `warn_every_s`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from hmi.core.tags import TagValue

log = logging.getLogger(__name__)

WARN_EVERY_S = 10.0


@dataclass(slots=True)
class DropMark:
    """Samples were lost here, between the batches before and after it in the queue."""

    since: dict[str, datetime]  # tag -> source time of its first dropped sample


Item = Sequence[TagValue] | DropMark


@dataclass(frozen=True, slots=True)
class Taken:
    """What the writer took in one go, in arrival order: batches and drop marks."""

    items: list[Item]
    samples: int


class SampleQueue:
    def __init__(
        self,
        capacity: int,
        warn_every_s: float = WARN_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1:
            raise ValueError("queue capacity must be at least 1 sample")
        self.capacity = capacity
        self._warn_every_s = warn_every_s
        self._clock = clock
        self._cond = threading.Condition(threading.Lock())
        self._items: deque[Item] = deque()
        self._depth = 0
        self._high_water = 0
        self._accepted = 0
        self._dropped = 0
        self._dropped_unwarned = 0
        self._last_warning = -float("inf")
        self._wake_at = capacity  # the writer asks to be woken when this many are waiting
        self._wake_now = False

    # -- producer side (any thread) ------------------------------------------------------
    def put(self, batch: Sequence[TagValue]) -> int:
        """Queue what fits; returns how many samples were accepted. Never blocks."""
        count = len(batch)
        if count == 0:
            return 0
        warn = 0
        with self._cond:
            room = self.capacity - self._depth
            accepted = count if count <= room else max(room, 0)
            if accepted:
                self._items.append(batch if accepted == count else batch[:accepted])
                self._depth += accepted
                self._accepted += accepted
                self._high_water = max(self._high_water, self._depth)
            if accepted < count:
                last = self._items[-1] if self._items else None
                if not isinstance(last, DropMark):
                    last = DropMark({})
                    self._items.append(last)
                for value in batch[accepted:]:
                    last.since.setdefault(value.tag_id, value.source_ts)
                self._dropped += count - accepted
                self._dropped_unwarned += count - accepted
                now = self._clock()
                if now - self._last_warning >= self._warn_every_s:
                    self._last_warning = now
                    warn, self._dropped_unwarned = self._dropped_unwarned, 0
            if self._depth >= self._wake_at:
                self._cond.notify()
            total_dropped = self._dropped
        if warn:
            # Outside the lock: a log handler may write to disk.
            log.warning(
                "historian queue full (%d samples): dropped %d samples (%d in all); the "
                "history database cannot keep up (slow or full disk?) - the gaps are marked",
                self.capacity,
                warn,
                total_dropped,
            )
        return accepted

    # -- writer side -------------------------------------------------------------------
    def take(self, max_samples: int, wake_at: int, timeout_s: float) -> Taken:
        """Wait up to timeout_s for `wake_at` samples (or a wake()), then take items in
        order up to max_samples (at least one batch when any is waiting)."""
        with self._cond:
            self._wake_at = wake_at
            if self._depth < wake_at and not self._wake_now:
                self._cond.wait(timeout_s)
            self._wake_now = False
            items: list[Item] = []
            taken = 0
            while self._items:
                head = self._items[0]
                size = 0 if isinstance(head, DropMark) else len(head)
                if taken and taken + size > max_samples:
                    break
                items.append(self._items.popleft())
                taken += size
            self._depth -= taken
            return Taken(items, taken)

    def wake(self) -> None:
        """Make the writer's current or next take() return at once (flush, stop)."""
        with self._cond:
            self._wake_now = True
            self._cond.notify()

    # -- status --------------------------------------------------------------------------
    @property
    def depth(self) -> int:
        return self._depth

    @property
    def high_water(self) -> int:
        return self._high_water

    @property
    def accepted(self) -> int:
        return self._accepted

    @property
    def dropped(self) -> int:
        return self._dropped

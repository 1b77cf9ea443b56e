"""Live tag values for the engine: the TagStore's latest values, and a wake-up on change.

The engine waits for conditions by sleeping until the TagStore delivers a batch with one of
the tags it watches (or a short poll period passes, so timeouts and hold timers advance on
a quiet tag): it reacts to a new value at once instead of on its next poll.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Sequence

from hmi.core.tags import TagValue
from hmi.core.tagstore import TagStore


class LiveTags:
    def __init__(self, store: TagStore) -> None:
        self._store = store
        self._watched: set[str] = set()
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self._unsubscribe = store.subscribe(self._on_batch)

    def close(self) -> None:
        self._unsubscribe()

    def values(self, tags: Iterable[str]) -> dict[str, TagValue | None]:
        return {tag: self._store.get(tag) for tag in tags}

    def watch(self, tags: Iterable[str]) -> None:
        """Wake waiters on these tags too (runs of several procedures add theirs)."""
        self._watched = self._watched | set(tags)

    def _on_batch(self, batch: Sequence[TagValue]) -> None:
        # Called on the driver's thread: wake the waiters on their own loops.
        if not self._waiters or not any(v.tag_id in self._watched for v in batch):
            return
        for loop, event in list(self._waiters):
            with contextlib.suppress(RuntimeError):  # its loop already closed
                loop.call_soon_threadsafe(event.set)

    async def changed(self, timeout_s: float) -> None:
        """Return when a watched tag got a new value, or after `timeout_s` at the latest."""
        event = asyncio.Event()
        entry = (asyncio.get_running_loop(), event)
        self._waiters.append(entry)
        try:
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancel that
            # arrives as the event is set (gh-86296), and a cancelled perform() must stop.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout_s):
                    await event.wait()
        finally:
            self._waiters.remove(entry)

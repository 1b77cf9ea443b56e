"""A daemon thread that calls `poll()` every few seconds until stopped: how an HMI watches
the plant database (other HMIs' recipe changes; the store-and-forward link looking for the
database again). Polling rather than LISTEN/NOTIFY works the same on SQLite and PostgreSQL
and holds no connection that a server restart could silently drop."""

from __future__ import annotations

import threading
from collections.abc import Callable


class PollingThread:
    def __init__(self, name: str, poll: Callable[[], object]) -> None:
        self._name = name
        self._poll = poll
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, interval_s: float) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(interval_s,),
                                        name=self._name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self, interval_s: float) -> None:
        while not self._stop.wait(interval_s):
            self._poll()

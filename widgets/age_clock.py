"""A once-a-second tick for widgets that show an age ("stale 12 s") only while they must."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

Clock = Callable[[], float]


class AgeClock(QObject):
    """Runs only while something is old, so a screen of live tiles costs no timers."""

    ticked = Signal()

    def __init__(self, parent: QObject | None = None, clock: Clock = time.time) -> None:
        super().__init__(parent)
        self.clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.ticked)

    def age_s(self, since: float | None) -> float | None:
        return None if since is None else max(0.0, self.clock() - since)

    def set_running(self, running: bool) -> None:
        if running and not self._timer.isActive():
            self._timer.start()
        elif not running and self._timer.isActive():
            self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

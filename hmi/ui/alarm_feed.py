"""AlarmFeed: the alarm engine's summaries, delivered on the GUI thread.

The engine calls its listeners on whichever thread made the change (its own evaluation
thread, or a screen's worker acknowledging). A flood makes many summaries a second; the
feed keeps only the latest and posts one queued signal until the GUI has taken it, so the
banner and the list repaint once per burst, never once per alarm.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from hmi.alarms import AlarmEngine, AlarmSummary


class AlarmFeed(QObject):
    summary_changed = Signal(object)  # AlarmSummary, on the GUI thread
    _posted = Signal()

    def __init__(self, engine: AlarmEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._lock = threading.Lock()
        self._pending = False
        self._latest: AlarmSummary = engine.summary()
        self._posted.connect(self._on_posted)
        self._remove = engine.add_listener(self._post)

    def latest(self) -> AlarmSummary:
        with self._lock:
            return self._latest

    def close(self) -> None:
        """Stop listening (the engine outlives the window on shutdown)."""
        self._remove()

    def _post(self, summary: AlarmSummary) -> None:  # any thread
        with self._lock:
            self._latest = summary
            if self._pending:
                return
            self._pending = True
        self._posted.emit()

    def _on_posted(self) -> None:  # GUI thread
        with self._lock:
            summary, self._pending = self._latest, False
        self.summary_changed.emit(summary)

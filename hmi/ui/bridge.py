"""PlcBridge: the one door between the IoThread and Qt.

Values arrive on the IoThread (TagStore subscribers) far faster than a screen can show
them; the bridge keeps only the latest value per tag and hands the UI one batch per frame
(at most 20 Hz). Commands go the other way with run_coroutine_threadsafe and their results
come back as queued signals. The UI thread never awaits or blocks on the network.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.roles import Action
from hmi.core.tags import Scalar, TagValue
from hmi.core.tagstore import TagStore
from hmi.plc.access import PlcAccess

HISTORY_POLL_MS = 2000  # a dropped-samples banner within seconds is soon enough
HistoryStatusPoll = Callable[[], Coroutine[Any, Any, Any]]  # -> HistorianStatus | None

FRAME_MS = 50  # 20 Hz: faster than an operator reads, slow enough to batch 1000 tags x 10 Hz


class PlcBridge(QObject):
    tags_updated = Signal(object)  # dict[str, TagValue]: latest per tag since the last frame
    health_changed = Signal(object)  # dict[str, ConnectionHealth]
    write_finished = Signal(object)  # WriteResult, or an Exception the write raised
    history_problem_changed = Signal(str)  # one line for a banner; "" when history is fine
    _write_returned = Signal(object)  # emitted on the IoThread, delivered queued on the UI thread
    _history_returned = Signal(str)  # likewise

    def __init__(
        self,
        store: TagStore,
        service: PlcAccess,
        io: IoThread,
        frame_ms: int = FRAME_MS,
        parent: QObject | None = None,
        history_status: HistoryStatusPoll | None = None,
        commands: CommandService | None = None,
        acting_user: Callable[[], str] | None = None,
    ) -> None:
        """``history_status``: a coroutine function giving the historian's status (None:
        no historian); polled on the IoThread every HISTORY_POLL_MS. ``commands`` and
        ``acting_user``: writes go through the command service as that user (role check,
        reason, audit with the value read back); without them straight to the service."""
        super().__init__(parent)
        self._commands = commands
        self._acting_user = acting_user
        self._store = store
        self._service = service
        self._io = io
        self._lock = threading.Lock()
        self._pending: dict[str, TagValue] = {}
        self._oldest_pending_s: float | None = None  # arrival time of the oldest unshown value
        self._last_health: dict[str, Any] = {}
        self.last_frame_wait_s = 0.0  # how long the oldest value in the last frame waited
        self._unsubscribe = store.subscribe(self._on_store_batch)
        self._write_returned.connect(self.write_finished)
        self._frame_timer = QTimer(self)
        self._frame_timer.setInterval(frame_ms)
        self._frame_timer.timeout.connect(self._on_frame_timer_timeout)
        self._frame_timer.start()
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(250)
        self._health_timer.timeout.connect(self._on_health_timer_timeout)
        self._health_timer.start()
        self._history_status = history_status
        self._history_problem = ""
        self._history_returned.connect(self._on_history_returned)
        self._history_timer = QTimer(self)
        self._history_timer.setInterval(HISTORY_POLL_MS)
        self._history_timer.timeout.connect(self._on_history_timer_timeout)
        if history_status is not None:
            self._history_timer.start()

    # -- values -------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, TagValue]:
        """Every tag's latest value now (for a screen that opens between frames)."""
        return self._store.snapshot()

    def _on_store_batch(self, batch: Sequence[TagValue]) -> None:
        # IoThread: keep this cheap, it runs for every notification batch.
        with self._lock:
            if self._oldest_pending_s is None:
                self._oldest_pending_s = time.monotonic()
            for value in batch:
                self._pending[value.tag_id] = value

    def _on_frame_timer_timeout(self) -> None:
        with self._lock:
            if not self._pending:
                return
            batch, self._pending = self._pending, {}
            oldest, self._oldest_pending_s = self._oldest_pending_s, None
        if oldest is not None:
            self.last_frame_wait_s = time.monotonic() - oldest
        self.tags_updated.emit(batch)

    # -- connection health ---------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return dict(self._last_health)

    def _on_health_timer_timeout(self) -> None:
        health = self._service.health()
        if health != self._last_health:
            self._last_health = dict(health)
            self.health_changed.emit(self._last_health)

    # -- historian ------------------------------------------------------------------------------
    def history_problem(self) -> str:
        return self._history_problem

    def _on_history_timer_timeout(self) -> None:
        if self._history_status is None:
            return
        future = self._io.submit(self._history_status())

        def done(fut: Any) -> None:
            error = fut.exception()
            if error is not None:
                self._history_returned.emit(f"History: status not available ({error})")
            else:
                status = fut.result()
                problem = status.problem() if status is not None else None
                self._history_returned.emit(problem or "")

        future.add_done_callback(done)

    def _on_history_returned(self, problem: str) -> None:
        if problem != self._history_problem:
            self._history_problem = problem
            self.history_problem_changed.emit(problem)

    # -- commands -------------------------------------------------------------------------------
    def write(
        self, tag_id: str, value: Scalar, action: str = Action.WRITE_SETPOINT, reason: str = ""
    ) -> None:
        """Write through the one PLC write path; the result (or the refusal) arrives as
        `write_finished`."""
        if self._commands is not None and self._acting_user is not None:
            try:
                user = self._acting_user()  # a locked panel refuses here, and says why
            except Exception as exc:
                self._write_returned.emit(exc)
                return
            future = self._io.submit(
                _first(self._commands.write(user, [(tag_id, value)], action=action,
                                            reason=reason))
            )
        else:
            future = self._io.submit(self._service.write(tag_id, value))

        def done(fut: Any) -> None:
            error = fut.exception()
            self._write_returned.emit(error if error is not None else fut.result())

        future.add_done_callback(done)

    def close(self) -> None:
        self._unsubscribe()
        self._frame_timer.stop()
        self._health_timer.stop()
        self._history_timer.stop()


async def _first(outcomes: Awaitable[Sequence[Any]]) -> Any:
    """The one outcome of a one-item command."""
    return (await outcomes)[0]

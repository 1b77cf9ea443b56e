"""The PLC process: PlcService and its TagStore in a process of their own.

Decoding 1000 tags x 10 Hz of OPC UA notifications is pure Python; in the HMI's process it
holds the GIL for long stretches and the UI thread waits for it (frame p99 27 ms measured,
against 12 ms with the same decoding in another process). So the drivers, the supervisors
and the staleness clock run here, and the HMI process gets every value as plain tuples.

Runs `child_main` under multiprocessing's spawn context; talks only through the pipe (see
link_wire for the messages). Ends on STOP or when the HMI process goes away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hmi.config.schema import LineConfig
from hmi.core.tags import TagValue
from hmi.core.tagstore import TagStore
from hmi.plc import link_wire as wire

if TYPE_CHECKING:
    from hmi.historian import Historian

log = logging.getLogger(__name__)

FORWARD_S = 0.02  # values leave at most this long after they arrived
BEAT_S = 0.5  # with nothing else to send, say "alive" this often
CALLS = frozenset(
    {"read", "write", "write_many", "wait_connected", "snapshot", "historian_status"}
)


def child_main(
    config: LineConfig, conn: Connection, data_dir: Path | None, record_history: bool = False
) -> None:
    """With ``record_history`` (and a data_dir) the historian records here, beside the
    drivers: every value is written without crossing the pipe, and the HMI's process
    reads the history file itself (SQLite WAL lets one process write while another reads)."""
    # Ctrl-C in a terminal reaches the whole process group; the HMI stops us in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if data_dir is not None:
        from hmi.core.logs import log_to_file

        log_to_file(data_dir, file_name="lineside-plc.log")
    try:
        link = _Link(config, conn, data_dir)
        if record_history and data_dir is not None:
            link.record_history(data_dir)
        asyncio.run(link.serve())
    finally:
        conn.close()


class _Link:
    def __init__(self, config: LineConfig, conn: Connection, data_dir: Path | None) -> None:
        from hmi.plc.service import PlcService  # the client libraries load only here

        self._conn = conn
        self._store = TagStore(config.expected_periods_s())
        self._service = PlcService(config, self._store, data_dir=data_dir)  # its pki/
        self._outbox: list[TagValue] = []
        self._store.subscribe(self._outbox.extend)  # on this loop: no lock needed
        self._last_health: dict[str, Any] = {}
        self._broken = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._config = config
        self._historian: Historian | None = None

    def record_history(self, data_dir: Path) -> None:
        from hmi.historian import Historian, HistoryError

        historian = Historian.from_config(self._config, data_dir)
        try:
            historian.start()
        except HistoryError as exc:  # the line runs on; the banner says history is off
            log.error("%s", exc)
            return
        historian.attach(self._store)
        self._historian = historian

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        inbox: asyncio.Queue[Any] = asyncio.Queue()
        reader = threading.Thread(
            target=self._receive, args=(loop, inbox), name="lineside-plc-inbox", daemon=True
        )
        reader.start()
        try:
            await self._service.start()
        except Exception as exc:
            self._send((wire.FAILED, f"{type(exc).__name__}: {exc}"))
            return
        self._send((wire.READY,))
        forwarder = asyncio.create_task(self._forward(), name="forward")
        try:
            while not self._broken:
                message = await inbox.get()
                if wire.message_kind(message) != wire.CALL:
                    break  # STOP, or the HMI went away
                _kind, request, method, args = message
                task = asyncio.create_task(self._answer(request, method, args))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        finally:
            forwarder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await forwarder
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await self._service.stop()
            self._flush()
            if self._historian is not None:
                # Off the loop: the writer drains its queue (seconds at most).
                await asyncio.to_thread(self._historian.stop)

    def _receive(self, loop: asyncio.AbstractEventLoop, inbox: asyncio.Queue[Any]) -> None:
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                message = (wire.STOP,)
            with contextlib.suppress(RuntimeError):  # the loop already ended
                loop.call_soon_threadsafe(inbox.put_nowait, message)
            if wire.message_kind(message) != wire.CALL:
                return

    async def _answer(self, request: int, method: str, args: tuple[Any, ...]) -> None:
        try:
            if method not in CALLS:
                raise ValueError(f"the PLC process has no call {method!r}")
            if method == "snapshot":
                result: Any = list(self._store.snapshot().values())
            elif method == "historian_status":
                result = self._historian.status() if self._historian is not None else None
            else:
                result = await getattr(self._service, method)(*args)
            self._send((wire.REPLY, request, True, result))
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._send((wire.REPLY, request, False, wire.portable_exception(exc)))

    async def _forward(self) -> None:
        quiet_s = 0.0
        while True:
            await asyncio.sleep(FORWARD_S)
            sent = self._flush()
            health = self._service.health()
            if health != self._last_health:
                self._last_health = health
                self._send((wire.HEALTH, health))
                sent = True
            quiet_s = 0.0 if sent else quiet_s + FORWARD_S
            if quiet_s >= BEAT_S:
                self._send((wire.BEAT,))
                quiet_s = 0.0

    def _flush(self) -> bool:
        if not self._outbox:
            return False
        batch = self._outbox[:]
        self._outbox.clear()
        self._send((wire.VALUES, wire.encode_values(batch)))
        return True

    def _send(self, message: tuple[Any, ...]) -> None:
        if self._broken:
            return
        try:
            self._conn.send(message)
        except (BrokenPipeError, ConnectionResetError, OSError):
            log.warning("the HMI process went away: the PLC process stops")
            self._broken = True

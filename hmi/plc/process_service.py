"""PlcProcessService: PlcService's API, served by a PLC process of its own (link_child).

The HMI process keeps a mirror TagStore that every value from the PLC process lands in, so
the bridge, the historian and everything else subscribe to a store exactly as before; calls
(read, write, write_many, wait_connected) travel over the pipe and come back as results.
The one write path stays one: it runs in the PLC process, in PlcService.

It never lies about a link it cannot see: if the PLC process goes silent (WATCHDOG_S) every
tag turns COMM_LOST; if it ends, every connection shows lost with the cause, and a new PLC
process is started with backoff. After either, a full snapshot refreshes the mirror.

Runs on the IoThread's loop like PlcService; a reader thread receives from the pipe.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from hmi.config.schema import LineConfig
from hmi.core.tags import Quality, Scalar, TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.historian.status import HistorianStatus
from hmi.plc import link_wire as wire
from hmi.plc.access import HealthListener, WriteResult
from hmi.plc.driver import PlcError
from hmi.plc.link_child import child_main
from hmi.plc.supervisor import LOSSES_KEPT, ConnectionHealth

log = logging.getLogger(__name__)

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
WATCHDOG_S = 3.0  # silence longer than this (it beats every 0.5 s): the process is hung
RESTART_BACKOFF_S = (0.5, 1.0, 2.0, 5.0)


class PlcProcessService:
    def __init__(
        self,
        config: LineConfig,
        store: TagStore,
        data_dir: Path | None = None,
        record_history: bool = False,
    ) -> None:
        """``record_history``: the historian records in the PLC process (see link_child)."""
        self._config = config
        self._store = store
        self._data_dir = data_dir
        self._record_history = record_history
        self._tag_ids = [t.id for t in config.tags]
        self._health: dict[str, ConnectionHealth] = {}
        self._listeners: list[HealthListener] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._conn: Connection | None = None
        self._process: BaseProcess | None = None
        self._reader: threading.Thread | None = None
        self._ready: asyncio.Future[str] | None = None
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._requests = itertools.count(1)
        self._stopping = False
        self._restarts = 0
        self._restart_task: asyncio.Task[None] | None = None
        self._resyncs: set[asyncio.Task[None]] = set()
        self._values_seen = False

    # ---- lifecycle ---------------------------------------------------------------------
    async def start(self) -> None:
        """Start the PLC process; returns once its service runs (connections come up in
        the background, as with PlcService). Raises PlcError if it cannot start."""
        self._loop = asyncio.get_running_loop()
        self._stopping = False
        await self._spawn()
        log.info("PLC process up (pid %s)", self.pid)

    async def stop(self) -> None:
        self._stopping = True
        for task in list(self._resyncs):
            task.cancel()
        if self._restart_task is not None:
            self._restart_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._restart_task
        await self._end_process()

    @property
    def config(self) -> LineConfig:
        """The line config the PLC process runs on now (changed by `reconfigure`)."""
        return self._config

    async def reconfigure(self, config: LineConfig) -> None:
        """Run on `config`: the PLC process is ended and a new one started with it, so
        every connection restarts (the links live in that process; a finer apply would
        need the pipe to carry a reconfigure call). Tags no longer in the config are
        marked BAD; the mirror store judges staleness by the new periods."""
        dropped = set(self._tag_ids) - {t.id for t in config.tags}
        self._stopping = True  # the ending process is no crash: no automatic restart
        try:
            await self._end_process()
        finally:
            self._stopping = False
        self._config = config
        self._tag_ids = [t.id for t in config.tags]
        self._store.set_expected_period(config.expected_periods_s())
        if dropped:
            self._store.mark(sorted(dropped), Quality.BAD, "no longer in the line config")
        self._lose_all("restarting the PLC process with the new line config")
        await self._spawn()

    async def _spawn(self) -> None:
        loop = asyncio.get_running_loop()
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=child_main,
            args=(self._config, theirs, self._data_dir, self._record_history),
            name="lineside-plc", daemon=True,
        )
        await loop.run_in_executor(None, process.start)
        theirs.close()
        self._conn, self._process = mine, process
        self._ready = loop.create_future()
        self._reader = threading.Thread(
            target=self._receive, args=(mine, process), name="lineside-plc-link", daemon=True
        )
        self._reader.start()
        try:
            failure = await asyncio.wait_for(asyncio.shield(self._ready), START_TIMEOUT_S)
        except TimeoutError:
            failure = f"the PLC process did not start within {START_TIMEOUT_S:g} s"
        if failure:
            await self._end_process()
            raise PlcError(failure)

    async def _end_process(self) -> None:
        conn, process, reader = self._conn, self._process, self._reader
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send((wire.STOP,))
        loop = asyncio.get_running_loop()
        if process is not None:
            await loop.run_in_executor(None, process.join, STOP_TIMEOUT_S)
            if process.is_alive():
                log.warning("the PLC process did not stop within %g s: killed", STOP_TIMEOUT_S)
                process.kill()
                await loop.run_in_executor(None, process.join, STOP_TIMEOUT_S)
        if reader is not None:
            await loop.run_in_executor(None, reader.join, STOP_TIMEOUT_S)
        if conn is not None:
            conn.close()
        if process is not None:
            process.close()
        self._conn = self._process = self._reader = None
        self._fail_pending("the PLC process stopped")

    # ---- the pipe, on the reader thread ------------------------------------------------
    def _receive(self, conn: Connection, process: BaseProcess) -> None:
        hung = False
        while True:
            try:
                if not conn.poll(WATCHDOG_S):
                    if not hung and not self._stopping:
                        hung = True
                        cause = f"the PLC process has not answered for {WATCHDOG_S:g} s"
                        log.warning("%s: every tag COMM_LOST until it speaks", cause)
                        self._lose_all(cause)
                    continue
                message = conn.recv()
            except (EOFError, OSError):
                break
            if hung:
                hung = False
                self._from_loop(self._start_resync)
            self._dispatch(message)
        process.join(STOP_TIMEOUT_S)
        if not self._stopping:
            cause = f"the PLC process ended (exit code {process.exitcode})"
            log.error("%s; starting a new one", cause)
            self._lose_all(cause)
            self._from_loop(self._restart_later)

    def _dispatch(self, message: Any) -> None:
        kind = wire.message_kind(message)
        if kind == wire.VALUES:
            if not self._values_seen:  # tests/bench/startup.py times the start by this line
                self._values_seen = True
                log.info("first values from the PLC process (%d)", len(message[1]))
            self._store.update(wire.decode_values(message[1]))
        elif kind == wire.HEALTH:
            self._set_health(message[1])
        elif kind == wire.REPLY:
            _kind, request, ok, result = message
            self._from_loop(self._resolve, request, ok, result)
        elif kind in (wire.READY, wire.FAILED):
            failure = "" if kind == wire.READY else str(message[1])
            self._from_loop(self._resolve_ready, failure)

    def _from_loop(self, callback: Callable[..., Any], *args: Any) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(callback, *args)

    def _lose_all(self, cause: str) -> None:
        """Nothing from the PLC process can be trusted now: say so on every tag and link."""
        self._store.mark(self._tag_ids, Quality.COMM_LOST, cause)
        now = utc_now()
        self._set_health({
            conn.id: ConnectionHealth(
                conn.id, "lost", now, cause,
                old.reconnects if (old := self._health.get(conn.id)) else 0, None,
                old.lost_total_s if old else 0.0,
                recent_losses=(*(old.recent_losses if old else ()), (now, cause))[-LOSSES_KEPT:],
            )
            for conn in self._config.connections
        })
        self._from_loop(self._fail_pending, cause)

    def _set_health(self, health: dict[str, ConnectionHealth]) -> None:
        changed = [h for cid, h in health.items() if self._health.get(cid) != h]
        self._health = dict(health)
        for item in changed:
            for listener in self._listeners:
                self._from_loop(listener, item)

    # ---- on the loop -------------------------------------------------------------------
    def _resolve(self, request: int, ok: bool, result: Any) -> None:
        future = self._pending.pop(request, None)
        if future is None or future.done():
            return
        if ok:
            future.set_result(result)
        else:
            future.set_exception(result)

    def _resolve_ready(self, failure: str) -> None:
        if self._ready is not None and not self._ready.done():
            self._ready.set_result(failure)

    def _fail_pending(self, cause: str) -> None:
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(PlcError(cause))

    def _start_resync(self) -> None:
        task = asyncio.create_task(self._resync(), name="plc-process-resync")
        self._resyncs.add(task)
        task.add_done_callback(self._resyncs.discard)

    async def _resync(self) -> None:
        """The PLC process speaks again after a silence: refresh every tag's value."""
        with contextlib.suppress(PlcError):
            self._store.update(await self._call("snapshot"))

    def _restart_later(self) -> None:
        if self._stopping or self._restart_task is not None:
            return
        self._restart_task = asyncio.create_task(self._restart(), name="plc-process-restart")

    async def _restart(self) -> None:
        try:
            while not self._stopping:
                delay = RESTART_BACKOFF_S[min(self._restarts, len(RESTART_BACKOFF_S) - 1)]
                self._restarts += 1
                await asyncio.sleep(delay)
                await self._end_process()
                try:
                    await self._spawn()
                    log.info("a new PLC process runs")
                    return
                except PlcError as exc:
                    log.error("%s; trying again", exc)
        finally:
            self._restart_task = None

    async def _call(self, method: str, *args: Any) -> Any:
        conn = self._conn
        if conn is None:
            raise PlcError("the PLC process is not running")
        loop = asyncio.get_running_loop()
        request = next(self._requests)
        future: asyncio.Future[Any] = loop.create_future()
        self._pending[request] = future
        try:
            conn.send((wire.CALL, request, method, args))
        except OSError as exc:
            self._pending.pop(request, None)
            raise PlcError(f"the PLC process cannot be reached: {exc}") from exc
        try:
            return await future
        finally:
            self._pending.pop(request, None)

    @property
    def pid(self) -> int | None:
        """The PLC process's id (for diagnostics), None while none runs."""
        process = self._process
        return process.pid if process is not None else None

    # ---- PlcService's API --------------------------------------------------------------
    async def wait_connected(self, timeout_s: float) -> bool:
        return bool(await self._call("wait_connected", timeout_s))

    def health(self) -> dict[str, ConnectionHealth]:
        return dict(self._health)

    def on_health_changed(self, callback: HealthListener) -> Callable[[], None]:
        """Call `callback(health)` on the IoThread whenever a connection's health changes."""
        self._listeners = [*self._listeners, callback]

        def unsubscribe() -> None:
            self._listeners = [c for c in self._listeners if c is not callback]

        return unsubscribe

    async def historian_status(self) -> HistorianStatus | None:
        """The historian's status in the PLC process (None: it does not record)."""
        result: HistorianStatus | None = await self._call("historian_status")
        return result

    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]:
        result: list[TagValue] = await self._call("read", list(tag_ids))
        return result

    async def write(self, tag_id: str, value: Scalar) -> WriteResult:
        result: WriteResult = await self._call("write", tag_id, value)
        return result

    async def write_many(self, items: Sequence[tuple[str, Scalar]],
                         read_back: bool = True) -> list[WriteResult]:
        result: list[WriteResult] = await self._call("write_many", list(items), read_back)
        return result

"""PlcService: the one object the rest of the application uses to reach the PLCs.

It owns one ConnectionSupervisor per connection, the staleness clock's ticker, and the
single write path: check -> write -> read back -> compare -> WriteResult. All methods run
on the IoThread's loop; `health()` may be called from any thread (it reads snapshots).
Role checks and audit belong to the command service above, which calls `write_many`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from hmi.config.schema import LineConfig, OpcUaConnection, TagConfig
from hmi.core.tags import Quality, Scalar, TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.core.user_text import QT_TRANSLATE_NOOP, UserText, said, user_text
from hmi.plc.access import HealthListener, WriteResult
from hmi.plc.driver import PlcDriver, PlcError, WriteAck, describe_exception
from hmi.plc.modbus import ModbusDriver
from hmi.plc.opcua import OpcUaDriver
from hmi.plc.opcua_security import is_insecure
from hmi.plc.supervisor import ConnectionHealth, ConnectionSupervisor
from hmi.plc.values import WriteRefused, coerce_for_write, read_back_matches, tolerance_for

log = logging.getLogger(__name__)

STALENESS_CHECK_S = 0.1  # a few times a second: STALE shows within 3 x period + this

DriverFactory = Callable[[], PlcDriver]


def default_driver_factory(config: LineConfig, connection_id: str,
                           data_dir: Path | None = None) -> DriverFactory:
    conn = config.connection(connection_id)
    tags = config.tags_of_connection(connection_id)
    if isinstance(conn, OpcUaConnection):
        return lambda: OpcUaDriver(conn, tags, data_dir=data_dir)
    return lambda: ModbusDriver(conn, tags)


class PlcService:
    def __init__(
        self,
        config: LineConfig,
        store: TagStore,
        *,
        driver_factories: Mapping[str, DriverFactory] | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """`data_dir` holds the OPC UA certificates (pki/) and the password store; None:
        the per-user data folder."""
        self._config = config
        self._store = store
        self._tags = {t.id: t for t in config.tags}
        self._enums = config.all_enums()
        self._listeners: list[HealthListener] = []
        self._data_dir = data_dir
        factories = dict(driver_factories or {})
        self._supervisors: dict[str, ConnectionSupervisor] = {}
        for conn in config.connections:
            self._supervisors[conn.id] = self._supervisor(config, conn.id, factories)
        self._staleness_task: asyncio.Task[None] | None = None

    def _supervisor(self, config: LineConfig, conn_id: str,
                    factories: Mapping[str, DriverFactory]) -> ConnectionSupervisor:
        conn = config.connection(conn_id)
        factory = factories.get(conn_id) or default_driver_factory(config, conn_id,
                                                                   self._data_dir)
        tag_ids = [t.id for t in config.tags_of_connection(conn_id)]
        return ConnectionSupervisor(
            conn_id, factory, tag_ids, self._store, self._emit_health,
            insecure=isinstance(conn, OpcUaConnection) and is_insecure(conn),
        )

    @property
    def config(self) -> LineConfig:
        """The line config the links run on now (changed by `reconfigure`)."""
        return self._config

    async def reconfigure(self, config: LineConfig, restart: Collection[str], *,
                          driver_factories: Mapping[str, DriverFactory] | None = None
                          ) -> None:
        """Run on `config`, rebuilding only the links named in `restart` (and starting new
        ones); connections no longer in `config` stop. Every other supervisor, its driver
        and its client are left exactly as they are: their tags did not change in any field
        a driver uses (hmi.config.diff.restart_set decides that). Tags no longer in the
        config are marked BAD so nothing shows them as live."""
        factories = dict(driver_factories or {})
        new_ids = {c.id for c in config.connections}
        running = self._staleness_task is not None
        gone = [cid for cid in self._supervisors if cid not in new_ids]
        rebuild = [c.id for c in config.connections
                   if c.id in restart or c.id not in self._supervisors]
        old = [self._supervisors[c] for c in (*gone, *rebuild) if c in self._supervisors]
        await asyncio.gather(*(s.stop() for s in old))
        for cid in gone:
            del self._supervisors[cid]
        dropped = {t.id for t in self._config.tags} - {t.id for t in config.tags}
        self._config = config
        self._tags = {t.id: t for t in config.tags}
        self._enums = config.all_enums()
        self._store.set_expected_period(config.expected_periods_s())
        if dropped:
            self._store.mark(sorted(dropped), Quality.BAD, "no longer in the line config")
        for cid in rebuild:
            self._supervisors[cid] = self._supervisor(config, cid, factories)
            if running:
                await self._supervisors[cid].start()
        # Keep the config's order: health and diagnostics list connections as the file does.
        self._supervisors = {c.id: self._supervisors[c.id] for c in config.connections}

    # ---- lifecycle ---------------------------------------------------------------------
    async def start(self) -> None:
        """Start every supervisor; returns at once, connections come up in the background."""
        for supervisor in self._supervisors.values():
            await supervisor.start()
        if self._staleness_task is None:
            self._staleness_task = asyncio.create_task(self._staleness_loop(), name="staleness")

    async def stop(self) -> None:
        await asyncio.gather(*(s.stop() for s in self._supervisors.values()))
        task, self._staleness_task = self._staleness_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def wait_connected(self, timeout_s: float) -> bool:
        """True once every connection is up (False if one is not within timeout_s)."""
        results = await asyncio.gather(
            *(s.wait_connected(timeout_s) for s in self._supervisors.values())
        )
        return all(results)

    # ---- health ------------------------------------------------------------------------
    def health(self) -> dict[str, ConnectionHealth]:
        return {cid: s.health() for cid, s in self._supervisors.items()}

    def on_health_changed(self, callback: HealthListener) -> Callable[[], None]:
        """Call `callback(health)` on the IoThread whenever a connection's health changes."""
        self._listeners = [*self._listeners, callback]

        def unsubscribe() -> None:
            self._listeners = [c for c in self._listeners if c is not callback]

        return unsubscribe

    def _emit_health(self, health: ConnectionHealth) -> None:
        for listener in self._listeners:
            try:
                listener(health)
            except Exception:  # one broken listener must not silence the others
                log.exception("health listener failed")

    # ---- reads -------------------------------------------------------------------------
    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]:
        """Read now from the PLCs (not the store); tags of a lost connection come back
        with their last value re-judged COMM_LOST."""
        tags = [self._tag(tag_id) for tag_id in tag_ids]
        found: dict[str, TagValue] = {}
        groups = self._by_connection(tags)

        async def read_connection(conn_id: str, members: list[TagConfig]) -> None:
            driver = self._supervisors[conn_id].driver
            if driver is None:
                status = self._down_status(conn_id)
                found.update((t.id, self._unavailable(t.id, Quality.COMM_LOST, status))
                             for t in members)
                return
            try:
                values = await driver.read(members)
            except Exception as exc:  # a user gets a value with a reason, never a traceback
                reason = _unexpected(exc, conn_id, "read")
                found.update((t.id, self._unavailable(t.id, Quality.STALE, reason))
                             for t in members)
                return
            found.update((v.tag_id, v) for v in values)

        await asyncio.gather(*(read_connection(c, m) for c, m in groups.items()))
        return [found[t.id] for t in tags]

    # ---- writes ------------------------------------------------------------------------
    async def write(self, tag_id: str, value: Scalar) -> WriteResult:
        """Write one value, read it back, compare."""
        return (await self.write_many([(tag_id, value)]))[0]

    async def write_many(self, items: Sequence[tuple[str, Scalar]],
                         read_back: bool = True) -> list[WriteResult]:
        """Write several values: one batch per connection, connections in parallel.

        `read_back=False` skips the read after the write: `ok` then only says the PLC
        accepted the value. For a caller that reads every value back itself later (the
        recipe changeover stages values in a PLC mailbox and verifies them after the
        commit), reading them here as well would read the whole batch twice."""
        results: list[WriteResult | None] = [None] * len(items)
        batches: dict[str, list[tuple[int, TagConfig, Scalar]]] = {}
        for index, (tag_id, value) in enumerate(items):
            tag = self._tags.get(tag_id)
            if tag is None:
                results[index] = _refused(tag_id, value, user_text(QT_TRANSLATE_NOOP(
                    "WriteMessages", "{tag} is no tag of this line: not written"), tag=tag_id))
                continue
            try:
                coerced = coerce_for_write(tag, value, self._enums)
            except WriteRefused as exc:
                results[index] = _refused(tag_id, value, said(exc))
                continue
            conn_id = self._config.tag_connection(tag)
            batches.setdefault(conn_id, []).append((index, tag, coerced))
        await asyncio.gather(*(self._write_batch(c, b, results, read_back)
                               for c, b in batches.items()))
        return [r for r in results if r is not None]

    async def _write_batch(
        self,
        conn_id: str,
        batch: list[tuple[int, TagConfig, Scalar]],
        results: list[WriteResult | None],
        read_back: bool = True,
    ) -> None:
        started = time.perf_counter()
        driver = self._supervisors[conn_id].driver

        def fail(message_for: Callable[[TagConfig, Scalar], UserText], status: str) -> None:
            elapsed_s = time.perf_counter() - started
            for index, tag, value in batch:
                results[index] = _result(tag.id, value, None, False, message_for(tag, value),
                                         status, elapsed_s)

        if driver is None:
            down = self._down_status(conn_id)
            fail(lambda t, v: user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag} = {value} not written: {why}"),
                tag=t.id, value=_fmt(v), why=down), "NotConnected")
            return
        try:
            acks = await driver.write([(tag, value) for _, tag, value in batch])
        except Exception as exc:  # the outcome is unknown: say so, never a traceback
            error = _unexpected(exc, conn_id, "write")
            fail(lambda t, v: user_text(QT_TRANSLATE_NOOP(
                "WriteMessages", "{tag} = {value}: {why}"),
                tag=t.id, value=_fmt(v), why=error), "NoAnswer")
            return
        if not read_back:
            elapsed_s = time.perf_counter() - started
            for (index, tag, value), ack in zip(batch, acks, strict=True):
                results[index] = _judge_unread(tag, value, ack, elapsed_s)
            return
        accepted = [tag for (_, tag, _), ack in zip(batch, acks, strict=True) if ack.ok]
        backs: dict[str, TagValue] = {}
        read_error = ""
        try:
            backs = {v.tag_id: v for v in await driver.read(accepted)}
        except Exception as exc:
            read_error = _unexpected(exc, conn_id, "read-back")
        elapsed_s = time.perf_counter() - started
        for (index, tag, value), ack in zip(batch, acks, strict=True):
            results[index] = _judge(tag, value, ack, backs.get(tag.id), read_error, elapsed_s)

    # ---- helpers -----------------------------------------------------------------------
    def _tag(self, tag_id: str) -> TagConfig:
        tag = self._tags.get(tag_id)
        if tag is None:
            raise PlcError(f"{tag_id!r} is no tag of line {self._config.line.id}")
        return tag

    def _by_connection(self, tags: Sequence[TagConfig]) -> dict[str, list[TagConfig]]:
        groups: dict[str, list[TagConfig]] = {}
        for tag in tags:
            groups.setdefault(self._config.tag_connection(tag), []).append(tag)
        return groups

    def _down_status(self, conn_id: str) -> str:
        health = self._supervisors[conn_id].health()
        cause = f" ({health.last_error})" if health.last_error else ""
        return f"connection {conn_id} is {health.state}{cause}"

    def _unavailable(self, tag_id: str, quality: Quality, status: str) -> TagValue:
        last = self._store.get(tag_id)
        if last is not None:
            return last.with_quality(quality, status)
        now = utc_now()
        return TagValue(tag_id, None, quality, now, now, status)

    async def _staleness_loop(self) -> None:
        while True:
            await asyncio.sleep(STALENESS_CHECK_S)
            self._store.check_staleness()


def _unexpected(exc: Exception, conn_id: str, action: str) -> str:
    """A PlcError's own one-line text; anything else is our bug: log it whole, say it short."""
    if isinstance(exc, PlcError):
        return str(exc)
    log.error("%s: %s failed unexpectedly", conn_id, action, exc_info=exc)
    return f"{conn_id}: {action} failed ({describe_exception(exc)})"


# A quality in the operator's words (English: its name, as the logs say it).
_QUALITY_WORDS = {
    Quality.GOOD: QT_TRANSLATE_NOOP("Quality", "GOOD"),
    Quality.UNCERTAIN: QT_TRANSLATE_NOOP("Quality", "UNCERTAIN"),
    Quality.BAD: QT_TRANSLATE_NOOP("Quality", "BAD"),
    Quality.STALE: QT_TRANSLATE_NOOP("Quality", "STALE"),
    Quality.COMM_LOST: QT_TRANSLATE_NOOP("Quality", "COMM_LOST"),
}


def _result(tag_id: str, value: Scalar, read_back: Scalar, ok: bool, text: UserText | str,
            status: str, elapsed_s: float) -> WriteResult:
    return WriteResult(tag_id, value, read_back, ok, str(text), status, elapsed_s,
                       text if isinstance(text, UserText) else None)


def _refused(tag_id: str, value: Scalar, text: UserText | str) -> WriteResult:
    return _result(tag_id, value, None, False, text, "Refused", 0.0)


def _refusal(tag: TagConfig, value: Scalar, ack: WriteAck, elapsed_s: float
             ) -> WriteResult | None:
    shown = {"tag": tag.id, "value": _fmt(value)}
    if ack.reason:
        return _result(tag.id, value, None, False, user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "{tag} = {value} not written: {why}"), why=ack.reason, **shown),
            ack.status, elapsed_s)
    if not ack.ok:
        return _result(tag.id, value, None, False, user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "PLC refused {tag} = {value}: {status}"), status=ack.status,
            **shown), ack.status, elapsed_s)
    return None


def _judge_unread(tag: TagConfig, value: Scalar, ack: WriteAck, elapsed_s: float
                  ) -> WriteResult:
    refused = _refusal(tag, value, ack, elapsed_s)
    if refused is not None:
        return refused
    return _result(tag.id, value, None, True, user_text(QT_TRANSLATE_NOOP(
        "WriteMessages", "{tag} = {value} written (accepted, not read back)"),
        tag=tag.id, value=_fmt(value)), ack.status, elapsed_s)


def _judge(tag: TagConfig, value: Scalar, ack: WriteAck, back: TagValue | None,
           read_error: str, elapsed_s: float) -> WriteResult:
    refused = _refusal(tag, value, ack, elapsed_s)
    if refused is not None:
        return refused
    shown: dict[str, str] = {"tag": tag.id, "value": _fmt(value)}
    if back is None:
        why = read_error or user_text(QT_TRANSLATE_NOOP("WriteMessages", "no answer"))
        return _result(tag.id, value, None, False, user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "{tag} = {value} written, but it could not be read back: {why}"),
            why=why, **shown), "NoReadBack", elapsed_s)
    if not back.quality.is_live:
        return _result(tag.id, value, back.value, False, user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "{tag} = {value} written, but reading it back gave {quality}: "
            "{status}"), quality=user_text(_QUALITY_WORDS[back.quality]), status=back.status,
            **shown),
            back.status, elapsed_s)
    if read_back_matches(tag, value, back.value):
        return _result(tag.id, value, back.value, True, user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "{tag} = {value} written and read back {read_back}"),
            read_back=_fmt(back.value), **shown), ack.status, elapsed_s)
    held = _fmt(back.value)
    if tag.data_type == "float":
        mismatch = user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "{tag} = {value} written, but the PLC holds {read_back} "
            "(tolerance {tolerance})"), read_back=held,
            tolerance=f"{tolerance_for(tag, value):g}", **shown)
    else:
        mismatch = user_text(QT_TRANSLATE_NOOP(
            "WriteMessages", "{tag} = {value} written, but the PLC holds {read_back}"),
            read_back=held, **shown)
    return _result(tag.id, value, back.value, False, mismatch, "ReadBackMismatch", elapsed_s)


def _fmt(value: Scalar) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return repr(value)
    return str(value)

"""Modbus TCP driver (pymodbus): the connection, its poll loops and its liveness.

Each poll group runs at its own rate and reads its planned blocks (hmi.plc.modbus_plan)
one after another; a block that fails (exception code, timeout) marks only its own tags
(hmi.plc.modbus_values) and the group goes on with the next block (qModMaster's lesson:
one bad address must not stop the others). A value that did not change is confirmed, not
re-sent, so subscribers only see changes. Writes: hmi.plc.modbus_writes, through this
driver's one request path, which keeps the liveness clock and names wrong answers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from pymodbus.client import AsyncModbusTcpClient
from pymodbus.exceptions import ConnectionException, ModbusException, ModbusIOException
from pymodbus.pdu import ModbusPDU

from hmi.config.schema import ModbusConnection, TagConfig
from hmi.core.tags import Quality, Scalar, TagValue
from hmi.plc.driver import LinkLost, LinkState, PlcError, ValueSink, WriteAck
from hmi.plc.modbus_plan import Block, plan_blocks
from hmi.plc.modbus_values import decoded, judged, refused
from hmi.plc.modbus_wire import EXCEPTION_TEXT, FrameWatch, NoAnswer, Refused, exception_status
from hmi.plc.modbus_writes import RegisterWriter

__all__ = ["EXCEPTION_TEXT", "ModbusDriver", "exception_status"]

log = logging.getLogger(__name__)

MIN_LOSS_AFTER_S = 1.5
ILLEGAL_DATA_ADDRESS = 2


class ModbusDriver(LinkState):
    """PlcDriver for one Modbus TCP connection (one unit id)."""

    def __init__(self, connection: ModbusConnection, tags: Sequence[TagConfig]) -> None:
        super().__init__(connection.id)
        self._conn = connection
        self._tags = tuple(t for t in tags if t.modbus is not None)
        # retries=0: our timeout is the config's; reconnect_delay=0: the supervisor reconnects
        # (pymodbus's own default backs off to 300 s, far too long for an HMI).
        self._client = AsyncModbusTcpClient(
            connection.host,
            port=connection.port,
            name=connection.id,
            timeout=connection.timeout_s,
            retries=0,
            reconnect_delay=0,
            trace_connect=self._on_trace_connect,
        )
        self._watch = FrameWatch(self._client.ctx)
        self._where = (
            f"{connection.id} ({connection.host}:{connection.port} unit {connection.unit_id})"
        )
        self._loss_after_s = max(MIN_LOSS_AFTER_S, 1.5 * connection.timeout_s)
        self._unanswered_since: float | None = None
        self._rtt_ms = 0.0
        self._last: dict[str, TagValue] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._connected_once = False
        self._split: dict[tuple[str, int, int], list[Block]] = {}
        self._writer = RegisterWriter(self._client, connection.unit_id, self._request)

    async def connect(self) -> None:
        try:
            async with asyncio.timeout(self._conn.timeout_s + 1.0):  # no task (see opcua)
                ok = await self._client.connect()
        except (OSError, TimeoutError, ModbusException):
            ok = False
        if not ok:
            self._client.close()
            raise PlcError(f"{self._where}: cannot connect (refused or no answer)")
        self._connected_once = True

    async def start(self, sink: ValueSink) -> None:
        groups: dict[str, list[TagConfig]] = {}
        for tag in self._tags:
            assert tag.modbus is not None
            groups.setdefault(tag.modbus.poll_group, []).append(tag)
        for group in self._conn.poll_groups:
            members = groups.get(group.id)
            if not members:
                continue
            blocks = plan_blocks(members, self._conn.max_block, self._conn.max_gap)
            log.debug("%s: poll group %s every %d ms: %s", self._conn.id, group.id,
                      group.rate_ms, ", ".join(b.describe() for b in blocks))
            self._tasks.append(asyncio.create_task(
                self._poll_group(blocks, group.rate_ms / 1000.0, sink),
                name=f"modbus-poll-{self._conn.id}-{group.id}",
            ))

    async def probe(self) -> float:
        if self.lost.is_set():
            raise LinkLost(self.lost_reason)
        if not self._client.connected:
            raise LinkLost("socket closed")
        since = self._unanswered_since
        if since is not None and time.monotonic() - since > self._loss_after_s:
            wrong = self._watch.pending()
            raise LinkLost(f"no valid answer for {time.monotonic() - since:.1f} s"
                           + (f" (the PLC {wrong})" if wrong else ""))
        return self._rtt_ms

    def refresh_periods_s(self) -> dict[str, float]:
        return {}  # poll groups run at their configured rates

    async def read(self, tags: Sequence[TagConfig]) -> list[TagValue]:
        values: dict[str, TagValue] = {}
        for block in plan_blocks(tags, self._conn.max_block, self._conn.max_gap):
            values.update((v.tag_id, v) for v in await self._read_values(block))
        return [values[t.id] for t in tags]

    async def write(self, items: Sequence[tuple[TagConfig, Scalar]]) -> list[WriteAck]:
        return await self._writer.write(items)

    async def close(self) -> None:
        # The transport is closed even when this close is itself cancelled while it waits for
        # the poll tasks (a supervisor's timeout, a loop shutting down): otherwise the socket
        # outlives the loop and is only found by the collector, as an unclosed transport.
        try:
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        finally:
            self._tasks.clear()
            self._client.close()

    # ---- polling -----------------------------------------------------------------------
    async def _poll_group(self, blocks: list[Block], period_s: float, sink: ValueSink) -> None:
        next_s = time.monotonic()
        try:
            while True:
                for block in blocks:
                    self._deliver(await self._read_values(block), sink)
                next_s += period_s
                now = time.monotonic()
                if next_s < now:  # overran: skip missed ticks rather than burst to catch up
                    next_s = now
                await asyncio.sleep(next_s - now)
        except LinkLost as exc:
            self._set_lost(str(exc))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a poll task must never die silently
            log.exception("%s: poll task failed", self._conn.id)
            self._set_lost(f"poll task failed: {exc}")

    def _deliver(self, values: list[TagValue], sink: ValueSink) -> None:
        changed: list[TagValue] = []
        same: list[str] = []
        last = self._last
        for value in values:
            before = last.get(value.tag_id)
            if (before is not None and before.quality is value.quality
                    and before.value == value.value and before.status == value.status):
                # Only a live value is proven current by being read again: confirming a
                # repeated STALE (no answer twice) would revive it in the store as GOOD.
                if value.quality.is_live:
                    same.append(value.tag_id)
            else:
                last[value.tag_id] = value
                changed.append(value)
        if changed:
            sink.update(changed)
        if same:
            sink.confirm(same)

    async def _read_values(self, block: Block) -> list[TagValue]:
        """One block as TagValues; a refusal gives BAD, no answer gives STALE (value kept)."""
        parts = self._split.get((block.table, block.start, block.count))
        if parts is not None:
            return [v for part in parts for v in await self._read_values(part)]
        try:
            data = await self._read_block(block)
        except Refused as exc:
            if exc.code == ILLEGAL_DATA_ADDRESS and self._split_block(block):
                return await self._read_values(block)
            return refused(block, exc.code, self._last)
        except NoAnswer as exc:
            cause = f"{exc} reading {block.describe()}"
            return judged(block, Quality.STALE, lambda tag: f"{tag.id}: {cause}", self._last)
        return decoded(block, data)

    def _split_block(self, block: Block) -> bool:
        """A merged read over unused addresses that the device refuses (exception 2): read
        its gap-free parts separately from now on, so one hole does not blank its neighbours."""
        parts = plan_blocks(block.tags, self._conn.max_block, 0)
        if len(parts) == 1:
            return False
        self._split[(block.table, block.start, block.count)] = parts
        log.warning("%s: %s refused as illegal data address; reading %s separately "
                    "(lower max_gap for this device to avoid the first failed read)",
                    self._conn.id, block.describe(), ", ".join(p.describe() for p in parts))
        return True

    async def _read_block(self, block: Block) -> list[int] | list[bool]:
        client = self._client
        if block.table == "coil":
            call = client.read_coils
        elif block.table == "discrete":
            call = client.read_discrete_inputs
        elif block.table == "holding":
            call = client.read_holding_registers
        else:
            call = client.read_input_registers
        response = await self._request(lambda: call(block.start, count=block.count,
                                                    device_id=self._conn.unit_id))
        if block.table in ("coil", "discrete"):
            bits: list[bool] = list(response.bits[: block.count])
            return bits
        registers: list[int] = list(response.registers)
        return registers

    async def _request(self, send: Callable[[], Awaitable[ModbusPDU]]) -> ModbusPDU:
        """Send one pymodbus request and await it; keep the liveness clock and turn
        failures into ours. `send` is called here, not by the caller: pymodbus raises
        ConnectionException from the call itself once it has closed a silent link."""
        if self.lost.is_set():
            raise LinkLost(self.lost_reason)
        started = time.monotonic()
        if self._unanswered_since is None:
            self._unanswered_since = started
        self._watch.reset()
        try:
            response = await send()
        except ConnectionException as exc:
            raise LinkLost(f"connection lost: {exc}") from None
        except (ModbusIOException, TimeoutError):
            wrong = self._watch.pending()
            raise NoAnswer(f"the PLC {wrong}" if wrong else
                            f"no answer within {self._conn.timeout_s:g} s") from None
        except ModbusException as exc:
            raise LinkLost(f"Modbus error: {exc}") from None
        # Any answer, even an exception code, proves the link alive.
        self._unanswered_since = None
        self._rtt_ms = (time.monotonic() - started) * 1000.0
        if response.isError():
            raise Refused(int(response.exception_code))
        return response

    def _on_trace_connect(self, connected: bool) -> None:
        if not connected and self._connected_once:
            since = self._unanswered_since
            if since is None or time.monotonic() - since < self._conn.timeout_s:
                self._set_lost("socket closed by the device or the network")
                return
            # pymodbus hangs up itself after a few unanswered requests: say why.
            wrong = self._watch.pending()
            self._set_lost(f"no valid answer for {time.monotonic() - since:.1f} s"
                           + (f" (the PLC {wrong})" if wrong else ""))

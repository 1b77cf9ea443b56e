"""Modbus TCP driver (pymodbus): poll groups of merged block reads, writes with codecs.

Each poll group runs at its own rate and reads its planned blocks one after another; a
block that fails (exception code, timeout) marks only its own tags and the group goes on
with the next block (qModMaster's lesson: one bad address must not stop the others).
Modbus carries no timestamps, so a value's source time is when its answer arrived.
A value that did not change is confirmed, not re-sent, so subscribers only see changes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from pymodbus.client import AsyncModbusTcpClient
from pymodbus.exceptions import ConnectionException, ModbusException, ModbusIOException
from pymodbus.pdu import ModbusPDU

from hmi.config.schema import ModbusConnection, TagConfig
from hmi.core.tags import Quality, Scalar, TagValue
from hmi.plc.codecs import CodecError, decode, decode_bit, encode, encode_bit
from hmi.plc.driver import LinkLost, LinkState, PlcError, ValueSink, WriteAck
from hmi.plc.modbus_plan import Block, plan_blocks
from hmi.plc.modbus_wire import (
    BUSY_CODES,
    EXCEPTION_TEXT,
    GATEWAY_CODES,
    FrameWatch,
    exception_status,
    refusal_text,
)

__all__ = ["EXCEPTION_TEXT", "ModbusDriver", "exception_status"]

log = logging.getLogger(__name__)

MIN_LOSS_AFTER_S = 1.5
ILLEGAL_DATA_ADDRESS = 2


class _Refused(Exception):
    """The device answered with an exception code."""

    def __init__(self, code: int) -> None:
        super().__init__(exception_status(code))
        self.code = code


class _NoAnswer(Exception):
    """No (valid) answer within the timeout; the link may still be up."""


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

    async def connect(self) -> None:
        try:
            ok = await asyncio.wait_for(self._client.connect(), self._conn.timeout_s + 1.0)
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
        """In order; consecutive values in back-to-back holding registers go out as one
        request (fc 16, up to 123 registers): a recipe of 100 floats is 2 requests, not 100.
        A refused block is retried value by value, so the refusal names its tag."""
        acks: list[WriteAck] = []
        for run in _register_runs(items):
            if len(run) == 1:
                acks.append(await self._write_one(*run[0][:2]))
            else:
                acks.extend(await self._write_run(run))
        return acks

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
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
        except _Refused as exc:
            if exc.code == ILLEGAL_DATA_ADDRESS and self._split_block(block):
                return await self._read_values(block)
            return self._refused(block, exc.code)
        except _NoAnswer as exc:
            cause = f"{exc} reading {block.describe()}"
            return self._judged(block, Quality.STALE, lambda tag: f"{tag.id}: {cause}")
        received = datetime.now(UTC)
        values: list[TagValue] = []
        for tag in block.tags:
            try:
                value = _decode(tag, block, data)
            except (CodecError, IndexError) as exc:
                short = f"the answer holds {len(data)} of {block.count}" \
                    if len(data) < block.count else str(exc)
                values.append(TagValue(tag.id, None, Quality.BAD, received, received,
                                       f"{tag.id}: cannot decode the PLC's answer: {short}"))
                continue
            values.append(TagValue(tag.id, value, Quality.GOOD, received, received, "Good"))
        return values

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

    def _refused(self, block: Block, code: int) -> list[TagValue]:
        """An exception code, judged per tag: a refusal is BAD; a busy device (5, 6) did
        not refresh the value (STALE); a gateway that cannot reach its device (0A, 0B)
        has lost it (COMM_LOST) though the link to the gateway itself is up."""
        quality = Quality.BAD
        if code in BUSY_CODES:
            quality = Quality.STALE
        elif code in GATEWAY_CODES:
            quality = Quality.COMM_LOST

        def status(tag: TagConfig) -> str:
            assert tag.modbus is not None
            return refusal_text(code, tag.id, tag.modbus.table, tag.modbus.address)

        return self._judged(block, quality, status)

    def _judged(self, block: Block, quality: Quality,
                status: Callable[[TagConfig], str]) -> list[TagValue]:
        now = datetime.now(UTC)
        out: list[TagValue] = []
        for tag in block.tags:
            before = self._last.get(tag.id)
            if before is None or quality is Quality.BAD:
                out.append(TagValue(tag.id, None, quality, now, now, status(tag)))
            else:  # keep the last value and its PLC time so its age keeps growing
                out.append(before.with_quality(quality, status(tag), now))
        return out

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
            raise _NoAnswer(f"the PLC {wrong}" if wrong else
                            f"no answer within {self._conn.timeout_s:g} s") from None
        except ModbusException as exc:
            raise LinkLost(f"Modbus error: {exc}") from None
        # Any answer, even an exception code, proves the link alive.
        self._unanswered_since = None
        self._rtt_ms = (time.monotonic() - started) * 1000.0
        if response.isError():
            raise _Refused(int(response.exception_code))
        return response

    # ---- writes ------------------------------------------------------------------------
    async def _write_one(self, tag: TagConfig, value: Scalar) -> WriteAck:
        mb = tag.modbus
        assert mb is not None
        unit = self._conn.unit_id
        try:
            if mb.table == "coil":
                await self._request(lambda: self._client.write_coil(mb.address, bool(value),
                                                             device_id=unit))
            elif mb.type == "bool":
                assert mb.bit is not None
                # A packed status word: read-modify-write (not atomic against the PLC's own
                # writes to the other bits; a PLC that needs that offers a coil instead).
                current = await self._request(lambda: self._client.read_holding_registers(
                    mb.address, count=1, device_id=unit))
                word = encode_bit(int(current.registers[0]), mb.bit, bool(value))
                await self._request(lambda: self._client.write_register(mb.address, word,
                                                                device_id=unit))
            else:
                assert isinstance(value, int | float)
                words = encode(value, mb.type, mb.word_order, mb.scale, mb.offset)
                if len(words) == 1:
                    await self._request(lambda: self._client.write_register(mb.address, words[0],
                                                                    device_id=unit))
                else:  # both words in one request, so the PLC never sees half a value
                    await self._request(lambda: self._client.write_registers(mb.address, words,
                                                                     device_id=unit))
        except CodecError as exc:
            return WriteAck(tag.id, False, "CodecError", reason=f"it does not fit: {exc}")
        except _Refused as exc:
            return WriteAck(tag.id, False, str(exc))
        except _NoAnswer as exc:
            return WriteAck(tag.id, False, f"{exc}: the outcome is unknown")
        return WriteAck(tag.id, True, "Good")

    async def _write_run(self, run: list[_Planned]) -> list[WriteAck]:
        first = run[0][0].modbus
        assert first is not None
        words = [w for _, _, item_words in run for w in item_words]
        try:
            await self._request(lambda: self._client.write_registers(
                first.address, words, device_id=self._conn.unit_id))
        except _Refused:
            return [await self._write_one(tag, value) for tag, value, _ in run]
        except _NoAnswer as exc:
            return [WriteAck(tag.id, False, f"{exc}: the outcome is unknown")
                    for tag, _, _ in run]
        return [WriteAck(tag.id, True, "Good") for tag, _, _ in run]

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


_Planned = tuple[TagConfig, Scalar, list[int]]
MAX_WRITE_REGISTERS = 123  # the protocol's limit for one fc 16 request


def _register_runs(items: Sequence[tuple[TagConfig, Scalar]]) -> list[list[_Planned]]:
    """Split the items, in order, into runs that one fc 16 request can carry: numeric values
    in holding registers, each starting where the one before it ended. Anything else (coils,
    packed bits, a value that does not encode) is a run of its own, written as before."""
    runs: list[list[_Planned]] = []
    end: int | None = None
    for tag, value in items:
        mb = tag.modbus
        words: list[int] | None = None
        if (mb is not None and mb.table == "holding" and mb.type != "bool"
                and isinstance(value, int | float)):
            try:
                words = encode(value, mb.type, mb.word_order, mb.scale, mb.offset)
            except CodecError:
                words = None
        if words is None or mb is None:
            runs.append([(tag, value, [])])
            end = None
            continue
        size = sum(len(w) for _, _, w in runs[-1]) if runs and end is not None else 0
        if end == mb.address and size + len(words) <= MAX_WRITE_REGISTERS:
            runs[-1].append((tag, value, words))
        else:
            runs.append([(tag, value, words)])
        end = mb.address + len(words)
    return runs


def _decode(tag: TagConfig, block: Block, data: list[int] | list[bool]) -> Scalar:
    mb = tag.modbus
    assert mb is not None
    at = mb.address - block.start
    if block.table in ("coil", "discrete"):
        return bool(data[at])
    if mb.type == "bool":
        assert mb.bit is not None
        return decode_bit(int(data[at]), mb.bit)
    words = [int(w) for w in data[at : at + mb.width]]
    return decode(words, mb.type, mb.word_order, mb.scale, mb.offset)

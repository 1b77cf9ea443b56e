"""Modbus writes: numeric values in back-to-back holding registers go out as one fc 16
request (up to 123 registers), anything else one by one; a refused run is retried value
by value so the refusal names its tag. The driver (hmi.plc.modbus) owns the connection
and hands its request path in: liveness, the frame watch and the outcome types are its."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from pymodbus.client import AsyncModbusTcpClient
from pymodbus.pdu import ModbusPDU

from hmi.config.schema import TagConfig
from hmi.core.tags import Scalar
from hmi.plc.codecs import CodecError, encode, encode_bit
from hmi.plc.driver import WriteAck
from hmi.plc.modbus_wire import NoAnswer, Refused

Request = Callable[[Callable[[], Awaitable[ModbusPDU]]], Awaitable[ModbusPDU]]
Planned = tuple[TagConfig, Scalar, list[int]]
MAX_WRITE_REGISTERS = 123  # the protocol's limit for one fc 16 request


class RegisterWriter:
    """Writes of one Modbus unit through the driver's request path."""

    def __init__(self, client: AsyncModbusTcpClient, unit_id: int, request: Request) -> None:
        self._client = client
        self._unit = unit_id
        self._request = request

    async def write(self, items: Sequence[tuple[TagConfig, Scalar]]) -> list[WriteAck]:
        """In order; consecutive values in back-to-back holding registers go out as one
        request (fc 16, up to 123 registers): a recipe of 100 floats is 2 requests, not 100.
        A refused block is retried value by value, so the refusal names its tag."""
        acks: list[WriteAck] = []
        for run in register_runs(items):
            if len(run) == 1:
                acks.append(await self._write_one(*run[0][:2]))
            else:
                acks.extend(await self._write_run(run))
        return acks

    async def _write_one(self, tag: TagConfig, value: Scalar) -> WriteAck:
        mb = tag.modbus
        assert mb is not None
        unit = self._unit
        client = self._client
        try:
            if mb.table == "coil":
                await self._request(lambda: client.write_coil(mb.address, bool(value),
                                                              device_id=unit))
            elif mb.type == "bool":
                assert mb.bit is not None
                # A packed status word: read-modify-write (not atomic against the PLC's own
                # writes to the other bits; a PLC that needs that offers a coil instead).
                current = await self._request(lambda: client.read_holding_registers(
                    mb.address, count=1, device_id=unit))
                word = encode_bit(int(current.registers[0]), mb.bit, bool(value))
                await self._request(lambda: client.write_register(mb.address, word,
                                                                  device_id=unit))
            else:
                assert isinstance(value, int | float)
                words = encode(value, mb.type, mb.word_order, mb.scale, mb.offset)
                if len(words) == 1:
                    await self._request(lambda: client.write_register(mb.address, words[0],
                                                                      device_id=unit))
                else:  # both words in one request, so the PLC never sees half a value
                    await self._request(lambda: client.write_registers(mb.address, words,
                                                                       device_id=unit))
        except CodecError as exc:
            return WriteAck(tag.id, False, "CodecError", reason=f"it does not fit: {exc}")
        except Refused as exc:
            return WriteAck(tag.id, False, str(exc))
        except NoAnswer as exc:
            return WriteAck(tag.id, False, f"{exc}: the outcome is unknown")
        return WriteAck(tag.id, True, "Good")

    async def _write_run(self, run: list[Planned]) -> list[WriteAck]:
        first = run[0][0].modbus
        assert first is not None
        words = [w for _, _, item_words in run for w in item_words]
        try:
            await self._request(lambda: self._client.write_registers(
                first.address, words, device_id=self._unit))
        except Refused:
            return [await self._write_one(tag, value) for tag, value, _ in run]
        except NoAnswer as exc:
            return [WriteAck(tag.id, False, f"{exc}: the outcome is unknown")
                    for tag, _, _ in run]
        return [WriteAck(tag.id, True, "Good") for tag, _, _ in run]


def register_runs(items: Sequence[tuple[TagConfig, Scalar]]) -> list[list[Planned]]:
    """Split the items, in order, into runs that one fc 16 request can carry: numeric values
    in holding registers, each starting where the one before it ended. Anything else (coils,
    packed bits, a value that does not encode) is a run of its own, written as before."""
    runs: list[list[Planned]] = []
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

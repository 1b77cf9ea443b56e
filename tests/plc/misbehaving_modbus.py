"""A Modbus TCP server written by hand (asyncio streams), so it can break the protocol.

pymodbus's own server only misbehaves in the ways its datastore allows; a PLC in the field
also answers with the wrong transaction id, sends half a frame, answers too late, accepts a
connection and never answers, hangs up in the middle of an answer or sends line noise. Each
of those is a switch here, per unit id (one unit per client connection in the tests), so one
connection misbehaves while the other keeps being served by the same process.

Function codes 3 (read holding), 4 (read input), 6 (write one register) and 16 (write many)
are served; any other is answered with exception 01 (illegal function), as a PLC would.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
from dataclasses import dataclass, field
from typing import Literal

Table = Literal["holding", "input"]
ShortFrame = Literal["", "mbap", "pdu"]
READS: dict[int, Table] = {3: "holding", 4: "input"}
REGISTERS = 200  # per table and unit: addresses 0-199


@dataclass
class UnitBehaviour:
    """What one unit id does wrong; all off is a well-behaved PLC."""

    wrong_tid: bool = False  # answers carry another transaction id than the request's
    short_frame: ShortFrame = ""  # "mbap": fewer bytes than the header's length says;
    # "pdu": the header agrees, but the byte count promises more registers than are sent
    exceptions: dict[tuple[Table, int], int] = field(default_factory=dict)  # any read/write
    # touching (table, address) is answered with this exception code (1-4, 10, 11)
    delay_s: float = 0.0  # every answer goes out this late
    silent: bool = False  # reads requests, never answers
    close_mid_frame: bool = False  # sends the first bytes of its answer, then hangs up
    garbage: bool = False  # answers with bytes that are no Modbus frame at all


class MisbehavingModbusServer:
    """Units 1..n share nothing: each has its own registers and its own behaviour."""

    def __init__(self, port: int, units: tuple[int, ...] = (1,)) -> None:
        self.port = port
        self.behaviour = {unit: UnitBehaviour() for unit in units}
        self.registers: dict[tuple[int, Table], list[int]] = {
            (unit, table): [0] * REGISTERS for unit in units for table in ("holding", "input")
        }
        # (unit, table, address): incremented on every read, so each poll brings a change
        self.ticking: set[tuple[int, Table, int]] = set()
        self.requests = 0
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    def well_behaved(self, unit: int) -> None:
        self.behaviour[unit] = UnitBehaviour()

    def set_registers(self, unit: int, table: Table, address: int, words: list[int]) -> None:
        self.registers[(unit, table)][address : address + len(words)] = words

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.close()
        for task in list(self._handlers):
            task.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)

    async def drop_clients(self) -> None:
        """Hang up on every client (they reconnect; the listener stays)."""
        for writer in list(self._writers):
            writer.close()

    # ---- one client connection ---------------------------------------------------------
    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        self._writers.add(writer)
        try:
            while True:
                header = await reader.readexactly(7)
                tid, _pid, length, unit = struct.unpack(">HHHB", header)
                pdu = await reader.readexactly(length - 1)
                self.requests += 1
                behaviour = self.behaviour.get(unit)
                if behaviour is None or behaviour.silent:
                    continue  # a gateway with no such unit, or a hung PLC: no answer
                answer = self._answer(unit, pdu, behaviour)
                await self._send(writer, behaviour, tid, unit, answer)
                if behaviour.close_mid_frame:
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except asyncio.CancelledError:
            # Ended by stop(): finish normally, as asyncio's stream callback reads the
            # task's exception and would log a cancelled one as an error.
            pass
        finally:
            self._writers.discard(writer)
            self._handlers.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, asyncio.CancelledError):
                await writer.wait_closed()

    async def _send(self, writer: asyncio.StreamWriter, behaviour: UnitBehaviour, tid: int,
                    unit: int, pdu: bytes) -> None:
        if behaviour.delay_s:
            await asyncio.sleep(behaviour.delay_s)
        if behaviour.garbage:
            # No MBAP header, not even a zero protocol id: a device talking another protocol.
            writer.write(b"\x13\x37\xde\xad\xbe\xef\x00\x01\x02\x03\xff\xfe")
            await writer.drain()
            return
        if behaviour.wrong_tid:
            tid = (tid + 7) & 0xFFFF or 1  # never 0: pymodbus accepts 0 as any id
        frame = struct.pack(">HHHB", tid, 0, len(pdu) + 1, unit) + pdu
        if behaviour.short_frame == "mbap":
            frame = frame[:-2]  # the header promised two bytes more
        elif behaviour.short_frame == "pdu" and pdu[0] in READS:
            # byte count unchanged, but the last register is cut off; the header agrees
            cut = pdu[:-2]
            frame = struct.pack(">HHHB", tid, 0, len(cut) + 1, unit) + cut
        if behaviour.close_mid_frame:
            frame = frame[: max(3, len(frame) // 2)]
        writer.write(frame)
        await writer.drain()

    # ---- the protocol --------------------------------------------------------------------
    def _answer(self, unit: int, pdu: bytes, behaviour: UnitBehaviour) -> bytes:
        fc = pdu[0]
        if fc in READS:
            table = READS[fc]
            address, count = struct.unpack(">HH", pdu[1:5])
            refused = self._refused(behaviour, table, address, count)
            if refused:
                return bytes((fc | 0x80, refused))
            if not 1 <= count <= 125 or address + count > REGISTERS:
                return bytes((fc | 0x80, 2))
            words = self.registers[(unit, table)]
            for key in self.ticking:
                if key[0] == unit and key[1] == table and address <= key[2] < address + count:
                    words[key[2]] = (words[key[2]] + 1) & 0xFFFF
            data = words[address : address + count]
            return bytes((fc, 2 * count)) + struct.pack(f">{count}H", *data)
        if fc == 6:
            address, word = struct.unpack(">HH", pdu[1:5])
            refused = self._refused(behaviour, "holding", address, 1)
            if refused:
                return bytes((fc | 0x80, refused))
            if address >= REGISTERS:
                return bytes((fc | 0x80, 2))
            self.registers[(unit, "holding")][address] = word
            return pdu[:5]
        if fc == 16:
            address, count, _size = struct.unpack(">HHB", pdu[1:6])
            refused = self._refused(behaviour, "holding", address, count)
            if refused:
                return bytes((fc | 0x80, refused))
            if address + count > REGISTERS:
                return bytes((fc | 0x80, 2))
            words = list(struct.unpack(f">{count}H", pdu[6 : 6 + 2 * count]))
            self.registers[(unit, "holding")][address : address + count] = words
            return pdu[:5]
        return bytes((fc | 0x80, 1))

    @staticmethod
    def _refused(behaviour: UnitBehaviour, table: Table, address: int, count: int) -> int:
        for (where, at), code in behaviour.exceptions.items():
            if where == table and address <= at < address + count:
                return code
        return 0

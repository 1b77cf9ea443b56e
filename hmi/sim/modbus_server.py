"""The twin's Modbus TCP server: one device per unit id, all on one port.

The old pymodbus datastore classes are deprecated and SimDevice's access hook sees bit
requests only as whole registers, so the server's store is replaced by `_TwinStore`, a
SimCore that serves every read fresh from the model and decodes, checks and applies every
write, with hmi.plc.codecs so both ends of the wire agree. An unknown unit id answers
exception 0x0B (gateway target failed to respond).
Exception codes: 2 (ILLEGAL DATA ADDRESS) for an address the config does not map, a write to
a read-only tag, or a write covering only part of a 32-bit value; 3 (ILLEGAL DATA VALUE) for
a refused value (outside `range`, not in the enum, or not accepted in the present state);
4 (SERVER DEVICE FAILURE) for reads touching a tag with an injected sensor_failure, which
is how a PLC reports a broken input channel over Modbus.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from pymodbus.constants import ExcCodes
from pymodbus.exceptions import NoSuchIdException
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice
from pymodbus.simulator.simcore import SimCore

from hmi.config.schema import LineConfig, ModbusBinding, ModbusConnection, TagConfig
from hmi.plc.codecs import CodecError, decode, decode_bit, encode, encode_bit
from hmi.sim.station import Value, WriteResult
from hmi.sim.tagmap import TagMap

log = logging.getLogger(__name__)

_TABLE_OF_FC = {1: "coil", 5: "coil", 15: "coil", 2: "discrete", 4: "input"}
_TABLE_OF_FC.update({fc: "holding" for fc in (3, 6, 16, 22, 23)})
_TABLES = ("coil", "discrete", "holding", "input")


@dataclass(frozen=True)
class _Slot:
    tag: TagConfig
    binding: ModbusBinding


class _UnitMap:
    """Which tag sits at each address of each table of one unit."""

    def __init__(self, tags: list[TagConfig]) -> None:
        self.at: dict[str, dict[int, list[_Slot]]] = {t: defaultdict(list) for t in _TABLES}
        for tag in tags:
            assert tag.modbus is not None
            slot = _Slot(tag, tag.modbus)
            for offset in range(tag.modbus.width):
                self.at[tag.modbus.table][tag.modbus.address + offset].append(slot)

    def slots(self, table: str, address: int, count: int) -> list[_Slot] | None:
        """The tags an access touches, or None if any address in it is unmapped."""
        found: list[_Slot] = []
        for addr in range(address, address + count):
            here = self.at[table].get(addr)
            if not here:
                return None
            found.extend(s for s in here if s not in found)
        return found


class _TwinStore(SimCore):
    """The server's data store, answering from the twin's tag map."""

    def __init__(self, maps: dict[int, _UnitMap], tags: TagMap) -> None:
        # No SimCore.__init__: there is no register image to build, the model is the store.
        self.devices = {}
        self._maps = maps
        self._tags = tags
        self._logged: set[str] = set()

    def device_ids(self) -> list[int]:
        return list(self._maps)

    def _unit(self, device_id: int) -> _UnitMap:
        unit = self._maps.get(device_id)
        if unit is None:
            raise NoSuchIdException(f"unit {device_id} is not served by the twin")
        return unit

    async def async_getValues(
        self, device_id: int, func_code: int, address: int, count: int = 1
    ) -> list[int] | list[bool] | ExcCodes:
        table = _TABLE_OF_FC.get(func_code)
        if table is None:
            return ExcCodes.ILLEGAL_FUNCTION
        slots = self._unit(device_id).slots(table, address, count)
        if slots is None:
            return ExcCodes.ILLEGAL_ADDRESS
        if any(s.tag.id in self._tags.sensor_failed for s in slots):
            return ExcCodes.DEVICE_FAILURE
        if table in ("coil", "discrete"):
            return [bool(self._tags.read(s.tag.id)) for s in slots]
        words = [0] * count
        for slot in slots:
            self._place(slot, address, words)
        return words

    def _place(self, slot: _Slot, address: int, words: list[int]) -> None:
        b = slot.binding
        value = self._tags.read(slot.tag.id)
        if b.bit is not None:
            index = b.address - address
            words[index] = encode_bit(words[index], b.bit, bool(value))
            return
        try:
            encoded = encode(_number(value), b.type, b.word_order, b.scale, b.offset)
        except CodecError as exc:
            if slot.tag.id not in self._logged:
                self._logged.add(slot.tag.id)
                log.warning("tag %s: cannot encode %r: %s", slot.tag.id, value, exc)
            return
        for offset, word in enumerate(encoded):
            if 0 <= b.address - address + offset < len(words):
                words[b.address - address + offset] = word

    async def async_setValues(
        self, device_id: int, func_code: int, address: int, values: list[int] | list[bool]
    ) -> ExcCodes | None:
        table = _TABLE_OF_FC.get(func_code)
        if table not in ("coil", "holding"):
            return ExcCodes.ILLEGAL_FUNCTION
        slots = self._unit(device_id).slots(table, address, len(values))
        if slots is None:
            return ExcCodes.ILLEGAL_ADDRESS
        decoded: list[tuple[str, Value]] = []
        for slot in slots:
            b = slot.binding
            first = b.address - address
            if first < 0 or first + b.width > len(values):
                return ExcCodes.ILLEGAL_ADDRESS  # half of a 32-bit value
            if table == "coil":
                decoded.append((slot.tag.id, bool(values[first])))
            elif b.bit is not None:
                decoded.append((slot.tag.id, decode_bit(int(values[first]), b.bit)))
            else:
                words = [int(v) for v in values[first : first + b.width]]
                decoded.append(
                    (slot.tag.id, decode(words, b.type, b.word_order, b.scale, b.offset))
                )
        for tag_id, value in decoded:
            result = self._tags.check(tag_id, value)
            if result == WriteResult.NOT_WRITABLE:
                return ExcCodes.ILLEGAL_ADDRESS
            if result != WriteResult.OK:
                return ExcCodes.ILLEGAL_VALUE
        for tag_id, value in decoded:
            self._tags.write(tag_id, value)
        return None


class ModbusServer:
    def __init__(self, config: LineConfig, tags: TagMap, host: str, port: int) -> None:
        self.host = host
        self.port = port
        units: dict[int, list[TagConfig]] = defaultdict(list)
        owner: dict[int, str] = {}
        for conn in config.connections:
            if isinstance(conn, ModbusConnection):
                if conn.unit_id in owner:
                    # The twin serves every unit on one port: two connections cannot share one.
                    raise ValueError(
                        f"connections {owner[conn.unit_id]} and {conn.id} both use Modbus unit "
                        f"{conn.unit_id}; the twin needs a distinct unit id per connection"
                    )
                owner[conn.unit_id] = conn.id
                units[conn.unit_id].extend(config.tags_of_connection(conn.id))
        self.unit_ids = sorted(units)
        self._store = _TwinStore({u: _UnitMap(t) for u, t in units.items()}, tags)
        self._server: ModbusTcpServer | None = None

    async def start(self) -> None:
        placeholder = SimDevice(id=0, simdata=SimData(0, datatype=DataType.REGISTERS))
        server = ModbusTcpServer(placeholder, address=(self.host, self.port))
        server.context = self._store
        await server.serve_forever(background=True)
        self._server = server

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            await server.shutdown()  # type: ignore[no-untyped-call]

    @property
    def running(self) -> bool:
        return self._server is not None


def _number(value: Value) -> float | int:
    if isinstance(value, str):
        raise CodecError(f"text {value!r} has no Modbus register form")
    return value

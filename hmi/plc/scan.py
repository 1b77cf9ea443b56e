"""Raw Modbus table reads for `lineside modbus-scan`: no types, no scaling, just the words.

The point is to look at a device before its config exists, so the reader asks for exactly
the range given and splits it into requests the protocol allows (125 registers or 2000 bits
per request, Modbus Application Protocol 1.1b3, 6.1-6.4). pymodbus objects stay here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Literal

from pymodbus.client import AsyncModbusTcpClient
from pymodbus.exceptions import ModbusException

Table = Literal["holding", "input", "coil", "discrete"]

MAX_REGISTERS_PER_READ = 125
MAX_BITS_PER_READ = 2000

ILLEGAL_DATA_ADDRESS = 2
_EXCEPTION_NAMES = {
    1: "ILLEGAL FUNCTION (the device has no such table)",
    ILLEGAL_DATA_ADDRESS: "ILLEGAL DATA ADDRESS (not all of the range is mapped in the device)",
    3: "ILLEGAL DATA VALUE",
    4: "DEVICE FAILURE",
    6: "DEVICE BUSY",
    10: "GATEWAY PATH UNAVAILABLE",
    11: "GATEWAY TARGET DEVICE FAILED TO RESPOND (check the unit id)",
}


class ScanError(Exception):
    """The device cannot be reached or answered with an exception; the message says which."""


class UnmappedAddress(ScanError):
    """ILLEGAL DATA ADDRESS: some address of the request is not mapped in the device."""


@dataclass(frozen=True, slots=True)
class TableRead:
    table: Table
    unit: int
    start: int
    # Registers as 0..65535, coils and discrete inputs as 0 or 1; None where the device
    # has nothing mapped (only with skip_unmapped).
    values: tuple[int | None, ...]

    @property
    def is_bits(self) -> bool:
        return is_bit_table(self.table)


def is_bit_table(table: Table) -> bool:
    return table in ("coil", "discrete")


@contextlib.asynccontextmanager
async def modbus_session(host: str, port: int, timeout_s: float) -> AsyncIterator[Any]:
    """A connected client for one command, without pymodbus's background reconnects."""
    # reconnect_delay=0: a scan is one-shot, a retry loop would only hide the failure;
    # retries=0: a timeout is reported after timeout_s, not after three times that.
    client = AsyncModbusTcpClient(host, port=port, timeout=timeout_s, retries=0, reconnect_delay=0)
    try:
        connected = await asyncio.wait_for(client.connect(), timeout_s + 1)
    except (TimeoutError, OSError):
        connected = False
    if not connected:
        client.close()
        raise ScanError(
            f"cannot connect to Modbus TCP {host}:{port}: refused, or no answer within "
            f"{timeout_s:g} s (is the device on, and the address and port right?)"
        )
    try:
        yield client
    finally:
        client.close()


async def read_table(
    client: Any, table: Table, start: int, count: int, unit: int, *, skip_unmapped: bool = False
) -> TableRead:
    """`count` registers or bits from `start`, in as few protocol-legal requests as needed.

    A device answers a request that touches one unmapped address with an exception for the
    whole request. With `skip_unmapped` such a request is halved until the mapped parts are
    read and the unmapped addresses are known (None): PLCs often map a table with holes.
    """
    limit = MAX_BITS_PER_READ if is_bit_table(table) else MAX_REGISTERS_PER_READ
    values: list[int | None] = []
    for offset in range(0, count, limit):
        address = start + offset
        size = min(limit, count - offset)
        values.extend(await _read_span(client, table, address, size, unit, skip_unmapped))
    return TableRead(table, unit, start, tuple(values))


async def _read_span(
    client: Any, table: Table, address: int, count: int, unit: int, skip_unmapped: bool
) -> list[int | None]:
    try:
        return list(await _read_block(client, table, address, count, unit))
    except UnmappedAddress:
        if not skip_unmapped:
            raise
    if count == 1:
        return [None]
    half = count // 2
    head = await _read_span(client, table, address, half, unit, skip_unmapped)
    tail = await _read_span(client, table, address + half, count - half, unit, skip_unmapped)
    return head + tail


async def _read_block(client: Any, table: Table, address: int, count: int, unit: int) -> list[int]:
    read = {
        "holding": client.read_holding_registers,
        "input": client.read_input_registers,
        "coil": client.read_coils,
        "discrete": client.read_discrete_inputs,
    }[table]
    where = f"{table} {address}..{address + count - 1} of unit {unit}"
    try:
        response = await read(address, count=count, device_id=unit)
    except ModbusException:
        # pymodbus says "No response received after 0 retries": the cause is on our side.
        raise ScanError(
            f"reading {where}: no answer in time "
            "(check the unit id, and that the device speaks Modbus TCP on this port)"
        ) from None
    if response.isError():
        code = getattr(response, "exception_code", 0)
        name = _EXCEPTION_NAMES.get(code, f"exception code {code}")
        error = UnmappedAddress if code == ILLEGAL_DATA_ADDRESS else ScanError
        raise error(f"reading {where}: the device answered {name}")
    if is_bit_table(table):
        # Bits come back padded to whole bytes: keep the ones asked for.
        return [int(bool(b)) for b in response.bits[:count]]
    return [int(r) for r in response.registers]

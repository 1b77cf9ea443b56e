"""Small real servers on loopback for the commissioning command tests.

Stand-ins until the line twin covers what these tests need: an asyncua server with a few
variables (one writable with a range it enforces, one counter that keeps changing) and a
pymodbus server whose registers hold known values in both word orders.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

from asyncua import Server, ua
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice

from hmi.plc.codecs import encode

NAMESPACE = "urn:lineside:test"
SETPOINT_RANGE = (0.0, 100.0)

# Known register contents: (address, registers) for the decoding tests.
INT16_ADDRESS, INT16_VALUE = 0, -123
FLOAT_BIG_ADDRESS, FLOAT_LITTLE_ADDRESS, FLOAT_VALUE = 10, 20, 3.14
HOLDING_COUNT = 300  # more than one 125-register request
COIL_PATTERN = [True, False, True, True, False, False, False, True]


@dataclass
class OpcUaFixture:
    server: Server
    endpoint: str
    port: int


@contextlib.asynccontextmanager
async def opcua_server(port: int, tick_s: float = 0.05) -> AsyncIterator[OpcUaFixture]:
    """Objects/plc/{temperature, counter, running, name, setpoint, zone1/temp_c}.

    `counter` increments every `tick_s` so watch has something to report.
    """
    server = Server()
    await server.init()
    endpoint = f"opc.tcp://127.0.0.1:{port}/test/"
    server.set_endpoint(endpoint)
    idx = await server.register_namespace(NAMESPACE)
    plc = await server.nodes.objects.add_object(ua.NodeId("plc", idx), f"{idx}:plc")
    await _var(plc, idx, "plc.temperature", "temperature", 21.5, ua.VariantType.Double)
    counter = await _var(plc, idx, "plc.counter", "counter", 0, ua.VariantType.Int32)
    await _var(plc, idx, "plc.running", "running", True, ua.VariantType.Boolean)
    await _var(plc, idx, "plc.name", "name", "coater", ua.VariantType.String)
    mode = await _var(plc, idx, "plc.mode", "mode", 1, ua.VariantType.Int32)
    await mode.set_writable()
    setpoint = await _var(plc, idx, "plc.setpoint", "setpoint", 50.0, ua.VariantType.Double)
    await setpoint.set_writable()
    _refuse_out_of_range(server, setpoint.nodeid, *SETPOINT_RANGE)
    zone = await plc.add_object(ua.NodeId("plc.zone1", idx), f"{idx}:zone1")
    await _var(zone, idx, "plc.zone1.temp_c", "temp_c", 80.25, ua.VariantType.Float)

    async def tick() -> None:
        value = 0
        while True:
            await asyncio.sleep(tick_s)
            value += 1
            await counter.write_value(ua.Variant(value, ua.VariantType.Int32))

    async with server:
        task = asyncio.create_task(tick())
        try:
            yield OpcUaFixture(server, endpoint, port)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def _var(parent: Any, idx: int, ident: str, name: str, value: Any, vtype: Any) -> Any:
    variant = ua.Variant(value, vtype)
    return await parent.add_variable(ua.NodeId(ident, idx), f"{idx}:{name}", variant)


def _refuse_out_of_range(server: Server, node_id: ua.NodeId, low: float, high: float) -> None:
    """Answer BadOutOfRange for this node's out-of-range writes, per item, as a PLC does."""
    service = server.iserver.attribute_service
    write_all = service.write

    async def write(params: ua.WriteParameters, user: Any = None) -> list[ua.StatusCode]:
        items = list(params.NodesToWrite)
        refused = [
            item.NodeId == node_id and not low <= _written(item) <= high for item in items
        ]
        params.NodesToWrite = [item for item, bad in zip(items, refused, strict=True) if not bad]
        done = iter(await (write_all(params, user) if user is not None else write_all(params)))
        out_of_range = ua.StatusCode(ua.StatusCodes.BadOutOfRange)
        return [out_of_range if bad else next(done) for bad in refused]

    service.write = write


def _written(item: ua.WriteValue) -> float:
    value = item.Value.Value.Value if item.Value and item.Value.Value else None
    return float(value) if isinstance(value, (int, float)) else math.nan


@contextlib.contextmanager
def count_requests(server: Server) -> Iterator[Counter[str]]:
    """Count the Browse and Read requests the server answers (not the nodes in them)."""
    counts: Counter[str] = Counter()
    iserver = server.iserver
    browse, read = iserver.view_service.browse, iserver.attribute_service.read

    def counting_browse(params: ua.BrowseParameters) -> list[ua.BrowseResult]:
        counts["browse"] += 1
        counts["browsed_nodes"] += len(params.NodesToBrowse)
        return browse(params)

    def counting_read(params: ua.ReadParameters) -> list[ua.DataValue]:
        counts["read"] += 1
        return read(params)

    iserver.view_service.browse = counting_browse  # type: ignore[method-assign]
    iserver.attribute_service.read = counting_read  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        iserver.view_service.browse = browse  # type: ignore[method-assign]
        iserver.attribute_service.read = read  # type: ignore[method-assign]


def holding_registers() -> list[int]:
    """Register i holds i, except the known values the decoding tests look for."""
    regs = list(range(HOLDING_COUNT))
    regs[INT16_ADDRESS] = encode(INT16_VALUE, "int16")[0]
    regs[FLOAT_BIG_ADDRESS : FLOAT_BIG_ADDRESS + 2] = encode(FLOAT_VALUE, "float32", "big")
    regs[FLOAT_LITTLE_ADDRESS : FLOAT_LITTLE_ADDRESS + 2] = encode(FLOAT_VALUE, "float32", "little")
    return regs


@contextlib.asynccontextmanager
async def modbus_server(port: int, unit: int = 1) -> AsyncIterator[ModbusTcpServer]:
    """Unit `unit` with holding 0..299, input 0..9 (1000 + i), coils 0..7 (COIL_PATTERN)."""
    device = SimDevice(
        id=unit,
        simdata=(
            [SimData(0, values=COIL_PATTERN, datatype=DataType.BITS)],
            [SimData(0, values=[False] * 8, datatype=DataType.BITS)],
            [SimData(0, values=holding_registers(), datatype=DataType.REGISTERS)],
            [SimData(0, values=[1000 + i for i in range(10)], datatype=DataType.REGISTERS)],
        ),
    )
    server = ModbusTcpServer(device, address=("127.0.0.1", port))
    await server.serve_forever(background=True)
    try:
        yield server
    finally:
        await server.shutdown()

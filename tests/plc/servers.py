"""Small real servers on loopback for the driver tests (until and beside the line twin).

OpcUaTestServer: an asyncua server with a few variables under ns=2;s=<tag id>, some
writable, some refusing out-of-range writes with BadOutOfRange, a ticker that changes the
"moving" ones, and a switch that stops its subscriptions publishing while reads still work.
ModbusTestServer: a pymodbus server (SimDevice datastore) whose registers the test sets,
that answers chosen addresses with an exception code, or stops answering at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from asyncua import Server, ua
from pymodbus.constants import ExcCodes
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice

from hmi.plc import codecs
from hmi.sim.opcua_server import stop_server

# asyncua's server is chatty at INFO; the tests read our own logs, not its.
logging.getLogger("asyncua").setLevel(logging.WARNING)


@dataclass
class UaVar:
    name: str  # also the string node id: ns=2;s=<name>
    value: Any
    vtype: ua.VariantType
    writable: bool = False
    limits: tuple[float, float] | None = None  # writes outside -> BadOutOfRange
    moving: bool = False  # changed by the ticker every tick


class OpcUaTestServer:
    def __init__(self, port: int, variables: Sequence[UaVar], tick_s: float = 0.05) -> None:
        self.port = port
        self.endpoint = f"opc.tcp://127.0.0.1:{port}/test/"
        self._vars = {v.name: v for v in variables}
        self._tick_s = tick_s
        self._server: Server | None = None
        self._nodes: dict[str, ua.NodeId] = {}
        self._ticker: asyncio.Task[None] | None = None
        self._count = 0
        self.min_publishing_interval_ms = 0.0  # > 0: revise faster requests up to this

    async def start(self) -> None:
        server = Server()
        await server.init()
        server.set_endpoint(self.endpoint)
        server.set_security_policy([ua.SecurityPolicyType.NoSecurity])
        idx = await server.register_namespace("urn:lineside:test")
        assert idx == 2
        objects = server.nodes.objects
        folder = await objects.add_folder(idx, "plc")
        limits: dict[ua.NodeId, tuple[float, float]] = {}
        for var in self._vars.values():
            node_id = ua.NodeId(var.name, idx)
            node = await folder.add_variable(node_id, var.name, ua.Variant(var.value, var.vtype))
            if var.writable:
                await node.set_writable()
            if var.limits is not None:
                limits[node_id] = var.limits
            self._nodes[var.name] = node_id
        _refuse_out_of_range(server, limits)
        self._floor_publishing_interval(server)
        await server.start()
        self._server = server
        self._ticker = asyncio.create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        if self._server is not None:
            await stop_server(self._server)
            self._server = None

    async def set(self, name: str, value: Any) -> None:
        assert self._server is not None
        var = self._vars[name]
        now = datetime.now(UTC)
        await self._server.write_attribute_value(
            self._nodes[name],
            ua.DataValue(ua.Variant(value, var.vtype), SourceTimestamp=now, ServerTimestamp=now),
        )

    async def set_status(self, name: str, code: int, value: Any) -> None:
        """Publish a value with a non-Good status (a sensor failure, say)."""
        assert self._server is not None
        var = self._vars[name]
        now = datetime.now(UTC)
        await self._server.write_attribute_value(
            self._nodes[name],
            ua.DataValue(ua.Variant(value, var.vtype), StatusCode=ua.StatusCode(code),
                         SourceTimestamp=now, ServerTimestamp=now),
        )

    def _floor_publishing_interval(self, server: Server) -> None:
        """Like many PLCs: a publishing interval below the floor is revised up to it."""
        service = server.iserver.subscription_service
        original = service.create_subscription

        async def create(params: ua.CreateSubscriptionParameters, *args: Any,
                         **kwargs: Any) -> ua.CreateSubscriptionResult:
            floor = self.min_publishing_interval_ms
            if floor > params.RequestedPublishingInterval:
                params.RequestedPublishingInterval = floor
            return await original(params, *args, **kwargs)

        service.create_subscription = create  # type: ignore[method-assign]

    def get(self, name: str) -> Any:
        assert self._server is not None
        return self._server.read_attribute_value(self._nodes[name]).Value.Value  # type: ignore[union-attr]

    def pause_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    async def stall_publishing(self) -> None:
        """Subscriptions stop publishing (even keep-alives) while reads keep working."""
        assert self._server is not None
        for sub in list(self._server.iserver.subscription_service.subscriptions.values()):
            await sub.stop()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self._tick_s)
            self._count += 1
            for var in self._vars.values():
                if var.moving:
                    await self.set(var.name, float(self._count) if var.vtype in (
                        ua.VariantType.Double, ua.VariantType.Float) else self._count)


def _refuse_out_of_range(server: Server, limits: dict[ua.NodeId, tuple[float, float]]) -> None:
    """Make the server answer BadOutOfRange to out-of-range writes, per item, like a PLC."""
    service = server.iserver.attribute_service
    original = service.write

    async def write(params: ua.WriteParameters, user: Any = None) -> list[ua.StatusCode]:
        refused: dict[int, ua.StatusCode] = {}
        keep = []
        for i, item in enumerate(params.NodesToWrite):
            bounds = limits.get(item.NodeId)
            value = item.Value.Value.Value if item.Value and item.Value.Value else None
            if bounds is not None and isinstance(value, int | float) and not (
                bounds[0] <= value <= bounds[1]
            ):
                refused[i] = ua.StatusCode(ua.StatusCodes.BadOutOfRange)
            else:
                keep.append(item)
        params.NodesToWrite = keep
        answered = await (original(params, user=user) if user is not None else original(params))
        done = iter(answered)
        return [refused[i] if i in refused else next(done) for i in range(len(refused) + len(keep))]

    service.write = write  # type: ignore[method-assign]


# ---- Modbus --------------------------------------------------------------------------------
FC_WRITE = {"coil": 15, "discrete": 2, "holding": 16, "input": 4}


@dataclass
class ModbusTestServer:
    """Unit ids in `units`; every unit has coils/discretes 0-63 and registers 0-39 and 50-99
    (40-49 are not implemented: reading them gives exception 2, illegal data address)."""

    port: int
    units: tuple[int, ...] = (1,)
    refuse: dict[tuple[int, int], ExcCodes] = field(default_factory=dict)  # (fc, addr) -> code
    frozen: bool = False  # stop answering (the socket stays open)
    requests: list[tuple[int, int, int, int]] = field(default_factory=list)  # fc, unit, addr, n
    _server: ModbusTcpServer | None = None
    _task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        devices = [SimDevice(id=unit, simdata=self._blocks(),
                             action=functools.partial(self._action, unit))
                   for unit in self.units]
        self._server = ModbusTcpServer(devices, address=("127.0.0.1", self.port))
        await self._server.serve_forever(background=True)

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.shutdown()
            self._server = None

    @staticmethod
    def _blocks() -> tuple[list[SimData], list[SimData], list[SimData], list[SimData]]:
        def registers() -> list[SimData]:
            return [SimData(0, count=40, values=0, datatype=DataType.REGISTERS),
                    SimData(50, count=50, values=0, datatype=DataType.REGISTERS)]
        bits = [SimData(0, count=64, values=False, datatype=DataType.BITS)]
        return (bits, [SimData(0, count=64, values=False, datatype=DataType.BITS)],
                registers(), registers())

    async def _action(self, unit: int, function_code: int, start_address: int, address: int,
                      count: int, registers: list[int], set_values: Any) -> ExcCodes | None:
        self.requests.append((function_code, unit, address, count))
        while self.frozen:
            await asyncio.sleep(0.05)
        for (fc, at), code in self.refuse.items():
            if fc == function_code and address <= at < address + count:
                return code
        return None

    async def set_registers(self, table: str, address: int, words: Sequence[int],
                            unit: int = 1) -> None:
        assert self._server is not None
        await self._server.context.async_setValues(unit, FC_WRITE[table], address, list(words))

    async def set_bits(self, table: str, address: int, bits: Sequence[bool], unit: int = 1) -> None:
        assert self._server is not None
        await self._server.context.async_setValues(unit, FC_WRITE[table], address, list(bits))

    async def set_value(self, table: str, address: int, value: float, kind: codecs.ModbusType,
                        word_order: codecs.WordOrder = "big", scale: float = 1.0,
                        unit: int = 1) -> None:
        words = codecs.encode(value, kind, word_order, scale)
        await self.set_registers(table, address, words, unit)

    async def get_registers(self, table: str, address: int, count: int,
                            unit: int = 1) -> list[int]:
        assert self._server is not None
        fc = 3 if table == "holding" else 4
        values = await self._server.context.async_getValues(unit, fc, address, count)
        assert isinstance(values, list)
        return [int(v) for v in values]

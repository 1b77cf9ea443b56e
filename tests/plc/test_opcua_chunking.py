"""The OPC UA driver cuts reads, writes and monitored items to the server's operation limits.

A real asyncua server on loopback that says small limits (ServerCapabilities.OperationLimits:
3 nodes per write, 4 per read, 4 monitored items per call) and, like a PLC, refuses a bigger
request whole (BadTooManyOperations). The driver reads the limits at connect: its
subscription of 10 tags, a write of 10 values (through the service's write path, with
read-back) and a read of 10 all succeed in chunks that fit, writes in the caller's order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from asyncua import ua
from asyncua.common.utils import ServiceError

from hmi.config.schema import LineConfig
from hmi.core.net import free_tcp_port
from hmi.core.tags import Quality
from hmi.plc.driver import PlcError
from hmi.plc.opcua import OpcUaDriver

from .helpers import MakeService, connected, line, wait_until
from .servers import OpcUaTestServer, UaVar

NAMES = [f"w{i}" for i in range(10)]
LIMITS = {
    ua.ObjectIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerWrite: 3,
    ua.ObjectIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead: 4,
    ua.ObjectIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall: 4,
}


class LimitedOpcUaServer(OpcUaTestServer):
    """Says small operation limits and refuses any request past them, recording the size
    of every request it served (write and monitor: the driver's; read: any)."""

    def __init__(self, port: int) -> None:
        super().__init__(port, [UaVar(n, float(i), ua.VariantType.Double, writable=True)
                                for i, n in enumerate(NAMES)])
        self.sizes: dict[str, list[int]] = {"write": [], "read": [], "monitor": []}
        self.written: list[str] = []  # node names in the order the server wrote them

    async def start(self) -> None:
        await super().start()
        assert self._server is not None
        for node, limit in LIMITS.items():
            await self._server.write_attribute_value(
                ua.NodeId(node), ua.DataValue(ua.Variant(limit, ua.VariantType.UInt32)))
        iserver: Any = self._server.iserver
        attributes, subscriptions = iserver.attribute_service, iserver.subscription_service
        write, read = attributes.write, attributes.read
        create = subscriptions.create_monitored_items
        most = {kind: LIMITS[node] for kind, node in zip(
            ("write", "read", "monitor"), LIMITS, strict=True)}

        def check(kind: str, count: int) -> None:
            if count > most[kind]:
                raise ServiceError(ua.StatusCodes.BadTooManyOperations)
            self.sizes[kind].append(count)

        async def limited_write(params: ua.WriteParameters, user: Any = None) -> Any:
            check("write", len(params.NodesToWrite))
            self.written += [str(item.NodeId.Identifier) for item in params.NodesToWrite]
            return await write(params, user=user)

        def limited_read(params: ua.ReadParameters) -> Any:
            check("read", len(params.NodesToRead))
            return read(params)

        async def limited_create(params: ua.CreateMonitoredItemsParameters) -> Any:
            check("monitor", len(params.ItemsToCreate))
            return await create(params)

        attributes.write = limited_write
        attributes.read = limited_read
        subscriptions.create_monitored_items = limited_create


def limited_line(endpoint: str) -> LineConfig:
    return line(
        f'[[connections]]\nid = "plc1"\nprotocol = "opcua"\nendpoint = "{endpoint}"\n'
        'publishing_interval_ms = 100\ntimeout_s = 2.0\nsecurity_mode = "None"\n',
        '[[stations]]\nid = "st"\nname = "Station"\nconnection = "plc1"\n',
        "".join(f'[[tags]]\nid = "st.{n}"\nwritable = true\n'
                f'opcua = {{ node_id = "ns=2;s={n}" }}\n' for n in NAMES))


pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server() -> AsyncIterator[LimitedOpcUaServer]:
    srv = LimitedOpcUaServer(free_tcp_port())
    await srv.start()
    yield srv
    await srv.stop()


@pytest_asyncio.fixture(loop_scope="module")
async def make_service() -> AsyncIterator[MakeService]:
    from .helpers import services

    async with services() as make:
        yield make


async def test_subscription_write_and_read_fit_the_servers_limits(
        server: LimitedOpcUaServer, make_service: MakeService) -> None:
    for sizes in server.sizes.values():
        sizes.clear()
    store, service = await connected(make_service, limited_line(server.endpoint))
    await wait_until(lambda: all((v := store.get(f"st.{n}")) is not None
                                 and v.quality is Quality.GOOD for n in NAMES),
                     5.0, "every tag GOOD through the subscription")
    assert sum(server.sizes["monitor"]) == len(NAMES) and max(server.sizes["monitor"]) <= 4
    server.written.clear()
    results = await service.write_many([(f"st.{n}", 100.0 + i) for i, n in enumerate(NAMES)])
    assert all(r.ok for r in results), [r.message for r in results]
    assert [r.read_back for r in results] == [pytest.approx(100.0 + i) for i in range(10)]
    assert server.written == NAMES  # the caller's order, chunk after chunk
    assert max(server.sizes["write"]) <= 3 and len(server.sizes["write"]) >= 4
    assert [server.get(n) for n in NAMES] == [100.0 + i for i in range(10)]
    read = await service.read([f"st.{n}" for n in NAMES])
    assert [v.value for v in read] == [100.0 + i for i in range(10)]
    assert max(server.sizes["read"]) <= 4


async def test_one_request_past_the_limit_is_refused_whole(server: LimitedOpcUaServer,
                                                           tmp_path: Any) -> None:
    """What the chunking is for: the same ten values in one request (a driver that did not
    read the limits) are refused by this server, and said so."""
    config = limited_line(server.endpoint)
    driver = OpcUaDriver(config.connections[0], config.tags,  # type: ignore[arg-type]
                         data_dir=tmp_path)
    await driver.connect()
    try:
        assert driver.chunk == {"read": 4, "write": 3, "monitor": 4}
        driver.chunk["write"] = 1000
        with pytest.raises(PlcError, match="BadTooManyOperations"):
            await driver.write([(tag, 1.0) for tag in config.tags])
        driver.chunk["write"] = 3  # as read at connect: the same write goes through
        acks = await driver.write([(tag, 7.0) for tag in config.tags])
        assert all(ack.ok for ack in acks) and server.get("w9") == 7.0
    finally:
        await driver.close()

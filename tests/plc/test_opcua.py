"""OpcUaDriver + supervisor + PlcService against a real asyncua server on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio
from asyncua import ua

from hmi.config.schema import LineConfig
from hmi.core.net import free_tcp_port
from hmi.core.tags import Quality, TagValue

from .helpers import MakeService, connected, line, quality, services, wait_until
from .servers import OpcUaTestServer, UaVar

VARIABLES = [
    UaVar("st.moving", 0.0, ua.VariantType.Double, moving=True),
    UaVar("st.steady", 5, ua.VariantType.Int32),
    UaVar("st.sensor", 1.5, ua.VariantType.Double),
    UaVar("st.sp", 60.0, ua.VariantType.Double, writable=True, limits=(10.0, 150.0)),
    UaVar("st.count_sp", 3, ua.VariantType.Int32, writable=True),
    UaVar("st.enable", False, ua.VariantType.Boolean, writable=True),
]


def ua_line(endpoint: str, extra_tags: str = "") -> LineConfig:
    return line(
        f'[[connections]]\nid = "plc1"\nprotocol = "opcua"\nendpoint = "{endpoint}"\n'
        "publishing_interval_ms = 100\ntimeout_s = 2.0\nsecurity_mode = \"None\"\n",
        '[[stations]]\nid = "st"\nname = "Station"\nconnection = "plc1"\n',
        """
[[tags]]
id = "st.moving"
opcua = { node_id = "ns=2;s=st.moving" }
[[tags]]
id = "st.steady"
data_type = "int"
opcua = { node_id = "ns=2;s=st.steady" }
[[tags]]
id = "st.sensor"
opcua = { node_id = "ns=2;s=st.sensor" }
[[tags]]
id = "st.sp"
writable = true
read_back_tolerance = 0.01
opcua = { node_id = "ns=2;s=st.sp" }
[[tags]]
id = "st.count_sp"
data_type = "int"
writable = true
opcua = { node_id = "ns=2;s=st.count_sp" }
[[tags]]
id = "st.enable"
data_type = "bool"
writable = true
opcua = { node_id = "ns=2;s=st.enable" }
""" + extra_tags,
    )


# One server for the tests that leave it running (an asyncua server takes ~2 s to start).
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server() -> AsyncIterator[OpcUaTestServer]:
    srv = OpcUaTestServer(free_tcp_port(), VARIABLES)
    await srv.start()
    yield srv
    await srv.stop()


@pytest_asyncio.fixture(loop_scope="module")
async def make_service() -> AsyncIterator[MakeService]:
    async with services() as make:
        yield make


async def test_values_arrive_good_changing_with_the_source_timestamp(
    server: OpcUaTestServer, make_service: MakeService
) -> None:
    store, service = await connected(make_service, ua_line(server.endpoint))
    await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD, what="first value")
    first = store.get("st.moving")
    assert first is not None
    await wait_until(lambda: store.get("st.moving").value != first.value,  # type: ignore[union-attr]
                     what="a changed value")
    latest = store.get("st.moving")
    assert latest is not None and latest.status == "Good"
    # The PLC's own time, not ours: stamped before we received it, and recent.
    assert latest.source_ts.tzinfo is UTC
    assert latest.source_ts <= latest.received_ts
    assert (datetime.now(UTC) - latest.source_ts).total_seconds() < 2.0
    health = service.health()["plc1"]
    assert health.state == "connected" and health.reconnects == 0
    await wait_until(lambda: service.health()["plc1"].rtt_ms is not None, what="a keep-alive rtt")

async def test_status_codes_map_to_quality_and_keep_their_name(
    server: OpcUaTestServer, make_service: MakeService
) -> None:
    store, _ = await connected(make_service, ua_line(server.endpoint))
    await wait_until(lambda: quality(store, "st.sensor") is Quality.GOOD)
    await server.set_status("st.sensor", ua.StatusCodes.UncertainLastUsableValue, 1.5)
    await wait_until(lambda: quality(store, "st.sensor") is Quality.UNCERTAIN)
    assert store.get("st.sensor").status == "UncertainLastUsableValue"  # type: ignore[union-attr]
    await server.set_status("st.sensor", ua.StatusCodes.BadSensorFailure, 0.0)
    await wait_until(lambda: quality(store, "st.sensor") is Quality.BAD)
    assert store.get("st.sensor").status == "BadSensorFailure"  # type: ignore[union-attr]

async def test_unknown_node_is_bad_with_a_one_line_reason_and_the_rest_works(
    server: OpcUaTestServer, make_service: MakeService, caplog: pytest.LogCaptureFixture
) -> None:
    extra = '[[tags]]\nid = "st.ghost"\nopcua = { node_id = "ns=2;s=st.ghost" }\n'
    store, service = await connected(make_service, ua_line(server.endpoint, extra))
    await wait_until(lambda: quality(store, "st.ghost") is Quality.BAD)
    ghost = store.get("st.ghost")
    assert ghost is not None and ghost.status.startswith("BadNodeIdUnknown")
    assert "st.ghost" in caplog.text and "Traceback" not in caplog.text
    await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD)
    [read] = await service.read(["st.ghost"])
    assert read.quality is Quality.BAD

async def test_writes_read_back_and_refusals_carry_the_plc_reason(
    server: OpcUaTestServer, make_service: MakeService
) -> None:
    _, service = await connected(make_service, ua_line(server.endpoint))
    ok = await service.write("st.sp", 75)
    assert ok.ok and ok.read_back == pytest.approx(75.0) and ok.status == "Good"
    assert server.get("st.sp") == 75.0  # went out as the node's Double, not an Int64
    assert ok.duration_s > 0

    refused = await service.write("st.sp", 500)
    assert not refused.ok and refused.status == "BadOutOfRange"
    assert refused.message == "PLC refused st.sp = 500: BadOutOfRange"
    assert server.get("st.sp") == 75.0

    results = await service.write_many(
        [("st.count_sp", 9), ("st.enable", True), ("st.moving", 1.0), ("st.sp", "fast"),
         ("st.nothing", 1)]
    )
    assert [r.ok for r in results] == [True, True, False, False, False]
    assert results[0].read_back == 9 and server.get("st.count_sp") == 9
    assert results[1].read_back is True
    assert results[2].message == "st.moving is read-only: not written"
    assert "st.sp needs a number" in results[3].message
    assert results[4].status == "Refused"

    values = await service.read(["st.sp", "st.count_sp"])
    assert [v.value for v in values] == [75.0, 9]

async def test_steady_value_stays_good_while_the_subscription_lives(
    server: OpcUaTestServer, make_service: MakeService
) -> None:
    store, _ = await connected(make_service, ua_line(server.endpoint))
    await wait_until(lambda: quality(store, "st.steady") is Quality.GOOD)
    seen: list[TagValue] = []
    unsubscribe = store.subscribe(lambda batch: seen.extend(v for v in batch
                                                            if v.tag_id == "st.steady"))
    await asyncio.sleep(1.0)  # 10 x its period: would be STALE without keep-alive confirms
    unsubscribe()
    assert quality(store, "st.steady") is Quality.GOOD
    assert seen == []  # not even a blink of STALE


async def test_a_server_revised_publishing_interval_sets_the_staleness_clock(
    server: OpcUaTestServer, make_service: MakeService, caplog: pytest.LogCaptureFixture
) -> None:
    server.min_publishing_interval_ms = 400.0  # configured 100 ms: steady tags would flap
    try:
        store, _ = await connected(make_service, ua_line(server.endpoint))
    finally:
        server.min_publishing_interval_ms = 0.0
    await wait_until(lambda: quality(store, "st.steady") is Quality.GOOD)
    seen: list[TagValue] = []
    unsubscribe = store.subscribe(lambda batch: seen.extend(v for v in batch
                                                            if v.tag_id == "st.steady"))
    await asyncio.sleep(1.5)
    unsubscribe()
    assert seen == [] and quality(store, "st.steady") is Quality.GOOD
    assert "refreshes 6 tag(s) every 0.4 s, slower than configured" in caplog.text



async def test_a_value_the_node_type_cannot_hold_is_not_sent(
    server: OpcUaTestServer, make_service: MakeService
) -> None:
    # A float tag on an Int32 node (a config slip the PLC would answer with BadTypeMismatch).
    extra = ('[[tags]]\nid = "st.count_as_float"\nwritable = true\n'
             'opcua = { node_id = "ns=2;s=st.count_sp" }\n')
    _, service = await connected(make_service, ua_line(server.endpoint, extra))
    fraction = await service.write("st.count_as_float", 3.5)
    assert not fraction.ok
    assert fraction.status == "BadTypeMismatch"
    assert fraction.message == ("st.count_as_float = 3.5 not written: "
                                "the node holds Int32 whole numbers, not 3.5")
    whole = await service.write("st.count_as_float", 4.0)
    assert whole.ok and server.get("st.count_sp") == 4

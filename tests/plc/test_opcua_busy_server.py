"""A busy OPC UA server is no lost one: late reads while it publishes, and links that flap.

A PLC serving thousands of monitored items answers a keep-alive read late while it pushes a
full value set; its subscription still publishing proves the session alive, so that is no
loss (it was: every late read rebuilt the whole subscription, which made the server busier:
a reconnect storm on the 20,000-tag start). A link lost again and again right after
connecting backs off further than a PLC restart needs, and its health says why.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest
from asyncua import ua
from asyncua.common.callback import CallbackType
from asyncua.ua.object_ids import ObjectIds

from hmi.core.tags import Quality
from hmi.plc import opcua

from .helpers import MakeService, connected, quality, wait_until
from .servers import OpcUaTestServer
from .test_opcua import ua_line
from .test_opcua_recovery import server  # noqa: F401  (a fresh server per test)

CURRENT_TIME = ua.NodeId(ua.Int32(ObjectIds.Server_ServerStatus_CurrentTime))


class SlowClockReads:
    """The server answers reads of its clock `delay_s` late (as a loaded PLC would) while
    its subscriptions keep publishing."""

    def __init__(self, srv: OpcUaTestServer, delay_s: float) -> None:
        self.delay_s = delay_s
        self.slowed = 0
        srv._server.subscribe_server_callback(  # type: ignore[union-attr]
            CallbackType.PreRead, self._pre_read)

    async def _pre_read(self, event: Any, _dispatcher: Any) -> None:
        nodes = event.request_params.NodesToRead
        if self.delay_s > 0 and any(n.NodeId == CURRENT_TIME for n in nodes):
            self.slowed += 1
            await asyncio.sleep(self.delay_s)


async def test_a_keep_alive_read_answered_late_while_the_subscription_publishes_is_no_loss(
    server: OpcUaTestServer, make_service: MakeService  # noqa: F811
) -> None:
    store, service = await connected(make_service, ua_line(server.endpoint))
    await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD)
    slow = SlowClockReads(server, delay_s=1.3)  # past the supervisor's 1 s probe timeout
    moving = store.get("st.moving")
    await asyncio.sleep(4.0)
    assert slow.slowed >= 2  # the probes did read the clock, late
    health = service.health()["plc1"]
    assert health.state == "connected" and health.reconnects == 0, health.last_error
    assert quality(store, "st.moving") is Quality.GOOD
    assert store.get("st.moving") != moving  # values kept flowing all along
    slow.delay_s = 0.0
    await wait_until(lambda: (service.health()["plc1"].rtt_ms or 1e9) < 500.0,
                     what="a prompt round trip again")


async def test_a_read_unanswered_and_no_publish_is_still_a_loss_within_2_s(
    server: OpcUaTestServer, make_service: MakeService  # noqa: F811
) -> None:
    store, service = await connected(make_service, ua_line(server.endpoint))
    await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD)
    SlowClockReads(server, delay_s=5.0)
    await server.stall_publishing()  # and no keep-alive either: nothing proves it alive
    lost_s = await wait_until(lambda: quality(store, "st.moving") is Quality.COMM_LOST,
                              timeout_s=4.0, what="COMM_LOST")
    assert lost_s < 2.0
    assert "keep-alive unanswered" in service.health()["plc1"].recent_losses[0][1]


async def test_a_link_lost_again_and_again_right_after_connecting_backs_off_and_says_why(
    server: OpcUaTestServer, make_service: MakeService, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    # Every subscription the server makes stops at once (a PLC that cannot keep up); found
    # by its silence, after 0.3 s here instead of 2 s so the test runs in seconds.
    monkeypatch.setattr(opcua, "SILENT_SUBSCRIPTION_MIN_S", 0.3)

    async def stall_every_subscription() -> None:
        while True:
            await server.stall_publishing()
            await asyncio.sleep(0.05)

    staller = asyncio.create_task(stall_every_subscription())
    try:
        _store, service = make_service(ua_line(server.endpoint))
        await service.start()
        flapping = await wait_until(
            lambda: "lost 3 times in a row" in service.health()["plc1"].last_error,
            timeout_s=12.0, what="the flapping said in the health")
        health = service.health()["plc1"]
        assert "cannot keep up; next try in" in health.last_error
        assert health.last_error.split(" (lost ")[0] == health.recent_losses[-1][1]  # the cause
        # Backing off: far fewer tries than a 0.5..2 s retry would make in the same time.
        reconnects = health.reconnects
        await asyncio.sleep(3.0)
        assert service.health()["plc1"].reconnects <= reconnects + 1
        assert flapping > 1.0
    finally:
        staller.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await staller


def test_the_subscription_lifetime_grows_with_its_items_up_to_a_minute() -> None:
    assert opcua.lifetime_count(100.0, 0) == 100  # 10 s, as a small line always had
    assert opcua.lifetime_count(100.0, 3400) == 270  # 27 s for a 3,400-item connection
    assert opcua.lifetime_count(100.0, 100_000) == 600  # capped at 60 s
    assert opcua.lifetime_count(5000.0, 10) == 30  # never below 30 intervals


async def test_the_server_is_asked_for_the_lifetime_the_items_need(
    server: OpcUaTestServer, make_service: MakeService  # noqa: F811
) -> None:
    config = ua_line(server.endpoint)
    _store, service = await connected(make_service, config)
    driver = service._supervisors["plc1"].driver
    assert isinstance(driver, opcua.OpcUaDriver)
    items = len(config.tags_of_connection("plc1"))
    assert driver.revised_lifetime_count == opcua.lifetime_count(100.0, items)

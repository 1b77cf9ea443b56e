"""PlcService against the line twin (hmi.sim): the demo line over real OPC UA and Modbus."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

import pytest
import pytest_asyncio

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import TagConfig
from hmi.core.tags import Quality, TagValue
from hmi.plc.modbus import ModbusDriver
from hmi.plc.opcua import OpcUaDriver
from hmi.sim.twin import LineTwin

from .helpers import MakeService, connected, quality, services, wait_until

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def twin() -> AsyncIterator[LineTwin]:
    async with LineTwin(load_line_config(DEMO_LINE)) as running:
        yield running


@pytest_asyncio.fixture(loop_scope="module")
async def make_service() -> AsyncIterator[MakeService]:
    async with services() as make:
        yield make


async def test_every_connection_delivers_good_changing_values(
    twin: LineTwin, make_service: MakeService
) -> None:
    store, service = await connected(make_service, twin.client_config())
    live = ("coater.web_tension_n", "winder.web_tension_n", "dry_room.dew_point_c",
            "tab_welder.laser_power_w")
    await wait_until(lambda: all(quality(store, t) is Quality.GOOD for t in live),
                     what="a good value from every connection")
    first = {t: store.get(t).value for t in live}  # type: ignore[union-attr]
    await wait_until(lambda: store.get("coater.web_tension_n").value  # type: ignore[union-attr]
                     != first["coater.web_tension_n"], what="a moving web tension")
    # Every tag of the demo line is readable: none BAD, none missing.
    await wait_until(lambda: len(store.snapshot()) == len(twin.client_config().tags))
    bad = {k: v.status for k, v in store.snapshot().items() if not v.quality.is_live}
    assert bad == {}
    assert {h.state for h in service.health().values()} == {"connected"}


async def test_refused_and_accepted_writes_through_the_twin(
    twin: LineTwin, make_service: MakeService
) -> None:
    _, service = await connected(make_service, twin.client_config())
    refused = await service.write("coater.web_tension_sp_n", 500)
    assert not refused.ok
    assert refused.message == "PLC refused coater.web_tension_sp_n = 500: BadOutOfRange"
    results = await service.write_many([
        ("coater.web_tension_sp_n", 62.5),  # OPC UA Double
        ("dry_room.dew_point_sp_c", -45.5),  # Modbus float32, high word first
        ("tab_welder.laser_power_sp_w", 1450.0),  # Modbus float32, low word first
        ("dry_room.room_temp_sp_c", 24.2),  # Modbus int16 x 0.1
    ])
    assert [r.ok for r in results] == [True] * 4, [r.message for r in results]
    assert [r.read_back for r in results] == pytest.approx([62.5, -45.5, 1450.0, 24.2])


async def test_writes_without_read_back_say_accepted_and_read_nothing(
    twin: LineTwin, make_service: MakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, service = await connected(make_service, twin.client_config())
    reads: list[list[str]] = []
    for driver in (OpcUaDriver, ModbusDriver):
        def counting(original: Any) -> Any:
            async def read(self: Any, tags: Sequence[TagConfig]) -> list[TagValue]:
                reads.append([t.id for t in tags])
                return list(await original(self, tags))
            return read
        monkeypatch.setattr(driver, "read", counting(driver.read))
    results = await service.write_many([
        ("coater.web_tension_sp_n", 61.5),  # OPC UA
        ("tab_welder.laser_power_sp_w", 1460.0),  # Modbus
        ("coater.web_tension_sp_n", 500),  # the PLC's range ends at 150
    ], read_back=False)
    assert reads == []  # the caller verifies later: nothing read here
    assert [(r.ok, r.read_back) for r in results] == [(True, None), (True, None), (False, None)]
    assert results[0].message == "coater.web_tension_sp_n = 61.5 written (accepted, not read back)"
    assert results[2].message == "PLC refused coater.web_tension_sp_n = 500: BadOutOfRange"
    monkeypatch.undo()
    held = await service.read(["coater.web_tension_sp_n", "tab_welder.laser_power_sp_w"])
    assert [v.value for v in held] == pytest.approx([61.5, 1460.0])


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.05)
        return sock.connect_ex((host, port)) == 0


async def test_plc_restart_mid_watch_comm_lost_then_back_by_itself(
    twin: LineTwin, make_service: MakeService
) -> None:
    store, service = await connected(make_service, twin.client_config())
    watched = ("coater.web_tension_n", "winder.state", "dry_room.dew_point_c",
               "tab_welder.laser_power_w")
    await wait_until(lambda: all(quality(store, t) is Quality.GOOD for t in watched))
    twin.inject("plc_restart", duration_s=1.0)
    lost_s = await wait_until(
        lambda: all(quality(store, t) is Quality.COMM_LOST for t in watched),
        timeout_s=4.0, what="COMM_LOST")
    assert lost_s < 2.0 + 0.2  # the twin keeps answering for 0.2 s after the inject
    # When the twin's OPC UA port listens again, the restarted PLC is back.
    port = int(twin.opcua_endpoint.rsplit(":", 1)[1].split("/", 1)[0])
    await wait_until(lambda: not _port_open("127.0.0.1", port), timeout_s=2.0)
    await wait_until(lambda: _port_open("127.0.0.1", port), timeout_s=8.0)
    restarted_at = time.monotonic()
    await wait_until(lambda: all(quality(store, t) is Quality.GOOD for t in watched),
                     timeout_s=6.0, what="values back")
    assert time.monotonic() - restarted_at < 5.0
    tension = store.get("coater.web_tension_n").value  # type: ignore[union-attr]
    await wait_until(lambda: store.get("coater.web_tension_n").value  # type: ignore[union-attr]
                     != tension, what="the subscription delivering again")
    health = service.health()
    assert all(h.state == "connected" and h.reconnects == 1 for h in health.values())
    assert all(h.lost_total_s >= 1.0 for h in health.values())

"""Recovery: a server stopped or stalled under a running PlcService, and one never there."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from hmi.core.net import free_tcp_port
from hmi.core.tags import Quality

from .helpers import MakeService, connected, quality, wait_until
from .servers import OpcUaTestServer
from .test_opcua import VARIABLES, ua_line


@pytest.fixture
async def server() -> AsyncIterator[OpcUaTestServer]:
    srv = OpcUaTestServer(free_tcp_port(), VARIABLES)
    await srv.start()
    yield srv
    await srv.stop()


async def test_stalled_subscription_goes_stale_then_the_supervisor_rebuilds_it(
    server: OpcUaTestServer, make_service: MakeService
) -> None:
    store, service = await connected(make_service, ua_line(server.endpoint))
    await wait_until(lambda: quality(store, "st.steady") is Quality.GOOD)
    await server.stall_publishing()  # the server still answers reads
    took_s = await wait_until(lambda: quality(store, "st.steady") is Quality.STALE,
                              timeout_s=2.0, what="STALE")
    # 3 x 100 ms period, plus the 100 ms staleness tick, plus scheduling slack.
    assert took_s < 0.8
    # A subscription silent for 2 s is dead: the supervisor builds a new client.
    await wait_until(lambda: service.health()["plc1"].reconnects == 1, timeout_s=6.0)
    await wait_until(lambda: quality(store, "st.steady") is Quality.GOOD, timeout_s=3.0)
    assert "subscription silent" in service.health()["plc1"].last_error

async def test_server_restart_mid_watch_goes_comm_lost_then_recovers_by_itself(
    server: OpcUaTestServer, make_service: MakeService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="hmi.plc")
    store, service = await connected(make_service, ua_line(server.endpoint))
    await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD)
    await server.stop()
    lost_s = await wait_until(
        lambda: all(quality(store, t) is Quality.COMM_LOST for t in ("st.moving", "st.steady")),
        timeout_s=3.0, what="COMM_LOST",
    )
    assert lost_s < 2.0
    assert service.health()["plc1"].state == "lost"
    before = store.get("st.moving")
    assert before is not None and before.value is not None  # last value kept, greyed

    await asyncio.sleep(1.0)  # the PLC stays down a while: a few failed attempts
    await server.start()  # same port, a brand-new server: every subscription gone
    back_s = await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD,
                              timeout_s=6.0, what="values back")
    assert back_s < 5.0
    value = store.get("st.moving").value  # type: ignore[union-attr]
    await wait_until(lambda: store.get("st.moving").value != value,  # type: ignore[union-attr]
                     what="values changing again")
    health = service.health()["plc1"]
    assert health.state == "connected" and health.reconnects == 1
    assert health.lost_total_s > 1.0
    assert "reconnected after" in caplog.text and "connection lost" in caplog.text

async def test_unreachable_endpoint_is_a_clear_one_line_error(
    make_service: MakeService,
) -> None:
    port = free_tcp_port()
    store, service = make_service(ua_line(f"opc.tcp://127.0.0.1:{port}/nothing/"))
    changes: list[str] = []
    service.on_health_changed(lambda h: changes.append(h.last_error))
    await service.start()
    assert not await service.wait_connected(0.3)
    await wait_until(lambda: quality(store, "st.moving") is Quality.COMM_LOST)
    health = service.health()["plc1"]
    assert health.state == "connecting"
    assert health.last_error.startswith(f"plc1: cannot connect to opc.tcp://127.0.0.1:{port}/")
    assert "\n" not in health.last_error
    assert changes and changes[0] == health.last_error
    result = await service.write("st.sp", 20.0)
    assert not result.ok and result.status == "NotConnected"
    assert "st.sp = 20 not written: connection plc1 is connecting" in result.message


@pytest.fixture
def server_process() -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = free_tcp_port()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.plc.server_process", "--port", str(port)],
        cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "READY"
        yield proc, f"opc.tcp://127.0.0.1:{port}/test/"
    finally:
        proc.send_signal(signal.SIGCONT)
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


async def test_hung_server_is_lost_within_2_s_and_back_when_it_thaws(
    server_process: tuple[subprocess.Popen[str], str], make_service: MakeService
) -> None:
    proc, endpoint = server_process
    two_tags = ua_line(endpoint).model_copy(update={"tags": ua_line(endpoint).tags[:2]})
    store, service = await connected(make_service, two_tags)
    await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD)
    proc.send_signal(signal.SIGSTOP)  # socket open, nothing answers: a hung PLC
    lost_s = await wait_until(lambda: quality(store, "st.moving") is Quality.COMM_LOST,
                              timeout_s=4.0, what="COMM_LOST")
    assert lost_s < 2.0
    assert "keep-alive" in service.health()["plc1"].last_error
    proc.send_signal(signal.SIGCONT)
    await wait_until(lambda: quality(store, "st.moving") is Quality.GOOD, timeout_s=6.0)
    assert service.health()["plc1"].reconnects == 1


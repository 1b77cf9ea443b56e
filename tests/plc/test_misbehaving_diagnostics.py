"""The diagnostics screen shows what a misbehaving PLC did, per tag, in the driver's words.

A real DiagnosticsScreen (offscreen Qt) on a real PlcService running on an IoThread, polling
the hand-written misbehaving Modbus server over loopback.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from hmi.core.iothread import IoThread
from hmi.core.net import free_tcp_port
from hmi.core.tags import Quality, TagValue
from hmi.plc.service import PlcService
from hmi.plc.supervisor import ConnectionHealth
from hmi.ui.diagnostics_screen import DiagnosticsScreen, clock_text, problem_lines
from hmi.ui.tag_tile import TagTile

from .helpers import store_for
from .misbehaving_modbus import MisbehavingModbusServer
from .test_misbehaving_modbus import misbehaving_line


@pytest.fixture
def io() -> Iterator[IoThread]:
    thread = IoThread("test-io").start()
    yield thread
    thread.stop()


def _lines(screen: DiagnosticsScreen) -> list[str]:
    return [screen.problems.item(i).text() for i in range(screen.problems.count())]


def test_the_screen_lists_each_tag_that_is_not_good_with_its_cause(qtbot, io: IoThread) -> None:  # type: ignore[no-untyped-def]
    server = MisbehavingModbusServer(free_tcp_port(), units=(1, 2))
    io.run(server.start())
    config = misbehaving_line(server.port)
    store = store_for(config)
    service = PlcService(config, store)
    io.run(service.start())
    screen = DiagnosticsScreen(config, store, service, io)
    qtbot.addWidget(screen)
    try:
        assert io.run(service.wait_connected(5.0))
        screen.select("mb_a")
        qtbot.waitUntil(lambda: _lines(screen) == ["every tag is good"], timeout=5000)
        server.behaviour[1].exceptions[("holding", 10)] = 2
        expected = "a.x BAD: PLC answered exception 02 (illegal data address) for a.x at 40011"
        qtbot.waitUntil(lambda: _lines(screen) == [expected], timeout=5000)
        assert screen.problems_title.text() == "Tags of mb_a not good: 1"
        screen.select("mb_b")
        qtbot.waitUntil(lambda: _lines(screen) == ["every tag is good"], timeout=3000)
        screen.select("mb_a")
        server.behaviour[1].exceptions.clear()
        qtbot.waitUntil(lambda: _lines(screen) == ["every tag is good"], timeout=5000)
    finally:
        screen.close()
        io.run(service.stop())
        io.run(server.stop())


def test_problem_lines_and_the_clock_in_words() -> None:
    now = datetime.now(UTC)
    values = [
        TagValue("a.y", "7", Quality.BAD, now, now, "a.y: PLC sent String, config says float"),
        TagValue("a.x", 1.0, Quality.GOOD, now, now, "Good"),
        TagValue("a.z", 2.0, Quality.STALE, now, now, "not refreshed within 3 x its period"),
        TagValue("a.w", None, Quality.BAD, now, now, ""),
    ]
    assert problem_lines(values) == [
        "a.w BAD: no status from the PLC",
        "a.y BAD: PLC sent String, config says float",
        "a.z STALE: not refreshed within 3 x its period",
    ]
    health = ConnectionHealth("ua_a", "connected", now, "", 0, 1.0, 0.0, clock_skew_s=-3600.0)
    assert clock_text(health) == ("PLC clock 3600 s behind this HMI's: its time stamps are "
                                  "corrected and its values shown uncertain")
    assert clock_text(ConnectionHealth("ua_a", "connected", now, "", 0, 1.0, 0.0)) == ""


def test_a_tag_tile_shows_the_cause_without_repeating_its_tag(qtbot) -> None:  # type: ignore[no-untyped-def]
    config = misbehaving_line(free_tcp_port())
    tile = TagTile(config.tag("a.x"), {})
    qtbot.addWidget(tile)
    now = datetime.now(UTC)
    tile.show_value(TagValue("a.x", None, Quality.BAD, now, now,
                             "a.x: PLC sent String, config says int"))
    assert tile.caption_text() == "PLC sent String, config says int"
    assert tile.toolTip().endswith("\nPLC sent String, config says int")
    tile.show_value(TagValue("a.x", 3, Quality.UNCERTAIN, now, now,
                             "a.x: PLC clock 3600 s behind this HMI's: its time stamp "
                             "corrected by that"))
    assert tile.caption_text() == ("uncertain: PLC clock 3600 s behind this HMI's: its time "
                                   "stamp corrected by that")
    tile.show_value(TagValue("a.x", 3, Quality.COMM_LOST, now, now,
                             "mb_a lost: no valid answer for 1.5 s"))
    assert tile.toolTip().endswith("\nmb_a lost: no valid answer for 1.5 s")
    tile.show_value(TagValue("a.x", 4, Quality.GOOD, now, now, "Good"))
    assert "\n" not in tile.toolTip() and tile.caption_text() == ""

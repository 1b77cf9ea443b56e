"""Screens built from the demo config, fed with values by hand (no network)."""

from __future__ import annotations

import numpy as np

from hmi.config import LineConfig
from hmi.core.packml import LoopMode, PackMLCommand, PackMLState
from hmi.core.tags import Quality
from hmi.ui.faceplate import LoopFaceplate
from hmi.ui.header import AlarmSummary
from hmi.ui.live_history import LiveHistory
from hmi.ui.overview import OverviewScreen
from hmi.ui.station_layout import station_layout
from hmi.ui.station_screen import StationScreen
from tests.ui.conftest import tv
from widgets.status_lamp import LampState
from widgets.theme import AlarmPriority


def feed(screen, *values):  # type: ignore[no-untyped-def]
    batch = {v.tag_id: v for v in values}
    screen.show_values(batch, batch)


def test_overview_has_a_tile_per_station_in_process_order(qtbot, demo_config: LineConfig) -> None:
    screen = OverviewScreen(demo_config)
    qtbot.addWidget(screen)
    assert list(screen.tiles) == [s.id for s in demo_config.stations]
    coater = screen.tiles["coater"]
    feed(
        screen,
        tv("coater.state", int(PackMLState.EXECUTE)),
        tv("coater.web_tension_n", 61.5),
        tv("coater.web_tension_sp_n", 62.0),
        *(tv(f"coater.dryer_z{z}_temp_c", 100.0 + z) for z in range(1, 5)),
        *(tv(f"coater.dryer_z{z}_sp_c", 100.0) for z in range(1, 5)),
    )
    assert coater.state.text() == "Execute" and coater.state.state() is LampState.NORMAL
    tension = coater.tiles["coater.web_tension_n"]
    assert tension.value_text() == "61.5" and tension.caption_text() == "SP 62.0 N"
    assert coater.zone_tile is not None and coater.zone_tile.value_text() == "4.0"


def test_overview_state_trip_and_lost_values(qtbot, demo_config: LineConfig) -> None:
    screen = OverviewScreen(demo_config)
    qtbot.addWidget(screen)
    feed(
        screen,
        tv("coater.state", int(PackMLState.ABORTED)),
        tv("coater.interlock_trip", True),
        tv("coater.reason_code", 202),
    )
    lamp = screen.tiles["coater"].state
    assert lamp.state() is LampState.ALARM and lamp.priority() is AlarmPriority.P1
    assert "Aborted" in lamp.text() and "TRIP" in lamp.text() and "web break" in lamp.text()
    feed(screen, tv("coater.state", int(PackMLState.ABORTED)),
         tv("coater.reason_code", 999))  # a code the config does not name
    assert "reason 999" in lamp.text()
    feed(screen, tv("dry_room.dew_point_c", -45.0, Quality.COMM_LOST, age_s=12, status="lost"))
    tile = screen.tiles["dry_room"].tiles["dry_room.dew_point_c"]
    assert tile.is_greyed() and "lost" in tile.caption_text().lower()


def test_station_commands_follow_the_packml_state(qtbot, demo_config: LineConfig) -> None:
    screen = StationScreen(station_layout(demo_config, demo_config.stations[1]), demo_config)
    qtbot.addWidget(screen)
    buttons = screen.command_buttons
    assert not any(b.isEnabled() for b in buttons.values())  # unknown state: nothing to press
    feed(screen, tv("coater.state", int(PackMLState.EXECUTE)))
    enabled = {c for c, b in buttons.items() if b.isEnabled()}
    assert enabled == {PackMLCommand.STOP, PackMLCommand.HOLD, PackMLCommand.ABORT}
    feed(screen, tv("coater.state", int(PackMLState.ABORTED)))
    assert {c for c, b in buttons.items() if b.isEnabled()} == {PackMLCommand.CLEAR}
    with qtbot.waitSignal(screen.command_requested) as sent:
        buttons[PackMLCommand.CLEAR].click()
    assert sent.args == ["coater.command", int(PackMLCommand.CLEAR)]


def test_interlock_and_permissive_matrix(qtbot, demo_config: LineConfig) -> None:
    screen = StationScreen(station_layout(demo_config, demo_config.stations[1]), demo_config)
    qtbot.addWidget(screen)
    feed(
        screen,
        tv("coater.estop", True),
        tv("coater.perm_lfl_ok", False),
        tv("coater.perm_exhaust_ok", True),
        tv("coater.web_break", False, Quality.STALE),
    )
    estop = screen.interlock_lamps["coater.estop"]
    assert estop.state() is LampState.ALARM and "TRIPPED" in estop.text()
    assert estop.priority() is AlarmPriority.P1
    assert "NOT MADE" in screen.interlock_lamps["coater.perm_lfl_ok"].text()
    assert screen.interlock_lamps["coater.perm_exhaust_ok"].state() is LampState.NORMAL
    assert "stale" in screen.interlock_lamps["coater.web_break"].text()


def test_faceplate_output_only_by_hand_in_manual(qtbot, demo_config: LineConfig) -> None:
    plate = LoopFaceplate(demo_config.loops[0], demo_config)
    qtbot.addWidget(plate)
    assert not plate.out_button.isEnabled()
    plate.show_values({"coater.tension_mode": tv("coater.tension_mode", int(LoopMode.AUTO))})
    assert plate.mode_lamp.text() == "AUTO" and not plate.out_button.isEnabled()
    assert plate.manual_button.isEnabled() and not plate.auto_button.isEnabled()
    with qtbot.waitSignal(plate.write_requested) as sent:
        plate.manual_button.click()
    assert sent.args == ["coater.tension_mode", int(LoopMode.MANUAL)]
    plate.show_values({"coater.tension_mode": tv("coater.tension_mode", int(LoopMode.MANUAL))})
    assert plate.out_button.isEnabled() and plate.mode_lamp.text() == "MANUAL"


def test_alarm_summary_puts_the_worst_first(demo_config: LineConfig) -> None:
    summary = AlarmSummary({t.id: t for t in demo_config.tags})
    summary.update(
        {
            "coater.exhaust_lfl_pct": tv("coater.exhaust_lfl_pct", 30.0),  # HH 25 -> P1
            "calender.porosity_pct": tv("calender.porosity_pct", 40.0),  # H 35 -> P3
        }
    )
    worst = summary.worst()
    assert worst is not None and worst[0] == "coater.exhaust_lfl_pct"
    assert worst[1] is AlarmPriority.P1 and worst[2] == "HH 25 % LFL"
    summary.update({"coater.exhaust_lfl_pct": tv("coater.exhaust_lfl_pct", 30.0, Quality.BAD)})
    assert summary.worst()[0] == "calender.porosity_pct"  # type: ignore[index]


def test_live_history_samples_gaps_and_wraps() -> None:
    history = LiveHistory(["a.x", "a.y"], window_s=3.0, store_hz=1.0)
    for second in range(5):
        quality = Quality.COMM_LOST if second == 3 else Quality.GOOD
        history.update({"a.x": tv("a.x", float(second), quality)})
        column = history.sample(float(second))
        assert np.isnan(column[1])  # a.y never seen: a gap, live and stored
    times, values = history.series("a.x")
    assert times.tolist() == [2.0, 3.0, 4.0]
    assert values[0] == 2.0 and np.isnan(values[1]) and values[2] == 4.0
    assert np.isnan(history.series("a.y")[1]).all()
    assert history.series("a.x", since_s=3.5)[0].tolist() == [4.0]


def test_live_history_stores_at_its_own_rate() -> None:
    history = LiveHistory(["a.x"], window_s=10.0, store_hz=2.0)
    for tick in range(10):  # 10 Hz sampling for one second
        history.update({"a.x": tv("a.x", float(tick))})
        assert history.sample(tick / 10)[0] == float(tick)  # the live column is every tick
    assert len(history) == 2  # stored twice: at 0.0 s and 0.5 s


def test_a_connection_without_security_is_said_in_the_header(
    qtbot, demo_config: LineConfig
) -> None:
    from datetime import UTC, datetime

    from hmi.plc.supervisor import ConnectionHealth
    from hmi.ui.header import Header

    header = Header(demo_config)
    qtbot.addWidget(header)
    now = datetime.now(UTC)
    health = {
        "opcua_cell": ConnectionHealth("opcua_cell", "connected", now, "", 0, 1.0, 0.0,
                                       insecure=True),
        "opcua_electrode": ConnectionHealth("opcua_electrode", "connected", now, "", 0, 1.0, 0.0),
    }
    header.show_health(health)
    assert header.insecure_banner.isVisibleTo(header)
    assert "opcua_cell" in header.insecure_banner.text()
    assert "opcua_electrode" not in header.insecure_banner.text()
    health["opcua_cell"] = ConnectionHealth("opcua_cell", "connected", now, "", 0, 1.0, 0.0)
    header.show_health(health)
    assert not header.insecure_banner.isVisibleTo(header)

"""A plant-sized line (1,120 stations, 20,160 tags): the window starts without building one
station screen, builds exactly the one shown (side bar, overview tile, an alarm's "go to"),
and values reach only screens that are built and on show."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from hmi.config import LineConfig
from hmi.core.iothread import IoThread
from hmi.core.packml import PackMLState
from hmi.core.tagstore import TagStore
from hmi.plc.service import PlcService
from hmi.sim.big_line import big_line_config
from hmi.ui.bridge import PlcBridge
from hmi.ui.main_window import STATIONS, MainWindow
from hmi.ui.station_screen import StationScreen
from tests.ui.conftest import main_window_on, tv
from widgets.theme import AlarmPriority


@pytest.fixture(scope="module")
def big_config(demo_config: LineConfig) -> LineConfig:
    return big_line_config(demo_config, 20_000, opcua=6, modbus=4)


@pytest.fixture
def big_window(qtbot, big_config: LineConfig) -> Iterator[tuple[MainWindow, TagStore]]:  # type: ignore[no-untyped-def]
    """The main window on the big config; values go in through the real store and bridge
    (the PLC service is made but not started: no twin serves 20,000 tags in a unit test)."""
    store = TagStore(big_config.expected_periods_s())
    io = IoThread().start()
    bridge = PlcBridge(store, PlcService(big_config, store), io, frame_ms=20)
    try:
        with main_window_on(qtbot, big_config, bridge) as window:
            yield window, store
    finally:
        io.stop()


def built_screens(window: MainWindow) -> set[str]:
    """Station screens that exist as widgets (counted by Qt, not by the window's word)."""
    found = {s.layout_model.station.id for s in window.findChildren(StationScreen)}
    assert found == set(window.stations.built())
    return found


def test_the_window_starts_with_no_station_screen_and_builds_the_one_navigated_to(
        qtbot, big_window) -> None:  # type: ignore[no-untyped-def]
    window, _ = big_window
    assert len(window.stations) == 1120 and "winder_57" in window.screens
    assert built_screens(window) == set()
    # The side bar: no thousand buttons; the Stations group is a list with a search field.
    listed = window.nav.lists[STATIONS]
    assert not any(name in window.nav.buttons for name in window.stations)
    assert listed.list.count() == 1120 and listed.isHidden()
    window.nav.group_buttons[STATIONS].click()
    assert listed.isVisible()
    listed.search.setText("winder 57")
    shown = [name for name, row in listed.rows.items() if not row.isHidden()]
    assert shown == ["winder_57"]
    row = listed.list.visualItemRect(listed.rows["winder_57"])
    with qtbot.waitSignal(window.screen_changed) as changed:
        qtbot.mouseClick(listed.list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert changed.args == ["winder_57"] and window.current_screen() == "winder_57"
    assert built_screens(window) == {"winder_57"}
    assert listed.list.currentItem() is listed.rows["winder_57"]
    # Shown again later: the same screen, not a second one.
    screen = window.stations["winder_57"]
    window.show_screen("overview")
    window.show_screen("winder_57")
    assert window.stations["winder_57"] is screen and built_screens(window) == {"winder_57"}
    assert window.nav.buttons["overview"].isChecked() is False


def test_an_alarms_go_to_builds_its_station_and_the_overview_tile_opens_one(
        qtbot, big_window, big_config: LineConfig) -> None:  # type: ignore[no-untyped-def]
    window, _ = big_window
    alarm = next(a for a in big_config.alarms if a.tag is not None)
    assert alarm.tag is not None
    station = window.show_station_of(alarm.tag)
    assert station == big_config.tag(alarm.tag).station
    assert window.current_screen() == station and built_screens(window) == {station}
    # The overview of a big line: one painted tile per station, a touch opens it.
    window.show_screen("overview")
    grid = window.overview.grid
    assert grid is not None and window.overview.tiles == {}
    assert grid.model().rowCount() == 1120
    rect = grid.tile_rect("calender_88")
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.current_screen() == "calender_88", timeout=2_000)
    assert built_screens(window) == {station, "calender_88"}


def test_values_reach_the_overview_tiles_and_only_built_screens_on_show(
        qtbot, big_window) -> None:  # type: ignore[no-untyped-def]
    window, store = big_window
    grid = window.overview.grid
    assert grid is not None
    assert grid.tile("coater_40").state_text == "State unknown"
    store.update([tv("coater_40.state", int(PackMLState.EXECUTE)),
                  tv("coater_40.web_tension_n", 62.0)])
    qtbot.waitUntil(lambda: grid.tile("coater_40").state_text == "Execute", timeout=3_000)
    assert grid.tile("coater_40").key_text.endswith("62.0 N")
    assert grid.tile("coater_40").worst is None
    store.update([tv("coater_40.interlock_trip", True)])  # a trip: the tile says it, in P1
    qtbot.waitUntil(lambda: grid.tile("coater_40").worst is AlarmPriority.P1, timeout=3_000)
    assert "TRIP" in grid.tile("coater_40").state_text
    assert built_screens(window) == set()  # values for a station build nothing

    store.update([tv("coater_40.line_speed_mpm", 30.0)])
    qtbot.waitUntil(lambda: "30.0" in str(window.latest.get("coater_40.line_speed_mpm")),
                    timeout=3_000)
    window.show_screen("coater_40")  # built now, from the latest values
    tile = window.stations["coater_40"].tiles["coater_40.line_speed_mpm"]
    assert "30.0" in tile.value_text()
    window.show_screen("overview")  # hidden: this frame's news does not reach it
    store.update([tv("coater_40.line_speed_mpm", 31.5), tv("coater_40.web_tension_n", 64.5)])
    qtbot.waitUntil(lambda: "64.5" in grid.tile("coater_40").key_text, timeout=3_000)
    assert "30.0" in tile.value_text()
    window.show_screen("coater_40")  # on show again: brought up to date at once
    assert "31.5" in tile.value_text()

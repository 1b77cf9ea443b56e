"""From the alarm list to the alarm's station in one touch, on the running twin."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import alarm_panel
from tests.ui.test_alarm_screen import WEB_BREAK, _wait_for_alarm, qtbot_left
from widgets.theme import metrics


def test_go_to_station_shows_the_selected_alarms_station(qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
                                                         ) -> None:
    with alarm_panel(qtbot, tmp_path) as (runtime, panel):
        window = panel.window
        screen = window.alarm_screen
        window.show_screen("alarms")
        runtime.inject_fault("web_break", "coater")
        _wait_for_alarm(qtbot, screen, WEB_BREAK)
        screen.table.clearSelection()
        assert not screen.station_button.isEnabled()  # nothing selected: nowhere to go
        screen.select(WEB_BREAK)
        view = screen.selected()
        assert view is not None and view.tag is not None
        assert screen.station_button.isEnabled() and screen.station_button.text()
        # A big touch target: the theme's button height, wider than one target.
        assert screen.station_button.minimumHeight() >= metrics().button_px(screen)
        assert screen.station_button.minimumWidth() >= 2 * metrics().button_px(screen)
        qtbot.mouseClick(screen.station_button, qtbot_left())
        station = runtime.config.tag(view.tag).station
        assert window.current_screen() == station == "coater"

"""AlarmBanner on its own: what it leads with, what it counts, and that a touch opens."""

from __future__ import annotations

from PySide6.QtCore import Qt

from widgets.alarm_banner import AlarmBanner, BannerAlarm
from widgets.theme import AlarmPriority, metrics


def test_the_banner_leads_with_the_alarm_given_counts_per_priority_and_ages(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [1000.0]
    banner = AlarmBanner(clock=lambda: now[0])
    qtbot.addWidget(banner)
    assert banner.text() == "No unacknowledged alarms" and banner.lead() is None
    banner.show_alarms(BannerAlarm(AlarmPriority.P1, "Coater web break", since=990.0),
                       {1: 2, 3: 1})
    assert banner.text() == "Coater web break  10 s"
    assert banner.counts()[AlarmPriority.P1] == 2 and banner.counts()[AlarmPriority.P3] == 1
    assert banner.counts_text() == "P1: 2  P3: 1"
    assert banner.flashing()  # unacknowledged: its badge flashes (ISA-18.2)
    now[0] = 1075.0
    assert banner.text() == "Coater web break  1 min 25 s"
    banner.show_alarms(BannerAlarm(AlarmPriority.P1, "Coater web break", 990.0, unacked=False),
                       {})
    assert not banner.flashing()
    banner.show_alarms(None, {}, standing=3)
    assert banner.text() == "No unacknowledged alarms; 3 active, acknowledged"
    assert banner.counts_text() == ""


def test_a_touch_anywhere_on_the_banner_asks_for_the_alarm_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    banner.resize(600, banner.height())
    banner.show()
    banner.grab()  # painted with and without an alarm, offscreen: no warnings
    banner.show_alarms(BannerAlarm(AlarmPriority.P2, "Dew point high"), {AlarmPriority.P2: 1})
    banner.grab()
    with qtbot.waitSignal(banner.activated, timeout=1_000):
        qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
    assert banner.height() >= metrics().button_px(banner)  # a touch target, gloves included

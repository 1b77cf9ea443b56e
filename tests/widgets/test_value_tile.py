from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPoint, Qt

from tests.widgets.conftest import FakeClock
from widgets.quality import DisplayQuality
from widgets.theme import AlarmPriority
from widgets.value_tile import ValueTile


def make_tile(qtbot, clock: FakeClock) -> ValueTile:
    tile = ValueTile("Web tension unwind", "N", decimals=1, clock=clock)
    qtbot.addWidget(tile)
    tile.set_setpoint(150.0)
    tile.set_normal_band(140.0, 160.0)
    tile.set_alarm_limits(120.0, 170.0)
    return tile


def test_good_value_shows_number_unit_and_setpoint(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.set_value(142.34, DisplayQuality.GOOD, clock())
    assert tile.value_text() == "142.3"
    assert tile.unit_text() == "N"
    assert tile.caption_text() == "SP 150.0 N"
    assert not tile.is_greyed()


def test_stale_is_greyed_with_a_growing_age(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.set_value(142.3, DisplayQuality.STALE, clock() - 12)
    assert tile.is_greyed()
    assert tile.value_text() == "142.3"  # the last value stays readable, but greyed
    assert tile.caption_text() == "stale 12 s"
    assert tile.deviation_bar.is_live() is False
    clock.advance(53)
    assert tile.caption_text() == "stale 1 min 5 s"
    # The age repaints by itself once a second while the value is old, and only then.
    assert tile._age.running
    with qtbot.waitSignal(tile._age.ticked, timeout=2000):
        pass
    tile.set_value(143.0, DisplayQuality.GOOD, clock())
    assert not tile._age.running and not tile.is_greyed()


def test_comm_lost_says_lost_with_age(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.set_value(142.3, DisplayQuality.COMM_LOST, clock() - 65)
    assert tile.is_greyed()
    assert tile.caption_text() == "lost 1 min 5 s"


def test_bad_shows_the_status_not_the_number(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.set_value(142.3, DisplayQuality.BAD, clock(), status="BadSensorFailure")
    assert tile.value_text() == "BAD"
    assert tile.caption_text() == "BadSensorFailure"
    assert tile.deviation_bar.value() is None  # no pointer for a value the PLC disowns


def test_deviation_bar_carries_value_setpoint_band_and_limits(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.set_scale(100.0, 200.0)
    tile.set_value(165.0, DisplayQuality.GOOD, clock())
    bar = tile.deviation_bar
    assert bar.value() == 165.0 and bar.is_live()
    assert bar.setpoint() == 150.0
    assert bar.normal_band() == (140.0, 160.0)
    assert bar.alarm_limits() == (120.0, 170.0)
    assert math.isclose(bar.fraction(165.0), 0.65)
    assert bar.fraction(500.0) == 1.0  # off-scale values pin to the end


def test_alarm_shows_priority_and_text(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.set_value(172.0, DisplayQuality.GOOD, clock())
    tile.set_alarm(AlarmPriority.P1, "HI alarm")
    assert tile.alarm() is AlarmPriority.P1
    assert tile.caption_text() == "P1 HI alarm"
    assert tile.deviation_bar.alarm() is AlarmPriority.P1
    tile.set_alarm(None)
    assert tile.caption_text() == "SP 150.0 N"


def test_sparkline_gets_gaps_for_bad_quality(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    for i, q in enumerate([DisplayQuality.GOOD, DisplayQuality.BAD, DisplayQuality.GOOD]):
        tile.set_value(140.0 + i, q, clock() + i)
    _t, v = tile.sparkline.ring.view()
    assert v[0] == 140.0 and np.isnan(v[1]) and v[2] == 142.0


def test_click_emits_clicked(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    with qtbot.waitSignal(tile.clicked, timeout=1000):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)


def test_double_click_requests_trend(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    with qtbot.waitSignal(tile.trend_requested, timeout=1000):
        qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)


def test_long_press_requests_trend_and_swallows_the_click(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.resize(400, 300)
    with qtbot.waitSignal(tile.trend_requested, timeout=2000):
        qtbot.mousePress(tile, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    with qtbot.assertNotEmitted(tile.clicked):
        qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))


def test_uncertain_is_live_but_said(qtbot, clock: FakeClock) -> None:
    tile = make_tile(qtbot, clock)
    tile.set_value(150.0, DisplayQuality.UNCERTAIN, clock(), status="UncertainLastUsableValue")
    assert not tile.is_greyed()
    assert tile.caption_text() == "uncertain: UncertainLastUsableValue"
    tile.set_alarm(AlarmPriority.P2, "HI")
    assert tile.caption_text() == "P2 HI"  # an alarm outranks the doubt


def test_a_value_too_wide_for_its_tile_is_drawn_smaller_never_clipped(
    qtbot, clock: FakeClock
) -> None:
    from PySide6.QtGui import QFontMetricsF

    from widgets.painting import pixel_font

    tile = make_tile(qtbot, clock)
    tile.set_value(1234567.8, DisplayQuality.GOOD, clock())
    full = tile.value_font_px(10_000)
    assert full == tile._line_px()[1]  # room enough: the tile's own size
    narrow = 80.0
    smaller = tile.value_font_px(narrow)
    assert smaller < full
    width = QFontMetricsF(pixel_font(tile.font(), smaller, bold=True)).horizontalAdvance(
        tile.value_text()
    )
    assert width <= narrow + 1  # every digit inside the tile

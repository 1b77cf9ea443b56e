from __future__ import annotations

import itertools
from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from tests.widgets.conftest import FakeClock
from widgets.trend_limit import LimitLine
from widgets.trend_plot import TrendPlot


@pytest.fixture
def plot(qtbot, clock: FakeClock) -> TrendPlot:
    tp = TrendPlot(window_s=60, capacity=1000, clock=clock)
    qtbot.addWidget(tp)
    tp.resize(1200, 700)
    tp.add_pen("ten", "Tension", "N")
    tp.add_pen("dew", "Dew point", "°C", decimals=1)
    return tp


def feed(tp: TrendPlot, clock: FakeClock, key: str, seconds: float, rate_hz: float = 10.0,
         good: np.ndarray | None = None) -> np.ndarray:
    t = clock() - seconds + np.arange(int(seconds * rate_hz)) / rate_hz
    tp.append(key, t, 100.0 + np.arange(t.size), good)
    return t


def test_bad_quality_samples_are_gaps_in_the_curve(plot: TrendPlot, clock: FakeClock) -> None:
    good = np.ones(100, dtype=bool)
    good[40:50] = False
    t = feed(plot, clock, "ten", 10.0, good=good)
    plot.refresh()
    _t, v = plot.pen("ten").curve_data()
    assert np.isnan(v[40:50]).all()
    assert np.isfinite(v[:40]).all() and np.isfinite(v[50:]).all()
    # The drawn line has every good step and none across the gap.
    pen = plot.pen("ten")
    assert pen.history.path().isEmpty()  # all of it is still the live segment here
    path = pen.live.path()
    elements = [path.elementAt(i) for i in range(path.elementCount())]
    steps = [(a.x, b.x) for a, b in itertools.pairwise(elements) if b.isLineTo()]
    assert len([s for s in steps if s[1] > s[0]]) == 39 + 49
    assert not [s for s in steps if s[0] < t[40] and s[1] > t[49]]


def test_silence_longer_than_max_gap_is_a_gap(plot: TrendPlot, clock: FakeClock) -> None:
    plot.append("ten", [clock() - 30, clock() - 29], [1.0, 2.0])
    plot.append("ten", [clock() - 2, clock() - 1], [3.0, 4.0])  # 27 s of nothing between
    plot.refresh()
    _t, v = plot.pen("ten").curve_data()
    assert v.tolist()[:2] == [1.0, 2.0] and np.isnan(v[2]) and v.tolist()[3:] == [3.0, 4.0]
    assert plot.cursor_values(clock() - 15)["ten"] is None


def test_ring_wraps_without_losing_order(plot: TrendPlot, clock: FakeClock) -> None:
    for _ in range(25):  # 2500 samples through a 1000-sample ring, batch by batch
        clock.advance(10.0)
        t = clock() - 10.0 + np.arange(100) / 10.0
        plot.append("ten", t, t - 1.7e9)  # values rise with time: order is checkable
        plot.refresh()
    t, v = plot.pen("ten").ring.view()
    assert t.size == 1000 and t[-1] == pytest.approx(clock() - 0.1)
    assert (np.diff(t) > 0).all() and (np.diff(v) > 0).all()
    t, v = plot.pen("ten").curve_data()  # what is drawn: history + live, still in order
    assert (np.diff(t) > 0).all() and (np.diff(v) > 0).all()
    assert t[-1] == pytest.approx(clock() - 0.1)


def ahead_of(clock: FakeClock, x1: float, window_s: float = 60.0) -> bool:
    """A following window's right edge is at most 2 % of the window (+ a pixel) ahead."""
    return clock() <= x1 <= clock() + 0.02 * window_s + 0.5


def test_window_follows_now_and_pauses(qtbot, plot: TrendPlot, clock: FakeClock) -> None:
    feed(plot, clock, "ten", 30.0)
    plot.refresh()
    x0, x1 = plot.x_range()
    assert ahead_of(clock, x1) and x1 - x0 == pytest.approx(60.0, abs=0.5)
    clock.advance(30.0)
    plot.refresh()
    assert ahead_of(clock, plot.x_range()[1])
    with qtbot.waitSignal(plot.following_changed, timeout=1000) as signal:
        plot.set_following(False)
    assert signal.args == [False]
    held = plot.x_range()
    clock.advance(30.0)
    plot.refresh()
    assert plot.x_range() == held
    plot.set_following(True)
    assert ahead_of(clock, plot.x_range()[1])


def test_following_window_jumps_rather_than_crawls(plot: TrendPlot, clock: FakeClock) -> None:
    """Each move repaints the whole plot: a following window moves seldom, in jumps."""
    plot.set_window_s(3600.0)
    plot.refresh()
    start = plot.x_range()
    moves = 0
    for _ in range(600):  # one minute at 10 Hz
        clock.advance(0.1)
        before = plot.x_range()
        plot.refresh()
        moves += plot.x_range() != before
        assert ahead_of(clock, plot.x_range()[1], 3600.0)
    assert moves <= 1 and plot.x_range()[1] - start[1] <= 0.02 * 3600 + 1


def test_window_is_clamped_to_one_minute_to_one_hour(plot: TrendPlot) -> None:
    plot.set_window_s(5)
    assert plot.window_s() == 60.0
    plot.set_window_s(7200)
    assert plot.window_s() == 3600.0
    x0, x1 = plot.x_range()
    assert x1 - x0 == pytest.approx(3600.0, abs=1.0)
    assert plot.toolbar.window_buttons[3600.0].isChecked()


def test_operator_pan_and_pinch_stop_following(qtbot, plot: TrendPlot) -> None:
    plot.show()
    qtbot.waitExposed(plot)
    with qtbot.waitSignal(plot.following_changed, timeout=1000):
        plot.view_box.translateBy(x=-10.0)  # what a drag does
        plot.view_box.sigRangeChangedManually.emit([True, False])
    assert not plot.is_following()
    plot.set_following(True)
    before = plot.x_range()
    plot.pinch_zoom(2.0)  # fingers spread: zoom in on time
    x0, x1 = plot.x_range()
    assert (x1 - x0) == pytest.approx((before[1] - before[0]) / 2, rel=0.01)
    assert not plot.is_following()


def test_cursor_reads_all_pens_with_a_dash_in_a_gap(plot: TrendPlot, clock: FakeClock) -> None:
    good = np.ones(100, dtype=bool)
    good[40:50] = False
    t = feed(plot, clock, "ten", 10.0, good=good)
    plot.append("dew", t, np.full(t.size, -42.25))
    plot.refresh()
    values = plot.cursor_values(float(t[20]) + 0.01)
    assert values == {"ten": 120.0, "dew": -42.25}
    plot.set_cursor(float(t[45]) + 0.01)
    assert plot.cursor_values(float(t[45]) + 0.01)["ten"] is None
    text = plot.readout_text()
    assert "Tension —" in text and "Dew point -42.2 °C" in text
    plot.set_cursor(float(t[20]) + 0.01)
    assert "Tension 120 N" in plot.readout_text()
    assert plot.cursor_line.isVisible() and plot.toolbar.cursor_button.isChecked()
    plot.set_cursor(None)
    assert not plot.cursor_line.isVisible() and plot.readout_text() == ""


def test_limit_lines_are_drawn_in_the_pens_axis(plot: TrendPlot, clock: FakeClock) -> None:
    feed(plot, clock, "ten", 10.0)
    plot.refresh()
    plot.set_limits("ten", 90.0, 250.0)
    low, high = plot.pen("ten").limit_lines
    assert isinstance(low, LimitLine) and isinstance(high, LimitLine)
    assert (low.value(), high.value()) == (90.0, 250.0) and low.angle == 0
    assert low.view_box is plot.view_box and low.parentItem() is plot.view_box.childGroup
    assert high.label.text() == "H 250"
    # The label stays at the right of whatever range is on screen.
    x0, x1 = plot.x_range()
    assert high.label.pos().x() == pytest.approx(x0 + 0.97 * (x1 - x0))
    plot.show_range(x0 - 600, x1 - 600)
    x0, x1 = plot.x_range()
    assert high.label.pos().x() == pytest.approx(x0 + 0.97 * (x1 - x0))
    y0, y1 = plot.view_box.viewRange()[1]
    assert y0 < 90.0 and y1 > 250.0  # limits are on screen
    plot.set_limits("ten", None, 200.0)
    low, high = plot.pen("ten").limit_lines
    assert low is None and high.value() == 200.0


def test_second_unit_gets_a_right_hand_axis(plot: TrendPlot) -> None:
    assert plot.units() == ["N", "°C"]
    assert plot.pen("dew").view_box is not plot.view_box
    right = plot.axis_for_unit("°C")
    assert right.orientation == "right" and right.isVisible()
    assert right.linkedView() is plot.pen("dew").view_box
    # Drags land on the main view (it pauses following) and the legend stays on top.
    assert plot.pen("dew").view_box.zValue() < plot.view_box.zValue()
    plot.add_pen("ten2", "Tension rewind", "N")  # same unit: same axis
    assert plot.pen("ten2").view_box is plot.view_box
    plot.add_pen("spd", "Speed", "m/min")  # a third unit: a further right axis
    assert plot.axis_for_unit("m/min") is not right


def test_legend_names_every_pen_with_unit(plot: TrendPlot) -> None:
    labels = [label.text for _sample, label in plot.legend.items]
    assert labels == ["Tension [N]", "Dew point [°C]"]


def test_unknown_pen_and_duplicate_pen_are_named(plot: TrendPlot) -> None:
    with pytest.raises(KeyError, match="no trend pen 'nope'"):
        plot.append("nope", [1.0], [1.0])
    with pytest.raises(ValueError, match="exists already"):
        plot.add_pen("ten", "Again", "N")


def test_out_of_order_samples_are_dropped(plot: TrendPlot, clock: FakeClock) -> None:
    plot.append("ten", [clock() - 3, clock() - 2], [1.0, 2.0])
    plot.append("ten", [clock() - 5, clock() - 1], [9.0, 3.0])
    plot.refresh()
    assert plot.pen("ten").curve_data()[1].tolist() == [1.0, 2.0, 3.0]


def test_change_only_feeds_can_turn_silence_gaps_off(plot: TrendPlot, clock: FakeClock) -> None:
    plot.add_pen("sp", "Setpoint", "N", max_gap_s=None)
    plot.append("sp", [clock() - 50, clock() - 1], [150.0, 155.0])
    plot.refresh()
    assert plot.pen("sp").curve_data()[1].tolist() == [150.0, 155.0]
    assert plot.cursor_values(clock() - 20)["sp"] == 150.0


def test_remove_pen(plot: TrendPlot, clock: FakeClock) -> None:
    feed(plot, clock, "ten", 5.0)
    plot.set_limits("ten", 0.0, 500.0)
    pen = plot.pen("ten")
    plot.remove_pen("ten")
    assert plot.pen_keys() == ["dew"]
    assert pen.history.scene() is None and pen.limit_lines == (None, None)
    assert [label.text for _s, label in plot.legend.items] == ["Dew point [°C]"]


def _touch(plot: TrendPlot):
    from PySide6.QtTest import QTest

    return QTest.touchEvent(plot._plot_widget.viewport(), QTest.createTouchDevice(), False)


@pytest.fixture
def shown(qtbot, plot: TrendPlot, clock: FakeClock) -> TrendPlot:
    feed(plot, clock, "ten", 30.0)
    plot.show()
    qtbot.waitExposed(plot)
    plot.refresh()
    return plot


def test_one_finger_drag_pans_back_in_time(shown: TrendPlot) -> None:
    x0, x1 = shown.x_range()
    touch = _touch(shown)
    touch.press(0, QPoint(300, 200)).commit()
    touch.move(0, QPoint(500, 200)).commit()  # finger moves right: older data slides in
    touch.release(0, QPoint(500, 200)).commit()
    nx0, nx1 = shown.x_range()
    assert not shown.is_following()
    assert nx1 < x1 and nx1 - nx0 == pytest.approx(x1 - x0, rel=1e-6)
    assert not shown.cursor_line.isVisible()  # a drag is not a tap


def test_two_finger_pinch_zooms_time(shown: TrendPlot) -> None:
    x0, x1 = shown.x_range()
    touch = _touch(shown)
    touch.press(0, QPoint(400, 200)).press(1, QPoint(600, 200)).commit()
    touch.move(0, QPoint(300, 200)).move(1, QPoint(700, 200)).commit()  # spread x2
    touch.release(0, QPoint(300, 200)).release(1, QPoint(700, 200)).commit()
    nx0, nx1 = shown.x_range()
    assert (nx1 - nx0) == pytest.approx((x1 - x0) / 2, rel=0.02)
    assert not shown.is_following()


def test_tap_places_the_cursor(shown: TrendPlot) -> None:
    touch = _touch(shown)
    touch.press(0, QPoint(600, 300)).commit()
    touch.release(0, QPoint(600, 300)).commit()
    assert shown.cursor_line.isVisible()
    x0, x1 = shown.x_range()
    assert x0 < shown.cursor_time() < x1
    stamp = datetime.fromtimestamp(shown.cursor_time()).strftime("%H:%M:%S")
    assert shown.readout_text().startswith(stamp)


def test_tip_shows_news_until_a_sample_replaces_it(plot: TrendPlot, clock: FakeClock) -> None:
    feed(plot, clock, "ten", 5.0)
    plot.refresh()
    last_t = plot.pen("ten").ring.last_time
    plot.set_tip("ten", last_t + 0.05, 99.0)
    plot.refresh()
    t, v = plot.pen("ten").curve_data()
    assert t[-1] == last_t + 0.05 and v[-1] == 99.0  # drawn, not stored
    assert plot.pen("ten").ring.last_time == last_t
    plot.append("ten", [last_t + 0.1], [42.0])  # the sample catches up: the tip goes
    plot.refresh()
    t, v = plot.pen("ten").curve_data()
    assert t[-1] == last_t + 0.1 and v[-1] == 42.0 and 99.0 not in v
    plot.set_tip("ten", last_t, 7.0)  # older than what is stored: ignored
    plot.refresh()
    assert plot.pen("ten").curve_data()[1][-1] == 42.0


def test_crossing_a_limit_leaves_a_mark_where_it_happened(
    plot: TrendPlot, clock: FakeClock
) -> None:
    plot.set_limits("ten", 95.0, 105.0)
    t = clock() - 10 + np.arange(100) / 10
    v = np.full(100, 100.0)
    v[30:40] = 110.0  # above H from t[30]
    v[60:70] = 90.0  # below L from t[60]
    v[80] = np.nan  # a gap is not a crossing
    plot.append("ten", t, v)
    plot.pen("ten").refresh_history()
    marks = plot.pen("ten").alarm_mark_times()
    assert marks.tolist() == pytest.approx([t[30], t[60]])
    symbols = plot.pen("ten").alarm_marks.data["symbol"].tolist()
    assert sorted(symbols) == ["t", "t1"]  # one pointing up (H), one down (L)


def test_marks_come_with_new_samples_and_leave_with_the_ring(
    plot: TrendPlot, clock: FakeClock
) -> None:
    """The long curves' re-set marks only the samples new to it, and forgets marks of
    samples the ring no longer holds; new limits mark the whole ring again."""
    pen = plot.pen("ten")
    plot.set_limits("ten", 95.0, 105.0)

    def add(values: np.ndarray) -> np.ndarray:
        t = clock() + np.arange(values.size) / 10
        clock.advance(values.size / 10)
        plot.append("ten", t, values)
        pen.refresh_history()
        return t

    v = np.full(100, 100.0)
    v[30:35] = 110.0
    first = add(v)
    assert pen.alarm_mark_times().tolist() == [first[30]]
    v = np.full(100, 100.0)
    v[0:5] = 90.0  # crossing between the old last sample and the first new one
    second = add(v)
    assert pen.alarm_mark_times().tolist() == [first[30], second[0]]
    plot.set_limits("ten", 85.0, 105.0)
    add(np.full(10, 100.0))
    assert pen.alarm_mark_times().tolist() == [first[30]]  # 90 is inside the new limits
    add(np.full(1000, 100.0))  # the ring (1000) no longer holds the crossing
    assert pen.alarm_mark_times().size == 0


def test_a_live_value_beyond_the_scale_grows_it_without_dropping_the_history(
    plot: TrendPlot, clock: FakeClock
) -> None:
    t = clock() - 30 + np.arange(300) / 10
    plot.append("ten", t, np.linspace(0.0, 50.0, 300))
    plot.pen("ten").refresh_history()  # the long curve holds it; the live one starts at 50
    plot.fit_y()
    view = plot.pen("ten").view_box
    y0, y1 = view.viewRange()[1]
    assert y0 <= 0.0 and y1 >= 50.0
    clock.advance(0.1)
    plot.append_sample("ten", clock(), 400.0)  # the live segment leaves the scale
    plot.refresh()
    g0, g1 = view.viewRange()[1]
    assert g0 <= 0.0 and g1 > 400.0  # grown: the history is still on screen
    clock.advance(0.1)
    plot.append_sample("ten", clock(), 410.0)  # the next peak fits the headroom
    plot.refresh()
    assert view.viewRange()[1] == [g0, g1]


def test_the_plot_keeps_its_height_through_small_changes_of_its_room(
    qtbot, plot: TrendPlot
) -> None:
    """A banner coming and going above the trend must not rescale (and redraw) all of it."""
    plot.show()
    qtbot.waitExposed(plot)
    resized: list[object] = []
    plot.view_box.sigResized.connect(resized.append)
    plot.resize(1200, 660)  # a banner takes a line
    qtbot.waitUntil(lambda: plot._plot_holder.height() < 640)
    shrunk = plot._plot_widget.height()
    assert shrunk <= plot._plot_holder.height()  # it fits
    count = len(resized)
    for height in (700, 670, 700):  # the banner comes and goes
        plot.resize(1200, height)
        qtbot.wait(20)
    assert plot._plot_widget.height() == shrunk and len(resized) == count
    plot.resize(1200, 900)  # a real change of room: the plot takes it
    qtbot.waitUntil(lambda: plot._plot_widget.height() > shrunk + 150)


def test_wider_tick_labels_do_not_narrow_the_plot(qtbot, plot: TrendPlot) -> None:
    """A new plot width is a new time scale (every history tile drawn again): the y axes
    keep their width whatever their labels say."""
    plot.show()
    qtbot.waitExposed(plot)
    view = plot.pen("ten").view_box
    view.setYRange(0.0, 9.0, padding=0)
    qtbot.wait(50)
    width = plot.view_box.width()
    view.setYRange(-15000.0, 15000.0, padding=0)  # labels from "8" to "-15000"
    plot.pen("dew").view_box.setYRange(-60.5, -40.5, padding=0)
    qtbot.wait(50)
    assert plot.view_box.width() == width

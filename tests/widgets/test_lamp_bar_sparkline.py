from __future__ import annotations

import numpy as np

from tests.widgets.conftest import FakeClock
from widgets.deviation_bar import DeviationBar
from widgets.sparkline import Sparkline
from widgets.status_lamp import ConnectionState, LampState, StatusLamp
from widgets.theme import AlarmPriority


def test_connection_states(qtbot, clock: FakeClock) -> None:
    lamp = StatusLamp(clock=clock)
    qtbot.addWidget(lamp)
    lamp.set_connection(ConnectionState.CONNECTED)
    assert lamp.state() is LampState.NORMAL and lamp.text() == "Connected"
    assert lamp.priority() is None  # normal is grey: no colour
    lamp.set_connection(ConnectionState.CONNECTING, since=clock() - 4)
    assert lamp.state() is LampState.TRANSITION and lamp.text() == "Connecting 4 s"
    lamp.set_connection(ConnectionState.LOST, since=clock() - 23)
    assert lamp.state() is LampState.ALARM and lamp.priority() is AlarmPriority.P2
    assert lamp.text() == "Lost 23 s"
    clock.advance(60)
    assert lamp.text() == "Lost 1 min 23 s"


def test_alarm_and_off_states(qtbot, clock: FakeClock) -> None:
    lamp = StatusLamp(clock=clock)
    qtbot.addWidget(lamp)
    lamp.set_state(LampState.ALARM, "E-stop", priority=AlarmPriority.P1)
    assert lamp.priority() is AlarmPriority.P1 and lamp.text() == "E-stop"
    lamp.set_state(LampState.OFF, "Station off")
    assert lamp.priority() is None and lamp.text() == "Station off"
    lamp.grab()  # paints every branch without error


def test_deviation_bar_alone_scales_from_its_limits(qtbot) -> None:
    bar = DeviationBar()
    qtbot.addWidget(bar)
    bar.set_alarm_limits(100.0, 200.0)
    lo, hi = bar.scale()
    assert lo < 100.0 and hi > 200.0
    bar.set_value(150.0)
    assert 0.45 < bar.fraction(150.0) < 0.55
    bar.set_value(float("nan"))
    assert bar.value() is None
    bar.grab()


def test_sparkline_draws_runs_between_gaps(qtbot, clock: FakeClock) -> None:
    spark = Sparkline(capacity=8, window_s=None)
    qtbot.addWidget(spark)
    spark.extend(clock() + np.arange(10.0), np.arange(10.0), good=[True] * 5 + [False] + [True] * 4)
    t, v = spark.visible()
    assert t.size == 8  # the ring keeps the newest 8
    assert np.isnan(v[3]) and np.isfinite(v[4:]).all()
    spark.grab()


def test_sparkline_thins_fast_feeds_but_keeps_gaps(qtbot, clock: FakeClock) -> None:
    spark = Sparkline(capacity=60, window_s=60.0)  # one sample a second is enough
    qtbot.addWidget(spark)
    for i in range(100):  # 10 s at 10 Hz, bad from 4.0 s to 4.5 s
        spark.append(clock() + i / 10, float(i), good=not 40 <= i < 45)
    t, v = spark.visible()
    assert 10 <= t.size <= 13
    assert np.isnan(v).sum() == 1  # the gap survived the thinning, once

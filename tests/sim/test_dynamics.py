"""The building blocks: PID bumpless transfer, FOPDT lag and dead time, dew point."""

from __future__ import annotations

import math

import pytest

from hmi.core.packml import LoopMode
from hmi.sim.dynamics import Fopdt, Pid, Ramp
from hmi.sim.psychro import dew_point_c, humidity_ratio_kg_kg


def test_manual_to_auto_is_bumpless_even_with_a_large_error() -> None:
    pid = Pid(kp=2.0, ti_s=10.0)
    pid.set_mode(LoopMode.MANUAL, pv=50.0)
    pid.sp = 60.0
    pid.set_manual_output(30.0)
    assert pid.step(50.0, 0.1) == 30.0  # MAN: the output is the manual value
    pid.set_mode(LoopMode.AUTO, pv=50.0)
    first = pid.step(50.0, 0.1)
    # A plain restart of the integrator would jump by Kp * error = 20 %.
    assert first == pytest.approx(30.0, abs=0.5)


def test_auto_to_manual_keeps_the_last_output() -> None:
    pid = Pid(kp=1.0, ti_s=5.0)
    pid.sp = 10.0
    for _ in range(20):
        pid.step(8.0, 0.1)
    last = pid.out
    pid.set_mode(LoopMode.MANUAL, pv=8.0)
    assert pid.step(8.0, 0.1) == last


def test_sp_tracks_pv_in_manual() -> None:
    pid = Pid(kp=1.0, ti_s=5.0, sp_tracks_pv=True)
    pid.set_mode(LoopMode.MANUAL, pv=3.0)
    pid.step(7.5, 0.1)
    assert pid.sp == 7.5


def test_gain_change_in_auto_is_bumpless() -> None:
    pid = Pid(kp=1.0, ti_s=100.0)
    pid.sp = 10.0
    pid.step(5.0, 0.1)
    before = pid.out
    pid.set_gains(3.0, 100.0, pv=5.0)
    assert pid.step(5.0, 0.1) == pytest.approx(before, abs=0.2)


def test_fopdt_waits_out_its_dead_time_then_lags() -> None:
    plant = Fopdt(k=2.0, tau_s=100.0, dead_s=30.0, bias=20.0, u0=0.0)
    seen = {}
    for i in range(1, 2001):
        seen[round(i * 0.1, 1)] = plant.step(10.0, 0.1)  # a 10 % step at t = 0
    assert seen[29.0] == pytest.approx(20.0)  # nothing before the dead time
    # One time constant after the dead time: 63.2 % of the 20 K change.
    assert seen[130.0] == pytest.approx(20.0 + 20.0 * (1 - math.exp(-1)), abs=0.3)
    assert seen[200.0] < 40.0


def test_ramp_limits_the_rate() -> None:
    ramp = Ramp(0.0, rate_per_s=5.0)
    assert ramp.step(60.0, 1.0) == 5.0


@pytest.mark.parametrize(
    ("td_c", "g_per_kg"),
    [(-20, 0.63), (-30, 0.23), (-40, 0.079), (-50, 0.024), (-60, 0.0066)],
)
def test_magnus_over_ice_matches_the_domain_table(td_c: float, g_per_kg: float) -> None:
    ratio = humidity_ratio_kg_kg(td_c)
    assert ratio * 1000 == pytest.approx(g_per_kg, rel=0.02)
    assert dew_point_c(ratio) == pytest.approx(td_c, abs=1e-6)

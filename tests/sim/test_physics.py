"""Process models stepped in simulated time: tension, dryer zones, dew point, calender."""

from __future__ import annotations

import pytest

from hmi.core.packml import LoopMode
from hmi.sim.dynamics import Noise
from hmi.sim.line import Line
from hmi.sim.models.coater import Coater
from hmi.sim.models.dry_room import DryRoom
from hmi.sim.models.dryer import ZONES, DryerZone
from hmi.sim.models.electrode import Calender


def _coater_line() -> tuple[Line, Coater]:
    line = Line.of_kinds("coater")
    coater = line.station("coater")
    assert isinstance(coater, Coater)
    line.run_for(20.0)
    return line, coater


def test_tension_follows_a_speed_mismatch_and_the_pid_brings_it_back() -> None:
    line, coater = _coater_line()
    assert coater.tension.pv_n == pytest.approx(62.0, abs=2.0)
    coater.write("tension_mode", int(LoopMode.MANUAL), line)
    # The unwind now runs 0.002 % slower than the pull roll: A·E · 2e-5 ≈ 12.6 N more.
    coater.tension.draw_disturbance = 2e-5
    line.run_for(30.0)
    assert coater.tension.pv_n == pytest.approx(62.0 + 12.6, abs=2.5)
    coater.write("tension_mode", int(LoopMode.AUTO), line)
    line.run_for(40.0)
    assert coater.tension.pv_n == pytest.approx(62.0, abs=2.0)
    assert coater.tension.pid.out < 45.0  # the brake backed off to cancel the draw


def test_manual_to_auto_on_the_coater_loop_is_bumpless() -> None:
    line, coater = _coater_line()
    coater.write("tension_mode", int(LoopMode.MANUAL), line)
    coater.write("tension_out_pct", 40.0, line)  # tension sags well below setpoint
    line.run_for(20.0)
    assert coater.tension.pv_n < 55.0
    coater.write("tension_mode", int(LoopMode.AUTO), line)
    line.step(0.1)
    assert coater.tension.pid.out == pytest.approx(40.0, abs=1.0)


def test_output_write_is_refused_in_auto() -> None:
    line, coater = _coater_line()
    assert coater.write("tension_out_pct", 10.0, line).name == "INVALID_STATE"


def test_unwinding_roll_drifts_tension_without_the_loop() -> None:
    line, coater = _coater_line()
    coater.write("tension_mode", int(LoopMode.MANUAL), line)
    coater.radius_m = 0.7 * coater.radius_m  # the roll got smaller: same torque, more tension
    line.run_for(20.0)
    assert coater.tension.pv_n > 75.0


def test_dryer_zone_shows_dead_time_then_first_order_decay() -> None:
    spec = ZONES[0]  # tau 180 s, dead time 20 s
    zone = DryerZone(spec, Noise(1), load=1.0)
    for _ in range(100):
        zone.step(spec.sp_c, 1.0, 0.1)
    start_c = zone.temp_c
    zone.heater_failed = True
    temps = []
    for _ in range(int((spec.dead_s + spec.tau_s) / 0.1)):
        zone.step(spec.sp_c, 1.0, 0.1)
        temps.append(zone.temp_c)
    before_dead_time = temps[int(spec.dead_s / 0.1) - 20]
    assert before_dead_time == pytest.approx(start_c, abs=0.3)
    ambient_c = zone.plant.bias
    expected = ambient_c + (start_c - ambient_c) * 0.368
    assert temps[-1] == pytest.approx(expected, abs=2.0)


def test_dew_point_rises_with_the_door_held_open_and_recovers() -> None:
    line = Line.of_kinds("dry_room", seed=3)
    room = line.station("dry_room")
    assert isinstance(room, DryRoom)
    line.run_for(60.0)
    baseline = float(room.measured["dew_point_c"])
    assert baseline == pytest.approx(-45.0, abs=2.5)
    room.inject("dew_point_excursion", None)
    line.run_for(30.0)
    after_30 = float(room.measured["dew_point_c"])
    line.run_for(150.0)
    after_180 = float(room.measured["dew_point_c"])
    assert baseline + 5.0 < after_30 < after_180
    assert after_180 > -35.0
    room.clear("dew_point_excursion")
    line.run_for(900.0)
    assert float(room.measured["dew_point_c"]) < -42.0


def test_people_raise_the_dew_point_floor() -> None:
    line = Line.of_kinds("dry_room")
    room = line.station("dry_room")
    assert isinstance(room, DryRoom)
    room.sp["dehumidifier_on"] = True
    room.regen.set_mode(LoopMode.MANUAL, -45.0)  # fixed drying, so only the load changes
    room.people = 3
    line.run_for(600.0)
    few = float(room.measured["dew_point_c"])
    room.people = 8
    line.run_for(600.0)
    assert float(room.measured["dew_point_c"]) > few + 1.0


def test_calender_line_load_densifies_the_coating() -> None:
    line = Line.of_kinds("coater", "calender")
    calender = line.station("calender")
    assert isinstance(calender, Calender)
    line.run_for(20.0)
    light = (calender.measured["porosity_pct"], calender.measured["density_g_cm3"])
    calender.write("line_load_sp_kn_mm", 2.8, line)
    line.run_for(20.0)
    heavy = (calender.measured["porosity_pct"], calender.measured["density_g_cm3"])
    assert 20.0 < float(heavy[0]) < float(light[0]) < 30.0
    assert float(heavy[1]) > float(light[1])


def test_measured_values_change_every_tick() -> None:
    line = Line.of_kinds("coater", "dry_room", "formation")
    before = {s.id: dict(s.measured) for s in line}
    line.step(0.1)
    for station in line:
        for signal in ("web_tension_n", "dew_point_c", "chamber_temp_c"):
            if signal in before[station.id]:
                assert station.measured[signal] != before[station.id][signal]

"""The stations act as one line."""

from __future__ import annotations

from hmi.core.packml import PackMLCommand as Cmd
from hmi.core.packml import PackMLState as St
from hmi.sim.line import Line
from hmi.sim.plc import Reason
from tests.sim.helpers import command, run_until


def test_falling_vision_score_slows_then_stops_the_winder() -> None:
    line = Line.of_kinds("slitter", "winder", "vision")
    winder, vision = line.station("winder"), line.station("vision")
    line.run_for(10.0)
    assert float(winder.measured["speed_ppm"]) > 19.0
    vision.inject("vision_degrade", None)
    run_until(line, lambda: winder.plc.reason == Reason.VISION_SLOW, 30.0)
    assert winder.state == St.EXECUTE
    line.run_for(1.0)
    slow = float(winder.measured["speed_ppm"])
    assert slow < 19.0  # ramping down towards half speed
    run_until(line, lambda: winder.state == St.STOPPED, 30.0)
    assert winder.plc.reason == Reason.VISION_STOP
    assert float(vision.measured["inspection_score"]) < 80.0


def test_vision_recovery_restores_full_speed() -> None:
    line = Line.of_kinds("winder", "vision")
    winder, vision = line.station("winder"), line.station("vision")
    vision.inject("vision_degrade", None)
    run_until(line, lambda: winder.plc.reason == Reason.VISION_SLOW, 30.0)
    vision.clear("vision_degrade")
    run_until(line, lambda: winder.plc.reason == Reason.NONE, 30.0)
    line.run_for(10.0)
    assert float(winder.measured["speed_ppm"]) > 19.0


def test_dew_point_excursion_holds_the_filler_until_dry_again() -> None:
    line = Line.of_kinds("filler", "dry_room")
    filler, room = line.station("filler"), line.station("dry_room")
    line.run_for(30.0)
    assert filler.state == St.EXECUTE
    room.inject("dew_point_excursion", None)
    run_until(line, lambda: filler.state == St.HELD, 300.0)
    assert filler.plc.reason == Reason.DEW_POINT
    assert float(room.measured["dew_point_c"]) > -40.0
    command(line, filler, Cmd.UNHOLD)  # still wet: refused
    assert filler.state == St.HELD
    assert filler.plc.reason == Reason.DEW_POINT
    room.clear("dew_point_excursion")
    run_until(line, lambda: float(room.measured["dew_point_c"]) < -41.0, 1200.0)
    command(line, filler, Cmd.UNHOLD)
    run_until(line, lambda: filler.state == St.EXECUTE, 3.0)


def test_dehumidifier_trip_trips_the_dry_room() -> None:
    line = Line.of_kinds("dry_room")
    room = line.station("dry_room")
    room.inject("dehumidifier_trip", None)
    run_until(line, lambda: room.state == St.ABORTED, 1.0)
    assert room.plc.reason == Reason.DEHUMIDIFIER_TRIP
    assert room.read("dehumidifier_fault") is True
    start = float(room.measured["dew_point_c"])
    line.run_for(300.0)
    assert float(room.measured["dew_point_c"]) > start + 5.0


def test_coater_stop_starves_the_calender_which_resumes_with_the_coater() -> None:
    line = Line.of_kinds("coater", "calender")
    coater, calender = line.station("coater"), line.station("calender")
    line.run_for(5.0)
    command(line, coater, Cmd.STOP)
    run_until(line, lambda: calender.state == St.SUSPENDED, 5.0)
    assert calender.plc.reason == Reason.STARVED
    run_until(line, lambda: coater.state == St.STOPPED, 5.0)
    line.run_for(10.0)
    assert float(calender.measured["line_speed_mpm"]) < 0.5
    command(line, coater, Cmd.RESET)
    run_until(line, lambda: coater.state == St.IDLE, 3.0)
    command(line, coater, Cmd.START)
    run_until(line, lambda: calender.state == St.EXECUTE, 5.0)
    assert calender.plc.reason == Reason.NONE
    line.run_for(15.0)
    assert float(calender.measured["line_speed_mpm"]) > 25.0


def test_the_demo_line_comes_up_running() -> None:
    line = Line.of_kinds("mixer", "coater", "calender", "slitter", "winder", "tab_welder",
                         "filler", "formation", "vision", "dry_room")
    line.run_for(30.0)
    assert {s.id: s.state for s in line} == {s.id: St.EXECUTE for s in line}
    assert all(s.read("interlock_trip") is False for s in line)
    assert all(s.permissives_ok for s in line)

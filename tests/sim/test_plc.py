"""PackML, commands, interlocks and permissives on the station models."""

from __future__ import annotations

from hmi.core.packml import PackMLCommand as Cmd
from hmi.core.packml import PackMLState as St
from hmi.sim.line import Line
from hmi.sim.plc import Reason
from tests.sim.helpers import command, run_until


def test_start_from_aborted_is_refused_with_a_reason() -> None:
    line = Line.of_kinds("mixer")
    mixer = line.station("mixer")
    command(line, mixer, Cmd.ABORT)
    run_until(line, lambda: mixer.state == St.ABORTED, 1.0)
    command(line, mixer, Cmd.START)
    line.run_for(2.0)
    assert mixer.state == St.ABORTED
    assert mixer.plc.reason == Reason.NOT_ALLOWED
    assert mixer.read("command") == int(Cmd.START)  # the tag keeps the last command


def test_clear_reset_start_brings_an_aborted_station_back() -> None:
    line = Line.of_kinds("mixer")
    mixer = line.station("mixer")
    command(line, mixer, Cmd.ABORT)
    run_until(line, lambda: mixer.state == St.ABORTED, 1.0)
    seen = []
    for cmd, wait_state in ((Cmd.CLEAR, St.STOPPED), (Cmd.RESET, St.IDLE),
                            (Cmd.START, St.EXECUTE)):
        command(line, mixer, cmd)
        line.step(0.1)
        seen.append(mixer.state)  # the acting state first
        run_until(line, lambda s=wait_state: mixer.state == s, 3.0)
    assert seen == [St.CLEARING, St.RESETTING, St.STARTING]
    assert mixer.plc.reason == Reason.NONE


def test_the_same_command_twice_is_acted_on_twice() -> None:
    line = Line.of_kinds("mixer")
    mixer = line.station("mixer")
    command(line, mixer, Cmd.HOLD)
    run_until(line, lambda: mixer.state == St.HELD, 3.0)
    command(line, mixer, Cmd.UNHOLD)
    run_until(line, lambda: mixer.state == St.EXECUTE, 3.0)
    command(line, mixer, Cmd.HOLD)  # same value as two writes ago, still a new event
    run_until(line, lambda: mixer.state == St.HELD, 3.0)


def test_suspend_and_stop_paths() -> None:
    line = Line.of_kinds("mixer")
    mixer = line.station("mixer")
    command(line, mixer, Cmd.SUSPEND)
    run_until(line, lambda: mixer.state == St.SUSPENDED, 3.0)
    command(line, mixer, Cmd.STOP)
    run_until(line, lambda: mixer.state == St.STOPPED, 3.0)
    command(line, mixer, Cmd.STOP)
    assert mixer.plc.reason == Reason.NOT_ALLOWED


def test_estop_trip_latches_and_resets_only_when_clear() -> None:
    line = Line.of_kinds("coater")
    coater = line.station("coater")
    coater.inject("estop", None)
    line.step(0.1)
    assert coater.read("interlock_trip") is True
    assert coater.read("estop") is True
    run_until(line, lambda: coater.state == St.ABORTED, 1.0)
    assert coater.plc.reason == Reason.ESTOP

    coater.write("trip_reset", True, line)  # still pressed: refused
    assert coater.read("interlock_trip") is True
    assert coater.plc.reason == Reason.TRIP_ACTIVE
    command(line, coater, Cmd.CLEAR)
    assert coater.plc.reason == Reason.TRIP_LATCHED
    assert coater.state == St.ABORTED

    coater.clear("estop")  # released, but the trip stays latched
    line.run_for(1.0)
    assert coater.read("interlock_trip") is True
    coater.write("trip_reset", True, line)
    line.run_for(2.0)
    assert coater.read("interlock_trip") is False
    assert coater.state == St.ABORTED  # a reset never restarts the machine
    assert coater.read("trip_reset") is True  # the tag keeps what was written

    for cmd, state in ((Cmd.CLEAR, St.STOPPED), (Cmd.RESET, St.IDLE), (Cmd.START, St.EXECUTE)):
        command(line, coater, cmd)
        run_until(line, lambda s=state: coater.state == s, 3.0)


def test_start_needs_the_permissives() -> None:
    line = Line.of_kinds("coater")
    coater = line.station("coater")
    command(line, coater, Cmd.STOP)
    run_until(line, lambda: coater.state == St.STOPPED, 3.0)
    command(line, coater, Cmd.RESET)
    run_until(line, lambda: coater.state == St.IDLE, 3.0)
    coater.write("dryer_z1_sp_c", 120.0, line)  # zone 1 is now 30 K below its setpoint
    line.step(0.1)
    assert coater.read("perm_dryer_ready") is False
    assert coater.read("permissives_ok") is False
    command(line, coater, Cmd.START)
    line.run_for(2.0)
    assert coater.state == St.IDLE
    assert coater.plc.reason == Reason.PERMISSIVE
    run_until(line, lambda: coater.read("perm_dryer_ready") is True, 1800.0)
    command(line, coater, Cmd.START)
    run_until(line, lambda: coater.state == St.EXECUTE, 3.0)


def test_web_break_trips_and_lfl_trip_needs_the_exhaust() -> None:
    line = Line.of_kinds("coater")
    coater = line.station("coater")
    coater.inject("web_break", None)
    run_until(line, lambda: coater.state == St.ABORTED, 1.0)
    assert coater.plc.reason == Reason.WEB_BREAK
    assert coater.read("web_tension_n") < 1.0
    assert coater.read("perm_web_threaded") is False

    line = Line.of_kinds("coater")
    coater = line.station("coater")
    coater.inject("exhaust_fan_failure", None)
    run_until(line, lambda: coater.state == St.ABORTED, 120.0)
    assert coater.plc.reason == Reason.LFL_HIGH
    assert float(coater.measured["exhaust_lfl_pct"]) >= 25.0


def test_dryer_heater_fault_holds_the_coater() -> None:
    line = Line.of_kinds("coater")
    coater = line.station("coater")
    coater.inject("dryer_heater_fault", "z3")
    run_until(line, lambda: coater.state == St.HELD, 3.0)
    assert coater.plc.reason == Reason.HEATER_FAULT
    assert coater.measured["dryer_z3_heater_pct"] == 0.0
    command(line, coater, Cmd.UNHOLD)
    assert coater.plc.reason == Reason.HOLD_ACTIVE
    coater.clear("dryer_heater_fault")
    command(line, coater, Cmd.UNHOLD)
    run_until(line, lambda: coater.state == St.EXECUTE, 3.0)


def test_plc_restart_stops_and_restores_defaults() -> None:
    line = Line.of_kinds("coater")
    coater = line.station("coater")
    coater.write("line_speed_sp_mpm", 50.0, line)
    coater.write("tension_kp", 2.5, line)
    coater.write("tension_mode", 0, line)
    line.restart()
    assert coater.tension.pid.kp == 0.8
    assert coater.read("tension_mode") == 1
    assert coater.state == St.STOPPED
    assert coater.plc.reason == Reason.PLC_RESTART
    assert coater.read("line_speed_sp_mpm") == 30.0

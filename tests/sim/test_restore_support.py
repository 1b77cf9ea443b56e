"""What the restore procedures need of the twin: a time scale, and a loop that sheds to MAN
when its sensor fails (and refuses AUTO until the sensor is back)."""

from __future__ import annotations

import asyncio

import pytest

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.packml import LoopMode
from hmi.sim.station import WriteResult
from hmi.sim.twin import LineTwin


async def test_a_time_scaled_twin_runs_simulated_time_faster_than_the_wall() -> None:
    async with LineTwin(load_line_config(DEMO_LINE), time_scale=20.0, secure=False) as twin:
        start_s = twin.line.time_s
        loop = asyncio.get_running_loop()
        began = loop.time()
        await asyncio.sleep(0.5)
        elapsed = loop.time() - began
        # Ticks may be skipped on a loaded machine, never run ahead of 20 x the wall.
        assert 2.0 < twin.line.time_s - start_s <= 20.0 * elapsed + 2.0


def test_time_scale_must_be_positive() -> None:
    with pytest.raises(ValueError, match="time_scale must be > 0"):
        LineTwin(load_line_config(DEMO_LINE), time_scale=0.0)


def test_a_failed_load_cell_sheds_the_tension_loop_to_manual_until_repaired() -> None:
    twin = LineTwin(load_line_config(DEMO_LINE), secure=False)
    coater = twin.station("coater")
    twin.advance(2.0)
    out = coater.tension.pid.out
    twin.inject("sensor_failure", "coater.web_tension_n")
    assert coater.tension.pid.mode == LoopMode.MANUAL
    assert coater.read("tension_mode") == int(LoopMode.MANUAL)
    twin.advance(1.0)
    assert coater.tension.pid.out == pytest.approx(out)  # output held where it was
    line = twin.line
    assert coater.write("tension_mode", int(LoopMode.AUTO), line) == WriteResult.INVALID_STATE
    assert coater.write("tension_out_pct", 40.0, line) == WriteResult.OK  # MAN stays usable
    twin.clear_faults()
    assert coater.write("tension_mode", int(LoopMode.AUTO), line) == WriteResult.OK
    assert coater.tension.pid.mode == LoopMode.AUTO
    assert coater.tension.pid.out == pytest.approx(40.0, abs=0.5)  # bumpless


def test_a_failed_sensor_elsewhere_leaves_the_loop_alone() -> None:
    twin = LineTwin(load_line_config(DEMO_LINE), secure=False)
    twin.inject("sensor_failure", "coater.die_gap_um")
    assert twin.station("coater").tension.pid.mode == LoopMode.AUTO

"""Engine rules against the twin: refusals, being sent back, resuming after a restart."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from hmi.core.packml import PackMLState
from hmi.restore import (
    FaultContext,
    RestoreError,
    RunState,
    StepOutcome,
    StepRefused,
    StepStatus,
)
from tests.plc.helpers import wait_until

from .helpers import answers, restore_line

pytestmark = pytest.mark.slow


async def test_a_step_is_refused_while_its_condition_fails_and_done_once_it_holds(
    tmp_path: Path,
) -> None:
    async with restore_line(tmp_path, time_scale=20.0) as line:
        twin, engine = line.twin, line.engine
        twin.inject("estop")
        run = await engine.start("coater_estop", FaultContext("estop", "coater",
                                                              at=line.wall()), "olga")
        with pytest.raises(StepRefused, match=r"vic \(Viewer\) may not restore at coater"):
            await engine.perform(run.id, "vic")
        run = await engine.perform(run.id, "olga")  # stopped: the E-stop tripped the coater
        with pytest.raises(StepRefused, match="a note is needed"):
            await engine.perform(run.id, "olga")
        run = await engine.perform(run.id, "olga", note="guard opened by a visitor")
        assert run.step is not None and run.step.id == "estop_released"
        # Nobody released the E-stop: the check waits its timeout and is refused.
        with pytest.raises(StepRefused, match=r"coater\.estop = True, needs False"):
            await engine.perform(run.id, "olga")
        run = engine.view(run.id)
        assert run.status is StepStatus.REFUSED and "coater.estop = True" in run.message
        assert run.step is not None and run.step.id == "estop_released"
        assert run.steps[-1].outcome is StepOutcome.REFUSED
        assert run.steps[-1].values_after["coater.estop"] is True
        twin.clear_faults()  # released now
        run = await engine.perform(run.id, "olga")
        assert run.step is not None and run.step.id == "trip_reset"
        assert run.status is StepStatus.READY
        # A Maintenance user may not do an Operator/Lead step, even with restore rights.
        run = await engine.perform(run.id, "mike")  # trip_reset allows Maintenance
        run = await engine.perform(run.id, "mike")  # clear
        run = await engine.perform(run.id, "mike")  # permissives
        run = await engine.perform(run.id, "mike")  # reset
        assert run.step is not None and run.step.id == "loops_manual"
        with pytest.raises(StepRefused, match=r"mike \(Maintenance\) may not do step "
                                              r"loops_manual: it needs Operator or Lead"):
            await engine.perform(run.id, "mike")
        # Handed over to a day-shift crew: abandoned with the reason, nothing more to do.
        with pytest.raises(RestoreError, match="say why"):
            engine.abandon(run.id, "olga", " ")
        run = engine.abandon(run.id, "olga", "handed to the day shift")
        assert run.state is RunState.ABANDONED and run.step is None and run.mttr_s is None
        assert run.steps[-1].outcome is StepOutcome.ABANDONED
        assert engine.unfinished() == []
        with pytest.raises(RestoreError, match="is abandoned"):
            await engine.perform(run.id, "olga")


async def test_a_guard_that_stops_holding_sends_the_run_back_with_the_reason(
    tmp_path: Path,
) -> None:
    async with restore_line(tmp_path, time_scale=20.0) as line:
        twin, engine = line.twin, line.engine
        twin.inject("web_break")
        run = await engine.start("coater_web_break", FaultContext("web_break", "coater",
                                                                  at=line.wall()), "olga")
        answer = answers({"rethread": twin.clear_faults})
        while run.step is not None and run.step.id != "permissives":
            given = await answer(run)
            run = await engine.perform(run.id, given.by, note=given.note)
        assert twin.station("coater").state == PackMLState.STOPPED
        twin.inject("web_break")  # it breaks again while the dryer settles
        await wait_until(lambda: (v := line.store.get("coater.web_break")) is not None
                         and v.value is True, 10.0, "web break seen")
        run = await engine.perform(run.id, "olga")
        assert run.status is StepStatus.SENT_BACK
        assert run.step is not None and run.step.id == "web_threaded"
        assert run.message == ("web_threaded no longer holds: coater.web_break = True, "
                               "needs False")
        assert run.steps[-1].step_id == "permissives"
        assert run.steps[-1].outcome is StepOutcome.SENT_BACK
        # From there the procedure is walked again to the end.
        twin.clear_faults()
        run = await engine.run_headless(run.id, answers(twin=twin, fast={"permissives": 30.0}))
        assert run.state is RunState.VERIFIED, run.message
        assert [s.step_id for s in run.steps].count("web_threaded") == 2


async def test_a_new_engine_resumes_an_interrupted_run_at_the_same_step(
    tmp_path: Path,
) -> None:
    async with restore_line(tmp_path) as line:
        twin, engine = line.twin, line.engine
        twin.inject("estop")
        run = await engine.start("coater_estop", FaultContext(
            "estop", "coater", first_out="coater.estop", at=line.wall()), "olga")
        answer = answers({"resolve_cause": twin.clear_faults})
        while run.step is not None and run.step.id != "tension_settled":
            given = await answer(run)
            run = await engine.perform(run.id, given.by, note=given.note)
        done_before = len(run.steps)
        # The app dies in the middle of a wait: the step is not recorded, the run stays.
        twin.time_scale = 1.0  # the 5 s wait takes 5 s, whatever the machine's load
        task = asyncio.ensure_future(engine.perform(run.id, "olga"))
        try:
            # What the wizard shows while the step waits.
            await wait_until(lambda: "coater.web_tension_n = " in engine.progress(run.id),
                             10.0, "progress of the waiting step")
            assert not task.done()
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        engine.close()

        twin.time_scale = 10.0
        restarted = line.new_engine()
        try:
            [pending] = restarted.unfinished()
            assert pending.id == run.id and pending.step is not None
            assert pending.step.id == "tension_settled" and len(pending.steps) == done_before
            assert pending.fault.first_out == "coater.estop"
            run = await restarted.run_headless(run.id, answers())
        finally:
            restarted.close()
        assert run.state is RunState.VERIFIED, run.message
        assert [s.step_id for s in run.steps] == [
            s.id for s in restarted.procedures["coater_estop"].steps]
        again = line.new_engine()
        try:
            with pytest.raises(RestoreError, match="is verified: nothing to do"):
                await again.perform(run.id, "olga")
        finally:
            again.close()

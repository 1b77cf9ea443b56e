"""kill -9 of the process that runs a changeover, mid-download: the record survives and a
new engine offers it for resume or rollback."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from recipes import RecipeStore
from recipes.changeover import ChangeoverJournal, ChangeoverState, ParamPhase

from .helpers import content_for, make_effective
from .twin_setup import STATIONS, engine_for, twin_applied, twin_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("choice", ["roll_back", "resume"])
async def test_kill_9_mid_download_then_a_new_engine_offers_it_and_keeps_the_record(
    tmp_path: Path, choice: str,
) -> None:
    async with twin_line(tmp_path) as line:
        db, twin, client = line.db, line.twin, line.client
        content = content_for(client, STATIONS)
        version = make_effective(RecipeStore(db), content)
        before = {p.tag: twin_applied(twin, p.tag) for p in content.parameters}
        config_path = tmp_path / "client.json"
        config_path.write_text(client.model_dump_json(), encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.recipes.changeover_child", str(config_path),
             str(db.url), version.recipe_id], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        journal = ChangeoverJournal(db)
        try:
            assert child.stdout is not None
            said = await asyncio.wait_for(  # the child's start-up included
                asyncio.get_running_loop().run_in_executor(None, child.stdout.readline), 30.0)
            assert said.strip() == b"VALUES", (said, child.poll())
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.kill()
            child.communicate()
        [killed] = journal.unfinished()
        assert killed.state is ChangeoverState.DOWNLOADING
        assert twin.station("coater").read("recipe_download") is True  # the mailbox is open
        # Nothing was committed: the PLC still runs on the snapshot values.
        assert {p.tag: twin_applied(twin, p.tag) for p in content.parameters} == before
        # The values were on their way: the record may not claim less than the PLC holds.
        assert {p.phase for p in killed.parameters} == {ParamPhase.SENDING}
        assert "write in flight (outcome unknown: read them)" in killed.plc_holds()
        events_before = killed.events

        service = await line.connected_service()
        engine = engine_for(db, service, client)
        [offered] = engine.interrupted()
        assert offered.id == killed.id
        if choice == "roll_back":
            record = await engine.roll_back(offered.id, "interrupted: the HMI was killed")
            assert record.state is ChangeoverState.ROLLED_BACK
            expected = before
        else:
            record = await engine.resume(offered.id)
            assert record.state is ChangeoverState.VERIFIED, record.failure
            assert any(e.message.startswith("resumed at downloading") for e in record.events)
            expected = {p.tag: p.setpoint for p in content.parameters}
        assert record.events[:len(events_before)] == events_before  # no record lost
        for tag, value in expected.items():
            assert twin_applied(twin, tag) == pytest.approx(value, abs=1e-3), tag
        assert twin.station("coater").read("recipe_download") is False
        assert engine.interrupted() == []

"""The changeover engine against the line twin over real OPC UA sockets (PlcService)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from hmi.plc.parameter_io import PlcParameterIO
from hmi.sim.twin import LineTwin
from recipes import (
    ApprovalError,
    ChangeoverError,
    ParameterWrite,
    ParamValue,
    RecipeContent,
    RecipeStore,
)
from recipes.changeover import ChangeoverState

from .helpers import HEADER, content_for, make_effective, signature
from .twin_setup import STATIONS, engine_for, twin_applied, twin_line, twin_value

St = ChangeoverState


async def test_full_changeover_of_about_100_parameters_ends_verified_and_signed(
    tmp_path: Path,
) -> None:
    async with twin_line(tmp_path) as line:
        db, twin, client = line.db, line.twin, line.client
        service = await line.connected_service()
        content = content_for(client, STATIONS)
        assert len(content.parameters) >= 95
        version = make_effective(RecipeStore(db), content)
        engine = engine_for(db, service, client)
        record = await engine.start(version, "LOT-0001", "olga")
        assert record.state is St.VERIFIED, record.failure
        for p in content.parameters:  # the PLC applies what was committed
            assert twin_applied(twin, p.tag) == pytest.approx(p.setpoint, abs=p.tolerance), p.tag
        assert {q.phase.value for q in record.parameters} == {"verified"}
        assert twin.station("coater").read("recipe_commit") is True
        record = await engine.run_checks(record.id)
        assert record.state is St.VERIFIED  # the manual item is still open
        record = engine.confirm(record.id, "foil_roll", "olga", "roll AL15-0042 scanned")
        assert record.state is St.CHECKED
        assert record.control_hash is not None
        with pytest.raises(ChangeoverError, match="olga cannot both perform and verify"):
            engine.sign(record.id, signature("olga", "performed", record.control_hash),
                        "operator", signature("olga", "verified", record.control_hash, 2), "qa")
        with pytest.raises(ChangeoverError, match="verified by needs lead or qa"):
            engine.sign(record.id, signature("olga", "performed", record.control_hash),
                        "operator", signature("pete", "verified", record.control_hash, 2),
                        "operator")
        record = engine.sign(record.id, signature("olga", "performed", record.control_hash),
                             "operator", signature("lena", "verified", record.control_hash, 2),
                             "lead")
        record = engine.release(record.id, "olga")
        assert record.state is St.RELEASED and record.finished_at is not None
        assert {(s.meaning, s.username) for s in record.signatures} == {
            ("performed", "olga"), ("verified", "lena")}
        assert record.control_hash in record.events[-1].message
        assert await engine.check_variance(record.id) == []


async def test_a_parameter_the_plc_refuses_aborts_with_the_reason_and_rolls_back(
    tmp_path: Path,
) -> None:
    async with twin_line(tmp_path) as line:
        db, twin, client = line.db, line.twin, line.client
        service = await line.connected_service()
        content = content_for(client, STATIONS)
        # The recipe allows 170 N; the PLC's own range stops at 150 N.
        params = [replace(p, setpoint=170.0, high=200.0) if p.tag == "coater.web_tension_sp_n"
                  else p for p in content.parameters]
        version = make_effective(RecipeStore(db), RecipeContent(tuple(params)))
        before = {p.tag: twin_value(twin, p.tag) for p in params}
        engine = engine_for(db, service, client)
        record = await engine.start(version, "LOT-0002", "olga")
        assert record.state is St.ROLLED_BACK
        assert "PLC refused coater.web_tension_sp_n = 170: BadOutOfRange" in record.failure
        assert {p.tag: twin_value(twin, p.tag) for p in params} == before
        assert twin.station("coater").read("recipe_download") is False


class RestartMidDownload:
    """ParameterIO that restarts the twin's PLC as the values go out: the download bits were
    set and read back, the values have not reached the mailbox yet."""

    def __init__(self, inner: PlcParameterIO, twin: LineTwin) -> None:
        self._inner = inner
        self._twin = twin
        self.value_writes = 0
        self.read_many = inner.read_many

    async def write_many(self, items: Sequence[tuple[str, ParamValue]],
                         read_back: bool = True) -> list[ParameterWrite]:
        if len(items) > 3:  # not a handshake write (one bit per station)
            self.value_writes += 1
            if self.value_writes == 1:
                self._twin.inject("plc_restart", duration_s=1.0)
                await asyncio.sleep(0.5)  # the servers go away 0.2 s after the inject
        return await self._inner.write_many(items, read_back)


async def test_a_plc_restart_mid_download_ends_rolled_back_to_the_snapshot(
    tmp_path: Path,
) -> None:
    async with twin_line(tmp_path) as line:
        db, twin, client = line.db, line.twin, line.client
        service = await line.connected_service()
        # Values other than the power-up defaults, so a restart alone cannot look right.
        content = content_for(client, STATIONS)
        earlier = content_for(client, STATIONS, fraction=0.61)
        ok = await PlcParameterIO(service).write_many(
            [(p.tag, p.setpoint) for p in earlier.parameters])
        assert all(w.ok for w in ok), [w.message for w in ok if not w.ok][:3]
        version = make_effective(RecipeStore(db), content)
        io = RestartMidDownload(PlcParameterIO(service), twin)
        engine = engine_for(db, service, client, io=io)
        record = await engine.start(version, "LOT-0003", "olga")
        assert io.value_writes >= 1
        assert record.state is St.ROLLED_BACK, record.failure
        assert record.failure.startswith("download failed:")
        for p in earlier.parameters:
            assert twin_applied(twin, p.tag) == pytest.approx(p.setpoint, abs=p.tolerance), p.tag
        assert {q.phase.value for q in record.parameters} == {"restored"}
        assert any("rollback attempt" in e.message for e in record.events)


async def test_prechecks_refuse_a_running_line_and_nothing_is_written(tmp_path: Path) -> None:
    async with twin_line(tmp_path, stopped=("calender",)) as line:  # the coater keeps running
        db, twin, client = line.db, line.twin, line.client
        service = await line.connected_service()
        content = content_for(client, STATIONS)
        version = make_effective(RecipeStore(db), content)
        before = {p.tag: twin_applied(twin, p.tag) for p in content.parameters}
        record = await engine_for(db, service, client).start(version, "LOT-0004", "olga")
        assert record.state is St.REFUSED
        assert "coater is Execute: stop it first" in record.failure
        assert {p.tag: twin_applied(twin, p.tag) for p in content.parameters} == before
        assert {q.phase.value for q in record.parameters} == {"pending"}


async def test_a_draft_runs_only_in_trial_mode(tmp_path: Path) -> None:
    async with twin_line(tmp_path) as line:
        db, client = line.db, line.client
        service = await line.connected_service()
        draft = RecipeStore(db).create(HEADER, content_for(client, ("calender",)), "alice")
        engine = engine_for(db, service, client)
        with pytest.raises(ApprovalError, match="only an Effective version may run in "
                                                "production"):
            await engine.start(draft, "LOT-0005", "olga")
        record = await engine.start(draft, "TRIAL-0001", "olga", trial=True)
        assert record.state is St.VERIFIED and record.trial
        assert "TRIAL: lots are held" in record.events[0].message

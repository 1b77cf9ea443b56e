"""Variance monitoring after release, against the twin over real OPC UA sockets: a change
through the command service is logged with the user, one made at the PLC as unknown, each
once, the return to the downloaded value too; a released trial changeover holds its lot."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hmi.core.commands import CommandService
from hmi.core.roles import Role
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.plc.service import PlcService
from hmi.production.changeover_glue import attach_variance_monitor, trial_hold_source
from hmi.production.holds import LotHoldStore
from hmi.production.variance import UNKNOWN, variance_lines
from hmi.security import Hasher, Security, build_security
from hmi.sim.twin import LineTwin
from recipes import RecipeContent, RecipeStore, RecipeVersion
from recipes.changeover import ChangeoverEngine, ChangeoverRecord, ChangeoverState
from tests.plc.helpers import connected, services, wait_until
from tests.recipes.helpers import HEADER, content_for, make_effective, signature
from tests.recipes.twin_setup import line_config, stop_stations
from tests.security.conftest import ADMIN_PASSWORD, add

SPEED = "coater.line_speed_sp_mpm"
TENSION = "coater.web_tension_sp_n"


def _plant(tmp_path: Path) -> tuple[PlantDb, Security]:
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    admin = security.users.create_first_administrator("admin", "Ada Admin", ADMIN_PASSWORD)
    add(security, admin, "otto", Role.OPERATOR)
    return db, security


async def _released(engine: ChangeoverEngine, version: RecipeVersion, lot: str, *,
                    trial: bool = False) -> ChangeoverRecord:
    record = await engine.start(version, lot, "otto", trial=trial)
    assert record.state is ChangeoverState.VERIFIED, record.failure
    record = await engine.run_checks(record.id)  # no checklist items: checked at once
    assert record.control_hash is not None
    engine.sign(record.id, signature("otto", "performed", record.control_hash), "operator",
                signature("lena", "verified", record.control_hash, 2), "lead")
    return engine.release(record.id, "otto")


async def test_changes_after_release_are_logged_once_with_who(tmp_path: Path) -> None:
    db, security = _plant(tmp_path)
    holds = LotHoldStore(db, security.audit, security.signatures)
    async with LineTwin(line_config()) as twin, services() as make:
        stop_stations(twin, "coater")
        client = twin.client_config()
        store, service = await connected(make, client)
        assert isinstance(store, TagStore) and isinstance(service, PlcService)
        content = content_for(client, ("coater",))
        params = RecipeContent(tuple(p for p in content.parameters
                                     if p.tag in (SPEED, TENSION)))
        version = make_effective(RecipeStore(db.engine), params)
        engine = ChangeoverEngine(db.engine, PlcParameterIO(service), PlcLineStatus(service),
                                  handshakes=handshakes_of(client))
        monitor = attach_variance_monitor(store, db, security.audit, holds=holds,
                                          refresh_s=0.2)
        try:
            record = await _released(engine, version, "LOT-1")
            monitor.refresh()
            await wait_until(lambda: monitor.active() == {"coater": record.id},
                             what="the released changeover monitored")
            downloaded = record.targets[SPEED]
            assert isinstance(downloaded, float)
            journal = engine.journal
            commands = CommandService(service, security.policy, security.audit)

            # 1. A user changes it through the command service: logged with who.
            await commands.write("otto", [(SPEED, downloaded + 5.0)], reason="speed up")
            await wait_until(lambda: len(journal.variances(record.id)) == 1, 10.0,
                             "the user's change logged")
            first = journal.variances(record.id)[0]
            assert (first.tag, first.downloaded, first.by) == (SPEED, downloaded, "otto")
            assert first.found == downloaded + 5.0

            # 2. Someone changes it at the PLC itself: logged as unknown.
            twin.station("coater").write("line_speed_sp_mpm", downloaded - 3.0, twin.line)
            await wait_until(lambda: len(journal.variances(record.id)) == 2, 10.0,
                             "the change at the PLC logged")
            second = journal.variances(record.id)[1]
            assert (second.found, second.by) == (downloaded - 3.0, UNKNOWN)

            # 3. Back to the downloaded value through the command service: logged as a return.
            await commands.write("otto", [(SPEED, downloaded)], reason="back to recipe")
            await wait_until(lambda: len(journal.variances(record.id)) == 3, 10.0,
                             "the return logged")
            third = journal.variances(record.id)[2]
            assert (third.found, third.by) == (downloaded, "otto")
            await asyncio.sleep(0.6)  # more samples of the same values log nothing more
            assert len(journal.variances(record.id)) == 3
            lines = variance_lines(journal, RecipeStore(db.engine), record.id)
            assert "changed to" in lines[0] and "by otto" in lines[0]
            assert lines[1].endswith(f"by {UNKNOWN}")
            assert "back at the downloaded" in lines[2]
            assert holds.active() == []  # a production changeover holds nothing

            # 4. A trial changeover at the same station: while it runs its writes are no
            # variance; once released it is the active one and its lot is held.
            trial = RecipeStore(db.engine).new_version(HEADER.recipe_id, RecipeContent(tuple(
                p for p in content.parameters if p.tag == TENSION)), "alice")
            trial_record = await _released(engine, trial, "LOT-2", trial=True)
            monitor.refresh()
            await wait_until(lambda: monitor.active() == {"coater": trial_record.id},
                             what="the trial changeover monitored")
            await wait_until(lambda: bool(holds.active()), what="the trial lot held")
            hold = holds.active()[0]
            assert (hold.lot_id, hold.source) == ("LOT-2", trial_hold_source(trial_record))
            assert journal.variances(trial_record.id) == []
            assert len(journal.variances(record.id)) == 3
        finally:
            monitor.stop()
    db.close()

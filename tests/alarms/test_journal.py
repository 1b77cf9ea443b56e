"""The journal in a real SQLite file: append-only, its schema as migrated, restart rebuild."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from hmi.alarms import AlarmJournal, AlarmState, ShelveKind
from hmi.alarms.journal import alarm_journal
from hmi.config.schema import LineConfig
from hmi.core.commands import CommandService
from hmi.core.roles import Role
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.security import Security, User

from .conftest import add, make_engine
from .helpers import ABORTED, EXECUTE, FakeClock, value

S = AlarmState


def test_migration_makes_the_table_the_journal_writes(db: PlantDb) -> None:
    columns = {c["name"] for c in inspect(db.engine).get_columns("alarm_journal")}
    assert columns == set(alarm_journal.columns.keys())


def test_journal_rows_cannot_be_changed_or_deleted(
    tmp_path: Path, config: LineConfig, db: PlantDb, security: Security, clock: FakeClock
) -> None:
    engine = make_engine(config, db, security, clock)
    engine.process([value("coater.estop", True, clock.now)])
    with sqlite3.connect(tmp_path / "plant.sqlite") as raw:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE alarm_journal SET state_after = 'NORMAL'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM alarm_journal")
    raw.close()


def test_restart_rebuilds_unack_acked_shelved_oos_and_first_out(
    tmp_path: Path, config: LineConfig, db: PlantDb, security: Security, clock: FakeClock,
    commands: CommandService, admin: User,
) -> None:
    lead = add(security, admin, "lena", Role.LEAD).username
    maint = add(security, admin, "max", Role.MAINTENANCE).username
    engine = make_engine(config, db, security, clock, commands)
    at = clock.now
    engine.process([value("coater.state", EXECUTE, at), value("coater.estop", True, at),
                    value("coater.web_tension_sp_n", 62.0, at),
                    value("coater.web_tension_n", 40.0, at),
                    value("dry_room.dew_point_c", -45.0, at)])
    clock.advance(2)
    engine.process([value("dry_room.dew_point_c", -40.0, clock.now)])
    engine.acknowledge(lead, ["tension_dev"])
    engine.shelve(lead, "dew_rate", reason="door trial", duration_s=3600)
    engine.remove_from_service(maint, "tension_sensor", reason="load cell swap")
    before = {a: engine.view(a) for a in engine.alarm_ids}
    db.close()

    # A new process: a new database handle on the same file, a new engine.
    reopened = open_plant_db(default_url(tmp_path))
    try:
        again = make_engine(config, reopened, security, clock, commands)
        for alarm_id, view in before.items():
            now = again.view(alarm_id)
            assert (now.state, now.active, now.first_out, now.shelving, now.suppressed,
                    now.out_of_service, now.since) == (
                view.state, view.active, view.first_out, view.shelving, view.suppressed,
                view.out_of_service, view.since), alarm_id
        assert again.view("estop").state is S.UNACK and again.view("estop").first_out
        assert again.view("tension_dev").state is S.ACKED
        shelving = again.view("dew_rate").shelving
        assert shelving is not None and shelving.kind is ShelveKind.TIMED
        assert again.summary().first_out == {"trip": "estop"}
        # And it goes on from there: the E-stop released, acknowledged -> NORMAL.
        again.process([value("coater.estop", False, clock.now)])
        assert again.view("estop").state is S.RTN_UNACK
        again.acknowledge(lead, ["estop"])
        assert again.view("estop").state is S.NORMAL
        assert len(AlarmJournal(reopened).latest_per_alarm()) >= 5
    finally:
        reopened.close()


def test_restart_keeps_station_suppression_until_the_state_is_read(
    config: LineConfig, db: PlantDb, security: Security, clock: FakeClock
) -> None:
    engine = make_engine(config, db, security, clock)
    engine.process([value("coater.state", ABORTED, clock.now),
                    value("coater.web_tension_n", 0.0, clock.now)])
    clock.advance(1)
    engine.tick()
    assert engine.view("tension_ll").suppressed and engine.view("tension_ll").active
    again = make_engine(config, db, security, clock)
    again.process([value("coater.web_tension_n", 0.0, clock.now)])  # no state read yet
    assert again.view("tension_ll").suppressed and not again.view("tension_ll").annunciated
    again.process([value("coater.state", EXECUTE, clock.now)])
    assert again.view("tension_ll").state is S.UNACK

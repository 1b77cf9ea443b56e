"""Store-and-forward against a real PostgreSQL that the test stops mid-shift: the HMI goes
offline, keeps recording (audit entries, alarm journal rows, a changeover) in its local
journal, and after the restart forwards everything in order, exactly once, the plant's
audit chain valid; a changeover that ran on a version obsoleted meanwhile is a conflict
for a person, forwarded and flagged, never dropped or resolved silently."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select

from hmi.alarms.journal import AlarmJournal, alarm_journal
from hmi.cli import main
from hmi.core.audit_event import AuditEvent
from hmi.forward import Outbox, PlantLink
from hmi.forward.conflicts import resolve
from hmi.plantdb import PlantDb, open_plant_db
from hmi.plantdb.database import plant_db_for_later
from hmi.plantdb.tables import audit_log, forwarded
from hmi.security import AuditTrail
from recipes import Parameter, RecipeContent, RecipeStore, create_schema
from recipes.changeover import ChangeoverJournal
from recipes.tables import changeover_events, changeovers
from tests.plantdb.pg_server import PgCluster
from tests.recipes.helpers import make_effective


def _event(i: int) -> AuditEvent:
    return AuditEvent(username="olga", full_name="Olga Operator", role="Operator",
                      action="alarm_ack", object_type="alarm", object_id=f"coater.a{i}",
                      reason=f"ack {i}", client_host="line-1")


def _alarm_row(i: int) -> dict[str, object]:
    return {"utc_ts": datetime(2026, 11, 27, 2, 0, i % 60, tzinfo=UTC), "alarm_id": f"a{i}",
            "console": "coating", "priority": 2, "event": "ack",
            "state_before": "UNACK", "state_after": "ACKED", "active": True,
            "annunciated": True, "suppressed": False, "first_out": i == 0, "value": "61.5",
            "since": None, "shelve_kind": None, "shelved_until": None, "shelved_by": "",
            "shelve_reason": "", "oos_since": None, "oos_by": "", "oos_reason": "",
            "username": "olga", "reason": f"ack {i}"}


@dataclass
class Hmi:
    db: PlantDb
    outbox: Outbox
    link: PlantLink


@pytest.fixture
def hmi(pg_url: str, tmp_path: Path) -> Iterator[Hmi]:
    db = open_plant_db(pg_url)
    outbox = Outbox(tmp_path / "outbox.sqlite")
    link = PlantLink(db, outbox, AuditTrail(db), hmi="line-1", tables=[alarm_journal])
    yield Hmi(db, outbox, link)
    outbox.close()
    db.close()


def _record(link: PlantLink, i: int) -> bool:
    return link.record({alarm_journal: [_alarm_row(i)]}, [_event(i)])


def _count(db: PlantDb, table: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_the_server_stops_mid_shift_recording_goes_on_and_is_forwarded_once(
        hmi: Hmi, pg_cluster: PgCluster, tmp_path: Path) -> None:
    assert all(_record(hmi.link, i) for i in range(5))  # online: straight in
    assert hmi.link.status().describe() == "plant database online"
    pg_cluster.stop()
    try:
        assert not any(_record(hmi.link, i) for i in range(5, 45))  # kept on this HMI
        status = hmi.link.status()
        assert (status.online, status.pending) == (False, 40)
        assert status.offline_since is not None
        assert status.describe().startswith(
            f"plant database OFFLINE since {status.offline_since:%H:%M:%S} UTC: 40 records")
        assert hmi.link.poll() is None  # still away: nothing lost, nothing sent
    finally:
        pg_cluster.start()
    result = hmi.link.poll()
    assert result is not None
    assert (result.forwarded, result.already_there, result.problem) == (40, 0, "")
    assert hmi.link.status().describe() == "plant database online"
    trail = AuditTrail(hmi.db)
    check = trail.verify_chain()
    assert check.intact and check.entries == 45, check.describe()
    # In order: the plant chain holds the 45 acknowledgements in the order they happened.
    assert [e.object_id for e in trail.entries()] == [f"coater.a{i}" for i in range(45)]
    rows = AlarmJournal(hmi.db).rows()
    assert sorted(r.alarm_id for r in rows) == sorted(f"a{i}" for i in range(45))
    assert _count(hmi.db, forwarded) == 40
    # A forward repeated after a crash between the plant's commit and the local mark (the
    # local items look pending again) sends nothing twice.
    with sqlite3.connect(tmp_path / "outbox.sqlite") as raw:
        raw.execute("UPDATE outbox SET forwarded_at = NULL")
    raw.close()
    again = hmi.link.forward()
    assert (again.forwarded, again.already_there) == (0, 40)
    assert (_count(hmi.db, audit_log), _count(hmi.db, alarm_journal)) == (45, 45)
    # And recording afterwards goes straight in again, on the same chain.
    assert _record(hmi.link, 45)
    assert trail.verify_chain().entries == 46


CONTENT = RecipeContent((Parameter("coater.lane_count", "lanes", "", "int", 2, 1, 8),),
                        notes="v1")


def _changeover_rows(local: Engine, co_id: str) -> dict[object, list[dict[str, object]]]:
    """A changeover run on this HMI's cached copy, as rows for the plant database."""
    with local.connect() as conn:
        head = [dict(r) for r in conn.execute(
            select(changeovers).where(changeovers.c.id == co_id)).mappings()]
        events = [{k: v for k, v in r.items() if k != "id"} for r in conn.execute(
            select(changeover_events).where(changeover_events.c.changeover_id == co_id)
            .order_by(changeover_events.c.id)).mappings()]
    return {changeovers: head, changeover_events: events}


def test_a_changeover_on_a_version_obsoleted_while_offline_is_a_conflict_shown(
        hmi: Hmi, pg_cluster: PgCluster, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    plant_store = RecipeStore(hmi.db.engine)
    version = make_effective(plant_store, CONTENT)
    # The HMI's cache of Effective versions (same content, same hash).
    local = create_engine(f"sqlite:///{tmp_path / 'cache.sqlite'}")
    create_schema(local)
    cached = make_effective(RecipeStore(local), CONTENT)
    assert cached.content_hash == version.content_hash
    pg_cluster.stop()
    try:
        co_id = ChangeoverJournal(local).create(
            cached.recipe_id, cached.version, cached.content_hash, "LOT-77", False, "olga",
            [("coater.lane_count", 2)])
        assert not hmi.link.record(_changeover_rows(local, co_id), [AuditEvent(
            username="olga", full_name="Olga Operator", role="Operator",
            action="changeover_start", object_type="changeover", object_id=co_id)])
    finally:
        pg_cluster.start()
        local.dispose()
    # Meanwhile QA on another HMI withdrew the version.
    plant_store.make_obsolete(version.recipe_id, version.version, "quinn", "binder recall")
    result = hmi.link.forward()
    assert result.forwarded == 1
    [conflict] = result.conflicts
    assert conflict.startswith(f"changeover {co_id} (lot LOT-77) ran {version.recipe_id} v1 "
                               "offline")
    assert "it was made Obsolete by quinn" in conflict and "(binder recall)" in conflict
    assert conflict.endswith("review the lot")
    # Shown: on this HMI's status and on the plant database, for a person to resolve.
    assert hmi.link.status().describe() == "plant database online; 1 conflicts to review"
    with hmi.db.engine.connect() as conn:
        row = conn.execute(select(forwarded.c.conflict, forwarded.c.resolved_by)).one()
        assert (row.conflict, row.resolved_by) == (conflict, None)
        # The record itself is on the plant database: what happened is never dropped.
        assert conn.execute(select(changeovers.c.lot_id)).scalar_one() == "LOT-77"
        key = conn.execute(select(forwarded.c.key)).scalar_one()
    # A technician's check lists it until a person resolves it (with an audit entry).
    assert main(["db", "check", "--url", hmi.db.url]) == 0
    shown = capsys.readouterr().out
    assert f"1 forwarded records wait for a person's review:\n  {key} from line-1: " in shown
    with hmi.db.writing() as conn:
        resolve(conn, key, "quinn", "lot LOT-77 put on hold, re-tested: released", "now")
        AuditTrail(hmi.db).append_in(conn, AuditEvent(
            username="quinn", full_name="Quinn QA", role="QA", action="resolve_conflict",
            object_type="forwarded", object_id=key, reason="lot re-tested"))
    assert main(["db", "check", "--url", hmi.db.url]) == 0
    assert "wait for a person's review" not in capsys.readouterr().out


def test_a_local_journal_changed_before_forwarding_is_not_sent(plant_db_url: str,
                                                               tmp_path: Path) -> None:
    db = open_plant_db(plant_db_url)
    outbox = Outbox(tmp_path / "outbox.sqlite")
    try:
        link = PlantLink(db, outbox, AuditTrail(db), hmi="line-1", tables=[alarm_journal])
        for i in range(3):  # journaled while the plant database was away
            outbox.add("unit", {"rows": [], "audit": [asdict(_event(i))]},
                       datetime(2026, 11, 27, 2, i, tzinfo=UTC))
        with sqlite3.connect(tmp_path / "outbox.sqlite") as raw:
            raw.execute("UPDATE outbox SET payload = replace(payload, 'ack 1', 'ack 9') "
                        "WHERE seq = 2")
        raw.close()
        result = link.forward()
        assert result.problem == ("local journal: item 2 was changed after it was recorded; "
                                  "nothing forwarded")
        assert _count(db, audit_log) == 0
    finally:
        outbox.close()
        db.close()


def test_an_hmi_started_while_the_plant_database_is_away_records_then_forwards(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    pg_cluster.stop()
    db = plant_db_for_later(pg_url)  # no connection made: the server is away
    outbox = Outbox(tmp_path / "outbox.sqlite")
    try:
        try:
            link = PlantLink(db, outbox, AuditTrail(db), hmi="line-2", tables=[alarm_journal],
                             online=False)
            assert not any(_record(link, i) for i in range(3))
            assert link.status().describe().endswith(
                "3 records kept on this HMI, forwarded when it is back")
            assert link.poll() is None
        finally:
            pg_cluster.start()
        result = link.poll()
        assert result is not None and (result.forwarded, result.problem) == (3, "")
        check = AuditTrail(db).verify_chain()
        assert check.intact and check.entries == 3
        assert link.status().describe() == "plant database online"
    finally:
        outbox.close()
        db.close()


def test_an_hmi_restarted_while_offline_keeps_its_journal_and_offline_since(
        plant_db_url: str, tmp_path: Path) -> None:
    db = open_plant_db(plant_db_url)
    since = datetime(2026, 11, 27, 1, 50, tzinfo=UTC)
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.set_offline_since(since)
    outbox.add("unit", {"rows": [["alarm_journal", [_alarm_row(0)]]],
                        "audit": [asdict(_event(0))]}, since)
    outbox.close()
    reopened = Outbox(tmp_path / "outbox.sqlite")  # the HMI started again
    try:
        link = PlantLink(db, reopened, AuditTrail(db), hmi="line-1", tables=[alarm_journal])
        status = link.status()
        assert (status.online, status.offline_since, status.pending) == (False, since, 1)
        result = link.poll()
        assert result is not None and result.forwarded == 1
        [entry] = AuditTrail(db).entries()
        assert entry.utc_ts == since  # its own time, not the forward's
        assert [r.alarm_id for r in AlarmJournal(db).rows()] == ["a0"]
    finally:
        reopened.close()
        db.close()

"""Records made while the PostgreSQL plant database is away are kept on the HMI (surviving a
restart) and forwarded exactly once, in order: the OEE record (a stop, and the reason the
operator gives for it) and lot holds."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from hmi.app import LineRuntime
from hmi.cli import main
from hmi.core.roles import Role
from hmi.core.tags import utc_now
from hmi.forward import OUTBOX_FILE, Outbox, PlantLink
from hmi.plantdb import open_plant_db
from hmi.plantdb.tables import audit_log
from hmi.production.holds import LotHoldStore
from hmi.production.oee_store import downtime_events, state_events, ts
from hmi.security import build_security
from tests.forward.conftest import OPERATOR, on_plant_db
from tests.forward.test_runtime_offline import count
from tests.plantdb.pg_server import PgCluster


def wait_for(what: Callable[[], object], timeout_s: float = 15.0) -> object:
    end = time.monotonic() + timeout_s
    while not (found := what()):
        assert time.monotonic() < end, "timed out"
        time.sleep(0.1)
    return found


def drained(link: PlantLink) -> bool:
    status = link.status()
    return status.online and status.pending == 0


def test_oee_stop_and_reason_kept_across_a_restart_then_forwarded_once(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    config = on_plant_db(pg_url)
    # A stop is downtime (asks a reason) after 0.5 s, not the product's 2 min.
    config = config.model_copy(update={"production": config.production.model_copy(
        update={"minor_stop_s": 0.5})})

    def runtime() -> LineRuntime:
        return LineRuntime(line_config=config, data_dir=tmp_path, secure=True,
                           link_poll_s=0.3)

    first = runtime()
    try:
        first.start()
        assert first.security is not None and first.production is not None
        users = first.security.users
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        pg_cluster.stop()
        went = ts(utc_now())
        first.inject_fault("web_break", "coater")
        oee = first.production.oee
        pending = wait_for(lambda: [p for p in oee.pending_reasons()
                                    if p.event.station == "coater"])
        assert isinstance(pending, list)
        [asked] = pending
        assert asked.event.id < 0  # kept on this HMI: no plant row id yet
        code = asked.candidates[0].code
        given = oee.assign_reason(asked.event.id, code, OPERATOR[0], note="offline")
        assert given.reason_code == code
        assert not [p for p in oee.pending_reasons() if p.event.station == "coater"]
    finally:
        first.stop()  # the HMI stops during the outage: nothing only in memory
    second = runtime()
    try:
        second.start()
        link = second.plant_link
        assert link is not None and not link.status().online and link.status().pending
        assert second.production is not None  # the reason given before the restart holds
        assert not [p for p in second.production.oee.pending_reasons()
                    if (p.event.station, p.event.start) == ("coater", asked.event.start)]
        pg_cluster.start()
        wait_for(lambda: drained(link))
        d, s, a = downtime_events.c, state_events.c, audit_log.c
        # The stop, once, closed, with its reason and who gave it.
        with second.plant_db.engine.connect() as conn:  # type: ignore[union-attr]
            rows = conn.execute(select(d.started_at, d.ended_at, d.reason_code,
                                       d.assigned_by, d.note).where(
                d.station == "coater", d.started_at >= went)).all()
            states = conn.execute(select(s.at).where(s.station == "coater", s.at >= went)
                                  .order_by(s.id)).scalars().all()
        assert [(r.started_at, r.reason_code, r.assigned_by, r.note) for r in rows] == [
            (ts(asked.event.start), code, OPERATOR[0], "offline")]
        assert rows[0].ended_at is not None  # closed when the first HMI stopped
        # The state changes in the order they happened, each once.
        assert len(states) >= 2 and states == sorted(states)
        assert len(set(states)) == len(states)
        assert count(second, select(func.count()).select_from(audit_log).where(
            a.action == "assign_downtime_reason")) == 1
        assert main(["db", "check", "--url", pg_url]) == 0
    finally:
        if not pg_cluster.up:
            pg_cluster.start()
        second.stop()


def test_holds_placed_while_the_server_is_away_are_kept_listed_and_forwarded_once(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    db = open_plant_db(pg_url)
    security = build_security(db)
    link = PlantLink(db, Outbox(tmp_path / OUTBOX_FILE), security.audit, hmi="test/line")
    security.audit.send_through(link)
    holds = LotHoldStore(db, security.audit, security.signatures, recorder=link)
    try:
        online = holds.place("LOT-1", "coater", "trial lot", source="manual", actor="op")
        assert online.id > 0 and holds.is_held("LOT-1")
        pg_cluster.stop()
        try:
            kept = holds.place("LOT-2", ["coater", "dryer"], "dew point above -40 C",
                               source="restore:dew_point", actor="restore-engine")
            # An automatic source calls at every sample: one hold, one journaled unit.
            again = holds.place("LOT-2", "coater", "dew point above -40 C",
                                source="restore:dew_point", actor="restore-engine")
            assert kept.id < 0 and again == kept and link.status().pending == 1
            assert holds.is_held("LOT-2") and holds.active("dryer") == [kept]
        finally:
            pg_cluster.start()
        wait_for(lambda: link.poll() is not None and drained(link))
        [placed] = holds.of_lot("LOT-2")
        assert placed.id > 0 and placed.placed_at == kept.placed_at  # its own time
        assert [h.lot_id for h in holds.active()] == ["LOT-1", "LOT-2"]
        a = audit_log.c
        with db.engine.connect() as conn:
            reasons = conn.execute(select(a.reason).where(a.action == "hold_lot")
                                   .order_by(a.seq)).scalars().all()
        assert len(reasons) == 2 and f"hold #{placed.id}," in reasons[1]
        assert main(["db", "check", "--url", pg_url]) == 0
    finally:
        link.outbox.close()
        db.close()

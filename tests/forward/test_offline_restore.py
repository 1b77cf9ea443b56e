"""A restore while the PostgreSQL plant database is away (issue 10): the running HMI (twin
time-scaled, real PLC service, real security) restores the coater after an E-stop with the
server stopped, the run signed; once the server is back the run, its step attempts and its
signature are in PostgreSQL exactly once, the step's signature id the plant's, and the
audit chain verifies. A restore with the server up lands as soon as it ends."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hmi.app import LineRuntime
from hmi.cli import main
from hmi.core.roles import Role
from hmi.core.tags import utc_now
from hmi.forward.offline_line import SignaturesWithCopy
from hmi.forward.offline_restore import OfflineRestores
from hmi.plantdb.tables import audit_log, signatures
from hmi.production.holds import LotHoldStore
from hmi.restore import Answer, FaultContext, RunState, RunView, StepKind, StepOutcome
from hmi.restore.journal import RestoreJournal
from hmi.restore.record import LotExposure, StepRecord
from hmi.restore.tables import restore_lot_exposure, restore_runs, restore_steps
from hmi.security.errors import SecurityError
from hmi.security.signatures import Meaning
from tests.forward.conftest import OPERATOR, on_plant_db
from tests.plantdb.offline_setup import PASSWORD, line_hmi
from tests.plantdb.pg_server import PgCluster
from tests.plantdb.test_offline_unit_links import CONTENT

PROCEDURE = "coater_estop"


@pytest.fixture
def line(pg_url: str, tmp_path: Path) -> Iterator[LineRuntime]:
    """The HMI on PostgreSQL, its twin 10x (the procedure's holds and ramps in seconds)."""
    runtime = LineRuntime(line_config=on_plant_db(pg_url), data_dir=tmp_path, secure=True,
                          link_poll_s=0.3, time_scale=10.0)
    try:
        runtime.start()
        assert runtime.security is not None and runtime.offline is not None
        users = runtime.security.users
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        # Users are cached for role checks (and copied for signatures) every few minutes:
        # a person added a moment ago, cached now.
        users.refresh()  # type: ignore[attr-defined]
        runtime.offline.cache.refresh(runtime.plant_db)  # type: ignore[arg-type]
        yield runtime
    finally:
        runtime.stop()


def until(what: object, timeout_s: float = 15.0) -> None:
    end = time.monotonic() + timeout_s
    while not what():  # type: ignore[operator]
        assert time.monotonic() < end, "timed out"
        time.sleep(0.1)


def count(runtime: LineRuntime, query: object) -> int:
    assert runtime.plant_db is not None
    with runtime.plant_db.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())  # type: ignore[call-overload]


def test_a_restore_runs_and_is_signed_while_the_server_is_away_then_lands_once(
        line: LineRuntime, pg_cluster: PgCluster) -> None:
    engine, link, twin = line.restore, line.plant_link, line.twin
    assert engine is not None and link is not None and twin is not None
    user, password = OPERATOR[0], OPERATOR[2]

    async def answer(run: RunView) -> Answer:
        step = run.step
        assert step is not None
        if step.kind is StepKind.CONFIRM:
            if step.id == "resolve_cause":  # the technician releases the E-stop
                twin.clear_faults()
            return Answer(user, note=f"{step.id} done",
                          password=password if step.signature else None)
        return Answer(user)

    async def restore() -> RunView:
        run = await engine.start(PROCEDURE, FaultContext("estop", "coater",
                                                         first_out="coater.estop"), user)
        return await engine.run_headless(run.id, answer)

    # The plant holds a signature already, numbered as the copy's first one will be.
    assert line.security is not None
    earlier = line.security.signatures.sign(user, password, Meaning.CHECKED, "io_point",
                                            "coater.estop", "0" * 64, "checked earlier")
    pg_cluster.stop()
    try:
        line.inject_fault("estop")
        run = line.io.run(restore(), timeout=60)
        assert run.state is RunState.VERIFIED, run.message
        assert all(s.outcome is StepOutcome.DONE for s in run.steps)
        [signed] = [s for s in run.steps if s.signature_id is not None]
        assert signed.step_id == "checklist_signed"
        assert signed.signature_id == earlier.id  # the copy's id: the plant's is taken
        assert line.offline_restores is not None
        line.offline_restores.wait_sent()
        assert not link.status().online and link.status().pending >= 1
        # The record of the run is on this HMI meanwhile (the restore screen reads it).
        assert engine.view(run.id).state is RunState.VERIFIED
    finally:
        pg_cluster.start()
    until(lambda: link.status().online and link.status().pending == 0)
    r, st, s = restore_runs.c, restore_steps.c, signatures.c
    assert count(line, select(func.count()).select_from(restore_runs)
                 .where(r.id == run.id, r.state == RunState.VERIFIED.value)) == 1
    assert line.plant_db is not None
    with line.plant_db.engine.connect() as conn:
        steps = conn.execute(select(st.step_id, st.actor, st.signature_id).where(
            st.run_id == run.id).order_by(st.id)).all()
        [sig] = conn.execute(select(signatures).where(
            s.record_type == "restore_run", s.record_id == run.id)).mappings().all()
        signing = conn.execute(select(audit_log.c.signature_id).where(
            audit_log.c.signature_id.is_not(None))).scalars().all()
    assert [x.step_id for x in steps] == [x.step_id for x in run.steps]  # each once
    assert {x.actor for x in steps} == {user}
    # The step names the plant's row of its signature (renumbered from the copy's),
    # and the signing's audit entry names the same row.
    assert [x.signature_id for x in steps if x.signature_id is not None] == [sig["id"]]
    assert sig["id"] != earlier.id
    assert (sig["username"], sig["meaning"]) == (user, "performed")
    assert sig["id"] in signing
    assert main(["db", "check", "--url", line.plant_db.url]) == 0
    # Sent once: asking again (a restart's send_finished) sends nothing more.
    assert line.offline_restores is not None
    assert line.offline_restores.send_finished() == 0
    assert count(line, select(func.count()).select_from(restore_runs)
                 .where(r.id == run.id)) == 1
    # With the server up the run is on the copy as well, and in the plant once it ends.
    line.inject_fault("estop")
    again = line.io.run(restore(), timeout=60)
    assert again.state is RunState.VERIFIED, again.message
    line.offline_restores.wait_sent()
    with line.plant_db.engine.connect() as conn:
        [(step_sig,)] = conn.execute(select(st.signature_id).where(
            st.run_id == again.id, st.signature_id.is_not(None))).all()
        [sig_again] = conn.execute(select(s.id).where(
            s.record_type == "restore_run", s.record_id == again.id)).scalars().all()
    assert step_sig == sig_again and link.status().pending == 0
    assert main(["db", "check", "--url", line.plant_db.url]) == 0


def test_a_run_ended_but_not_handed_over_is_sent_at_the_next_start_once(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    """The HMI stopped between a run's end and its send: the next start's send_finished
    journals it (server away), a further start sends nothing, the forward writes it once,
    its signature renumbered past the plant's own."""
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)  # the signers, copied
        plant_sig = hmi.security.signatures.sign("olga", PASSWORD, Meaning.CHECKED, "io_point",
                                                 "coater.estop", "0" * 64, "checked earlier")
        journal = RestoreJournal(hmi.cache.db)  # as the engine wrote it, no send after
        now = utc_now()
        run_id = journal.create(
            procedure_id=PROCEDURE, title="E-stop on the coater", text="(procedure)",
            fault=FaultContext("estop", "coater", first_out="coater.estop"), fault_at=now,
            by="olga", now=now, downtime_reason="availability.equipment_failure.estop",
            baseline={})
        copy_sig = hmi.local.signatures.sign("olga", PASSWORD, Meaning.PERFORMED,
                                             "restore_run", run_id, "1" * 64, "signed")
        assert copy_sig.id == plant_sig.id  # the copy numbers its own
        pg_cluster.stop()
        try:
            # The exposure hold of the run, placed through the link meanwhile.
            hmi.security.audit.send_through(hmi.link)
            holds = LotHoldStore(hmi.plant, hmi.security.audit, hmi.security.signatures,
                                 recorder=hmi.link)
            kept = holds.place("LOT-7", ["coater"], f"dew point (restore run {run_id})",
                               "restore:dew_point", "restore-engine")
            assert kept.id < 0
            journal.save_exposures(run_id, [LotExposure("LOT-7", 30.0, 25.0, 6.0, True,
                                                        f"lot_holds #{kept.id}")], now)
            journal.finish(run_id, RunState.VERIFIED, "verified running", now, StepRecord(
                0, "checklist_signed", "confirm", StepOutcome.DONE, "olga", "Operator", now,
                now, "done", {}, {}, "signed (performed): done", copy_sig.id), 1.0, 0)
            assert OfflineRestores(hmi.offline).send_finished() == 1
            assert hmi.link.status().pending == 2  # the hold, then the run
            assert OfflineRestores(hmi.offline).send_finished() == 0  # a further start
        finally:
            pg_cluster.start()
        until(lambda: hmi.link.poll() is not None and hmi.link.status().pending == 0)
        st, s = restore_steps.c, signatures.c
        with hmi.plant.engine.connect() as conn:
            runs = conn.execute(select(restore_runs.c.id).where(
                restore_runs.c.id == run_id)).scalars().all()
            [(step_sig,)] = conn.execute(select(st.signature_id).where(
                st.run_id == run_id)).all()
            [sig] = conn.execute(select(s.id).where(s.record_type == "restore_run",
                                                    s.record_id == run_id)).scalars().all()
        assert runs == [run_id] and step_sig == sig != plant_sig.id
        [placed] = holds.of_lot("LOT-7")
        assert placed.id > 0  # and the run's exposure names the plant's hold
        with hmi.plant.engine.connect() as conn:
            refs = conn.execute(select(restore_lot_exposure.c.hold_ref).where(
                restore_lot_exposure.c.run_id == run_id)).scalars().all()
        assert refs == [f"lot_holds #{placed.id}"]
        assert main(["db", "check", "--url", hmi.plant.url]) == 0


def test_a_restore_signature_on_the_copy_sees_a_user_disabled_on_the_plant_at_once(
        pg_url: str, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)  # olga enabled, copied
        plant = hmi.security
        service = SignaturesWithCopy(hmi.plant, plant.users, plant.audit,
                                     hmi.local.signatures, online=lambda: True,
                                     refresh=lambda: hmi.cache.refresh(hmi.plant))
        ok = service.sign("olga", PASSWORD, Meaning.PERFORMED, "restore_run", "run-1",
                          "1" * 64, "signed")
        assert hmi.local.signatures.signatures_for("restore_run", "run-1") == [ok]  # copy
        admin = plant.users.get("admin")
        assert admin is not None
        plant.users.disable(admin, "olga", reason="left the company")
        with pytest.raises(SecurityError):
            service.sign("olga", PASSWORD, Meaning.PERFORMED, "restore_run", "run-2",
                         "2" * 64, "signed")

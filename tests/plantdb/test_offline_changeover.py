"""Changeovers while the plant database (a real PostgreSQL the tests stop) is away: run on
the HMI's copy of the Effective versions against the line twin over OPC UA, recorded
line-side, forwarded exactly once when it is back, the audit chain one valid chain; a
version obsoleted on another HMI meanwhile is a conflict a person resolves by signing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Table, func, select
from sqlalchemy.exc import DBAPIError

from hmi.config.schema import LineConfig
from hmi.core.roles import Role
from hmi.forward.conflicts import conflicts_open, resolve_signed
from hmi.forward.offline_changeover import PlantCheckedJournal
from hmi.forward.offline_line import OfflineLine
from hmi.forward.recipe_cache import CacheKeeper
from hmi.plantdb import open_plant_db
from hmi.plantdb.tables import forwarded, signatures
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.plc.service import PlcService
from hmi.security.signatures import Meaning, SignatureService
from hmi.sim.twin import LineTwin
from hmi.ui.conflict_view import ConflictView
from recipes import ApprovalError, RecipeStore
from recipes.changeover import (
    ChangeoverEngine,
    ChangeoverJournal,
    ChangeoverOptions,
    ChangeoverRecord,
    ChangeoverState,
)
from recipes.tables import changeover_events, changeover_signatures, changeovers
from recipes.user_text import stored
from tests.plantdb.offline_setup import PASSWORD, LineHmi, line_hmi
from tests.plantdb.pg_server import PgCluster
from tests.plc.helpers import connected, services, store_for
from tests.recipes.helpers import content_for, signature
from tests.recipes.twin_setup import CHECKLIST, line_config, stop_stations, twin_applied

St = ChangeoverState
STATIONS = ("coater",)
CONTENT = content_for(line_config(), STATIONS)
# The dew point held (an automatic item) and the foil roll confirmed (a manual one); the
# die gap's settling is the online changeover tests' business and costs seconds here.
CHECKS = tuple(item for item in CHECKLIST if item.id != "die_gap")


def _engine(hmi: LineHmi, service: PlcService, config: LineConfig) -> ChangeoverEngine:
    return hmi.offline.engine(
        PlcParameterIO(service), PlcLineStatus(service), handshakes=handshakes_of(config),
        checklist=CHECKS,
        options=ChangeoverOptions(batch_size=25, check_poll_s=0.05, auto_check_timeout_s=20.0))


async def _finish(hmi: LineHmi, engine: ChangeoverEngine, record: ChangeoverRecord
                  ) -> ChangeoverRecord:
    """Checks, two signatures made on the copy (the plant database away), release."""
    record = await engine.run_checks(record.id)
    record = engine.confirm(record.id, "foil_roll", "olga", "roll AL15-0042 scanned")
    assert record.state is St.CHECKED and record.control_hash is not None
    sign = hmi.local.signatures.sign
    performed = sign("olga", PASSWORD, Meaning.PERFORMED, "changeover", record.id,
                     record.control_hash, "downloaded and checked")
    verified = sign("lena", PASSWORD, Meaning.VERIFIED, "changeover", record.id,
                    record.control_hash, "second person", distinct_from=[performed])
    record = engine.sign(record.id, performed, "operator", verified, "lead")
    return engine.release(record.id, "olga")


def _plant_count(hmi: LineHmi, table: Table) -> int:
    with hmi.plant.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


async def test_a_changeover_runs_offline_on_the_cached_version_and_is_forwarded_once(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        assert hmi.cache.refresh(hmi.plant) == 1  # online: the Effective version cached
        [cached] = hmi.cache.versions()
        assert cached.version.content_hash == hmi.version.content_hash
        assert cached.label().endswith(
            f"cached at {cached.cached_at.astimezone():%H:%M} (plant database offline)")
        async with LineTwin(line_config()) as twin, services() as make:
            stop_stations(twin, *STATIONS)
            _, service = await connected(make, twin.client_config())
            pg_cluster.stop()
            try:
                engine = _engine(hmi, service, twin.client_config())
                record = await engine.start(cached.version, "LOT-OFF-1", "olga")
                assert record.state is St.VERIFIED, record.failure
                for p in CONTENT.parameters:  # the same download and read-back as online
                    assert twin_applied(twin, p.tag) == pytest.approx(p.setpoint,
                                                                      abs=p.tolerance)
                record = await _finish(hmi, engine, record)
                assert record.state is St.RELEASED
                hmi.offline.wait_sent()  # handed over on its own thread, not the engine's
                status = hmi.link.status()  # recorded line-side, one unit waiting
                assert (status.online, status.pending) == (False, 1)
            finally:
                pg_cluster.start()
        result = hmi.link.poll()
        assert result is not None
        assert (result.forwarded, result.conflicts, result.problem) == (1, [], "")
        again = hmi.link.forward()  # nothing left, nothing sent twice
        assert (again.forwarded, again.already_there) == (0, 0)
        assert hmi.offline.send(record.id)  # a repeated hand-over sends nothing either
        assert _plant_count(hmi, changeovers) == 1
        with hmi.plant.engine.connect() as conn:
            row = conn.execute(select(changeovers)).one()
            assert (row.id, row.state, row.lot_id) == (record.id, "released", "LOT-OFF-1")
            events = conn.execute(select(changeover_events.c.message)
                                  .order_by(changeover_events.c.id)).scalars().all()
            # The whole column as the copy kept it (English + template: recipes.user_text).
            assert events == [stored(e.message) for e in record.events]
            assert set(conn.execute(select(changeover_signatures.c.username)).scalars()) == {
                "olga", "lena"}
            assert {(s.username, s.meaning) for s in conn.execute(select(signatures))} == {
                ("olga", "performed"), ("lena", "verified")}
        check = hmi.security.audit.verify_chain()
        assert check.intact, check.describe()
        signed = hmi.security.audit.entries(action="sign")
        assert [(e.username, e.object_id) for e in signed] == [("olga", record.id),
                                                               ("lena", record.id)]


async def test_one_in_progress_when_the_server_goes_finishes_and_a_conflict_is_signed_off(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path, qtbot: QtBot) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)
        [cached] = hmi.cache.versions()
        async with LineTwin(line_config()) as twin, services() as make:
            stop_stations(twin, *STATIONS)
            _, service = await connected(make, twin.client_config())
            engine = _engine(hmi, service, twin.client_config())
            record = await engine.start(cached.version, "LOT-77", "olga")  # online start
            assert record.state is St.VERIFIED, record.failure
            pg_cluster.stop()  # mid-changeover: checks, signatures and release go on
            try:
                record = await _finish(hmi, engine, record)
                assert record.state is St.RELEASED
                hmi.offline.wait_sent()
            finally:
                pg_cluster.start()
        # Meanwhile QA on another HMI withdrew the version (its own connection).
        other = open_plant_db(pg_url, upgrade=False)
        RecipeStore(other.engine).make_obsolete(hmi.version.recipe_id, hmi.version.version,
                                                "quinn", "binder recall")
        other.close()
        result = hmi.link.poll()
        assert result is not None and result.forwarded == 1
        [found] = result.conflicts
        assert "LOT-77" in found and "made Obsolete by quinn" in found
        # Shown to a person, who resolves it by signing.
        view = ConflictView(lambda: conflicts_open(hmi.plant),
                            lambda key, user, password, decision: resolve_signed(
                                hmi.plant, hmi.security, key, user, password, decision),
                            user_id=lambda: "quinn")
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.conflicts_loaded, timeout=5000) as loaded:
            view.refresh()
        assert loaded.args == [1]
        assert found in view.list.item(0).text()
        dialog = view.resolve(0)
        assert dialog is not None and dialog.user_edit.text() == "quinn"
        dialog.password_edit.setText("not the password")
        dialog.reason_edit.setText("lot LOT-77 re-tested: released")
        with qtbot.waitSignal(dialog.password_edit.textChanged, timeout=5000):
            dialog.request_signature()  # refused: the password is cleared, nothing resolved
        assert dialog.error_label.text() and conflicts_open(hmi.plant)
        dialog.password_edit.setText(PASSWORD)
        with qtbot.waitSignal(view.conflict_resolved, timeout=5000) as resolved, \
                qtbot.waitSignal(view.conflicts_loaded, timeout=5000):
            dialog.request_signature()
        key = resolved.args[0]
        assert view.list.count() == 0 and conflicts_open(hmi.plant) == []
        with hmi.plant.engine.connect() as conn:
            row = conn.execute(select(forwarded).where(forwarded.c.key == key)).one()
        assert (row.resolved_by, row.resolution) == ("quinn", "lot LOT-77 re-tested: released")
        [entry] = hmi.security.audit.entries(action="resolve_conflict")
        assert (entry.username, entry.object_id, entry.role) == ("quinn", key, "QA")
        assert entry.signature_id is not None
        assert hmi.security.audit.verify_chain().intact
        view.close()


def test_the_plant_database_guards_a_cached_version_whenever_it_answers(
        pg_url: str, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)
        [cached] = hmi.cache.versions()
        v = cached.version
        RecipeStore(hmi.plant.engine).make_obsolete(v.recipe_id, v.version, "quinn", "recall")
        journal = ChangeoverJournal(hmi.cache.db.engine)  # the copy alone would still run it
        with pytest.raises(ApprovalError, match="was made Obsolete by quinn"):
            PlantCheckedJournal(hmi.offline).create(v.recipe_id, v.version, v.content_hash,
                                                    "LOT-1", False, "olga", [])
        assert journal.recent() == []
        hmi.cache.refresh(hmi.plant)  # the next refresh: no longer offered, guarded here too
        assert hmi.cache.versions() == []
        with pytest.raises(ApprovalError, match="was made Obsolete"):
            journal.create(v.recipe_id, v.version, v.content_hash, "LOT-1", False, "olga", [])



def test_one_begun_offline_and_ended_online_goes_straight_in_with_its_conflict(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)
        [cached] = hmi.cache.versions()
        v = cached.version
        journal = PlantCheckedJournal(hmi.offline)
        pg_cluster.stop()
        try:  # begun while the server is away: the copy's guard alone lets it start
            co_id = journal.create(v.recipe_id, v.version, v.content_hash, "LOT-5", False,
                                   "olga", [(p.tag, p.setpoint) for p in v.parameters])
        finally:
            pg_cluster.start()
        RecipeStore(hmi.plant.engine).make_obsolete(v.recipe_id, v.version, "quinn", "recall")
        # Ended with the server back and nothing older waiting: straight in, still checked.
        journal.set_state(co_id, St.REFUSED, "pre-checks failed", failure="coater running")
        hmi.offline.wait_sent()
        assert hmi.link.status().pending == 0
        [conflict] = conflicts_open(hmi.plant)
        assert (conflict.key, conflict.hmi) == (co_id, "line-1")
        assert "changeover" in conflict.what and "made Obsolete by quinn" in conflict.what
        with hmi.plant.engine.connect() as conn:
            assert conn.execute(select(changeovers.c.state)).scalar_one() == "refused"
            assert len(conn.execute(select(changeover_events)).all()) == 2
        assert hmi.offline.send_finished() == 0  # sent once; nothing left to send


def test_the_copy_follows_the_plant_database_while_it_answers(
        pg_url: str, tmp_path: Path, qtbot: QtBot) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        assert hmi.cache.refresh(hmi.plant) == 1
        store = RecipeStore(hmi.plant.engine)
        keeper = CacheKeeper(hmi.cache, hmi.plant)
        keeper.start(0.05)
        try:  # a newer version made Effective on another HMI: cached within a poll or two
            draft = store.new_version(hmi.version.recipe_id, CONTENT, "alice")
            store.submit(draft.recipe_id, draft.version, "alice")
            store.approve(draft.recipe_id, draft.version,
                          signature("bob", "approved", draft.content_hash))
            store.make_effective(draft.recipe_id, draft.version, "bob")
            qtbot.waitUntil(lambda: [c.version.version for c in hmi.cache.versions()] == [2],
                            timeout=5000)
        finally:
            keeper.stop()
        old = RecipeStore(hmi.cache.db.engine).get(hmi.version.recipe_id, 1)
        assert old.status.value == "Superseded"  # kept (a changeover may have run on it)
        # Who may sign on the copy follows the plant's users.
        admin = hmi.security.users.get("admin")
        assert admin is not None
        hmi.security.users.add_user(admin, "nina", "Nina New", PASSWORD, Role.OPERATOR,
                                    ("*",), reason="new starter")
        hmi.cache.refresh(hmi.plant)
        assert hmi.local.users.authenticate("nina", PASSWORD).full_name == "Nina New"


def test_the_line_reads_recipes_from_the_copy_while_the_server_is_away(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        store = RecipeStore(hmi.plant.engine)
        draft = store.new_version(hmi.version.recipe_id, CONTENT, "alice")  # for a trial
        line = OfflineLine(tmp_path, hmi.plant, hmi.link, hmi="line-1", interval_s=60.0)
        try:
            [offered] = line.offered()  # refreshed at start
            assert offered.version.version == hmi.version.version
            line.recipes.list_recipes()
            assert line.cached_at(hmi.version) is None  # online: the server's word
            config = line_config()
            service = PlcService(config, store_for(config))  # not started: no PLC work here
            line.engine(draft, PlcParameterIO(service), PlcLineStatus(service))
            assert line.cache.holds(draft.recipe_id, draft.version)  # a trial runs there too
            pg_cluster.stop()
            try:
                [summary] = line.recipes.list_recipes()  # the server is away: the copy says
                assert (summary.effective_version, summary.latest_version) == (1, 2)
                assert line.recipes.effective(draft.recipe_id).content_hash == \
                    hmi.version.content_hash
                [again] = line.offered()  # stamped again when the trial's Draft was copied
                assert again.label().endswith("(plant database offline)")
                assert line.cached_at(draft) is None  # a trial's copy: never Effective
                assert line.cached_at(hmi.version) == again.cached_at  # offered offline
                keeper = CacheKeeper(line.cache, hmi.plant)
                assert not keeper.poll()  # tried, nothing changed, nothing raised
                # A changeover's signature is made on the copy (forwarded with its unit);
                # any other record's still needs the plant database.
                signatures = line.signatures(hmi.security)
                made = signatures.sign("olga", PASSWORD, Meaning.PERFORMED, "changeover",
                                       "co-1", "a" * 64, "downloaded")
                on_copy = line.cache.db
                assert [s.id for s in SignatureService(
                    on_copy, hmi.local.users, hmi.local.audit).signatures_for(
                        "changeover", "co-1")] == [made.id]
                with pytest.raises(DBAPIError):
                    signatures.sign("olga", PASSWORD, Meaning.PERFORMED, "restore", "r-1",
                                    "a" * 64, "restored")
            finally:
                pg_cluster.start()
        finally:
            line.stop()

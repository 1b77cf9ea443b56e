"""LotHoldStore on a real plant database: place, list, release by a QA signature, audited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from hmi.core.roles import Role
from hmi.plantdb import PlantDb
from hmi.production.holds import RECORD_TYPE, HoldError, LotHoldStore, lot_holds
from hmi.security import AuthenticationFailed, PermissionDenied, Security, User
from tests.security.conftest import PASSWORD, FakeClock, add


@pytest.fixture
def holds(db: PlantDb, security: Security, clock: FakeClock) -> LotHoldStore:
    return LotHoldStore(db, security.audit, security.signatures, clock)


def test_migration_matches_the_store_table(db: PlantDb) -> None:
    inspector = inspect(db.engine)
    columns = {c["name"] for c in inspector.get_columns("lot_holds")}
    assert columns == set(lot_holds.columns.keys())
    assert db.has_applied("0005_lot_holds")


def test_place_is_listed_audited_and_idempotent_per_source(
        holds: LotHoldStore, security: Security) -> None:
    hold = holds.place("LOT-1", ["coater", "dryer"], "trial changeover", "changeover:abc",
                       "otto", full_name="Otto Operator", role="Operator")
    again = holds.place("LOT-1", "coater", "trial changeover", "changeover:abc", "otto")
    assert again == hold  # the open hold of that source, not a second one
    other = holds.place("LOT-1", "*", "dew point -35 C for 12 min", "restore:dew_point",
                        "restore-engine")
    assert other.stations == ()  # all stations
    assert [h.id for h in holds.active()] == [hold.id, other.id]
    assert [h.id for h in holds.active("coater")] == [hold.id, other.id]
    assert [h.id for h in holds.active("calender")] == [other.id]  # "all stations" counts
    assert holds.is_held("LOT-1") and not holds.is_held("LOT-2")
    entries = security.audit.entries(action="hold_lot")
    assert [(e.username, e.object_type, e.object_id, e.sent_value) for e in entries] == [
        ("otto", RECORD_TYPE, "LOT-1", "coater,dryer"),
        ("restore-engine", RECORD_TYPE, "LOT-1", "*")]
    assert "trial changeover" in entries[0].reason and "changeover:abc" in entries[0].reason
    assert "lot LOT-1 held at coater, dryer" in hold.describe()


def test_place_refuses_missing_lot_or_reason(holds: LotHoldStore) -> None:
    with pytest.raises(HoldError, match="needs a lot id"):
        holds.place(" ", "coater", "x", "manual", "otto")
    with pytest.raises(HoldError, match="say why"):
        holds.place("LOT-1", "coater", "", "manual", "otto")


def test_release_needs_a_qa_signature_and_releases_every_open_hold(
        holds: LotHoldStore, security: Security, admin: User) -> None:
    add(security, admin, "quinn", Role.QA)
    add(security, admin, "otto", Role.OPERATOR)
    a = holds.place("LOT-7", "coater", "trial changeover", "changeover:1", "otto")
    b = holds.place("LOT-7", "dryer", "dew point excursion", "restore:dew_point", "engine")
    holds.place("LOT-8", "coater", "unrelated", "manual", "otto")
    with pytest.raises(PermissionDenied, match="may not recipe_release"):
        holds.release("LOT-7", "otto", PASSWORD, "looks fine")
    with pytest.raises(AuthenticationFailed):
        holds.release("LOT-7", "quinn", "wrong password", "looks fine")
    assert holds.is_held("LOT-7")  # nothing changed by the refusals
    released = holds.release("LOT-7", "quinn", PASSWORD, "KF 210 ppm: within spec")
    assert [h.id for h in released] == [a.id, b.id]
    assert all(h.released_by == "quinn" and not h.active for h in released)
    assert not holds.is_held("LOT-7") and holds.is_held("LOT-8")
    stored = holds.of_lot("LOT-7")
    assert stored == released
    sig_id = stored[0].release_signature_id
    sig = security.signatures.signatures_for(RECORD_TYPE, "LOT-7")
    assert [s.id for s in sig] == [sig_id] and sig[0].meaning.value == "released"
    entry = security.audit.entries(action="release_lot")[-1]
    assert (entry.username, entry.object_id, entry.signature_id) == ("quinn", "LOT-7", sig_id)
    assert entry.old_value == f"#{a.id}, #{b.id}"
    assert security.audit.verify_chain().intact
    with pytest.raises(HoldError, match="not on hold"):
        holds.release("LOT-7", "quinn", PASSWORD, "again")


def test_a_hold_placed_while_signing_fails_the_release(
        holds: LotHoldStore, security: Security, admin: User, db: PlantDb) -> None:
    add(security, admin, "quinn", Role.QA)
    holds.place("LOT-9", "coater", "trial", "changeover:1", "otto")
    real_sign = security.signatures.sign

    def sign_then_new_hold(*args: object, **kwargs: object) -> object:
        signature = real_sign(*args, **kwargs)  # type: ignore[arg-type]
        holds.place("LOT-9", "dryer", "dew point", "restore:dew_point", "engine")
        return signature

    security.signatures.sign = sign_then_new_hold  # type: ignore[method-assign]
    with pytest.raises(HoldError, match="changed while signing"):
        holds.release("LOT-9", "quinn", PASSWORD, "ok")
    assert len(holds.active()) == 2


def test_the_migration_downgrades(tmp_path: Path, db: PlantDb) -> None:
    from alembic import command
    from alembic.config import Config

    from hmi.plantdb.database import MIGRATIONS
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.writing() as conn:
        config.attributes["connection"] = conn
        # 0012_merge joins every feature branch, so going below lot holds takes the merge
        # (and with it the sibling branches) back to their common parent.
        command.downgrade(config, "0005_lot_holds-1")
    assert "lot_holds" not in inspect(db.engine).get_table_names()
    raw = sqlite3.connect(db.url.removeprefix("sqlite:///"))
    assert raw.execute("SELECT count(*) FROM alembic_version").fetchone()[0] >= 1
    raw.close()

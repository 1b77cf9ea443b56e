"""The plant database opens, upgrades a fresh file to head, and sets SQLite up as designed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from hmi.plantdb import PlantDbError, default_url, open_plant_db
from hmi.plantdb.database import head_revision
from hmi.plantdb.tables import metadata


def test_fresh_database_upgrades_to_head_with_every_table(tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    try:
        assert db.revision() == head_revision() is not None
        inspector = inspect(db.engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name
    finally:
        db.close()
    # Opening again finds it at head and changes nothing.
    db = open_plant_db(default_url(tmp_path))
    assert db.revision() == head_revision()
    db.close()


def test_sqlite_pragmas_wal_foreign_keys_busy_timeout(tmp_path: Path) -> None:
    db = open_plant_db(default_url(tmp_path))
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    finally:
        db.close()


def test_audit_log_refuses_update_and_delete_in_the_database_itself(tmp_path: Path) -> None:
    open_plant_db(default_url(tmp_path)).close()
    with sqlite3.connect(tmp_path / "plant.sqlite") as raw:
        raw.execute(
            "INSERT INTO audit_log (seq, utc_ts, username, full_name, role, action, "
            "object_type, object_id, field, old_value, sent_value, read_back, reason, "
            "client_host, prev_hash, entry_hash) VALUES "
            "(1, '2026-01-01 00:00:00', 'a', 'A', 'r', 'x', 't', 'i', '', 'null', 'null', "
            "'null', '', '', '0', '0')"
        )
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE audit_log SET reason = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM audit_log")
    raw.close()


def test_a_database_from_a_newer_lineside_is_refused(tmp_path: Path) -> None:
    open_plant_db(default_url(tmp_path)).close()
    with sqlite3.connect(tmp_path / "plant.sqlite") as raw:
        # One row per head while feature branches are open: make one of them unknown.
        raw.execute("UPDATE alembic_version SET version_num = '9999_future' "
                    "WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)")
    raw.close()
    with pytest.raises(PlantDbError, match="9999_future is newer than this Lineside knows"):
        open_plant_db(default_url(tmp_path))


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(PlantDbError, match="does not exist"):
        open_plant_db(default_url(tmp_path / "nope"))

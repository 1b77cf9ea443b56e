"""The same Alembic migrations on a real PostgreSQL: every table, the append-only tables
refused in the database itself, and the template-per-test fixture working."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from hmi.plantdb import open_plant_db
from hmi.plantdb.database import head_revision
from hmi.plantdb.tables import metadata


def test_migrations_reach_head_on_both_with_every_table(plant_db_url: str) -> None:
    db = open_plant_db(plant_db_url)
    try:
        assert db.revision() == head_revision() is not None
        inspector = inspect(db.engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name
    finally:
        db.close()


APPEND_ONLY = ("audit_log", "alarm_journal", "production_state_events")


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_append_only_tables_refuse_update_and_delete_on_postgresql(pg_url: str,
                                                                    table: str) -> None:
    db = open_plant_db(pg_url)
    try:
        column = inspect(db.engine).get_columns(table)[0]["name"]
        for statement in (f"UPDATE {table} SET {column} = {column}", f"DELETE FROM {table}",
                          f"TRUNCATE {table}"):
            with db.engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
                conn.execute(text(statement))
    finally:
        db.close()

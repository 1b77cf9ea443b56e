"""The one place that knows which database is underneath (SQLite now, PostgreSQL later).

Everything else in the plant database is portable SQLAlchemy Core; what differs per dialect
is how a connection is set up, how the audit chain's writer takes its lock, and how the
database itself refuses UPDATE and DELETE on append-only tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import URL

# Execution option that marks a connection as a writer (PlantDb.writing sets it).
WRITE_OPTION = "plantdb_write"
BUSY_TIMEOUT_MS = 10_000  # another HMI or a CLI holding the write lock: wait, do not fail


CONNECT_TIMEOUT_S = 5  # an unreachable plant server: say so in seconds, not minutes


def engine_options(url: URL) -> dict[str, Any]:
    """create_engine() arguments per dialect."""
    if url.get_backend_name() == "postgresql":
        # pre-ping: a server restarted (or back after an outage) leaves dead pooled
        # connections; test each on checkout rather than fail the next write.
        return {"pool_pre_ping": True, "connect_args": {"connect_timeout": CONNECT_TIMEOUT_S}}
    return {}


def explain_connect_error(url: URL, detail: str) -> str:
    """What a technician can do about a failed connection (the driver's words kept)."""
    shown = url.render_as_string(hide_password=True)
    low = detail.lower()
    if url.get_backend_name() != "postgresql":
        return f"{shown}: cannot open the plant database: {detail}"
    where = f"{url.host or 'the local socket'}:{url.port or 5432}"
    if "password authentication failed" in low or "no password supplied" in low:
        return (f"{shown}: the server at {where} refused user {url.username!r}: wrong or "
                "missing password (fix it in the URL, [security] url)")
    if "does not exist" in low and "database" in low:
        return (f"{shown}: the server at {where} has no database {url.database!r}: create it "
                "(createdb) or fix the URL")
    if any(k in low for k in ("connection refused", "could not connect", "timeout expired",
                              "no such file", "could not translate host", "name or service",
                              "server closed the connection", "terminating connection")):
        return (f"{shown}: cannot reach the plant database server at {where}: is PostgreSQL "
                "running there, and are host and port right? "
                f"({detail.strip().splitlines()[0]})")
    return f"{shown}: cannot open the plant database: {detail.strip()}"


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own implicit BEGIN is DEFERRED; take over so a writing transaction
        # (PlantDb.writing) is BEGIN IMMEDIATE (below): it holds the lock from its first
        # read, so two appends can never both read the same last hash and fork the chain.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Readers stay DEFERRED so they never wait behind a writer (WAL lets them read).
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def lock_audit_chain(conn: Connection) -> None:
    """Serialise appends across processes for the rest of this transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE audit_log IN EXCLUSIVE MODE"))
    # SQLite: BEGIN IMMEDIATE already holds the database's one write lock.


def append_only_ddl(dialect_name: str, table: str) -> list[str]:
    """Statements that make the database itself refuse UPDATE and DELETE on `table`.

    Defence in depth only: whoever can edit the file can drop a trigger too, which is why
    the hash chain exists.
    """
    if dialect_name == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        ]
    if dialect_name == "postgresql":
        # A statement-level trigger that raises (a RULE ... DO INSTEAD NOTHING would make a
        # tampering UPDATE "succeed" silently); TRUNCATE too, which skips row triggers.
        return [
            "CREATE OR REPLACE FUNCTION lineside_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION lineside_append_only()",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION lineside_append_only()",
        ]
    return []


def drop_append_only_ddl(dialect_name: str, table: str) -> list[str]:
    if dialect_name == "sqlite":
        return [f"DROP TRIGGER {table}_no_update", f"DROP TRIGGER {table}_no_delete"]
    if dialect_name == "postgresql":
        return [f"DROP TRIGGER {table}_{what} ON {table}" for what in ("no_update", "no_delete")]
    return []

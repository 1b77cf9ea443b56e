"""`lineside db upgrade|check` against the private PostgreSQL server (and SQLite): migrate an
empty database, verify schema and audit chain, and one clear line for each failure a
technician meets (unreachable, wrong password, newer database, a tampered trail)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from hmi.cli import main
from hmi.core.audit_event import AuditEvent
from hmi.core.net import free_tcp_port
from hmi.plantdb import open_plant_db
from hmi.plantdb.database import head_revision
from hmi.security import AuditTrail
from tests.plantdb.pg_server import PgCluster


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["db", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _appended(url: str, count: int) -> None:
    db = open_plant_db(url)
    trail = AuditTrail(db)
    for i in range(count):
        trail.append(AuditEvent(username="tina", full_name="Tina Tech", role="Maintenance",
                                action="write_setpoint", object_type="tag",
                                object_id=f"coater.sp{i}", reason=f"step {i}"))
    db.close()


def test_upgrade_an_empty_database_then_check_it(pg_cluster: PgCluster,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_cluster.create_database(template=None)
    try:
        code, out, _ = _run(capsys, "upgrade", "--url", url)
        assert code == 0
        assert f"upgraded from an empty database to {head_revision()}" in out
        assert _run(capsys, "upgrade", "--url", url)[1].endswith(
            f"already at {head_revision()}\n")
        _appended(url, 3)
        code, out, _ = _run(capsys, "check", "--url", url)
        assert code == 0
        assert f"schema at head {head_revision()}" in out
        assert "audit trail intact: 3 entries" in out
    finally:
        pg_cluster.drop_database(url)


def test_check_names_the_tampered_entry_on_postgresql(pg_url: str,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    _appended(pg_url, 4)
    engine = create_engine(pg_url)
    with engine.begin() as conn:  # as an attacker with the owner's rights would
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2"))
    engine.dispose()
    code, _, err = _run(capsys, "check", "--url", pg_url)
    assert code == 1
    assert ("audit trail broken at entry 2: its content no longer matches its hash" in err)


def test_wrong_password_is_one_line_saying_so(pg_cluster: PgCluster,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_cluster.tcp_url("postgres", password="not-the-password")
    code, out, err = _run(capsys, "check", "--url", url)
    assert (code, out) == (1, "")
    assert err == (f"lineside db: postgresql+psycopg://lineside:***@127.0.0.1:{pg_cluster.port}"
                   f"/postgres: the server at 127.0.0.1:{pg_cluster.port} refused user "
                   "'lineside': wrong or missing password (fix it in the URL, "
                   "[security] url)\n")
    assert "not-the-password" not in err


def test_unreachable_server_and_missing_database(pg_cluster: PgCluster,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    port = free_tcp_port()
    code, _, err = _run(capsys, "check", "--url",
                        f"postgresql+psycopg://lineside:pw@127.0.0.1:{port}/plant")
    assert code == 1
    assert f"cannot reach the plant database server at 127.0.0.1:{port}: is PostgreSQL" in err
    code, _, err = _run(capsys, "upgrade", "--url", pg_cluster.tcp_url("no_such_plant"))
    assert code == 1
    assert "has no database 'no_such_plant': create it (createdb) or fix the URL" in err


def test_a_database_newer_than_this_program_is_refused(plant_db_url: str,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    open_plant_db(plant_db_url).close()
    engine = create_engine(plant_db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0042_future')"))
    engine.dispose()
    for action in ("upgrade", "check"):
        code, _, err = _run(capsys, action, "--url", plant_db_url)
        assert code == 1
        assert "schema revision 0042_future is newer than this Lineside knows" in err
        assert "use the Lineside version that wrote it" in err

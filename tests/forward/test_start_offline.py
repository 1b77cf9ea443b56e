"""An HMI that starts while its PostgreSQL plant database is away: the line runs, the
operator signs in with the credentials cached at the last online run, acts, and all of it
is forwarded once the server answers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hmi.app import LineRuntime
from hmi.cli import main
from hmi.core.roles import Role
from hmi.forward.offline_users import USER_CACHE_FILE
from hmi.security import AuthenticationFailed, Session
from tests.forward.conftest import OPERATOR, on_plant_db
from tests.forward.test_runtime_offline import write
from tests.plantdb.pg_server import PgCluster


def test_start_while_the_server_is_away_sign_in_act_and_forward(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    config = on_plant_db(pg_url)
    first = LineRuntime(line_config=config, data_dir=tmp_path, secure=True, link_poll_s=0.3)
    try:  # the last online run: users made, the cache refreshed
        first.start()
        assert first.security is not None
        users = first.security.users
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        users.refresh()  # type: ignore[attr-defined]  # what the link does every minute
    finally:
        first.stop()
    assert (tmp_path / USER_CACHE_FILE).stat().st_mode & 0o077 == 0  # this account only
    pg_cluster.stop()
    runtime = LineRuntime(line_config=config, data_dir=tmp_path, secure=True, link_poll_s=0.3)
    try:
        try:
            runtime.start()  # no server: the HMI starts anyway
            link, security = runtime.plant_link, runtime.security
            assert link is not None and security is not None
            assert not link.status().online
            session = Session(security.users, 900, client_host="panel-1")
            with pytest.raises(AuthenticationFailed):
                session.login(OPERATOR[0], "not-the-password")
            assert session.login(OPERATOR[0], OPERATOR[2]).username == OPERATOR[0]
            write(runtime, 66.0)
            # The failed and the good sign-in, the write (beside the OEE record's units).
            assert [e.action for _, e in link.pending_audit()] == [
                "login_failed", "login", "write_setpoint"]
        finally:
            pg_cluster.start()
        end = time.monotonic() + 10
        while link.status().pending and time.monotonic() < end:
            time.sleep(0.1)
        assert link.status().pending == 0 and link.status().online, link.status()
        entries = security.audit.entries(username=OPERATOR[0])
        assert [e.action for e in entries][-3:] == ["login_failed", "login", "write_setpoint"]
        assert "offline" in entries[-2].reason
        assert main(["db", "check", "--url", pg_url]) == 0
    finally:
        runtime.stop()

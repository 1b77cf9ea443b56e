"""A private PostgreSQL cluster for the tests: initdb into a temporary folder, one server
per xdist worker on a free loopback port, a fresh database per test cloned from a migrated
template (CREATE DATABASE ... TEMPLATE copies files: milliseconds, where migrating takes a
second or more).

Nothing is skipped: without the server binaries the tests that need them fail and say to
run ./dev test (which installs Debian's postgresql). PostgreSQL refuses to run as root, so
as root the server runs as the `postgres` OS user (runuser).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from hmi.core.net import free_tcp_port

USER = "lineside"
PASSWORD = "lineside-test-pw"
TEMPLATE = "lineside_template"
SERVER_OS_USER = "postgres"


def server_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl (Debian keeps them off PATH)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found: run ./dev test, "
                "which installs Debian's postgresql package", pytrace=False)


class PgCluster:
    """One initdb'd cluster; start/stop may repeat (the store-and-forward test stops it)."""

    def __init__(self, root: Path) -> None:
        self.bin = server_bin_dir()
        self.root = root
        self.data = root / "data"
        self.sockets = root / "sock"
        self.log = root / "server.log"
        self.port = free_tcp_port()
        self._names = itertools.count(1)
        self._as_root = os.geteuid() == 0
        self.up = False
        self._initdb()

    # ---- server life ---------------------------------------------------------------------
    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if self._as_root:
            command = ["runuser", "-u", SERVER_OS_USER, "--", *command]
        result = subprocess.run(command, check=False, capture_output=True, text=True,
                                timeout=120)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:1])} failed: {result.stderr.strip()}")
        return result

    def _initdb(self) -> None:
        self.sockets.mkdir(parents=True)
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self._as_root:
            shutil.chown(self.root, SERVER_OS_USER)
            shutil.chown(self.sockets, SERVER_OS_USER)
            shutil.chown(pwfile, SERVER_OS_USER)
        # Password over TCP (the CLI's wrong-password message is tested), trust on the socket.
        self._run("initdb", "-D", str(self.data), "-U", USER, "--pwfile", str(pwfile),
                  "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync", "--no-instructions")

    def start(self) -> None:
        # fsync off: a test cluster need not survive a power cut, and it is much faster.
        options = (f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        result = self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log),
                           "-w", "-t", "60", "start", check=False)
        if result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{log[-2000:]}")
        self.up = True

    def stop(self) -> None:
        """Fast shutdown (the store-and-forward test's "database went away")."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop",
                  check=False)
        self.up = False

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def postmaster_pid(self) -> int | None:
        pidfile = self.data / "postmaster.pid"
        try:
            return int(pidfile.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    # ---- databases -----------------------------------------------------------------------
    def url(self, database: str) -> str:
        """Over the server's private socket (trusted, no password: a URL the tests can
        print and hand to a child process as it is, since SQLAlchemy masks passwords)."""
        return (f"postgresql+psycopg://{USER}@/{database}"
                f"?host={self.sockets}&port={self.port}")

    def tcp_url(self, database: str, password: str = PASSWORD) -> str:
        """Over loopback TCP with a password, as an HMI on another PC connects."""
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.sockets), port=self.port, user=USER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # fixed test DDL, no user input

    def create_database(self, template: str | None = TEMPLATE) -> str:
        """A new, empty-of-data database (from the migrated template by default); its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        for attempt in range(50):
            try:
                self._admin(f"CREATE DATABASE {name}{clause}")
                break
            except Exception as exc:  # template briefly in use by another session
                if "being accessed by other users" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.1)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def make_template(self) -> None:
        from hmi.plantdb import open_plant_db

        self._admin(f"CREATE DATABASE {TEMPLATE}")
        open_plant_db(self.url(TEMPLATE)).close()


def start_cluster(root: Path) -> PgCluster:
    cluster = PgCluster(root)
    cluster.start()
    try:
        cluster.make_template()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def assert_stopped(cluster: PgCluster, pid: int | None) -> None:
    """The session's end: no server process outlives the tests."""
    if pid is None:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"PostgreSQL server {pid} still running after pg_ctl stop")

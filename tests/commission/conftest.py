"""Fixture servers for the command tests, run on their own IoThread.

The commands call asyncio.run on the test's thread (as they do in a terminal), so the
servers they talk to must live on another loop: a real server on loopback, a real client.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from hmi.core.iothread import IoThread
from hmi.core.net import free_tcp_port

from .servers import OpcUaFixture, modbus_server, opcua_server

T = TypeVar("T")


def _serve(io: IoThread, manager: AbstractAsyncContextManager[T]) -> Iterator[T]:
    value = io.run(manager.__aenter__(), timeout=15)
    try:
        yield value
    finally:
        io.run(manager.__aexit__(None, None, None), timeout=15)


# One set of servers per test module: an asyncua server takes over a second to start, and
# the commands only read (write tests restore what they change).
@pytest.fixture(scope="module")
def server_thread() -> Iterator[IoThread]:
    with IoThread("test-servers") as io:
        yield io


@pytest.fixture(scope="module")
def opcua(server_thread: IoThread) -> Iterator[OpcUaFixture]:
    yield from _serve(server_thread, opcua_server(free_tcp_port()))


@pytest.fixture(scope="module")
def modbus_port(server_thread: IoThread) -> Iterator[int]:
    port = free_tcp_port()
    for _ in _serve(server_thread, modbus_server(port)):
        yield port


WRITER = ("otto", "operator-password-1")  # an Operator in the `plant` data folder
VIEWER = ("vic", "viewer-password-1")


@pytest.fixture(scope="module")
def plant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose plant database knows an administrator, an operator and a viewer
    (fast argon2 parameters: verifying reads them from each hash)."""
    from hmi.core.roles import Role
    from hmi.plantdb import default_url, open_plant_db
    from hmi.security import Hasher, build_security

    folder = tmp_path_factory.mktemp("plant")
    db = open_plant_db(default_url(folder))
    try:
        users = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024)).users
        admin = users.create_first_administrator("ada", "Ada Admin", "admin-password-1")
        users.add_user(admin, WRITER[0], "Otto Operator", WRITER[1], Role.OPERATOR,
                       reason="tests")
        users.add_user(admin, VIEWER[0], "Vic Viewer", VIEWER[1], Role.VIEWER, reason="tests")
    finally:
        db.close()
    return folder


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, plant: Path
) -> Callable[..., tuple[int, str, str]]:
    """`main(args)` in-process: (exit code, stdout, stderr). `write` without --user signs
    in as the `plant` operator (password on stdin), as a commissioning engineer would."""
    from hmi.cli import main

    def run(*args: Any) -> tuple[int, str, str]:
        argv = [str(a) for a in args]
        if argv and argv[0] == "write" and "--user" not in argv:
            argv += ["--user", WRITER[0], "--password-stdin", "--data-dir", str(plant)]
            monkeypatch.setattr("sys.stdin", io.StringIO(WRITER[1] + "\n"))
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run




@pytest.fixture(scope="module")
def line_config(
    opcua: OpcUaFixture, modbus_port: int, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A line config for the fixture servers: OPC UA station `plc`, Modbus station `dry`."""
    path = tmp_path_factory.mktemp("lines") / "fixture_line.toml"
    path.write_text(LINE_CONFIG.format(endpoint=opcua.endpoint, port=modbus_port), "utf-8")
    return str(path)


LINE_CONFIG = """\
[line]
id = "fixture"
name = "Fixture line"

[[connections]]
id = "plc_ua"
protocol = "opcua"
endpoint = "{endpoint}"
security_mode = "None"

[[connections]]
id = "dry_mb"
protocol = "modbus"
host = "127.0.0.1"
port = {port}

[[connections.poll_groups]]
id = "default"
rate_ms = 100

[[stations]]
id = "plc"
name = "Fixture PLC"
connection = "plc_ua"

[[stations]]
id = "dry"
name = "Fixture dry room"
connection = "dry_mb"

[[tags]]
id = "plc.counter"
data_type = "int"
opcua = {{ node_id = "ns=2;s=plc.counter" }}

[[tags]]
id = "plc.setpoint"
unit = "°C"
writable = true
opcua = {{ node_id = "ns=2;s=plc.setpoint" }}

[[tags]]
id = "plc.mode"
data_type = "enum"
enum = "loop_mode"
writable = true
opcua = {{ node_id = "ns=2;s=plc.mode" }}

[[tags]]
id = "plc.temperature"
opcua = {{ node_id = "ns=2;s=plc.temperature" }}

[[tags]]
id = "dry.float_big"
modbus = {{ table = "holding", address = 10, type = "float32", word_order = "big" }}

[[tags]]
id = "dry.float_little"
modbus = {{ table = "holding", address = 20, type = "float32", word_order = "little" }}

[[tags]]
id = "dry.setpoint"
writable = true
modbus = {{ table = "holding", address = 30, type = "float32", word_order = "little" }}
"""

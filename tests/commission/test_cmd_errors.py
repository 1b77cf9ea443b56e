"""What goes wrong in the field: one line on stderr, the right exit code, and quickly."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hmi.cli import main
from hmi.core.paths import data_dir

Cli = Callable[..., tuple[int, str, str]]


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_unreachable_opcua_endpoint(run_cli: Cli, free_port: int) -> None:
    started = time.monotonic()
    code, out, err = run_cli("browse", f"opc.tcp://127.0.0.1:{free_port}/")
    assert code == 1 and out == ""
    assert "connection refused" in _one_line(err)
    assert time.monotonic() - started < 3


def test_unreachable_modbus_device(run_cli: Cli, free_port: int) -> None:
    started = time.monotonic()
    code, out, err = run_cli("modbus-scan", f"127.0.0.1:{free_port}")
    assert code == 1 and out == ""
    assert f"cannot connect to Modbus TCP 127.0.0.1:{free_port}" in _one_line(err)
    assert time.monotonic() - started < 3


@pytest.fixture
def silent_listener() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word: a hung or wrong device."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def test_silent_opcua_server_times_out(run_cli: Cli, silent_listener: int) -> None:
    started = time.monotonic()
    code, _, err = run_cli("browse", f"opc.tcp://127.0.0.1:{silent_listener}/", "--timeout", "0.5")
    assert code == 1
    assert "no answer from" in _one_line(err)
    assert time.monotonic() - started < 2.5


def test_watch_of_a_silent_server_ends(run_cli: Cli, silent_listener: int) -> None:
    """Its connect timing out with the command's own timeout must not leave it retrying."""
    started = time.monotonic()
    code, out, err = run_cli(
        "watch", f"opc.tcp://127.0.0.1:{silent_listener}/", "ns=2;s=x", "--timeout", "0.5"
    )
    assert code == 1 and out == ""
    assert f"opc.tcp://127.0.0.1:{silent_listener}/" in _one_line(err)
    assert time.monotonic() - started < 3


def test_silent_modbus_device_times_out(run_cli: Cli, silent_listener: int) -> None:
    started = time.monotonic()
    code, _, err = run_cli("modbus-scan", f"127.0.0.1:{silent_listener}", "--timeout", "0.5")
    assert code == 1
    assert "no answer" in _one_line(err)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["browse", "192.168.0.10:4840"], "is not an OPC UA endpoint"),
        (["browse", "opc.tcp://h:1", "--depth", "0"], "0 is outside 1..64"),
        (["modbus-scan", "plc:http"], "is not HOST:PORT"),
        (["modbus-scan", "plc:502", "--table", "register"], "invalid choice"),
        (["modbus-scan", "plc:502", "--start", "-1"], "outside 0..65535"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run_cli: Cli, args: list[str], message: str) -> None:
    code, out, err = run_cli(*args)
    assert code == 2 and out == ""
    assert message in _one_line(err)


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: lineside" in out
    for command in ("config", "browse", "watch", "write", "modbus-scan", "sim"):
        assert f"    {command} " in out


def test_data_dir_override_is_created(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "lineside"
    assert data_dir(str(target)) == target
    assert target.is_dir()

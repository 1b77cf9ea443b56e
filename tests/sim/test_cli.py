"""`lineside sim` as a user runs it."""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from hmi.core.net import free_tcp_port
from hmi.sim.cli import add_sim_parser, run_sim

ROOT = Path(__file__).resolve().parents[2]


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lineside")
    add_sim_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["sim", *argv])


def test_sim_prints_its_endpoints_and_stops_cleanly_on_sigint() -> None:
    opcua_port, modbus_port = free_tcp_port(), free_tcp_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "hmi.sim.cli", "--opcua-port", str(opcua_port),
         "--modbus-port", str(modbus_port), "--fault", "web_break@1+2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        first, second = proc.stdout.readline(), proc.stdout.readline()
        assert first == f"OPC UA  opc.tcp://127.0.0.1:{opcua_port}/lineside/\n"
        assert second == f"Modbus  127.0.0.1:{modbus_port} (units 1, 2)\n"
        with socket.create_connection(("127.0.0.1", modbus_port), timeout=5):
            pass  # really listening
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_bad_config_prints_the_problems_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "line.toml"
    bad.write_text('[line]\nid = "Bad Id"\nname = "x"\n', encoding="utf-8")
    assert run_sim(_args("--config", str(bad))) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "line.toml:" in err


def test_bad_fault_syntax_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_sim(_args("--fault", "web_break")) == 2
    assert "NAME[:TARGET]@SECONDS" in capsys.readouterr().err


def test_port_in_use_gives_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = run_sim(_args("--opcua-port", str(port), "--modbus-port", str(free_tcp_port())))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and f"OPC UA port {port}" in err[0] and "not free" in err[0]

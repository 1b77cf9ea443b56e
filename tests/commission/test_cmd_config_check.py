"""`lineside config check`: a summary for a good file, every error with its line for a bad one."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from hmi.config import DEMO_LINE

Cli = Callable[..., tuple[int, str, str]]

ISSUE = re.compile(r"^(?P<path>.+):(?P<line>\d+): (?P<field>[^:]*): (?P<message>.+)$")


def test_demo_line_summary(run_cli: Cli) -> None:
    code, out, err = run_cli("config", "check", DEMO_LINE)
    assert code == 0, err
    assert err == ""
    assert "line: Demo electrode and cell line (demo)" in out
    assert re.search(r"stations \(10\): mixer, coater, calender, slitter, winder, tab_welder", out)
    tags = re.search(r"tags \((\d+)\): OPC UA (\d+), Modbus (\d+); writable (\d+)", out)
    assert tags is not None
    total, opcua, modbus, writable = map(int, tags.groups())
    assert opcua > 0 and modbus > 0 and opcua + modbus == total and 0 < writable < total
    assert "opcua_electrode" in out and "opc.tcp://127.0.0.1:4840/lineside/" in out
    assert "modbus_welder" in out and "127.0.0.1:5020 unit 2" in out


BROKEN = """\
[line]
id = "l1"
name = "Broken line"
colour = "red"

[[connections]]
id = "plc"
protocol = "opcua"
endpoint = "http://10.0.0.1:4840"

[[stations]]
id = "coater"
name = "Coater"
connection = "plc"

[[tags]]
id = "coater.web_tension_n"
range = [500, 100]
opcua = { node_id = "ns=2;s=coater.web_tension_n" }
"""


def test_broken_file_lists_every_error_with_its_line(run_cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, err = run_cli("config", "check", path)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    issues = [m.groupdict() for line in err.splitlines() if (m := ISSUE.match(line))]
    by_field = {i["field"]: i for i in issues}
    assert by_field["line.colour"]["line"] == "4"
    assert by_field["connections[plc].endpoint"]["line"] == "9"
    assert by_field["tags[coater.web_tension_n].range"]["line"] == "18"
    assert all(i["path"] == str(path) for i in issues)


def test_invalid_toml_names_the_line(run_cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[line]\nid = "x"\nname = \n', encoding="utf-8")
    code, _, err = run_cli("config", "check", path)
    assert code == 2
    assert err.startswith(f"{path}:3: not valid TOML")


def test_missing_file_is_a_usage_error(run_cli: Cli, tmp_path: Path) -> None:
    code, _, err = run_cli("config", "check", tmp_path / "nope.toml")
    assert code == 2
    assert "no such file" in err and "Traceback" not in err

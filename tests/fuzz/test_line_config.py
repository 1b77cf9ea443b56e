"""Fuzzed line configs: the demo line broken structurally and textually.

Either the file loads and the result passes the model's own checks again, or the loader
raises ConfigError whose every issue is `file:line: field: message` with the line inside
the file; and `lineside config check FILE` exits 2 with those lines and no traceback.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given

from hmi.cli import main
from hmi.config import DEMO_LINE, ConfigError, LineConfig, load_line_config, parse_line_config

from .mutate import (
    DROP,
    Broken,
    Digits,
    Mutant,
    Source,
    assert_located,
    deep,
    encode,
    fuzz_settings,
    mutated_bytes,
    mutated_tree,
    outcome,
    pinned,
    toml_text,
)

DEMO_TEXT = DEMO_LINE.read_text(encoding="utf-8")
DEMO_TREE = tomllib.loads(DEMO_TEXT)
DEMO = Source("demo_line.toml", DEMO_TEXT, DEMO_TREE)


def _check_file(data: bytes, *, cli: bool = False) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "line.toml"
        path.write_bytes(data)
        if cli:
            _check_cli(path, data)
        try:
            config = load_line_config(path)
        except ConfigError as exc:
            outcome(f"refused: {_kind(exc.issues[0].message)}")
            assert exc.issues, "a refusal lists its issues"
            assert_located(str(exc), str(path), data.count(b"\n") + 1)
            for issue in exc.issues:
                assert issue.line is not None and issue.message
            return
        outcome("loaded")
        # Loaded: it must stand the model's own validation again (nothing slipped past),
        # and hold no NaN or inf anywhere (an alarm limit of nan never trips).
        LineConfig.model_validate(config.model_dump())
        assert all(math.isfinite(v) for v in _floats(config.model_dump()))


def _check_cli(path: Path, data: bytes) -> None:
    """`lineside config check FILE` in-process: 0 and a summary, or 2 and every issue
    as file:line on stderr, never a traceback or an internal error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["config", "check", str(path)])
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue()
    if code == 0:
        assert out.getvalue().startswith(f"{path}: OK"), out.getvalue()
        return
    assert code == 2, err.getvalue()
    problems, summary = err.getvalue().rstrip("\n").rsplit("\n", 1)
    assert summary.endswith("problem(s) found"), summary
    assert_located(problems, str(path), data.count(b"\n") + 1)


def _kind(message: str) -> str:
    """A refusal's kind for the statistics: its message without the quoted values."""
    return re.sub(r"'[^']*'|\d+(\.\d+)?", "_", message)[:50]


def _floats(node: object) -> list[float]:
    if isinstance(node, float):
        return [node]
    if isinstance(node, dict):
        return [f for v in node.values() for f in _floats(v)]
    if isinstance(node, (list, tuple)):
        return [f for v in node for f in _floats(v)]
    return []


def test_the_demo_line_and_its_rewrite_load() -> None:
    """The writer the structural cases use keeps an unmutated config loadable."""
    load_line_config(DEMO_LINE)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "line.toml"
        path.write_text(toml_text(DEMO_TREE), encoding="utf-8")
        assert load_line_config(path) == load_line_config(DEMO_LINE)


@fuzz_settings(150)
@given(mutant=mutated_tree(DEMO, toml=True))
# A missing [line] table was reported with no line at all.
@example(mutant=pinned(DEMO, (("line",), DROP)))
# NaN and inf loaded: an alarm limit of nan never trips, a timeout of inf never expires.
@example(mutant=pinned(DEMO, (("tags", 6, "alarm"), {"h": math.nan, "hh": 50.0})))
@example(mutant=pinned(DEMO, (("connections", 2, "timeout_s"), math.inf)))
# A number of 5000 digits (ValueError) and arrays nested 3000 deep (RecursionError).
@example(mutant=pinned(DEMO, (("historian", "raw_days"), Digits("1" + "0" * 5000))))
@example(mutant=pinned(DEMO, (("line", "name"), deep(3000))))
def test_structurally_mutated_config(mutant: Mutant) -> None:
    _check_file(encode(toml_text(mutant.tree)))


@fuzz_settings(150)
@given(case=mutated_bytes(DEMO))
# Notepad's BOM refused as "not valid TOML"; bytes that are not UTF-8 named no line.
@example(case=Broken(b"\xef\xbb\xbf" + DEMO_TEXT.encode(), "BOM"))
@example(case=Broken(DEMO_TEXT.encode()[:3000] + b"\xff" + DEMO_TEXT.encode()[3000:], "0xff"))
def test_textually_mutated_config(case: Broken) -> None:
    _check_file(case.data, cli=True)


CLI_CASES = [
    b"", b"\xef\xbb\xbf", b"\x00\x01\xff", DEMO_TEXT[:1000].encode(),
    DEMO_TEXT.replace("rate_ms = 200", "rate_ms = nan").encode(),
    DEMO_TEXT.replace("deadband = 1.24", "deadband = inf").encode(),
    DEMO_TEXT.replace("[line]", "[line]\nx = " + "[" * 3000 + "]" * 3000).encode(),
    DEMO_TEXT.replace("raw_days = 7", "raw_days = 1" + "0" * 5000).encode(),
    DEMO_TEXT.encode("utf-16"),
]


@pytest.mark.parametrize("raw", CLI_CASES, ids=range(len(CLI_CASES)))
def test_config_check_refuses_with_lines_and_no_traceback(
        raw: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "line.toml"
    path.write_bytes(raw)
    code = main(["config", "check", str(path)])
    out = capsys.readouterr()
    assert code == 2, out
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    problems, summary = out.err.rstrip("\n").rsplit("\n", 1)
    assert summary.endswith("problem(s) found")
    assert_located(problems, str(path), raw.count(b"\n") + 1)


@pytest.mark.parametrize(("old", "new", "above", "expected"), [
    ('protocol = "opcua"', 'protocol = "opc"', 0,
     "connections[opcua_electrode].protocol: 'opc' is not one of 'opcua', 'modbus'"),
    ('protocol = "opcua"', 'prot = "opcua"', 2,  # the [[connections]] header
     'connections[opcua_electrode]: needs protocol = "opcua" or "modbus"'),
    ("history = { deadband = 0.05, heartbeat_s = 30 }", "history = 5", 0,
     "tags[dry_room.dew_point_c].history: must be a table: [name] or { key = value, ... }"),
])
def test_fuzz_found_messages_speak_of_the_file_not_of_python(old: str, new: str, above: int,
                                                             expected: str) -> None:
    """Mutants met pydantic's own words ("Unable to extract tag using discriminator",
    "valid dictionary or instance of TagHistory"); these say what to write instead."""
    text = DEMO_TEXT.replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1 - above
    with pytest.raises(ConfigError) as refused:
        parse_line_config(text, "line.toml")
    assert str(refused.value) == f"line.toml:{line}: {expected}"


def test_config_check_in_its_own_process_prints_no_traceback(tmp_path: Path) -> None:
    """The installed command, once, as a technician runs it: the 3000-deep nesting that
    raised RecursionError is one located line and exit 2."""
    path = tmp_path / "line.toml"
    path.write_text(DEMO_TEXT.replace("[line]", "[line]\nx = " + "[" * 3000 + "]" * 3000),
                    encoding="utf-8")
    done = subprocess.run([str(Path(sys.executable).parent / "lineside"), "config", "check",
                           str(path)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert done.stderr.splitlines()[0] == (f"{path}:11: not usable TOML: arrays or tables "
                                           "nested too deep")

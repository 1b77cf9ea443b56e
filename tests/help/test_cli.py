"""`lineside help`: the same pages as the panel, as text, with one-line refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hmi.cli import main
from hmi.config import DEMO_LINE


def test_help_prints_a_station_in_the_language_asked(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    assert main(["help", "coater", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Slot-die coater and dryer\n")
    assert re.search(r"Alarme dieser Station \(\d\d\)", out)
    assert "Ursache: Splice failure, foil defect, tension spike" in out
    assert "1. Prüfen: Safe state: coater aborted" in out


def test_help_lists_topics_and_searches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert "screen:overview\tLine overview" in listing
    assert "procedure:coater_web_break\tWeb break in the coater / dryer" in listing
    assert main(["help", "--search", "splice failure"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("alarm:coater_web_break\tCoater web break\tCause: Splice failure")


def test_help_refuses_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help", "no_such_thing"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lineside help: no screen, alarm or procedure 'no_such_thing'")
    assert err.count("\n") == 1
    broken = tmp_path / "line.toml"
    broken.write_text(DEMO_LINE.read_text("utf-8").replace('id = "coater"', 'id = "Coater"',
                                                           1), encoding="utf-8")
    assert main(["help", "coater", "--config", str(broken)]) == 2
    err = capsys.readouterr().err
    assert str(broken) in err and "Traceback" not in err
    assert main(["help", "--search", "zebra unicorn"]) == 2
    assert "nothing found" in capsys.readouterr().err

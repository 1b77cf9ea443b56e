"""CSV export round-trips what is stored; the CLI gives one-line errors with exit 2."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hmi.cli import main
from hmi.core.tags import Quality
from hmi.historian import HistoryReader, export_csv, quality_name
from hmi.historian.tables import quality_code

from .conftest import MakeHistorian
from .helpers import T0, at, sample

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: object) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def recorded(make_historian: MakeHistorian) -> None:
    historian = make_historian()
    values = [0.1, 1 / 3, -2.5e-7, 12345.678901234567, 7.0]
    historian.record([sample("a.x", v, i * 0.25) for i, v in enumerate(values)])
    historian.record([sample("a.x", 7.0, 2, Quality.COMM_LOST)])
    historian.record([sample("b.y", float(i % 3), i) for i in range(120)])
    historian.stop()


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_raw_csv_round_trips_times_values_and_qualities(
    recorded: None, reader: Callable[[], HistoryReader]
) -> None:
    history = reader()
    out = io.StringIO()
    # Up to two hours after T0: past now, so the session-end markers are in.
    result = export_csv(history, ["a.x", "b.y"], at(-1), at(7200), out)
    rows = parse(out.getvalue())
    assert result.rows == len(rows) == 127
    stored = history.read_raw(["a.x", "b.y"], at(-1), at(7200))
    for tag in ("a.x", "b.y"):
        mine = [r for r in rows if r["tag"] == tag]
        series = stored[tag]
        assert [datetime.fromisoformat(r["time"]).timestamp() * 1000 for r in mine] == [
            float(t) for t in series.t_ms
        ]
        back = [float(r["value"]) if r["value"] else math.nan for r in mine]
        assert all(
            a == b or (math.isnan(a) and math.isnan(b))
            for a, b in zip(back, series.value.tolist(), strict=True)
        )
        assert [quality_code(r["quality"]) for r in mine] == series.quality.tolist()
    first = rows[0]
    assert first["time"].endswith("Z") and first["time"] == at(0).isoformat(
        timespec="milliseconds"
    ).replace("+00:00", "Z")
    assert [r["quality"] for r in rows if r["tag"] == "a.x"][-2:] == ["GOOD", "COMM_LOST"]
    assert [(r["value"], r["quality"]) for r in rows][-1] == ("", "NO_DATA")  # b.y: stopped


def test_rollup_csv_has_means_and_counts(
    recorded: None, reader: Callable[[], HistoryReader]
) -> None:
    out = io.StringIO()
    export_csv(reader(), ["b.y"], at(0), at(120), out, tier="1m")
    rows = parse(out.getvalue())
    assert [r["count"] for r in rows] == ["60", "60"]
    assert rows[0]["min"] == "0.0" and rows[0]["max"] == "2.0"
    assert float(rows[0]["value"]) == pytest.approx(1.0)
    assert {r["quality"] for r in rows} <= {quality_name(0), "NO_DATA"}


def test_cli_export_and_stats(recorded: None, tmp_path: Path, run_cli: Cli) -> None:
    out_file = tmp_path / "out.csv"
    start, end = at(-1).isoformat(), at(7200).isoformat()
    code, _out, err = run_cli(
        "history", "export", "--data-dir", tmp_path, "--tag", "a.x", "--tag", "b.y",
        "--from", start, "--to", end, "--raw", "--csv", out_file,
    )
    assert code == 0, err
    rows = parse(out_file.read_text())
    assert {r["tag"] for r in rows} == {"a.x", "b.y"}
    assert "exported 127 samples of 2 tag(s)" in err
    code, out, err = run_cli(
        "history", "export", "--data-dir", tmp_path, "--tag", "b.y",
        "--from", start, "--to", end, "--csv", "-",
    )
    assert code == 0, err
    assert out.splitlines()[0] == "time,tag,value,quality,min,max,count"
    assert "1 s buckets" in err
    code, out, err = run_cli("history", "stats", "--data-dir", tmp_path)
    assert code == 0, err
    assert "tags: 2" in out and "MiB on disk" in out
    raw_line = next(line for line in out.splitlines() if line.startswith("raw"))
    assert raw_line.split()[1] == "127"  # 6 + 120 samples, b.y's session-end marker
    assert T0.strftime("%Y-%m-%dT%H:%M") in raw_line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tag", "a.z"], "unknown tag 'a.z'"),
        (["--tag", "a.x", "--from", "yesterday"], "'yesterday' is not an ISO 8601 time"),
        (["--tag", "a.x", "--from", "2024-05-02", "--to", "2024-05-01"], "is not after --from"),
        (["--tag", "a.x", "--csv", "/nonexistent/dir/out.csv"], "cannot write"),
        (["--tag", "a.x", "--data-dir", "{tmp}/nothing"], "no history database at"),
    ],
)
def test_cli_mistakes_are_one_line_and_exit_2(
    recorded: None, tmp_path: Path, run_cli: Cli, args: list[str], message: str
) -> None:
    base = {"--data-dir": str(tmp_path), "--from": "2020-01-01", "--to": "2030-01-01",
            "--csv": str(tmp_path / "x.csv")}
    given = [a.replace("{tmp}", str(tmp_path)) for a in args]
    for key, value in base.items():
        if key not in given:
            given += [key, value]
    code, _out, err = run_cli("history", "export", *given)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (tmp_path / "nothing").exists()  # a mistyped --data-dir is not created


def test_cli_stats_without_a_database(tmp_path: Path, run_cli: Cli) -> None:
    code, _out, err = run_cli("history", "stats", "--data-dir", tmp_path)
    assert code == 2 and "no history database at" in err and "--data-dir" in err

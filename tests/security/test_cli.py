"""`lineside users` and `lineside audit` round trips through main(), on a real data folder."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hmi.cli import main

Lineside = Callable[..., tuple[int, str, str]]  # (stdin, *argv) -> (exit code, out, err)

ADMIN_PW = "correct horse battery"
USER_PW = "operator password 1"


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lineside(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Lineside:
    def call(stdin: str, *argv: str) -> tuple[int, str, str]:
        return run(monkeypatch, capsys, stdin, *argv, "--data-dir", str(tmp_path))

    return call


def test_users_round_trip_and_audit_verify(lineside: Lineside, tmp_path: Path) -> None:
    code, out, _ = lineside(f"{ADMIN_PW}\n", "users", "init", "--user", "admin",
                            "--full-name", "Ada Admin", "--password-stdin")
    assert (code, out.strip()) == (0, "created the first administrator admin (Ada Admin)")
    code, _, err = lineside(f"{ADMIN_PW}\n", "users", "init", "--user", "eve",
                            "--full-name", "Eve", "--password-stdin")
    assert code == 2 and "an administrator exists already" in err
    code, out, _ = lineside(f"{ADMIN_PW}\n{USER_PW}\n", "users", "add", "--admin", "admin",
                            "--user", "olga", "--full-name", "Olga Operator", "--role",
                            "operator", "--stations", "coater,winder", "--reason", "new starter",
                            "--password-stdin")
    assert (code, out.strip()) == (0, "added olga (Olga Operator) as Operator@coater, "
                                      "Operator@winder")
    code, out, _ = lineside(f"{ADMIN_PW}\n", "users", "set-role", "--admin", "admin", "--user",
                            "olga", "--role", "Lead", "--reason", "promoted", "--password-stdin")
    assert (code, out.strip()) == (0, "olga is now Lead")
    code, out, _ = lineside(f"{ADMIN_PW}\nnew password here\n", "users", "reset-password",
                            "--admin", "admin", "--user", "olga", "--reason", "forgotten",
                            "--password-stdin")
    assert code == 0
    code, out, _ = lineside(f"{ADMIN_PW}\n", "users", "disable", "--admin", "admin", "--user",
                            "olga", "--reason", "left", "--password-stdin")
    assert code == 0
    code, out, _ = lineside(f"{ADMIN_PW}\n", "users", "enable", "--admin", "admin", "--user",
                            "olga", "--reason", "came back", "--password-stdin")
    assert (code, out.strip()) == (0, "enabled olga")
    code, out, _ = lineside(f"{ADMIN_PW}\n135791\n", "users", "set-badge", "--admin", "admin",
                            "--user", "olga", "--badge", "B-77", "--reason", "badge issued",
                            "--password-stdin")
    assert (code, out.strip()) == (0, "badge B-77 set for olga")
    code, out, _ = lineside(f"{ADMIN_PW}\n", "users", "disable", "--admin", "admin", "--user",
                            "olga", "--reason", "left again", "--password-stdin")
    assert code == 0
    code, out, _ = lineside(f"{ADMIN_PW}\n", "users", "list", "--admin", "admin",
                            "--password-stdin")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[0] == "admin" and lines[0].endswith("active")
    assert lines[1].split()[0] == "olga" and lines[1].endswith("disabled  badge B-77")

    code, out, _ = lineside("", "audit", "verify")
    assert code == 0 and out.startswith("audit trail intact:")
    out_csv = tmp_path / "audit.csv"
    code, out, _ = lineside("", "audit", "export", "--from", "2000-01-01", "--csv", str(out_csv))
    assert code == 0
    with out_csv.open(newline="", encoding="utf-8") as handle:
        actions = [row["action"] for row in csv.DictReader(handle)]
    assert actions[:2] == ["create_first_administrator", "login"]
    assert {"add_user", "set_role", "reset_password", "disable_user", "enable_user",
            "set_badge"} <= set(actions)
    out_pdf = tmp_path / "audit.pdf"
    code, out, _ = lineside("", "audit", "export", "--pdf", str(out_pdf))
    assert code == 0 and f"wrote {len(actions)} audit entries to {out_pdf}" in out
    pdf = out_pdf.read_bytes()
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert b"chain intact" in pdf and b"create_first_administrator" in pdf and b"olga" in pdf
    pages = int(re.search(rb"/Count (\d+)", pdf).group(1))  # type: ignore[union-attr]
    assert pages >= 1 and b"page %d of %d" % (pages, pages) in pdf
    # The cross-reference table points at every object: a reader can open the file.
    start = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    assert pdf[start:start + 4] == b"xref"
    for offset in re.findall(rb"(\d{10}) 00000 n", pdf):
        assert re.match(rb"\d+ 0 obj", pdf[int(offset):])

    # Tamper with the file: verify exits 1 and names the entry.
    raw = sqlite3.connect(tmp_path / "plant.sqlite")
    with raw:
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3")
    raw.close()
    code, _, err = lineside("", "audit", "verify")
    assert code == 1
    assert err.strip().startswith("audit trail broken at entry 3:")


@pytest.mark.parametrize(
    ("stdin", "argv", "expected"),
    [
        ("x\n", ("users", "add", "--admin", "admin", "--user", "o", "--full-name", "O",
                 "--role", "Operator", "--password-stdin"),
         "no administrator exists yet: run `lineside users init` first"),
        ("short\n", ("users", "init", "--user", "admin", "--full-name", "A", "--password-stdin"),
         "use at least 12"),
        ("", ("users", "init", "--user", "admin", "--full-name", "A", "--password-stdin"),
         "no line for the new password"),
        ("", ("users", "add", "--admin", "a", "--user", "o", "--full-name", "O", "--role",
              "Boss"), "'Boss' is no role"),
        ("", ("audit", "verify"), "no plant database"),
        ("", ("audit", "verify", "--head", "abc"), "'abc' is not a head hash"),
        ("", ("audit", "export", "--from", "yesterday", "--csv", "x.csv"),
         "'yesterday' is not an ISO time"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    lineside: Lineside, stdin: str, argv: tuple[str, ...], expected: str
) -> None:
    code, _, err = lineside(stdin, *argv)
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_admin_actions_need_the_admin_password_and_a_reason(lineside: Lineside) -> None:
    lineside(f"{ADMIN_PW}\n", "users", "init", "--user", "admin", "--full-name", "Ada",
             "--password-stdin")
    code, _, err = lineside(f"wrong one\n{USER_PW}\n", "users", "add", "--admin", "admin",
                            "--user", "olga", "--full-name", "Olga", "--role", "Operator",
                            "--password-stdin")
    assert code == 2 and "wrong user name or password" in err
    code, _, err = lineside(f"{ADMIN_PW}\n{USER_PW}\n", "users", "add", "--admin", "admin",
                            "--user", "olga", "--full-name", "Olga", "--role", "Operator",
                            "--password-stdin")
    assert code == 2 and "add --reason TEXT" in err


def test_the_console_entry_in_a_subprocess(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hmi.cli", "users", "init", "--user", "admin", "--full-name",
         "Ada Admin", "--password-stdin", "--data-dir", str(tmp_path)],
        input=f"{ADMIN_PW}\n", capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    verify = subprocess.run(
        [sys.executable, "-m", "hmi.cli", "audit", "verify", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert verify.returncode == 0 and "1 entries" in verify.stdout
    head = verify.stdout.split("head ")[1].strip()
    again = subprocess.run(
        [sys.executable, "-m", "hmi.cli", "audit", "verify", "--head", head, "--data-dir",
         str(tmp_path)], capture_output=True, text=True, timeout=60, check=False,
    )
    assert again.returncode == 0, again.stderr

"""`lineside db outbox`: the technician's view of an HMI's local journal."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hmi.cli import main
from hmi.core.audit_event import AuditEvent
from hmi.forward import OUTBOX_FILE, Outbox

EVENT = AuditEvent(username="olga", full_name="Olga Operator", role="Operator",
                   action="alarm_ack", object_type="alarm", object_id="coater_web_break")


def _journal(folder: Path, records: int) -> None:
    outbox = Outbox(folder / OUTBOX_FILE)
    try:
        outbox.set_offline_since(datetime(2026, 11, 27, 14, 2, tzinfo=UTC))
        for i in range(records):
            outbox.add("unit", {"rows": [], "audit": [asdict(EVENT)]},
                       datetime(2026, 11, 27, 14, 3 + i, tzinfo=UTC))
    finally:
        outbox.close()


def test_offline_since_and_what_waits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _journal(tmp_path, 37)
    assert main(["db", "outbox", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "plant database offline since 2026-11-27" in out and "(14:02:00 UTC)" in out
    assert "37 records wait to be forwarded, the oldest from 2026-11-27" in out
    assert "(14:03:00 UTC)" in out and "journal chain intact" in out


def test_a_journal_changed_by_hand_is_named(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _journal(tmp_path, 3)
    with sqlite3.connect(tmp_path / OUTBOX_FILE) as raw:
        raw.execute("UPDATE outbox SET payload = replace(payload, 'olga', 'otto') WHERE seq = 2")
    raw.close()
    assert main(["db", "outbox", "--data-dir", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "local journal: item 2 was changed after it was recorded" in err
    assert "not forwarded until a person has looked" in err


def test_no_journal_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "outbox", "--data-dir", str(tmp_path)]) == 0
    assert "no local journal" in capsys.readouterr().out
    assert not (tmp_path / OUTBOX_FILE).exists()  # looking creates nothing

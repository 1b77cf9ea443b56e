"""The hash chain: intact after normal use; an updated, deleted or inserted row is named.

The tampering is done the way an attacker would: straight in the SQLite file with sqlite3,
after dropping the append-only triggers.
"""

from __future__ import annotations

import csv
import itertools
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hmi.core.audit_event import AuditEvent
from hmi.plantdb import PlantDb
from hmi.security import AuditTrail, Security
from hmi.security.audit_chain import GENESIS
from hmi.security.export import export_csv

from .conftest import FakeClock


def _event(i: int) -> AuditEvent:
    return AuditEvent(
        username="olga", full_name="Olga Operator", role="Operator", action="write_setpoint",
        object_type="tag", object_id="coater.web_tension_sp_n", field="value",
        old_value=60.0 + i, sent_value=61.0 + i, read_back=61.0 + i, reason=f"step {i}",
        client_host="panel-3",
    )


def _raw(db: PlantDb) -> sqlite3.Connection:
    path = db.engine.url.database
    assert path is not None
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("DROP TRIGGER audit_log_no_delete")
    return raw


@pytest.fixture
def trail(db: PlantDb, clock: FakeClock) -> AuditTrail:
    audit = AuditTrail(db, clock)
    for i in range(6):
        audit.append(_event(i))
    return audit


def test_entries_chain_from_genesis_and_keep_values_typed(trail: AuditTrail) -> None:
    entries = trail.entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(entries))
    assert (entries[2].old_value, entries[2].sent_value, entries[2].read_back) == (62.0, 63.0,
                                                                                   63.0)
    assert entries[0].utc_ts.tzinfo is not None
    check = trail.verify_chain()
    assert check.intact and check.entries == 6 and check.head_hash == entries[-1].entry_hash


def test_an_updated_row_is_named(trail: AuditTrail, db: PlantDb) -> None:
    with _raw(db) as raw:
        raw.execute("UPDATE audit_log SET sent_value = '99.0' WHERE seq = 4")
    raw.close()
    check = trail.verify_chain()
    assert not check.intact
    assert check.broken_seq == 4
    assert "changed" in check.problem
    assert check.describe().startswith("audit trail broken at entry 4")


def test_a_deleted_row_is_named(trail: AuditTrail, db: PlantDb) -> None:
    with _raw(db) as raw:
        raw.execute("DELETE FROM audit_log WHERE seq = 3")
    raw.close()
    check = trail.verify_chain()
    assert (check.intact, check.broken_seq) == (False, 4)
    assert "entry 3 deleted" in check.problem


def test_a_deleted_and_renumbered_row_is_named(trail: AuditTrail, db: PlantDb) -> None:
    with _raw(db) as raw:  # hide the gap by shifting the later rows down
        raw.execute("DELETE FROM audit_log WHERE seq = 3")
        raw.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3")
    raw.close()
    check = trail.verify_chain()
    assert (check.intact, check.broken_seq) == (False, 3)


def test_an_inserted_row_is_named(trail: AuditTrail, db: PlantDb) -> None:
    with _raw(db) as raw:  # make room in the middle, then forge a plausible entry
        raw.execute("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 4")
        raw.execute("UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000")
        prev = raw.execute("SELECT entry_hash FROM audit_log WHERE seq = 3").fetchone()[0]
        raw.execute(
            "INSERT INTO audit_log (seq, utc_ts, username, full_name, role, action, "
            "object_type, object_id, field, old_value, sent_value, read_back, reason, "
            "client_host, prev_hash, entry_hash) VALUES (4, '2026-11-26 08:00:00.000010', "
            "'olga', 'Olga Operator', 'Operator', 'write_setpoint', 'tag', "
            "'coater.web_tension_sp_n', 'value', '1', '2', '2', 'forged', 'panel-3', ?, ?)",
            (prev, "f" * 64),
        )
    raw.close()
    check = trail.verify_chain()
    assert (check.intact, check.broken_seq) == (False, 4)
    assert "changed or inserted" in check.problem


def test_a_row_appended_out_of_band_is_named(trail: AuditTrail, db: PlantDb) -> None:
    with _raw(db) as raw:
        raw.execute(
            "INSERT INTO audit_log (seq, utc_ts, username, full_name, role, action, "
            "object_type, object_id, field, old_value, sent_value, read_back, reason, "
            "client_host, prev_hash, entry_hash) SELECT 7, utc_ts, username, full_name, role, "
            "action, object_type, object_id, field, old_value, sent_value, read_back, reason, "
            "client_host, entry_hash, entry_hash FROM audit_log WHERE seq = 6"
        )
    raw.close()
    check = trail.verify_chain()
    assert (check.intact, check.broken_seq) == (False, 7)


def test_concurrent_appends_do_not_fork_the_chain(db: PlantDb) -> None:
    trail = AuditTrail(db)
    other = AuditTrail(db)  # a second writer in the same process, its own lock

    def write(audit: AuditTrail, base: int) -> None:
        for i in range(25):
            audit.append(_event(base + i))

    threads = [
        threading.Thread(target=write, args=(audit, n * 100), name=f"writer-{n}")
        for n, audit in enumerate((trail, trail, other, other))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = trail.verify_chain()
    assert check.intact, check.describe()
    assert check.entries == 100


def test_filters_and_csv_export(security: Security, tmp_path: Path, clock: FakeClock) -> None:
    for i in range(3):
        security.audit.append(_event(i))
    clock.advance(hours=1)
    start = clock.now
    security.audit.append(_event(10))
    assert [e.seq for e in security.audit.entries(since=start)] == [4]
    assert [e.seq for e in security.audit.entries(until=start)] == [1, 2, 3]
    out = tmp_path / "audit.csv"
    assert export_csv(security.audit, out, since=start) == 1
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["seq"] == "4"
    assert rows[0]["sent_value"] == "71.0"
    assert rows[0]["utc_ts"].endswith("+00:00")


def test_a_noted_head_catches_the_newest_entries_cut_off(trail: AuditTrail, db: PlantDb) -> None:
    head = trail.verify_chain().head_hash
    assert trail.verify_chain(noted_head=head[:16]).intact
    with _raw(db) as raw:
        raw.execute("DELETE FROM audit_log WHERE seq >= 5")
    raw.close()
    assert trail.verify_chain().intact  # the chain alone cannot tell
    check = trail.verify_chain(noted_head=head[:16])
    assert (check.intact, check.broken_seq) == (False, 5)
    assert "entries after it were deleted" in check.problem


APPENDER = """
import sys
from hmi.core.audit_event import AuditEvent
from hmi.plantdb import open_plant_db
from hmi.security import AuditTrail
db = open_plant_db(sys.argv[1])
trail = AuditTrail(db)
for i in range(40):
    trail.append(AuditEvent(username=sys.argv[2], full_name="", role="", action="test",
                            object_type="tag", object_id=str(i)))
db.close()
"""


def test_two_processes_appending_do_not_fork_the_chain(db: PlantDb) -> None:
    url = str(db.engine.url)
    writers = [
        subprocess.Popen([sys.executable, "-c", APPENDER, url, name], stderr=subprocess.PIPE,
                         text=True)
        for name in ("hmi-1", "cli-2")
    ]
    errors = [w.communicate(timeout=60)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], errors
    check = AuditTrail(db).verify_chain()
    assert check.intact, check.describe()
    assert check.entries == 80

"""Plant database benchmark: audit appends on PostgreSQL from 1, 2 and 4 HMI processes, the
same rows as plain INSERTs without the chain, and draining an offline journal.

    python tests/bench/plant.py [--appends N] [--drain N]

A private PostgreSQL server (tests/plantdb/pg_server.py: initdb in a temp folder, fsync off
as in the tests) on loopback. Each process appends N/processes entries, each its own
transaction as an HMI does (lock the chain, read the last hash, insert). "plain" inserts the
same rows, one transaction each, into a copy of audit_log without lock, last-hash read or
hashing. chain_ratio = plain rate / chain rate at the same process count (how much the one
chain costs). drain_s: PlantLink.forward() of a 10,000-record offline journal (one audit
entry each) into the plant chain. Wall-clock: noisy on a loaded machine (the load average
is printed); the ratios come from one run. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Column, MetaData, Table, create_engine, insert, text  # noqa: E402

from hmi.core.audit_event import AuditEvent  # noqa: E402
from hmi.plantdb import open_plant_db  # noqa: E402
from hmi.plantdb.tables import audit_log  # noqa: E402
from hmi.security.audit_chain import encode_value  # noqa: E402

PROCESSES = (1, 2, 4)


def _event(name: str, i: int) -> AuditEvent:
    return AuditEvent(username=name, full_name=name.title(), role="Operator",
                      action="write_setpoint", object_type="tag", object_id=f"coater.sp{i}",
                      field="value", old_value=float(i), sent_value=float(i + 1),
                      read_back=float(i + 1), reason=f"step {i}", client_host=name)


def worker(mode: str, url: str, name: str, count: int) -> None:
    """One HMI process: waits for "go", appends (chain) or inserts (plain), says "done"."""
    from hmi.security import AuditTrail

    db = open_plant_db(url, upgrade=False)
    plain = Table("audit_plain", MetaData(), *(Column(c.name, c.type) for c in audit_log.columns
                                                if c.name != "seq"))
    events = [_event(name, i) for i in range(count)]
    sys.stdin.readline()
    if mode == "chain":
        trail = AuditTrail(db)
        for event in events:
            trail.append(event)
    else:
        now = datetime.now(UTC)
        for i, e in enumerate(events):
            with db.writing() as conn:
                conn.execute(insert(plain).values(
                    utc_ts=now, username=e.username, full_name=e.full_name, role=e.role,
                    action=e.action, object_type=e.object_type, object_id=e.object_id,
                    field=e.field, old_value=encode_value(e.old_value),
                    sent_value=encode_value(e.sent_value), read_back=encode_value(e.read_back),
                    reason=e.reason, client_host=e.client_host, signature_id=None,
                    prev_hash="", entry_hash=str(i)))
    print("done", flush=True)
    db.close()


def _run(url: str, mode: str, processes: int, total: int) -> float:
    """Rows per second, all processes together, from "go" to the last "done"."""
    each = total // processes
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", mode, url, f"hmi-{n}",
                               str(each)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, cwd=ROOT) for n in range(processes)]
    time.sleep(1.5)  # imports and connections done before the clock starts
    start = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, _ = p.communicate(timeout=600)
        if p.returncode != 0 or "done" not in out:
            raise SystemExit(f"worker failed ({mode}, {processes} processes)")
    return each * processes / (time.perf_counter() - start)


def _drain(cluster: object, events: int) -> tuple[float, float]:
    from hmi.forward import Outbox, PlantLink
    from hmi.security import AuditTrail

    url = cluster.create_database()  # type: ignore[attr-defined]
    db = open_plant_db(url)
    folder = Path(tempfile.mkdtemp(prefix="lineside-drain-"))
    outbox = Outbox(folder / "outbox.sqlite")
    start_at = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    for i in range(events):
        outbox.add("unit", {"rows": [], "audit": [asdict(_event("line-1", i))]},
                   start_at + timedelta(milliseconds=i))
    link = PlantLink(db, outbox, AuditTrail(db), hmi="line-1")
    cpu, start = time.process_time(), time.perf_counter()
    result = link.forward()
    drain_s, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    check = AuditTrail(db).verify_chain()
    assert result.forwarded == events and check.intact and check.entries == events, result
    outbox.close()
    db.close()
    shutil.rmtree(folder, ignore_errors=True)
    return drain_s, cpu_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--appends", type=int, default=2000, help="entries per measurement")
    parser.add_argument("--drain", type=int, default=10_000, help="records in the journal")
    args = parser.parse_args()
    from tests.plantdb.pg_server import assert_stopped, start_cluster

    root = Path(tempfile.mkdtemp(prefix="lineside-pg-bench-"))
    cluster = start_cluster(root)
    try:
        chain, plain = {}, {}
        for n in PROCESSES:
            url = cluster.create_database()
            engine = create_engine(url)
            with engine.begin() as conn:
                # Same columns and seq default (the serial's sequence), no triggers.
                conn.execute(text("CREATE TABLE audit_plain (LIKE audit_log INCLUDING DEFAULTS)"))
            engine.dispose()
            chain[n] = _run(url, "chain", n, args.appends)
            plain[n] = _run(url, "plain", n, args.appends)
            print(f"{n} process(es): chain {chain[n]:8.0f}/s  plain {plain[n]:8.0f}/s  "
                  f"ratio {plain[n] / chain[n]:.2f}", flush=True)
        drain_s, drain_cpu_s = _drain(cluster, args.drain)
        print(f"drain of {args.drain} journaled records: {drain_s:.2f} s "
              f"(this process's CPU {drain_cpu_s:.2f} s)", flush=True)
    finally:
        pid = cluster.postmaster_pid()
        cluster.stop()
        assert_stopped(cluster, pid)
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps({
        "appends_per_s": {str(n): round(chain[n]) for n in PROCESSES},
        "plain_inserts_per_s": {str(n): round(plain[n]) for n in PROCESSES},
        "chain_ratio": {str(n): round(plain[n] / chain[n], 2) for n in PROCESSES},
        "drain_events": args.drain, "drain_s": round(drain_s, 2),
        "drain_cpu_s": round(drain_cpu_s, 2), "load_1min": round(os.getloadavg()[0], 1),
    }))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()

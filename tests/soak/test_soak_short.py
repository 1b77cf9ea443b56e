"""The soak bench, short, in CI: two minutes of the whole HMI (offscreen) on the twin under
a dozen overlapping faults of eight kinds (seed 9), every invariant asserted. The twin is a
process of its own (the plant's PLCs), faults reach it over a pipe, and it says when each
server went away and came back.

It runs in its own process (tests/bench/soak.py, as an operator would start it) and in
its own xdist group, so it occupies one worker while the rest of the suite runs on the
others. The history-volume fault needs root (a tmpfs); elsewhere it is reported as not
injected and the other invariants still hold.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = 9  # 13 faults: PLC restart, all/Modbus link loss, web break, E-stop, sensor, DB lock, disk
# A UI thread silent this long is hung (a deadlock, an endless loop). The bench's own
# default is 10 s; on a CI box shared with the rest of the suite (and on the 2-core
# machine here at load 20) paints have stalled 11-12 s with nothing wrong: the figure is
# reported as longest_ui_stall_s either way.
HANG_S = 30.0
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("soak"), pytest.mark.timeout(900)]


def test_two_minutes_of_chaos_break_no_invariant(tmp_path: Path) -> None:
    try:
        done = _soak(tmp_path)
    finally:  # a bench killed on the way leaves its history volume mounted
        volume = tmp_path / "history_volume"
        if os.path.ismount(volume):
            subprocess.run(["umount", "-l", str(volume)], check=False)
    lines = done.stdout.strip().splitlines()
    assert lines, f"no result (exit {done.returncode}):\n{done.stderr[-3000:]}"
    result = json.loads(lines[-1])
    context = json.dumps(result, indent=1)
    assert result["twin_process"] and result["faults_injected"] >= 10, context
    assert len(result["faults_by_kind"]) >= 6, context
    assert result["crashes"] == 0, context
    assert result["hangs"] == 0, context
    assert result["false_good_values"] == 0, context
    assert result["link_outages"] >= 3 and result["gaps_missing"] == 0, context
    assert result["lost_records"] == 0, context
    assert result["audit_chain_ok"], context
    assert sum(result["changeovers"].values()) >= 1, context
    assert result["records_seen"]["alarm_journal"] > 0, context  # the alarm engine recorded
    assert result["sockets_end"] <= result["sockets_warm"] + 4, context
    assert result["threads_end"] <= result["threads_warm"] + 2, context
    assert result["violations"] == [], context
    assert done.returncode == 0, done.stderr[-3000:]


def _soak(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bench" / "soak.py"), "--minutes", "2",
         "--lines", "1", "--chaos", "--seed", str(SEED), "--fault-every-s", "8",
         "--changeover-every-s", "50", "--history-mb", "128", "--hang-s", str(HANG_S),
         "--keep", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=800,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})

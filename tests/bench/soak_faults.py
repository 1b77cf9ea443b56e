"""The soak bench's chaos: a seeded schedule of overlapping faults, and their injectors.

Twin faults go to the twin process over its pipe (tests/bench/soak_twin.py: the twin's own
fault injection: PLC restarts, loss of one protocol's or every connection, web breaks,
E-stops, sensor failures); two come from outside the twin, as on a plant PC: another
process holding a write lock on the plant database (BEGIN IMMEDIATE) and the historian's
volume running out of room (a ballast file filling the small tmpfs the history database
lives on).

The bench remembers every link outage as the twin reports it (when a server's sockets were
closed, when it started listening again), so the invariant checks know when a GOOD value
would be a lie, also when outages overlap.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hmi.core.packml import PackMLState
from tests.bench.soak_twin import TwinProcess

log = logging.getLogger("soak")

# (kind, weight, shortest s, longest s)
KINDS: tuple[tuple[str, float, float, float], ...] = (
    ("plc_restart", 1.0, 2.0, 6.0),
    ("comm_loss", 1.0, 2.0, 8.0),
    ("comm_loss_opcua", 1.0, 2.0, 8.0),
    ("comm_loss_modbus", 1.0, 2.0, 8.0),
    ("web_break", 1.0, 5.0, 20.0),
    ("estop", 1.0, 3.0, 15.0),
    ("sensor_failure", 1.0, 5.0, 20.0),
    ("db_lock", 1.0, 2.0, 8.0),
    ("history_full", 1.0, 5.0, 15.0),
)
SENSORS = ("coater.web_tension_n", "dry_room.dew_point_c", "coater.dryer_z2_temp_c",
           "tab_welder.laser_power_w", "calender.line_load_kn_mm")
ESTOP_STATIONS = ("coater", "calender", "winder")
RESTART_S = 2.0  # a station stopped by a trip is started again this long after it clears


@dataclass(frozen=True)
class Planned:
    at_s: float  # from the start of the run
    kind: str
    duration_s: float
    line: int  # which copy of the line (1..L) a station or tag fault hits
    pick: int  # which station (E-stop) or sensor, from the seed too


@dataclass
class Outage:
    """One server away: from `down` (its stop began) to `up` (its start began, said once it
    listened), monotonic; `scope` is opcua or modbus; `up` is infinite while still away."""

    scope: str
    down: float
    up: float = float("inf")


def plan(seed: int, run_s: float, lines: int, mean_gap_s: float, warm_s: float,
         quiet_s: float) -> list[Planned]:
    """Faults at random times from `warm_s` until `quiet_s` before the end; they overlap
    (the next one does not wait for the last to end)."""
    rng = random.Random(seed)
    weights = [k[1] for k in KINDS]
    faults: list[Planned] = []
    at = warm_s + rng.expovariate(1.0 / mean_gap_s)
    while at < run_s - quiet_s:
        kind, _w, low, high = rng.choices(KINDS, weights)[0]
        faults.append(Planned(round(at, 2), kind, round(rng.uniform(low, high), 2),
                              rng.randint(1, lines), rng.randrange(1000)))
        at += rng.expovariate(1.0 / mean_gap_s)
    return faults


@dataclass
class Chaos:
    twin: TwinProcess
    plant_db_path: Path
    history_dir: Path | None  # the size-capped volume (None: that fault is not possible)
    outages: list[Outage] = field(default_factory=list)
    injected: Counter[str] = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)  # faults the bench could not inject
    _timers: list[threading.Timer] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _open: dict[str, Outage] = field(default_factory=dict)  # server -> its current outage

    def on_link(self, server: str, event: str, t: float) -> None:
        """The twin's report (on its reader thread): a server stopped or starts again."""
        with self._lock:
            if event == "down" and server not in self._open:
                self._open[server] = Outage(server, t)
                self.outages.append(self._open[server])
            elif event == "up" and server in self._open:
                self._open.pop(server).up = t

    def run(self, schedule: list[Planned], t0: float, stop: threading.Event) -> None:
        """Inject each planned fault at its time (on this thread; ends are timers)."""
        for fault in schedule:
            if stop.wait(max(0.0, t0 + fault.at_s - time.monotonic())):
                return
            try:
                self.inject(fault)
            except Exception as exc:  # one failed injection is a result
                self.failed.append(f"{fault.kind}: {type(exc).__name__}: {exc}")
                log.error("soak: could not inject %s: %s", fault, exc)

    def inject(self, fault: Planned) -> None:
        kind, seconds = fault.kind, fault.duration_s
        suffix = "" if fault.line == 1 else f"_{fault.line}"
        if kind in ("plc_restart", "comm_loss", "comm_loss_opcua", "comm_loss_modbus"):
            name = "comm_loss" if kind.startswith("comm_loss") else kind
            target = kind.removeprefix("comm_loss_") if kind.startswith("comm_loss_") else None
            self.twin.inject(name, target, seconds)  # the outage: from the twin's reports
        elif kind in ("web_break", "estop"):
            where = "coater" if kind == "web_break" else ESTOP_STATIONS[
                fault.pick % len(ESTOP_STATIONS)]
            station = f"{where}{suffix}"
            self.twin.inject(kind, station, seconds)
            self._later(seconds + RESTART_S, lambda: self._restart_station(station))
        elif kind == "sensor_failure":
            station, signal = SENSORS[fault.pick % len(SENSORS)].split(".", 1)
            self.twin.inject(kind, f"{station}{suffix}.{signal}", seconds)
        elif kind == "db_lock":
            self._hold_db_lock(seconds)
        elif kind == "history_full":
            if self.history_dir is None:
                self.failed.append("history_full: no size-capped volume (needs root for tmpfs)")
                return
            self._fill_volume(seconds)
        else:
            raise ValueError(kind)
        self.injected[kind] += 1

    def _later(self, delay_s: float, action: Callable[[], None]) -> None:
        def guarded() -> None:
            try:
                action()
            except Exception as exc:
                self.failed.append(f"after a fault: {type(exc).__name__}: {exc}")

        timer = threading.Timer(delay_s, guarded)
        timer.name = "soak-timer"  # the bench's own: not counted with the app's threads
        timer.daemon = True
        self._timers.append(timer)
        timer.start()

    def _restart_station(self, station_id: str) -> None:
        """What the operator does once a trip is cleared: start the station again."""
        self.twin.force([station_id], PackMLState.EXECUTE, only_from=(
            PackMLState.ABORTED, PackMLState.STOPPED, PackMLState.HELD))

    def _hold_db_lock(self, seconds: float) -> None:
        """Another process (a report tool, a backup) holds the plant database's write lock."""
        code = ("import sqlite3, sys, time\n"
                "c = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)\n"
                "c.execute('BEGIN IMMEDIATE')\n"
                "time.sleep(float(sys.argv[2]))\n"
                "c.execute('COMMIT')\n")
        proc = subprocess.Popen([sys.executable, "-c", code, str(self.plant_db_path),
                                 str(seconds)])
        self._later(seconds + 30.0, lambda: _reap(proc))

    def _fill_volume(self, seconds: float) -> None:
        """Fill the history volume to the last block for `seconds`, then free it."""
        assert self.history_dir is not None
        ballast = self.history_dir / f"ballast-{time.monotonic_ns()}"
        with ballast.open("wb") as f, contextlib.suppress(OSError):
            chunk = b"\0" * (1 << 20)
            while True:
                f.write(chunk)
        with contextlib.suppress(OSError), ballast.open("ab") as f:  # the last partial MiB
            for _ in range(1 << 10):
                f.write(b"\0" * 1024)
        self._later(seconds, lambda: ballast.unlink(missing_ok=True))

    def quiet(self, now: float, margin_s: float) -> bool:
        """No link outage within `margin_s` of now (the app's reconnects are over)."""
        with self._lock:
            return not any(o.down - margin_s <= now <= o.up + margin_s for o in self.outages)

    def finish(self) -> None:
        """Wait for every scheduled end (stations restarted, volume freed, lock released)."""
        for timer in list(self._timers):
            timer.join(60.0)

    def cancel(self) -> None:
        for timer in list(self._timers):
            timer.cancel()


def _reap(proc: subprocess.Popen[bytes]) -> None:
    try:
        proc.wait(timeout=5.0)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class HistoryVolume:
    """A small tmpfs for the history database (root only); None where it cannot mount."""

    def __init__(self, path: Path, size_mb: int) -> None:
        self.path = path
        self.size_mb = size_mb
        self.mounted = False

    def mount(self) -> Path | None:
        if os.geteuid() != 0:
            return None
        self.path.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size_mb}m", "tmpfs",
                               str(self.path)], capture_output=True, text=True)
        if done.returncode != 0:
            log.warning("soak: no tmpfs for the history volume: %s", done.stderr.strip())
            return None
        self.mounted = True
        return self.path

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], check=False)
            self.mounted = False

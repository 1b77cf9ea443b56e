"""Soak and chaos bench: the whole HMI, headless, for minutes, on a twin under faults.

    python tests/bench/soak.py --minutes N [--lines L] [--chaos] [--seed S]

Runs what `lineside run` runs, offscreen: LineRuntime with the PLC process, the historian,
users and the audited command path, the alarm engine, OEE and SPC, and the operator panel
(every screen, the main window shown), on the twin serving L copies of the demo line at
10 Hz. The twin runs in a process of its own, as a plant's PLCs are other machines
(tests/bench/soak_twin.py): the HMI's process holds the HMI only, and faults reach the twin
over a pipe, which reports to the millisecond when each server went away and came back.
A changeover every few minutes goes through the real changeover engine,
checked, signed by two test users through the signature service and released.
With --chaos, faults from the seed overlap (tests/bench/soak_faults.py): PLC restarts, loss
of every or of one protocol's connections, web breaks, E-stops, sensor failures, another
process holding the plant database's write lock, the history volume full.

Invariants, each a counter in the result (tests/bench/soak_checks.py): a watchdog on the UI
thread (hangs; the longest stall with the stack it was stuck in, tests/bench/soak_watchdog.py)
and every uncaught exception (crashes); no value shown GOOD while its PLC is
unreachable (after a detection grace); every link outage recorded as a gap in the history;
every record seen committed still there at the end; the audit chain valid; queue depths;
RSS, threads and sockets from the warm-up point (minute 5, or a third of a shorter run) to
the end. `--tracemalloc N` also says what grew in the HMI's process (soak_memory.py).
The last line printed is JSON; the exit code is 1 when an invariant failed.
"""

from __future__ import annotations

import argparse
import dataclasses
import faulthandler
import fcntl
import json
import logging
import os
import shutil
import struct
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hmi.app import LineRuntime  # noqa: E402
from hmi.config.schema import LineConfig, ModbusConnection  # noqa: E402
from hmi.historian import settings_from_config  # noqa: E402
from hmi.plc.process_service import PlcProcessService  # noqa: E402
from hmi.security import AuditTrail  # noqa: E402
from hmi.ui.gc_policy import GuiThreadCollector  # noqa: E402
from hmi.ui.panel import build_panel  # noqa: E402
from hmi.ui.run import FailureWatch  # noqa: E402
from tests.bench.soak_changeover import Changeovers  # noqa: E402
from tests.bench.soak_checks import (  # noqa: E402
    RecordWatch,
    ResourceWatch,
    missing_gaps,
    shown_good,
)
from tests.bench.soak_faults import Chaos, HistoryVolume, plan  # noqa: E402
from tests.bench.soak_memory import MemoryWatch  # noqa: E402
from tests.bench.soak_twin import TwinProcess  # noqa: E402
from tests.bench.soak_watchdog import StallWatch  # noqa: E402

log = logging.getLogger("soak")

HANG_S = 10.0  # the UI thread silent this long is a hang (--hang-s)
DETECT_GRACE_S = 5.0  # a cut link's values must stop showing GOOD within this
GAP_SETTLE_S = 10.0  # after a link is back, its gap must be in the history by then
QUIET_S = 25.0  # no new fault this close to the end: the last ones end and settle


class Bench:
    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args = args
        self.folder = folder
        self.run_s = args.minutes * 60.0
        self.warm_s = min(300.0, self.run_s / 3.0)
        self.volume = HistoryVolume(folder / "history_volume", args.history_mb)
        self.history_dir = self.volume.mount() if args.chaos else None
        (folder / "data").mkdir(parents=True, exist_ok=True)
        self.twin = TwinProcess(args.lines, folder, on_link=self._on_link,
                                tracemalloc_frames=args.tracemalloc)
        self.watch = FailureWatch()
        self.thread_errors: list[str] = []
        self.stop = threading.Event()
        self.t0 = 0.0
        self.stalls = StallWatch(hang_s=args.hang_s)
        self.memory = MemoryWatch(args.tracemalloc) if args.tracemalloc else None
        # (outage index, tag) -> when the screen first showed it GOOD past the grace; a
        # false GOOD if that was before the twin began to serve again (judged at the end).
        self.suspects: dict[tuple[int, str], float] = {}
        self.detect_s: list[float] = []
        self.max_queue = {"bridge": 0, "historian": 0, "plc_pipe_bytes": 0}
        self.plc_restarts = 0
        self.status_errors = 0
        self.resources = ResourceWatch()
        self.records = RecordWatch(folder / "data" / "plant.sqlite")
        self.chaos: Chaos | None = None

    def _start_runtime(self) -> LineRuntime:
        """The twin process first (its config says where its servers listen), then the HMI
        on it: the runtime's own embedded twin is off."""
        config = self.twin.start()
        where = self.history_dir or self.folder
        config = config.model_copy(update={"historian": config.historian.model_copy(
            update={"url": f"sqlite:///{where / 'history.sqlite'}"})})
        self.runtime = LineRuntime(line_config=config, embedded_twin=False, plc_process=True,
                                   data_dir=self.folder / "data", history=True, secure=True)
        return self.runtime

    def _on_link(self, server: str, event: str, t: float) -> None:
        if self.chaos is not None:
            self.chaos.on_link(server, event, t)

    # ---- threads ----------------------------------------------------------------------
    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        self.thread_errors.append(f"{args.thread.name if args.thread else '?'}: "
                                  f"{args.exc_type.__name__}: {args.exc_value}")
        if args.exc_value is not None:
            log.error("soak: uncaught in thread", exc_info=args.exc_value)

    def _sampler(self) -> None:
        """Resources every 5 s, records every 10 s, queue depths every second."""
        tick = 0
        while not self.stop.wait(1.0):
            tick += 1
            self._queues()
            if tick % 5 == 0:
                service = self.runtime.service
                pid = service.pid if isinstance(service, PlcProcessService) else None
                now = time.monotonic()
                quiet = self.chaos is None or self.chaos.quiet(now, 15.0)
                self.resources.look(now - self.t0, pid, quiet, self.twin.pid)
                warm = self.memory is not None and now - self.t0 >= self.warm_s
                if warm and self.memory is not None and self.memory.warm():
                    self.twin.request("memory", phase="warm", timeout_s=120.0)
            if tick % 10 == 0:
                self.records.look()

    def _queues(self) -> None:
        runtime = self.runtime
        try:
            status = runtime.io.run(runtime.historian_status(), timeout=10.0)
        except Exception:  # the PLC process away (a restart): no figure now
            self.status_errors += 1
            status = None
        if status is not None:
            self.max_queue["historian"] = max(self.max_queue["historian"], status.queue_depth)
        service = runtime.service
        conn = getattr(service, "_conn", None)  # the pipe from the PLC process
        if conn is not None:
            try:
                raw = fcntl.ioctl(conn.fileno(), termios.FIONREAD, b"\0\0\0\0")
                waiting = struct.unpack("i", raw)[0]
            except (OSError, ValueError):
                waiting = 0
            self.max_queue["plc_pipe_bytes"] = max(self.max_queue["plc_pipe_bytes"], waiting)

    # ---- the UI thread ------------------------------------------------------------------
    def _on_ui_tick(self) -> None:
        now = time.monotonic()
        self.stalls.beat()
        window, bridge = self.panel.window, self.panel.bridge
        self.max_queue["bridge"] = max(self.max_queue["bridge"], len(bridge._pending))
        if self.chaos is None:
            return
        for index, outage in enumerate(list(self.chaos.outages)):
            if not outage.down <= now <= outage.up:
                continue
            cut = self.cut_tags[outage.scope]
            good = shown_good(window.latest.items(), cut)
            if now - outage.down > DETECT_GRACE_S:
                for tag in good:
                    self.suspects.setdefault((index, tag), now)
            elif not good and index not in self._detected:
                self._detected.add(index)
                self.detect_s.append(now - outage.down)

    # ---- the run ------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        threading.excepthook = self._on_thread_exception
        faulthandler.enable()  # a crash in C (Qt, a driver) leaves its stacks on stderr
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        try:
            runtime = self._start_runtime()
            self.watch.install()
            collector = GuiThreadCollector(app)  # as `lineside run` does (hmi/ui/gc_policy)
            collector.install()
            try:
                runtime.start()
                return self._run_started(app)
            finally:
                runtime.stop()
                collector.uninstall()
                self.watch.uninstall()
        finally:
            self.twin.stop()

    def _run_started(self, app: QApplication) -> dict[str, Any]:
        runtime = self.runtime
        assert runtime.config is not None and runtime.plant_db is not None
        config = runtime.config
        self.cut_tags = _tags_by_scope(config)
        self._detected: set[int] = set()
        changeovers = Changeovers(runtime, self.twin)
        changeovers.prepare()
        self.panel = build_panel(runtime, self.folder / "data")
        self.panel.window.resize(1920, 1080)
        self.panel.window.show()
        ui_timer = QTimer()
        ui_timer.timeout.connect(self._on_ui_tick)
        ui_timer.start(200)
        self.t0 = time.monotonic()
        self.stalls.start()  # the watchdog judges the UI thread from here on
        wall_minus_mono = time.time() - self.t0
        threads = [threading.Thread(target=self._sampler, name="soak-sampler", daemon=True),
                   threading.Thread(target=changeovers.run, name="soak-changeovers",
                                    args=(self.t0, self.args.changeover_every_s, self.stop),
                                    daemon=True)]
        schedule = []
        if self.args.chaos:
            self.chaos = Chaos(self.twin, self.records.db_path, self.history_dir)
            schedule = plan(self.args.seed, self.run_s, self.args.lines,
                            self.args.fault_every_s, min(20.0, self.warm_s / 2), QUIET_S)
            threads.append(threading.Thread(target=self.chaos.run, name="soak-chaos",
                                            args=(schedule, self.t0, self.stop), daemon=True))
        for thread in threads:
            thread.start()
        try:
            QTimer.singleShot(int(self.run_s * 1000), app.quit)
            app.exec()
        finally:
            self.stop.set()
            ui_timer.stop()
            self.stalls.stop()
            for thread in threads:
                thread.join(120.0)
            if self.chaos is not None:
                self.chaos.finish()
            self.records.look()
            self.panel.close()
        return self._result(config, changeovers, wall_minus_mono, len(schedule))

    def _result(self, config: LineConfig, changeovers: Changeovers, wall_minus_mono: float,
                planned: int) -> dict[str, Any]:
        runtime = self.runtime
        assert runtime.plant_db is not None
        chain = AuditTrail(runtime.plant_db).verify_chain()
        history_url = runtime.history_url()
        service = runtime.service
        restarts = getattr(service, "_restarts", 0)
        memory: dict[str, Any] = {}
        if self.memory is not None:
            memory = {**self.memory.finish(self.folder), "twin_memory_growth_top":
                      self.twin.request("memory", phase="end", timeout_s=300.0)}
        runtime.stop()  # the history's last rows and the plant database closed
        lost = self.records.lost()
        outages = self.chaos.outages if self.chaos else []
        missing, gap_examples = 0, list[str]()
        if history_url and outages:
            recorded = settings_from_config(config, self.folder / "data")
            tags_of = {scope: sorted(t for t in tags if recorded.policy(t).record)
                       for scope, tags in self.cut_tags.items() if scope != "all"}
            missing, gap_examples = missing_gaps(history_url, outages, tags_of, GAP_SETTLE_S,
                                                 wall_minus_mono, DETECT_GRACE_S)
        res = self.resources.figures(self.warm_s)
        crashes = len(self.thread_errors) + sum(
            1 for f in self.watch.failures if not f.startswith("Qt: "))
        # A GOOD seen before the server began to serve again: the twin's word, exact.
        false_good = {key for key, seen in self.suspects.items()
                      if seen < outages[key[0]].up}
        result: dict[str, Any] = {
            "minutes": self.args.minutes, "lines": self.args.lines, "chaos": self.args.chaos,
            "seed": self.args.seed, "tags": len(config.tags),
            "faults_planned": planned,
            "faults_injected": sum(self.chaos.injected.values()) if self.chaos else 0,
            "faults_by_kind": dict(self.chaos.injected) if self.chaos else {},
            "faults_not_injected": self.chaos.failed if self.chaos else [],
            "crashes": crashes, **self.stalls.figures(),
            "errors": (self.thread_errors + self.watch.failures)[:10],
            "false_good_values": len(false_good),
            "false_good_examples": sorted({t for _i, t in false_good})[:5],
            "link_outages": len(outages),
            "detect_s_max": round(max(self.detect_s), 2) if self.detect_s else None,
            "gaps_missing": missing, "gap_examples": gap_examples,
            "t0_wall": wall_minus_mono + self.t0,
            "lost_records": sum(lost.values()), "lost_by_table": lost,
            "records_seen": self.records.counts(),
            "changeovers": changeovers.outcomes,
            "changeover_problems": changeovers.errors[:5],
            "audit_chain_ok": chain.intact, "audit_entries": chain.entries,
            "audit_problem": chain.problem or None,
            "max_queue_depth": max(self.max_queue["bridge"], self.max_queue["historian"]),
            "queues": self.max_queue, "plc_process_restarts": restarts,
            "status_errors": self.status_errors, "twin_process": True,
            "load_1m_end": round(os.getloadavg()[0], 1), **res, **memory,
        }
        result["violations"] = violations(result)
        if self.args.keep is not None:  # the series, to see when something grew
            (self.folder / "resources.json").write_text(json.dumps(
                [dataclasses.asdict(x) for x in self.resources.samples]))
            (self.folder / "result.json").write_text(json.dumps(result, indent=1))
            if self.chaos is not None:
                (self.folder / "outages.json").write_text(json.dumps(
                    [dataclasses.asdict(o) for o in self.chaos.outages]))
        return result


def _tags_by_scope(config: LineConfig) -> dict[str, set[str]]:
    by: dict[str, set[str]] = {"opcua": set(), "modbus": set()}
    for conn in config.connections:
        scope = "modbus" if isinstance(conn, ModbusConnection) else "opcua"
        by[scope].update(t.id for t in config.tags_of_connection(conn.id))
    by["all"] = by["opcua"] | by["modbus"]
    return by


def violations(r: dict[str, Any]) -> list[str]:
    found = []
    for key in ("crashes", "hangs", "false_good_values", "lost_records", "gaps_missing"):
        if r[key]:
            found.append(f"{key}={r[key]}")
    if not r["audit_chain_ok"]:
        found.append(f"audit chain broken: {r['audit_problem']}")
    # The UI's process and the PLC process (drivers + historian) are both the HMI's memory;
    # the twin's is the plant's PLCs and is only reported.
    for key, label in (("rss_growth_fraction", "rss"), ("plc_rss_growth_fraction", "plc rss")):
        growth = r.get(key)
        if growth is not None and r["minutes"] >= 5 and growth >= 0.05:
            found.append(f"{label} grew {growth:.1%}")
    if r.get("threads_end") is not None and r["threads_end"] > r["threads_warm"] + 2:
        found.append(f"threads {r['threads_warm']} -> {r['threads_end']}")
    if r.get("sockets_end") is not None and r["sockets_end"] > r["sockets_warm"] + 4:
        found.append(f"sockets {r['sockets_warm']} -> {r['sockets_end']}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--lines", type=int, default=1)
    parser.add_argument("--chaos", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-every-s", type=float, default=15.0,
                        help="mean time between two faults starting (they overlap)")
    parser.add_argument("--changeover-every-s", type=float, default=180.0)
    parser.add_argument("--history-mb", type=int, default=512,
                        help="size of the history volume (a tmpfs; root only)")
    parser.add_argument("--hang-s", type=float, default=HANG_S,
                        help="the UI thread silent this long counts as a hang")
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it")
    parser.add_argument("--tracemalloc", type=int, default=0, metavar="FRAMES",
                        help="trace allocations (slow): what grew from warm-up to the end")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="lineside-soak-"))
    folder.mkdir(parents=True, exist_ok=True)
    bench = Bench(args, folder)
    try:
        result = bench.run()
    finally:
        if args.keep is not None and bench.history_dir is not None:
            for db in bench.history_dir.glob("history.sqlite*"):
                shutil.copy2(db, folder / db.name)
        bench.volume.unmount()
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result), flush=True)
    return 1 if result["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())

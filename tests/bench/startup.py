"""Start-up benchmark: a plant-sized line config (20,000 tags on 10 PLC connections).

    python tests/bench/startup.py [--tags 20000] [--opcua 6] [--modbus 4]

1. Config: the generated config (hmi.sim.big_line: copies of the demo line on 6 OPC UA and
   4 Modbus connections) is written as a TOML file and loaded and validated as
   `lineside run --config` does; the demo line's file is the baseline. Target < 2 s.
2. App start: the twin serves each config in a process of its own (as a plant's PLCs would);
   `lineside run --config FILE --quit-after S` is timed from its start to its "first live
   frame painted" line (interpreter, imports, config, plant database, PLC process, panel,
   the first values painted). The demo line on its own twin is the baseline. Target < 10 s.
Figures: wall seconds and CPU seconds of each, and big/demo ratios (the machines are noisy:
read the ratios and CPU times). The last line printed is JSON.

`--serve CONFIG_OUT [--copies N]` is the twin process's side (used by the benchmark).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hmi.config import DEMO_LINE, load_line_config  # noqa: E402
from hmi.core.net import free_tcp_port  # noqa: E402
from hmi.sim.big_line import big_line_config, copies_for, to_toml  # noqa: E402

TWIN_TICK_S = 1.0  # 20,000 tags stepping at 10 Hz would be the twin's bench, not the HMI's
LIVE_LINE = "first live frame painted"


def _cpu(kind: int) -> float:
    usage = resource.getrusage(kind)
    return usage.ru_utime + usage.ru_stime


def _proc_cpu_s(pid: int) -> float | None:
    """utime + stime of a live process, from /proc (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuSampler:
    """CPU seconds of the twin and of the app's own (UI) process, read from /proc every
    0.5 s while they run (the last reading of each is kept: a process's own figure, not
    its children's), and the machine's load average sampled with them. The PLC process's
    share is the app's whole CPU (its reaped children included) minus the UI's."""

    def __init__(self, twin_pid: int, app_pid: int) -> None:
        self._twin, self._app = twin_pid, app_pid
        self._twin0 = _proc_cpu_s(twin_pid) or 0.0
        self.twin_cpu_at_start = self._twin0  # the twin's own start is not the app's
        self.cpu = {"twin_cpu_s": 0.0, "ui_cpu_s": 0.0}
        self.load: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self._sample()

    def _sample(self) -> None:
        twin = _proc_cpu_s(self._twin)
        if twin is not None:
            self.cpu["twin_cpu_s"] = round(twin - self._twin0, 2)
        ui = _proc_cpu_s(self._app)
        if ui is not None:
            self.cpu["ui_cpu_s"] = round(ui, 2)
        self.load.append(os.getloadavg()[0])

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        load = self.load or [os.getloadavg()[0]]
        return {**self.cpu, "load_1min_mean": round(sum(load) / len(load), 2)}


def time_load(path: Path, repeats: int) -> dict[str, float]:
    """Best of `repeats` loads (wall and CPU of this process)."""
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        load_line_config(path)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return {"wall_s": round(min(wall), 3), "cpu_s": round(min(cpu), 3)}


def serve(config_out: Path, tags: int, opcua: int, modbus: int) -> None:
    """The twin side: serve the big config (tags > 0) or the demo line, write the client
    config (pointing at this twin) as TOML, say READY, serve until stdin closes."""
    from hmi.sim.twin import LineTwin

    base = load_line_config(DEMO_LINE)
    if tags:
        served = big_line_config(base, tags, opcua, modbus)
        copies = copies_for(base, tags)
    else:
        served, copies = None, 1

    async def main() -> None:
        async with LineTwin(base, lines=copies, served=served, secure=False,
                            tick_s=TWIN_TICK_S, opcua_port=free_tcp_port(),
                            modbus_port=free_tcp_port()) as twin:
            config_out.write_text(to_toml(twin.client_config(secure=False)))
            print("READY", flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

    asyncio.run(main())


def time_start(tags: int, opcua: int, modbus: int, folder: Path,
               quit_after_s: float) -> dict[str, Any]:
    """Start a twin process for the config, then time `lineside run` on it."""
    name = f"big{tags}" if tags else "demo"
    client = folder / f"{name}.toml"
    twin = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(client), "--tags", str(tags),
         "--opcua", str(opcua), "--modbus", str(modbus)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert twin.stdout is not None
        twin_started = time.perf_counter()
        if twin.stdout.readline().strip() != "READY":
            raise SystemExit(f"the twin for {name} did not start")
        twin_s = time.perf_counter() - twin_started
        cpu0 = _cpu(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        started_epoch = time.time()
        app = subprocess.Popen(
            [sys.executable, "-m", "hmi.cli", "run", "--config", str(client),
             "--data-dir", str(folder / f"data-{name}"), "--quit-after", str(quit_after_s)],
            cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"})
        assert app.stderr is not None
        sampler = CpuSampler(twin.pid, app.pid)
        live_s = None
        at_frame: dict[str, float | None] = {}
        tail: list[str] = []
        for line in app.stderr:
            tail = [*tail[-40:], line.rstrip()]  # a crash prints its stack (faulthandler)
            if LIVE_LINE in line and live_s is None:
                live_s = time.perf_counter() - started
                # CPU spent to get there: the run's total goes on with whatever the app
                # does until --quit-after, and says less about the start than this.
                at_frame = {"ui_cpu_at_frame_s": _proc_cpu_s(app.pid),
                            "twin_cpu_at_frame_s": _proc_cpu_s(twin.pid)}
        code = app.wait(timeout=600)
        per_process = sampler.stop()
        twin_at_frame = at_frame.get("twin_cpu_at_frame_s")
        if twin_at_frame is not None:
            at_frame["twin_cpu_at_frame_s"] = round(twin_at_frame - sampler.twin_cpu_at_start, 2)
        cpu = _cpu(resource.RUSAGE_CHILDREN) - cpu0  # the app and its PLC process, all of it
        per_process["plc_cpu_s"] = round(cpu - per_process["ui_cpu_s"], 2)
        if live_s is None:  # said, and the figures of the run still printed
            print(f"{name}: no live frame (exit {code}):\n" + "\n".join(tail), file=sys.stderr)
        return {"first_live_frame_s": None if live_s is None else round(live_s, 2),
                "app_cpu_s": round(cpu, 2),
                "exit_code": code, "twin_start_s": round(twin_s, 1), **per_process, **at_frame,
                **log_breakdown(folder / f"data-{name}" / "logs", started_epoch)}
    finally:
        assert twin.stdin is not None
        twin.stdin.close()
        try:
            twin.wait(timeout=60)
        except subprocess.TimeoutExpired:
            twin.kill()
            twin.wait()


def _log_times(path: Path, pattern: str) -> list[tuple[float, str]]:
    """(epoch s, line) of the log lines holding `pattern` (the log's times are local)."""
    found = []
    if path.exists():
        for line in path.read_text(errors="replace").splitlines():
            if pattern in line:
                stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
                found.append((stamp.timestamp(), line))
    return found


def log_breakdown(logs: Path, started_epoch: float) -> dict[str, Any]:
    """Where the start went, from the app's own logs: its first log line (interpreter and
    imports), each PLC connection's first "connected", and reconnects while it ran (an
    overloaded PLC process or twin drops links)."""
    out: dict[str, Any] = {}
    first = _log_times(logs / "lineside.log", "Lineside HMI starting")
    if first:
        out["log_start_s"] = round(first[0][0] - started_epoch, 2)
    for key, pattern in (("plc_process_up_s", "PLC process up"),
                         ("panel_shown_s", "panel shown"),
                         ("first_values_s", "first values from the PLC process")):
        seen = _log_times(logs / "lineside.log", pattern)
        if seen:
            out[key] = round(seen[0][0] - started_epoch, 2)
    plc = logs / "lineside-plc.log"
    connected = [t for t, line in _log_times(plc, ": connected") if line.endswith(": connected")]
    if connected:
        out["first_connection_s"] = round(min(connected) - started_epoch, 2)
        out["all_connections_s"] = round(max(connected) - started_epoch, 2)
    out["reconnects"] = len(_log_times(plc, "reconnected after"))
    # The HMI's watchdog on its PLC process: each one marks every tag lost, then resyncs.
    out["plc_process_silences"] = len(_log_times(logs / "lineside.log", "has not answered"))
    causes: dict[str, int] = {}
    for _t, line in _log_times(plc, ": connection lost: "):
        cause = re.sub(r"[0-9.]+ s\b", "N s", line.split(": connection lost: ", 1)[1])
        causes[cause[:90]] = causes.get(cause[:90], 0) + 1
    out["loss_causes"] = dict(sorted(causes.items(), key=lambda kv: -kv[1])[:6])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=20_000)
    parser.add_argument("--opcua", type=int, default=6)
    parser.add_argument("--modbus", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3, help="config loads of each file")
    parser.add_argument("--quit-after", type=float, default=45.0,
                        help="how long each app runs (the first live frame is timed within it)")
    parser.add_argument("--skip-start", action="store_true", help="the config phase only")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.tags, args.opcua, args.modbus)
        return
    with tempfile.TemporaryDirectory(prefix="lineside-startup-") as tmp:
        folder = Path(tmp)
        base = load_line_config(DEMO_LINE)
        big = big_line_config(base, args.tags, args.opcua, args.modbus)
        big_file = folder / "big_line.toml"
        big_file.write_text(to_toml(big))
        demo_load = time_load(DEMO_LINE, args.repeats)
        big_load = time_load(big_file, args.repeats)
        result: dict[str, Any] = {
            "tags": len(big.tags), "connections": len(big.connections),
            "stations": len(big.stations), "config_bytes": big_file.stat().st_size,
            "load_s": big_load["wall_s"], "load_cpu_s": big_load["cpu_s"],
            "demo_load_s": demo_load["wall_s"], "demo_load_cpu_s": demo_load["cpu_s"],
            "load_ratio_vs_demo": round(big_load["cpu_s"] / max(demo_load["cpu_s"], 1e-6), 1),
        }
        if not args.skip_start:
            demo = time_start(0, args.opcua, args.modbus, folder, args.quit_after)
            large = time_start(args.tags, args.opcua, args.modbus, folder, args.quit_after)
            result.update({
                "start_s": large["first_live_frame_s"], "start_cpu_s": large["app_cpu_s"],
                "demo_start_s": demo["first_live_frame_s"],
                "demo_start_cpu_s": demo["app_cpu_s"],
                "start_ratio_vs_demo": (
                    round(large["first_live_frame_s"] / demo["first_live_frame_s"], 2)
                    if large["first_live_frame_s"] and demo["first_live_frame_s"] else None),
                "start_exit_code": large["exit_code"], "twin_start_s": large["twin_start_s"],
                "breakdown": {k: large[k] for k in large if k not in (
                    "first_live_frame_s", "app_cpu_s", "exit_code", "twin_start_s")},
                "demo_breakdown": {k: demo[k] for k in demo if k not in (
                    "first_live_frame_s", "app_cpu_s", "exit_code", "twin_start_s")},
            })
        start_s = result.get("start_s", 0.0)
        result["targets_met"] = result["load_s"] < 2.0 and start_s is not None and start_s < 10.0
        result["load_1min"] = round(os.getloadavg()[0], 2)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

"""The soak bench's PLCs: the line twin in a process of its own, driven over a pipe.

On a plant the PLCs are other machines; a twin inside the HMI's process would share its
GIL and its memory with the UI, so a stall or a growth could be the twin's. Here the twin
runs as a child (`python tests/bench/soak_twin.py --lines L --config-out FILE`), and the
bench talks to it over its stdin/stdout, one JSON object a line:

  bench -> twin   {"id": 7, "op": "inject", "name": "comm_loss", "target": "modbus",
                   "duration_s": 4.0}
                  {"id": 8, "op": "force", "stations": ["coater"], "state": "EXECUTE",
                   "only_from": ["ABORTED", "STOPPED", "HELD"]}   (only_from: null = always)
  twin -> bench   {"id": 7, "ok": true, "result": "comm_loss for 4 s (modbus only)"}
                  {"event": "down", "server": "modbus", "t": 12345.678}
                  {"event": "up", "server": "modbus", "t": 12349.9}

The twin reports when each server went away (`down`: when its stop began, which its
clients may see at once) and when it listened again (`up`: the time its start began, said
once it succeeded): CLOCK_MONOTONIC is the same clock in both processes, so the bench knows
to the millisecond when a link was cut, also when faults overlap (the end of one outage
starts every server another one had stopped).
Closing stdin stops the twin.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hmi.config import DEMO_LINE, load_line_config  # noqa: E402
from hmi.config.schema import LineConfig  # noqa: E402
from hmi.core.packml import PackMLState  # noqa: E402
from hmi.sim.plc import Reason  # noqa: E402
from hmi.sim.twin import LineTwin  # noqa: E402

log = logging.getLogger("soak")

READY_TIMEOUT_S = 180.0  # a loaded box (load 30) took over 90 s
REQUEST_TIMEOUT_S = 30.0


# ---- the twin's side ------------------------------------------------------------------
class ReportingTwin(LineTwin):
    """A LineTwin that says when each of its servers stopped and when it starts again."""

    def __init__(self, *args: Any, emit: Callable[[dict[str, Any]], None], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._emit = emit
        self.reporting = False  # from READY on (the first start is no outage)
        # Servers an outage's end is starting again: another outage's stop that lands
        # meanwhile closes the old server while the new one comes up, so it is no outage.
        self._starting: set[str] = set()

    def _servers(self) -> dict[str, Any]:
        return {name: s for name, s in (("opcua", self._opcua), ("modbus", self._modbus))
                if s is not None}

    async def _stop_servers(self, only: str | None = None) -> None:
        was = {name for name, s in self._servers().items() if s.running}
        now = time.monotonic()  # its clients may see it go from here (a stop takes time)
        await super()._stop_servers(only)
        for name, server in self._servers().items():
            if (self.reporting and name in was and not server.running
                    and name not in self._starting):
                self._emit({"event": "down", "server": name, "t": now})

    async def _start_servers(self) -> None:
        now = time.monotonic()  # before: nothing can answer earlier than this
        names = {n for n, s in self._servers().items() if not s.running} - self._starting
        self._starting |= names
        try:  # LineTwin._restart_servers tries again while a port is still held
            await super()._start_servers()
        finally:
            self._starting -= names
        # Said once it listens (the bench judges GOOD values against `t` at the end, so
        # saying it later loses nothing); a start that failed says nothing: still down.
        for name, server in self._servers().items():
            if name in names and server.running and self.reporting and not self._stopping:
                self._emit({"event": "up", "server": name, "t": now})


def _handle(twin: ReportingTwin, request: dict[str, Any]) -> object:
    op = request["op"]
    if op == "inject":
        return twin.inject(request["name"], request.get("target"), request.get("duration_s"))
    if op == "force":
        only = request.get("only_from")
        forced = []
        for station_id in request["stations"]:
            station = twin.station(station_id)
            if only is None or station.state.name in only:
                station.plc.force(PackMLState[request["state"]], Reason.NONE)
                forced.append(station_id)
        return forced
    if op == "ping":
        return "pong"
    if op == "memory":  # with --tracemalloc: "warm" marks, "end" says what grew since
        return _memory(request["phase"])
    raise ValueError(f"unknown op {op!r}")


_marks: dict[str, Any] = {}


def _memory(phase: str) -> list[str]:
    import gc
    import tracemalloc

    frames = int(_marks.get("frames", 0))
    if not frames:
        return []
    gc.collect()
    if phase == "warm":  # traced from here: what is still held at the end is the growth
        tracemalloc.start(frames)
        _marks["warm"] = tracemalloc.take_snapshot()
        return []
    diffs = tracemalloc.take_snapshot().compare_to(_marks["warm"], "traceback")
    diffs.sort(key=lambda d: d.size_diff, reverse=True)
    return [f"{d.size_diff / 1024:+.0f} KiB {d.count_diff:+d} blocks at "
            + " < ".join(f"{f.filename.rsplit('site-packages/', 1)[-1]}:{f.lineno}"
                         for f in reversed(d.traceback[-4:])) for d in diffs[:12]]


async def _serve(lines: int, seed: int, config_out: Path) -> None:
    loop = asyncio.get_running_loop()

    def emit(message: dict[str, Any]) -> None:
        with contextlib.suppress(BrokenPipeError):  # the bench is gone: stopping anyway
            sys.stdout.write(json.dumps(message) + "\n")
            sys.stdout.flush()

    twin = ReportingTwin(load_line_config(DEMO_LINE), lines=lines, seed=seed, emit=emit)
    reader = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    async with twin:
        config_out.write_text(twin.client_config().model_dump_json())
        twin.reporting = True
        emit({"event": "ready"})
        while line := await reader.readline():
            request = json.loads(line)
            try:
                emit({"id": request["id"], "ok": True, "result": _handle(twin, request)})
            except Exception as exc:  # the bench counts a refused request; the twin runs on
                emit({"id": request["id"], "ok": False,
                      "error": f"{type(exc).__name__}: {exc}"})


def serve_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the soak bench's twin process")
    parser.add_argument("--lines", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--config-out", type=Path, required=True)
    parser.add_argument("--tracemalloc", type=int, default=0)
    args = parser.parse_args(argv)
    _marks["frames"] = args.tracemalloc
    logging.basicConfig(level=logging.WARNING, format="twin %(asctime)s %(name)s %(message)s")
    logging.getLogger("asyncua").setLevel(logging.ERROR)  # security None warnings, by plan
    logging.getLogger("pymodbus").setLevel(logging.ERROR)  # a client cut mid-frame: by plan
    asyncio.run(_serve(args.lines, args.seed, args.config_out))
    return 0


# ---- the bench's side -------------------------------------------------------------------
class TwinProcess:
    """The twin child: start it, ask it to inject or force, hear its link events."""

    def __init__(self, lines: int, folder: Path,
                 on_link: Callable[[str, str, float], None] | None = None,
                 tracemalloc_frames: int = 0) -> None:
        self.lines = lines
        self.tracemalloc_frames = tracemalloc_frames
        self.config_path = folder / "twin_client_config.json"
        self.on_link = on_link  # (server, "down" | "up", monotonic t)
        self.events: list[tuple[str, str, float]] = []
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._ready = threading.Event()
        self._write_lock = threading.Lock()
        self._waiting: dict[int, tuple[threading.Event, list[dict[str, Any]]]] = {}
        self._next_id = 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> LineConfig:
        """Start the child; returns the config that reaches its servers."""
        self._proc = subprocess.Popen(
            [sys.executable, str(Path(__file__)), "--serve", "--lines", str(self.lines),
             "--config-out", str(self.config_path),
             "--tracemalloc", str(self.tracemalloc_frames)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self._reader = threading.Thread(target=self._read, name="soak-twin-reader",
                                        daemon=True)
        self._reader.start()
        if not self._ready.wait(READY_TIMEOUT_S):
            self.stop()
            raise RuntimeError(f"the twin process did not start in {READY_TIMEOUT_S:g} s")
        return LineConfig.model_validate_json(self.config_path.read_text())

    def request(self, op: str, timeout_s: float = REQUEST_TIMEOUT_S, **fields: Any) -> Any:
        proc = self._proc
        if proc is None or proc.stdin is None or proc.poll() is not None:
            raise RuntimeError("the twin process is not running")
        done, answer = threading.Event(), list[dict[str, Any]]()
        with self._write_lock:
            self._next_id += 1
            ident = self._next_id
            self._waiting[ident] = (done, answer)
            proc.stdin.write(json.dumps({"id": ident, "op": op, **fields}) + "\n")
            proc.stdin.flush()
        if not done.wait(timeout_s):
            self._waiting.pop(ident, None)
            raise TimeoutError(f"the twin did not answer {op} in {timeout_s:g} s")
        reply = answer[0]
        if not reply["ok"]:
            raise RuntimeError(f"the twin refused {op}: {reply['error']}")
        return reply["result"]

    def inject(self, name: str, target: str | None, duration_s: float | None) -> str:
        return str(self.request("inject", name=name, target=target, duration_s=duration_s))

    def force(self, stations: list[str], state: PackMLState,
              only_from: tuple[PackMLState, ...] | None = None) -> list[str]:
        return list(self.request("force", stations=stations, state=state.name,
                                 only_from=None if only_from is None
                                 else [s.name for s in only_from]))

    def _read(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        for line in proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:  # a stray print in the child: not ours
                continue
            if "id" in message:
                waiting = self._waiting.pop(message["id"], None)
                if waiting is not None:
                    waiting[1].append(message)
                    waiting[0].set()
            elif message.get("event") == "ready":
                self._ready.set()
            elif message.get("event") in ("down", "up"):
                event = (message["server"], message["event"], float(message["t"]))
                self.events.append(event)
                if self.on_link is not None:
                    self.on_link(*event)

    def stop(self) -> None:
        proc = self._proc
        if proc is None:
            return
        with contextlib.suppress(OSError, ValueError), self._write_lock:
            if proc.stdin is not None:
                proc.stdin.close()
        try:
            proc.wait(timeout=30.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if self._reader is not None:
            self._reader.join(10.0)
        if proc.stdout is not None:
            proc.stdout.close()
        self._proc = None


if __name__ == "__main__":
    if "--serve" in sys.argv:
        sys.exit(serve_main([a for a in sys.argv[1:] if a != "--serve"]))
    sys.exit("usage: soak_twin.py --serve --lines L --config-out FILE")

"""Ingest benchmark: OpcUaDriver + TagStore against a bare asyncua subscription, same run.

    python tests/bench/ingest.py --tags 1000 --rate-hz 10 --seconds 20

A dedicated load server (tests/bench/load_server.py) runs in its own process so its CPU is
not counted. Not the line twin: replicated 8 times it serves 1128 OPC UA variables of which
about 490 change (4.3k notifications/s), short of 1000 variables changing at 10 Hz.

The phases (driver, bare handler, bare iterator) alternate in rounds, each with a fresh
client on the same server and a short warm-up, and measure notifications/s, latency from
the server's SOURCE timestamp to arrival (in the TagStore for the driver, in the callback
or loop for bare asyncua) and client process CPU per 10k notifications. The bare baseline
is the cheaper (CPU) of asyncua's handler and async-iterator modes; every phase does the
same latency bookkeeping per value. The last line printed is JSON.
Targets: throughput >= 0.95 x bare, CPU <= 1.5 x bare, p99 <= 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asyncua import Client

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hmi.config.schema import LineConfig, OpcUaConnection  # noqa: E402
from hmi.core.net import free_tcp_port  # noqa: E402
from hmi.core.tags import TagValue  # noqa: E402
from hmi.core.tagstore import TagStore  # noqa: E402
from hmi.plc.opcua import OpcUaDriver  # noqa: E402

PUBLISHING_INTERVAL_MS = 100
WARMUP_S = 1.5
ROUND_S = 5.0  # phases alternate in rounds this long: the machine's noise hits them alike


@dataclass
class Figures:
    name: str
    notifications: int
    seconds: float
    cpu_s: float
    latencies_ms: list[float]
    server_cpu_s: float | None = None

    @property
    def per_s(self) -> float:
        return self.notifications / self.seconds

    @property
    def cpu_per_10k_s(self) -> float:
        return self.cpu_s / max(self.notifications, 1) * 10_000

    def pct(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]

    def line(self) -> str:
        return (f"{self.name:<22} {self.per_s:8.0f} notif/s  p50 {self.pct(50):6.1f} ms  "
                f"p99 {self.pct(99):6.1f} ms  CPU {self.cpu_per_10k_s * 1000:6.1f} ms/10k  "
                f"({self.cpu_s / self.seconds * 100:4.1f} % of a core; server "
                f"{self.server_cpu_pct})")

    @property
    def server_cpu_pct(self) -> str:
        if self.server_cpu_s is None:
            return "n/a"
        return f"{self.server_cpu_s / self.seconds * 100:.0f} %"


def process_cpu_s(pid: int) -> float | None:
    """Another process's CPU seconds (Linux /proc), to show the server is not saturated."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Meter:
    """Counts values and their source->arrival latency, only while `on` (after warm-up)."""

    server_pid = 0

    def __init__(self) -> None:
        self.on = False
        self.count = 0
        self.latencies_ms: list[float] = []

    def seen(self, source_epoch_s: float) -> None:
        if self.on:
            self.count += 1
            self.latencies_ms.append((time.time() - source_epoch_s) * 1000.0)

    async def measure(self, name: str, seconds: float) -> Figures:
        await asyncio.sleep(WARMUP_S)
        self.count, self.latencies_ms = 0, []
        server0 = process_cpu_s(self.server_pid)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        self.on = True
        await asyncio.sleep(seconds)
        self.on = False
        cpu_s, wall_s = time.process_time() - cpu0, time.perf_counter() - wall0
        server1 = process_cpu_s(self.server_pid)
        server_s = server1 - server0 if server0 is not None and server1 is not None else None
        return Figures(name, self.count, wall_s, cpu_s, self.latencies_ms, server_s)


def combine(runs: list[Figures]) -> Figures:
    server = [r.server_cpu_s for r in runs]
    return Figures(
        runs[0].name,
        sum(r.notifications for r in runs),
        sum(r.seconds for r in runs),
        sum(r.cpu_s for r in runs),
        [ms for r in runs for ms in r.latencies_ms],
        None if None in server else sum(s for s in server if s is not None),
    )


def load_config(endpoint: str, tag_ids: Sequence[str]) -> LineConfig:
    return LineConfig.model_validate({
        "line": {"id": "load", "name": "load"},
        "connections": [{"id": "load", "protocol": "opcua", "endpoint": endpoint,
                         "publishing_interval_ms": PUBLISHING_INTERVAL_MS}],
        "stations": [{"id": "load", "name": "load", "connection": "load"}],
        "tags": [{"id": t, "opcua": {"node_id": f"ns=2;s={t}"}} for t in tag_ids],
    })


async def run_driver(config: LineConfig, seconds: float) -> Figures:
    meter = Meter()
    store = TagStore({t.id: PUBLISHING_INTERVAL_MS / 1000 for t in config.tags})

    def on_batch(batch: Sequence[TagValue]) -> None:
        if meter.on:
            for value in batch:
                meter.seen(value.source_ts.timestamp())

    store.subscribe(on_batch)
    conn = config.connections[0]
    assert isinstance(conn, OpcUaConnection)
    driver = OpcUaDriver(conn, config.tags)
    await driver.connect()
    await driver.start(store)
    try:
        return await meter.measure("OpcUaDriver+TagStore", seconds)
    finally:
        await driver.close()


async def _bare_client(endpoint: str, tag_ids: Sequence[str],
                       handler: Any) -> tuple[Client, Any]:
    client = Client(endpoint)
    await client.connect()
    queue = 10 * len(tag_ids) + 1000  # above the largest publish, or it silently drops
    sub = await client.create_subscription(PUBLISHING_INTERVAL_MS, handler,
                                           queue_maxsize=queue)
    nodes = [client.get_node(f"ns=2;s={t}") for t in tag_ids]
    await sub.subscribe_data_change(nodes, queuesize=1,
                                    sampling_interval=float(PUBLISHING_INTERVAL_MS))
    return client, sub


def _source_epoch(data: Any) -> float:
    ts = data.monitored_item.Value.SourceTimestamp
    return float(ts.timestamp())


async def run_bare_handler(endpoint: str, tag_ids: Sequence[str], seconds: float) -> Figures:
    meter = Meter()

    class Handler:
        def datachange_notification(self, node: Any, val: Any, data: Any) -> None:
            meter.seen(_source_epoch(data))

    client, _ = await _bare_client(endpoint, tag_ids, Handler())
    try:
        return await meter.measure("bare asyncua handler", seconds)
    finally:
        await client.disconnect()


async def run_bare_iterator(endpoint: str, tag_ids: Sequence[str], seconds: float) -> Figures:
    meter = Meter()
    client, sub = await _bare_client(endpoint, tag_ids, None)

    async def consume() -> None:
        async for event in sub:
            meter.seen(_source_epoch(event.data))

    task = asyncio.create_task(consume())
    try:
        return await meter.measure("bare asyncua iterator", seconds)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await client.disconnect()


def start_server(port: int, tags: int, rate_hz: float) -> subprocess.Popen[str]:
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("load_server.py")), "--port", str(port),
         "--tags", str(tags), "--rate-hz", str(rate_hz)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    if line.strip() != "READY":
        server.kill()
        raise SystemExit(f"load server did not start: {line!r}")
    return server


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    port = free_tcp_port()
    endpoint = f"opc.tcp://127.0.0.1:{port}/load/"
    tag_ids = [f"load.v{i:04d}" for i in range(args.tags)]
    server = start_server(port, args.tags, args.rate_hz)
    Meter.server_pid = server.pid
    print(f"server: dedicated load server (tests/bench/load_server.py, own process): "
          f"{args.tags} Double variables x {args.rate_hz:g} Hz, publishing "
          f"{PUBLISHING_INTERVAL_MS} ms; {args.seconds:g} s per phase, alternating in "
          f"{ROUND_S:g} s rounds, each after {WARMUP_S:g} s warm-up (not the line twin: "
          "8 replicated lines change only ~490 of 1128 variables)", flush=True)
    rounds = max(1, round(args.seconds / ROUND_S))
    round_s = args.seconds / rounds
    config = load_config(endpoint, tag_ids)
    phases: dict[str, Callable[[], Any]] = {
        "driver": lambda: run_driver(config, round_s),
        "handler": lambda: run_bare_handler(endpoint, tag_ids, round_s),
        "iterator": lambda: run_bare_iterator(endpoint, tag_ids, round_s),
    }
    runs: dict[str, list[Figures]] = {key: [] for key in phases}
    try:
        for _ in range(rounds):
            for key, phase in phases.items():
                runs[key].append(await phase())
    finally:
        if server.stdin is not None:
            server.stdin.close()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    results = {key: combine(figures) for key, figures in runs.items()}
    for key, figures in results.items():
        print(figures.line(), flush=True)
        print(f"{'':<22} p99 per round: "
              + " ".join(f"{r.pct(99):.0f}" for r in runs[key]) + " ms", flush=True)
    driver = results["driver"]
    bare_key = min(("handler", "iterator"), key=lambda k: results[k].cpu_per_10k_s)
    bare = results[bare_key]
    return {
        "server": "dedicated load server",
        "tags": args.tags,
        "rate_hz": args.rate_hz,
        "seconds": args.seconds,
        "bare_mode": bare.name,
        "notifications_per_s": round(driver.per_s, 1),
        "bare_notifications_per_s": round(bare.per_s, 1),
        "throughput_ratio": round(driver.per_s / bare.per_s, 3),
        "cpu_s_per_10k": round(driver.cpu_per_10k_s, 4),
        "bare_cpu_s_per_10k": round(bare.cpu_per_10k_s, 4),
        "handler_cpu_s_per_10k": round(results["handler"].cpu_per_10k_s, 4),
        "iterator_cpu_s_per_10k": round(results["iterator"].cpu_per_10k_s, 4),
        "cpu_ratio": round(driver.cpu_per_10k_s / bare.cpu_per_10k_s, 3),
        "latency_p50_ms": round(driver.pct(50), 1),
        "latency_p99_ms": round(driver.pct(99), 1),
        "bare_latency_p50_ms": round(bare.pct(50), 1),
        "bare_latency_p99_ms": round(bare.pct(99), 1),
        "latency_mean_ms": round(statistics.fmean(driver.latencies_ms), 1)
        if driver.latencies_ms else None,
        "round_p99_ms": [round(r.pct(99), 1) for r in runs["driver"]],
        "bare_round_p99_ms": [round(r.pct(99), 1) for r in runs[bare_key]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=1000)
    parser.add_argument("--rate-hz", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    result = asyncio.run(bench(args))
    targets = {
        "throughput": result["throughput_ratio"] >= 0.95,
        "cpu": result["cpu_ratio"] <= 1.5,
        "latency_p99": result["latency_p99_ms"] <= 150.0,
    }
    result["targets_met"] = targets
    print("targets: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in targets.items()))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

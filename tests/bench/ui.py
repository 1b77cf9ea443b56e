"""UI benchmark: the HMI's trend screen on a loaded twin, against a bare pyqtgraph floor.

    python tests/bench/ui.py [--lines 10] [--seconds 20] [--pens 16]

The twin runs in its own process, as a PLC would (`lineside sim --lines N`), serving
`--lines` copies of the demo line (10 copies: about 1000 tags changing at 10 Hz). Phase 1
runs the real HMI (bridge, main window) on the trend screen with a 16-pen, 1-hour, 10 Hz
rolling window, prefilled. Phase 2 runs the floor: a minimal pyqtgraph window with the same
16 curves and prefill, fed the same values straight from the TagStore.

Measured on the UI thread by timing every event Qt delivers (QApplication.notify), while
Qt's event loop runs as in the app (exec; --poll-loop: processEvents and 2 ms sleeps):
- frame time: from the start of the event that gave the trend new data (a batch arriving or
  the sample timer in the app, the feed tick in the floor) to the end of the first paint pass
  after it (the one that shows it);
- source-to-paint latency: from a trended value's PLC source timestamp to the end of the
  paint that first shows it;
- UI busy fraction: time spent handling events / wall time;
- frame CPU (frame_cpu_*): the UI thread's CPU time (time.thread_time) over each frame's
  span, which a loaded machine does not stretch as it stretches wall time.
``--trace`` lists the frames over 8 ms of CPU with the plot's paints (CPU, rectangles) and
what the plot did in them (x move, y rescale, long curves re-set).
Machines are noisy: read the ratio against the floor, not the absolute numbers. The last
line printed is JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from hmi.app import LineRuntime
from hmi.config import DEMO_LINE, load_line_config
from hmi.config.schema import LineConfig, TrendGroup
from hmi.core.net import free_tcp_port
from hmi.core.tags import TagValue
from hmi.sim.replicate import replicate_config, retarget
from hmi.ui.run import UI_SWITCH_INTERVAL_S

WINDOW_S = 3600.0
RATE_HZ = 10


class TimingApp(QApplication):
    """Times every event delivered on the UI thread; remembers when paints end."""

    def __init__(self) -> None:
        super().__init__(sys.argv[:1])
        self.depth = 0
        self.event_start = 0.0  # when the top-level event being handled began
        self.event_start_cpu = 0.0  # the UI thread's CPU time then (time.thread_time)
        self._painted = False
        self.busy_s = 0.0
        self.paint_ends: list[float] = []
        self.paint_ends_cpu: list[float] = []  # the UI thread's CPU time at each paint end
        self.recording = False
        # --trace: what each paint of a watched widget repainted and what it cost
        self.watched: set[int] = set()
        # end, CPU seconds, the rectangles repainted (area, x, y, w, h), largest first
        self.paints: list[tuple[float, float, list[tuple[int, int, int, int, int]]]] = []

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        if not self.recording:
            return super().notify(receiver, event)
        start = time.perf_counter()
        start_cpu = time.thread_time()
        self.depth += 1
        if self.depth == 1:
            self._painted = False
            self.event_start = start
            self.event_start_cpu = start_cpu
        try:
            return super().notify(receiver, event)
        finally:
            self.depth -= 1
            end = time.perf_counter()
            if event.type() == QEvent.Type.Paint:
                self._painted = True
                if id(receiver) in self.watched:
                    rects = sorted(
                        (r.width() * r.height(), r.x(), r.y(), r.width(), r.height())
                        for r in event.region()  # type: ignore[attr-defined]
                    )[::-1]
                    self.paints.append((end, time.thread_time() - start_cpu, rects))
            if self.depth == 0:
                self.busy_s += end - start
                if self._painted:  # a paint pass (one top-level event with paints inside) ended
                    self.paint_ends.append(end)
                    self.paint_ends_cpu.append(time.thread_time())


class Probe:
    """Frame starts and trended source timestamps of one phase, turned into figures."""

    def __init__(self, app: TimingApp) -> None:
        self.app = app
        self.frame_starts: list[float] = []
        self.frame_starts_cpu: list[float] = []
        self.marks: list[tuple[float, str]] = []  # --trace: (when, what) of plot events
        self.shown: list[tuple[float, float]] = []  # (perf time sampled, source age at sample)
        self._last_ts: dict[str, float] = {}
        self._t0 = 0.0

    def mark(self, what: str) -> None:
        if self.app.recording:
            self.marks.append((time.perf_counter(), what))

    def start(self) -> None:
        self.app.paint_ends.clear()
        self.app.paint_ends_cpu.clear()
        self.app.paints.clear()
        self.app.busy_s = 0.0
        self.app.recording = True
        self._t0 = time.perf_counter()
        self.gc_pauses: list[tuple[float, float, int]] = []  # start, end, generation
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        # On whichever thread collects: a collection holds the GIL, so it stalls the UI
        # thread too. Python's collector is not reentrant: one open pause at a time.
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.gc_pauses.append((self._gc_start, time.perf_counter(), info["generation"]))

    def frame(self) -> None:
        """The trend was just given new data: the frame began when the event that did it
        (a batch arriving, or the sample timer) began."""
        if self.app.recording:
            self.frame_starts.append(self.app.event_start or time.perf_counter())
            self.frame_starts_cpu.append(self.app.event_start_cpu or time.thread_time())

    def sampled(self, source_ts: dict[str, float]) -> None:
        """Values about to be trended: remember how old the new ones already are. A value
        that did not change keeps its old source time and is no news: it is not counted."""
        fresh = {pen: ts for pen, ts in source_ts.items() if ts > self._last_ts.get(pen, 0.0)}
        self._last_ts.update(fresh)
        if not self.app.recording:
            return
        now_perf, now_wall = time.perf_counter(), time.time()
        self.shown.extend((now_perf, now_wall - ts) for ts in fresh.values())

    def figures(self) -> dict[str, float]:
        self.app.recording = False
        gc.callbacks.remove(self._on_gc)
        wall = time.perf_counter() - self._t0
        order = np.argsort(self.app.paint_ends)
        paints = np.array(self.app.paint_ends)[order]
        paints_cpu = np.array(self.app.paint_ends_cpu)[order]
        starts = np.array(self.frame_starts)
        frames = []
        frames_cpu = []  # the UI thread's CPU time over the same span: load does not inflate it
        self.traced: list[tuple[float, float, float]] = []  # start, wall s, CPU s
        slow_with_gc = 0
        for i, start in enumerate(starts[:-1]):
            # The first paint pass after the batch shows what the batch changed.
            within = (paints > start) & (paints <= starts[i + 1])
            later = paints[within]
            if later.size:
                frames.append(later[0] - start)
                frames_cpu.append(paints_cpu[within][0] - self.frame_starts_cpu[i])
                self.traced.append((start, frames[-1], frames_cpu[-1]))
                if frames[-1] > 0.016 and any(
                    g0 < later[0] and g1 > start for g0, g1, _gen in self.gc_pauses
                ):
                    slow_with_gc += 1
        pauses = [g1 - g0 for g0, g1, _gen in self.gc_pauses]
        latencies = []
        for sampled_at, age in self.shown:
            index = np.searchsorted(paints, sampled_at)
            if index < paints.size:
                latencies.append(age + paints[index] - sampled_at)
        ms = 1000.0
        return {
            "frame_p50_ms": float(np.percentile(frames, 50) * ms) if frames else float("nan"),
            "frame_p99_ms": float(np.percentile(frames, 99) * ms) if frames else float("nan"),
            "paint_latency_p50_ms": float(np.percentile(latencies, 50) * ms),
            "paint_latency_p99_ms": float(np.percentile(latencies, 99) * ms),
            "ui_busy_fraction": self.app.busy_s / wall,
            "frames": len(frames),
            "frames_over_16ms": int(sum(f > 0.016 for f in frames)),
            "frame_max_ms": float(max(frames) * ms) if frames else float("nan"),
            "frame_cpu_p50_ms": float(np.percentile(frames_cpu, 50) * ms) if frames else 0.0,
            "frame_cpu_p99_ms": float(np.percentile(frames_cpu, 99) * ms) if frames else 0.0,
            "frame_cpu_max_ms": float(max(frames_cpu) * ms) if frames else 0.0,
            "gc_collections": len(pauses),
            "gc_gen2_collections": sum(1 for *_t, gen in self.gc_pauses if gen == 2),
            "gc_pause_max_ms": float(max(pauses) * ms) if pauses else 0.0,
            "frames_over_16ms_with_gc": slow_with_gc,
        }


def pick_pens(config: LineConfig, count: int) -> list[str]:
    """Changing analog values, spread over the line copies (tensions, zones, dew points)."""
    wanted = ("web_tension_n", "dryer_z1_temp_c", "dryer_z3_temp_c", "dew_point_c",
              "line_load_kn_mm", "fill_mass_g", "chamber_temp_c", "laser_power_w")
    pens = [t.id for t in config.tags if t.signal in wanted]
    return pens[:count]


def prefill(count: int, now: float) -> tuple[np.ndarray, np.ndarray]:
    times = now - WINDOW_S + np.arange(count) / RATE_HZ
    values = 50 + 5 * np.sin(np.arange(count) / 300.0)
    return times, values


def wait(app: QApplication, seconds: float, done: Callable[[], bool] | None = None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (done and done()):
        app.processEvents()
        time.sleep(0.002)


POLL_LOOP = False  # --poll-loop: the measured phases as earlier sessions ran them


def run_event_loop(seconds: float) -> None:
    """Run Qt's event loop as the app does (exec), for the measured phases. A loop of
    processEvents and 2 ms sleeps (`wait`, --poll-loop) puts a sleep and a wake-up between
    a batch and its paint (the paint is a posted event), which the app's loop does not."""
    if POLL_LOOP:
        app = QApplication.instance()
        assert app is not None
        wait(app, seconds)  # type: ignore[arg-type]
        return
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def run_app_phase(app: TimingApp, runtime: LineRuntime, pens: list[str],
                  seconds: float, gc_freeze: bool = False) -> dict[str, float]:
    from hmi.ui.bridge import PlcBridge
    from hmi.ui.main_window import MainWindow

    assert runtime.config is not None and runtime.store is not None
    assert runtime.service is not None
    config = runtime.config.model_copy(
        update={"trends": (TrendGroup(id="bench", title="Bench", pens=tuple(pens)),)}
    )
    bridge = PlcBridge(runtime.store, runtime.service, runtime.io)
    probe = Probe(app)
    window = MainWindow(config, bridge)
    window.resize(1920, 1080)
    window.show_screen("trends")
    window.show()
    plot = window.trends.plots["bench"]
    count = int(WINDOW_S * RATE_HZ)
    times, values = prefill(count, time.time())
    for pen in pens:
        plot.append(pen, times, values)
    plot.set_window_s(WINDOW_S)
    original = window.trends.add_sample

    def add_sample(now_s: float, column: Any) -> None:
        latest: dict[str, TagValue] = window.latest
        probe.frame()
        probe.sampled({p: latest[p].source_ts.timestamp() for p in pens if p in latest})
        original(now_s, column)

    def show_news(now_s: float, column: Any) -> None:
        latest: dict[str, TagValue] = window.latest
        probe.frame()
        probe.sampled({p: latest[p].source_ts.timestamp() for p in pens if p in latest})
        original_news(now_s, column)

    original_news = window.trends.show_news
    window.trends.add_sample = add_sample  # type: ignore[method-assign]
    window.trends.show_news = show_news  # type: ignore[method-assign]
    if TRACE:
        watch_plot(app, probe, plot)
    run_event_loop(3.0)  # warm-up: caches, first full draws
    if gc_freeze:  # what start-up built lives as long as the app: out of the collector's way
        gc.collect()
        gc.freeze()
    probe.start()
    run_event_loop(seconds)
    figures = probe.figures()
    if TRACE:
        print_trace(app, probe)
    gc.unfreeze()
    bridge.close()
    window.close()
    # The probe's wrappers tie the window into a reference cycle: break it and collect it
    # here, on the GUI thread. Left to whichever thread collects next (the IoThread), Qt
    # objects with timers were destroyed off their thread and the process segfaulted.
    del window.trends.add_sample, window.trends.show_news
    window.deleteLater()
    gc.collect()
    return figures


TRACE = False  # --trace: list the slow frames with what the plot did in them


def watch_plot(app: TimingApp, probe: Probe, plot: Any) -> None:
    """Mark what can make the trend repaint all of its area: an x move, a y rescale, the
    long curves re-set. Each of these is a full repaint of the plot's viewport."""
    app.watched.add(id(plot._plot_widget.viewport()))
    plot.view_box.sigXRangeChanged.connect(lambda *_a: probe.mark("x-range"))
    for unit in plot.units():
        view = plot._axes.view(unit)
        view.sigYRangeChanged.connect(lambda *_a, u=unit: probe.mark(f"y-range[{u}]"))
    plot.view_box.sigResized.connect(lambda *_a: probe.mark("plot resized"))
    scene = plot._plot_widget.scene()

    def on_scene_changed(rects: list[Any]) -> None:
        # Something asked for (nearly) the whole scene: name the widest rectangle.
        widest = max((r.width() for r in rects), default=0.0)
        if widest >= 0.9 * scene.sceneRect().width():
            probe.mark(f"scene-wide change ({len(rects)} rects)")

    scene.changed.connect(on_scene_changed)
    for key in plot.pen_keys():
        pen = plot.pen(key)
        refresh = pen.refresh_history

        def refresh_history(refresh: Callable[[], None] = refresh) -> None:
            probe.mark("history re-set")
            refresh()

        pen.refresh_history = refresh_history


def print_trace(app: TimingApp, probe: Probe) -> None:
    """Every frame over 8 ms of CPU: its wall and CPU time, the plot's paints, its marks."""
    print(f"trace: {len(probe.marks)} plot events, {len(app.paints)} plot paints",
          file=sys.stderr)
    for start, wall, cpu in probe.traced:
        if cpu < 0.008:
            continue
        end = start + wall
        paints = [(c, r) for t, c, r in app.paints if start < t <= end + 1e-4]
        marks = sorted({w for t, w in probe.marks if start - 0.001 <= t <= end})
        print(f"slow frame: wall {wall * 1000:.1f} ms, CPU {cpu * 1000:.1f} ms; plot paints "
              + ", ".join(f"{c * 1000:.1f} ms CPU over {sum(a for a, *_ in r)} px in "
                          + " ".join(f"{w}x{h}+{x}+{y}" for _a, x, y, w, h in r[:4])
                          for c, r in paints)
              + f"; {', '.join(marks) or 'no plot event'}", file=sys.stderr)


def run_floor_phase(app: TimingApp, runtime: LineRuntime, pens: list[str],
                    seconds: float) -> dict[str, float]:
    """A bare pyqtgraph window: 16 curves, preallocated rings, fed at 10 Hz from the store."""
    assert runtime.store is not None
    store = runtime.store
    count = int(WINDOW_S * RATE_HZ)
    widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    widget.resize(1920, 1000)
    widget.setClipToView(True)
    widget.setDownsampling(auto=True, mode="peak")
    times, values = prefill(count, time.time())
    rings_t = np.concatenate([times, times])
    rings_v = np.tile(np.concatenate([values, values]), (len(pens), 1))
    curves = [widget.plot(pen=pg.intColor(i)) for i in range(len(pens))]
    head = [0]
    probe = Probe(app)

    def tick() -> None:
        probe.frame()
        snap = store.snapshot()
        probe.sampled({p: snap[p].source_ts.timestamp() for p in pens if p in snap})
        now = time.time()
        h = head[0]
        rings_t[h] = rings_t[h + count] = now
        for row, pen in enumerate(pens):
            value = snap.get(pen)
            v = float(value.value) if value is not None and value.quality.is_live else np.nan
            rings_v[row, h] = rings_v[row, h + count] = v
        head[0] = (h + 1) % count
        start = head[0]
        t_view = rings_t[start : start + count]
        for row, curve in enumerate(curves):
            curve.setData(t_view, rings_v[row, start : start + count], connect="finite")
        widget.setXRange(now - WINDOW_S, now, padding=0)

    timer = QTimer()
    timer.setInterval(1000 // RATE_HZ)
    timer.timeout.connect(tick)
    timer.start()
    widget.show()
    run_event_loop(3.0)
    probe.start()
    run_event_loop(seconds)
    figures = probe.figures()
    timer.stop()
    widget.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=14, help="twin copies (14: >1000 changing)")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pens", type=int, default=16)
    parser.add_argument("--switch-interval-ms", type=float, default=UI_SWITCH_INTERVAL_S * 1000,
                        help="the GIL switch interval (default: the HMI's own)")
    parser.add_argument("--gc-freeze", action=argparse.BooleanOptionalAction, default=True,
                        help="gc.freeze() after the HMI's warm-up, as lineside run does "
                        "(--no-gc-freeze: to see what GC costs)")
    parser.add_argument("--trace", action="store_true",
                        help="list the HMI's frames over 8 ms of CPU and what caused them")
    parser.add_argument("--poll-loop", action="store_true",
                        help="measure under processEvents + 2 ms sleeps instead of exec()")
    args = parser.parse_args()
    global POLL_LOOP, TRACE
    POLL_LOOP = args.poll_loop
    TRACE = args.trace
    if args.switch_interval_ms:
        sys.setswitchinterval(args.switch_interval_ms / 1000)
    app = TimingApp()
    load_before = os.getloadavg()[0]  # a shared 2-core box: say how busy it was
    sim, config = start_twin_process(args.lines)
    try:  # the twin is a process of its own: it must end whatever happens here
        runtime = LineRuntime(line_config=config, embedded_twin=False, plc_process=True)
        try:
            runtime.start()  # a start that times out still leaves threads to stop
            assert runtime.service is not None and runtime.config is not None
            runtime.io.run(runtime.service.wait_connected(30), timeout=40)
            pens = pick_pens(runtime.config, args.pens)
            changing = count_changing(app, runtime)
            print(f"twin: {args.lines} line(s), {len(runtime.config.tags)} tags, "
                  f"{changing} changed within 2 s; pens: {len(pens)}", file=sys.stderr)
            hmi = run_app_phase(app, runtime, pens, args.seconds, args.gc_freeze)
            print(f"HMI:   {json.dumps(hmi)}", file=sys.stderr)
            floor = run_floor_phase(app, runtime, pens, args.seconds)
            print(f"floor: {json.dumps(floor)}", file=sys.stderr)
        finally:
            runtime.stop()
    finally:
        sim.send_signal(signal.SIGINT)
        try:
            sim.wait(timeout=30)
        except subprocess.TimeoutExpired:
            sim.kill()
            sim.wait()
    result = {
        **{k: round(v, 3) for k, v in hmi.items()},
        "gc_freeze": args.gc_freeze,
        "event_loop": "poll" if args.poll_loop else "exec",
        "floor_frame_p50_ms": round(floor["frame_p50_ms"], 3),
        "floor_frame_p99_ms": round(floor["frame_p99_ms"], 3),
        "floor_paint_latency_p99_ms": round(floor["paint_latency_p99_ms"], 3),
        "floor_ui_busy_fraction": round(floor["ui_busy_fraction"], 3),
        "frame_p99_ratio_vs_floor": round(hmi["frame_p99_ms"] / floor["frame_p99_ms"], 3),
        "changing_tags": changing,
        "pens": len(pens),
        "window_s": WINDOW_S,
        "load_1m_before": round(load_before, 2),
        "load_1m_after": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result))
    return 0


def start_twin_process(lines: int) -> tuple[subprocess.Popen[str], LineConfig]:
    """`lineside sim` on free ports; returns it with the config that reaches it."""
    opcua_port, modbus_port = free_tcp_port(), free_tcp_port()
    sim = subprocess.Popen(
        [sys.executable, "-m", "hmi.cli", "sim", "--lines", str(lines),
         "--opcua-port", str(opcua_port), "--modbus-port", str(modbus_port)],
        stdout=subprocess.PIPE, text=True,
    )
    assert sim.stdout is not None
    endpoint = ""
    while not endpoint:
        line = sim.stdout.readline()
        if not line:
            raise RuntimeError("lineside sim ended before printing its endpoints")
        if line.startswith("OPC UA"):
            endpoint = line.split()[-1]
    config = retarget(replicate_config(load_line_config(DEMO_LINE), lines),
                      opcua_endpoint=endpoint, modbus_host="127.0.0.1", modbus_port=modbus_port)
    return sim, config


def count_changing(app: QApplication, runtime: LineRuntime) -> int:
    assert runtime.store is not None
    before = {k: v.value for k, v in runtime.store.snapshot().items()}
    wait(app, 2.0)
    after = runtime.store.snapshot()
    return sum(1 for k, v in after.items() if before.get(k) != v.value)


if __name__ == "__main__":
    sys.exit(main())

"""What each full repaint of the trend costs, in CPU time (load-independent enough to compare).

    python tests/bench/trend_repaint.py [--repeat 20] [--data noisy|bench] [--width 1920]

A TrendPlot as the UI benchmark shows it (16 pens over five units, one hour at 10 Hz in the
rings, a following 1-hour window) is driven through the events that repaint its whole
area, each followed by a synchronous repaint of the plot's viewport:
- ``repaint``: nothing changed (what painting everything costs on its own);
- ``x-jump``: the following window jumps on (2 % of its span, every 72 s for an hour);
- ``history``: the long curves take in 108 s of live samples (at most every 108 s);
- ``jump+history``: both at once, what a following hour does every 72 s (with 72 s of
  samples);
- ``y-rescale``: one unit's y range changes (a live value left its scale);
- ``theme``: the day/night palette switch.
Each figure is the median CPU time (time.thread_time) of the event and its repaint over
``--repeat`` runs. ``--data bench`` fills the rings as the UI benchmark does (a slow sine);
``noisy`` (default) fills them with noise, the worst case for drawing a 1-hour band.

Instruction counts, which a loaded machine does not change, under callgrind: build a helper
that calls the client requests (a file with ``#include <valgrind/callgrind.h>``, ``void
cg_zero(void) { CALLGRIND_ZERO_STATS; }`` and ``void cg_dump(const char *n) {
CALLGRIND_DUMP_STATS_AT(n); }``, ``gcc -shared -fPIC -o libcgctl.so``) and run

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg/out.%p \
        python tests/bench/trend_repaint.py --repeat 3 --callgrind-lib ./libcgctl.so

which prints each event's median instructions (the event and its repaint only).
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from PySide6.QtWidgets import QApplication

from widgets.theme import apply_theme, palette
from widgets.trend_plot import TrendPlot

RATE_HZ = 10
WINDOW_S = 3600.0
JUMP_S = 0.02 * WINDOW_S  # a following window's jump (TrendPlot.JUMP_FRACTION)
UNITS = ("N", "N", "N", "°C", "°C", "°C", "°C", "°C", "°C", "kN/mm", "g", "g", "°C", "W",
         "N", "°C")


def build(app: QApplication, data: str, width: int, now: float) -> TrendPlot:
    plot = TrendPlot(window_s=WINDOW_S, capacity=int(WINDOW_S * RATE_HZ), refresh_ms=0,
                     max_live_samples=1080, clock=lambda: now)
    plot.resize(width, 1000)
    rng = np.random.default_rng(7)
    count = int(WINDOW_S * RATE_HZ)
    times = now - WINDOW_S + np.arange(count) / RATE_HZ
    for index, unit in enumerate(UNITS):
        key = f"pen{index}"
        plot.add_pen(key, f"Pen {index}", unit)
        level = 50.0 + 10 * index
        if data == "bench":
            values = level + 5 * np.sin(np.arange(count) / 300.0)
        else:
            values = level + rng.normal(0.0, 2.0, count)
        good = np.ones(count, bool)
        good[count // 3 : count // 3 + 600] = False  # a minute of bad quality: a gap
        plot.append(key, times, values, good)
        plot.set_limits(key, level - 12, level + 12)
    plot.show()
    app.processEvents()
    plot.refresh()
    plot._plot_widget.viewport().repaint()
    app.processEvents()
    return plot


CALLGRIND: ctypes.CDLL | None = None  # --callgrind-lib: counts between zero and dump


def cpu_ms(app: QApplication, plot: TrendPlot, event: Callable[[], None], name: str) -> float:
    """CPU time of one event and the synchronous repaint of the plot it causes."""
    app.processEvents()
    if CALLGRIND is not None:
        CALLGRIND.cg_zero()
    start = time.thread_time()
    event()
    plot._plot_widget.viewport().repaint()
    spent = (time.thread_time() - start) * 1000.0
    if CALLGRIND is not None:
        CALLGRIND.cg_dump(name.encode())
    return spent


def callgrind_counts(pattern: str) -> dict[str, list[int]]:
    """Instructions per dump, by the name each event's dump was given."""
    counts: dict[str, list[int]] = {}
    for path in glob.glob(pattern):
        name, total = "", 0
        with open(path, encoding="utf-8", errors="replace") as dump:
            for line in dump:
                if line.startswith("desc: Trigger: Client Request: "):
                    name = line.split(": ", 3)[-1].strip()
                elif line.startswith(("totals:", "summary:")):
                    total = int(line.split()[1])
        if name:
            counts.setdefault(name, []).append(total)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--data", choices=("noisy", "bench"), default="noisy")
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--callgrind-lib", help="the client-request helper (see above)")
    parser.add_argument("--callgrind-out", default="/tmp/cg/out.*",
                        help="where callgrind writes its dumps (a glob)")
    args = parser.parse_args()
    global CALLGRIND
    if args.callgrind_lib:
        CALLGRIND = ctypes.CDLL(args.callgrind_lib)
    app = QApplication(sys.argv[:1])
    clock = [time.time()]
    plot = build(app, args.data, args.width, clock[0])
    plot._clock = lambda: clock[0]  # the test drives "now"
    views = [plot._axes.view(u) for u in plot.units()]

    rng = np.random.default_rng(11)

    def feed(seconds: float) -> None:
        """``seconds`` of new samples per pen up to the clock, as the trend screen adds them."""
        clock[0] += seconds
        count = int(seconds * RATE_HZ)
        times = clock[0] - seconds + np.arange(1, count + 1) / RATE_HZ
        for index, key in enumerate(plot.pen_keys()):
            plot.append(key, times, 50.0 + 10 * index + rng.normal(0.0, 2.0, count))

    def x_jump() -> None:  # the window moves on, no new data for the long curves
        clock[0] += JUMP_S
        plot.refresh()

    def history() -> None:  # the long curves take in 108 s of live samples, no move
        for key in plot.pen_keys():
            plot.pen(key).refresh_history()

    def jump_history() -> None:  # what a following hour does every 72 s: both at once
        plot.refresh()

    flip = [False]

    def y_rescale() -> None:
        flip[0] = not flip[0]
        y0, y1 = views[0].viewRange()[1]
        views[0].setYRange(y0, y1 + (1.0 if flip[0] else -1.0), padding=0)

    def theme() -> None:
        flip[0] = not flip[0]
        apply_theme("night" if flip[0] else "day", app)

    events: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {  # untimed, timed
        "repaint": (lambda: None, lambda: None),
        "x-jump": (lambda: None, x_jump),
        "history": (lambda: feed(108.0), history),
        "jump+history": (lambda: feed(JUMP_S), jump_history),
        "y-rescale": (lambda: None, y_rescale),
        "theme": (lambda: None, theme),
    }
    result: dict[str, float] = {}
    for name, (prepare, event) in events.items():
        runs = []
        for _ in range(args.repeat):
            prepare()
            runs.append(cpu_ms(app, plot, event, name))
        result[f"{name}_cpu_ms"] = round(statistics.median(runs), 2)
        print(f"{name:10s} median {statistics.median(runs):6.2f} ms CPU, "
              f"max {max(runs):6.2f} ms ({args.repeat} runs)", file=sys.stderr)
    if palette().plot_background != "#E8E8E8":
        apply_theme("day", app)
    if CALLGRIND is not None:
        for name, counts in callgrind_counts(args.callgrind_out).items():
            result[f"{name}_minstr"] = round(statistics.median(counts) / 1e6, 1)
            print(f"{name:12s} median {statistics.median(counts) / 1e6:8.1f} M instructions",
                  file=sys.stderr)
    result.update(width=args.width, data=args.data)  # type: ignore[arg-type]
    print(json.dumps(result))
    plot.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

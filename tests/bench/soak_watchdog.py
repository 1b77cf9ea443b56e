"""The soak bench's stall watchdog: how long the UI thread went silent, and on what.

The watched thread calls `beat()` (the bench: a 200 ms QTimer on the UI thread). A thread
of its own samples the watched thread's stack (sys._current_frames) every `sample_s` while
it is silent for more than `sample_after_s`; when the silence ends, the stack seen most
often in it is that stall's cause. The longest stall keeps its duration and its cause, so
a result line says what blocked the UI ("hmi/ui/x.py:120 in _on_load: rows = query()"),
not only that something did. A silence past `hang_s` is a hang: counted, and every
thread's stack goes to stderr at once, in case it never ends.

A watched thread that holds the GIL in one long C call (a paint, a huge numpy call) keeps
this thread from running too: the first sample after it then shows where it got to, and
the cause says the sampler was held off that long. Over each stall the watched thread's
scheduler figures (/proc/self/task/TID/schedstat) say whether it was busy (on a CPU),
starved (runnable, waiting for a CPU: a loaded machine) or blocked (neither: a lock, a
socket, a sleep).
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from types import FrameType
from typing import TextIO

FRAMES = 6  # innermost frames kept in a cause


def stack_of(frame: FrameType | None, frames: int = FRAMES) -> tuple[str, ...]:
    """The innermost `frames` frames, innermost last: 'file:line in function: code'."""
    if frame is None:
        return ()
    summary = traceback.extract_stack(frame)[-frames:]
    return tuple(f"{_short(f.filename)}:{f.lineno} in {f.name}: {(f.line or '').strip()}"
                 for f in summary)


def _dump_all(out: TextIO) -> None:
    names = {t.ident: t.name for t in threading.enumerate()}
    for ident, frame in sys._current_frames().items():
        print(f"Thread {names.get(ident, ident)}:", file=out)
        print("".join(traceback.format_stack(frame)), file=out)
    out.flush()


def _short(path: str) -> str:
    for marker in ("/site-packages/", "/work/main/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


@dataclass
class StallWatch:
    hang_s: float = 10.0
    sample_after_s: float = 0.5
    sample_s: float = 0.1
    report: TextIO | None = None  # where a hang's stacks go (None: stderr)
    hangs: int = 0
    longest_s: float = 0.0
    longest_cause: tuple[str, ...] = ()
    longest_samples: list[str] = field(default_factory=list)  # "n x innermost frame"
    longest_held_off_s: float = 0.0  # the sampler itself could not run this long in it
    stalls_over_1s: int = 0
    longest_sched: tuple[float, float] | None = None  # (on CPU s, waiting for a CPU s)
    _tid: int | None = None
    # A full collection holds the GIL throughout: every thread waits (the UI's blocked,
    # not busy, stalls). The longest one, and how many took over 0.5 s.
    gc_longest_s: float = 0.0
    gc_over_half_s: int = 0
    gc_off_watched_thread: int = 0  # collections started elsewhere (Qt wrappers at risk)
    _gc_started: float = 0.0
    _beat: float = field(default_factory=time.monotonic)
    _ident: int | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self, ident: int | None = None) -> None:
        """Watch the thread `ident` (default: the calling thread) from now on."""
        self._ident = ident if ident is not None else threading.get_ident()
        self._tid = threading.get_native_id() if ident is None else None
        self._beat = time.monotonic()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="soak-watchdog", daemon=True)
        self._thread.start()
        gc.callbacks.append(self._on_gc)

    def beat(self) -> None:
        self._beat = time.monotonic()

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.monotonic()
            self.gc_off_watched_thread += threading.get_ident() != self._ident
            return
        took = time.monotonic() - self._gc_started
        self.gc_longest_s = max(self.gc_longest_s, took)
        self.gc_over_half_s += took > 0.5

    def stop(self) -> None:
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10.0)
            self._thread = None

    def figures(self) -> dict[str, object]:
        return {"hangs": self.hangs, "longest_ui_stall_s": round(self.longest_s, 2),
                "ui_stall_cause": list(self.longest_cause),
                "ui_stall_samples": self.longest_samples,
                "ui_stall_sampler_held_off_s": round(self.longest_held_off_s, 2),
                "ui_stalls_over_1s": self.stalls_over_1s,
                "gc_longest_pause_s": round(self.gc_longest_s, 2),
                "gc_pauses_over_half_s": self.gc_over_half_s,
                "gc_off_ui_thread": self.gc_off_watched_thread,
                **_sched_figures(self.longest_sched)}

    def _run(self) -> None:
        seen: Counter[tuple[str, ...]] = Counter()
        stall_beat: float | None = None  # the beat the current stall started from
        held_off = 0.0
        sched_at: tuple[float, float] | None = None
        hung = False
        last = time.monotonic()
        while not self._stop.wait(self.sample_s):
            now = time.monotonic()
            late = now - last - self.sample_s
            last = now
            beat = self._beat
            silent = now - beat
            if stall_beat is not None and beat != stall_beat:  # the stall is over
                self._ended(beat - stall_beat, seen, held_off, _delta(sched_at, self._tid))
                seen, stall_beat, held_off, hung = Counter(), None, 0.0, False
                continue
            if silent < self.sample_after_s:
                continue
            if stall_beat is None:
                sched_at = _schedstat(self._tid)
            stall_beat = beat
            held_off = max(held_off, late)
            stack = stack_of(sys._current_frames().get(self._ident or 0))
            if stack:
                seen[stack] += 1
            if silent > self.hang_s and not hung:
                hung = True
                self.hangs += 1
                out = self.report or sys.stderr
                print(f"soak: UI thread silent for {silent:.1f} s; every thread's stack:",
                      file=out)
                _dump_all(out)
        if stall_beat is not None:  # still stalled at the end
            self._ended(time.monotonic() - stall_beat, seen, held_off,
                        _delta(sched_at, self._tid))

    def _ended(self, silent_s: float, seen: Counter[tuple[str, ...]], held_off: float,
               sched: tuple[float, float] | None) -> None:
        if silent_s > 1.0:
            self.stalls_over_1s += 1
        if silent_s > self.longest_s:
            self.longest_s = silent_s
            self.longest_cause = seen.most_common(1)[0][0] if seen else ()
            # A busy UI thread (paints calling back into Python) shows many stacks: the
            # innermost frames and how often each was seen say where the time went.
            inner: Counter[str] = Counter()
            for stack, count in seen.items():
                inner[stack[-1]] += count
            self.longest_samples = [f"{n} x {frame}" for frame, n in inner.most_common(5)]
            self.longest_held_off_s = held_off
            self.longest_sched = sched


def _schedstat(tid: int | None) -> tuple[float, float] | None:
    """(seconds on a CPU, seconds runnable but waiting for one) of a thread so far."""
    if tid is None:
        return None
    try:
        with open(f"/proc/self/task/{tid}/schedstat") as f:
            on_cpu_ns, waiting_ns, _slices = f.read().split()
    except (OSError, ValueError):
        return None
    return int(on_cpu_ns) / 1e9, int(waiting_ns) / 1e9


def _delta(start: tuple[float, float] | None, tid: int | None) -> tuple[float, float] | None:
    end = _schedstat(tid)
    if start is None or end is None:
        return None
    return end[0] - start[0], end[1] - start[1]


def _sched_figures(sched: tuple[float, float] | None) -> dict[str, object]:
    """How the longest stall's time went (from its first sample on, so a part of it)."""
    if sched is None:
        return {"ui_stall_on_cpu_s": None, "ui_stall_waiting_for_cpu_s": None}
    return {"ui_stall_on_cpu_s": round(sched[0], 2),
            "ui_stall_waiting_for_cpu_s": round(sched[1], 2)}

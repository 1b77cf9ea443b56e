"""A stack sampler for the running app (a developer's tool, issue 11).

Every `interval_s` a daemon thread reads every thread's Python stack (sys._current_frames)
and counts, per thread name, the function on top (self time) and every function on the
stack (inclusive time). Cheap, needs no cooperation from the code it watches, and sees the
GUI thread, the IoThread and the pipe reader alike: what cProfile on one thread would miss.

    LINESIDE_SAMPLE=/tmp/ui.txt lineside run ...   (hmi/ui/run.py starts it)

A thread blocked in C (a select, Qt's event loop waiting) shows as that call; a thread that
waits for the GIL shows where it was when it lost it. Samples are wall-clock, not CPU.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import FrameType

TOP_N = 45


def _where(frame: FrameType) -> str:
    code = frame.f_code
    return f"{Path(code.co_filename).name}:{code.co_firstlineno}:{code.co_name}"


class StackSampler:
    def __init__(self, out: Path, interval_s: float = 0.01) -> None:
        self._out = out
        self._interval_s = interval_s
        self._self: dict[str, Counter[str]] = {}
        self._inclusive: dict[str, Counter[str]] = {}
        self._samples: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stack-sampler", daemon=True)
        self._started = 0.0

    def start(self) -> None:
        self._started = time.monotonic()
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling and write the report (top functions per thread)."""
        self._stop.set()
        self._thread.join()
        self._out.write_text(self.report())

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            self._sample()

    def _sample(self) -> None:
        # The frames are let go before this returns, not held over the wait: a frame whose
        # function returned meanwhile owns its locals, and the last reference to a Qt
        # wrapper must not drop on this thread (hmi/ui/gc_policy). A few microseconds of
        # that window remain: a developer's tool, off unless LINESIDE_SAMPLE is set.
        me = threading.get_ident()
        names = {t.ident: t.name for t in threading.enumerate()}
        for ident, frame in sys._current_frames().items():
            if ident == me:
                continue
            name = names.get(ident, str(ident))
            self._samples[name] += 1
            self._self.setdefault(name, Counter())[_where(frame)] += 1
            seen: set[str] = set()
            walk: FrameType | None = frame
            while walk is not None:
                seen.add(_where(walk))
                walk = walk.f_back
            self._inclusive.setdefault(name, Counter()).update(seen)

    def report(self) -> str:
        lines = [f"stack samples over {time.monotonic() - self._started:.1f} s, "
                 f"every {self._interval_s * 1000:g} ms"]
        for name, count in self._samples.most_common():
            lines.append(f"\n== thread {name}: {count} samples")
            lines.append("-- self (top of stack)")
            for where, n in self._self[name].most_common(TOP_N):
                lines.append(f"{n:7d} {100 * n / count:5.1f}%  {where}")
            lines.append("-- inclusive (on the stack)")
            for where, n in self._inclusive[name].most_common(TOP_N):
                lines.append(f"{n:7d} {100 * n / count:5.1f}%  {where}")
        return "\n".join(lines) + "\n"

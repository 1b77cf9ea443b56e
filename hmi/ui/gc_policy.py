"""Python's cyclic garbage collector runs on the GUI thread only, driven by a Qt timer.

Why: CPython starts a collection on whichever thread's allocation trips the threshold. In
this process that is mostly not the GUI thread: the IoThread (OPC UA and Modbus decoding,
the command path), the historian writer, the alarm, OEE, lot, variance and SPC workers,
the plant-database pollers, hmi.ui.worker's executors and the PLC link's pipe reader all
allocate Python objects all the time. A cycle that holds a Qt wrapper (a screen, a
QTimer, a slot's closure) is then freed off the GUI thread, and a QObject deleted on the
wrong thread is a segfault, not an exception (issue 11: a CI run died so, the collector
running in asyncua's decoder on an IoThread while the main thread built a window).

The known cure: no automatic collection at all, and the GUI thread collects on a timer.
Kovid Goyal's recipe on the PyQt list (riverbankcomputing.com/pipermail/pyqt/2011-August/
030378.html); used by calibre, nexpy (github.com/nexpy/nexpy/pull/300), OpenCue (github.com/
AcademySoftwareFoundation/OpenCue/pull/598), novelWriter (github.com/saga-soft/novelWriter/
pull/2940); discussed in napari issue 1029 (github.com/napari/napari/issues/1029).

The schedule follows CPython's own thresholds (gc.get_threshold, 3.11 rules): generation 0
when more than threshold0 objects were allocated since its last collection, generation 1
when generation 0 was collected more than threshold1 times since. A full collection (the
long one: it walks every tracked object not frozen) runs on its own clock, every few
minutes, instead of by the counts. `lineside run` freezes its start-up objects
(gc.freeze), so a full collection walks only what was made since. Measured with the demo
running (`lineside run`: PLC process, history, plant database; full collections every 5 s
for the measurement) on a 2-core box at load 10: 9 full collections, the longest 27.5 ms;
25 of generation 0, the longest 0.6 ms. Without this policy, the same 40 s saw 802
collections started on seven threads other than the GUI's (722 on "asyncio_0", an asyncio
loop's default-executor thread; 69 on the twin's IoThread; others on the OEE and lot
trackers, the PLC link's pipe reader and two screens' workers). Any collection over 50 ms
is logged with its generation and duration, so a panel that starts to stutter says why;
uninstall() logs the totals.

Other processes keep Python's normal collector: the PLC process is started with
multiprocessing's spawn context (hmi/plc/process_service.py), a fresh interpreter whose
collector is on whatever this one does, and it holds no Qt object; nor do the headless
CLIs and the twin.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer

log = logging.getLogger(__name__)

TICK_MS = 1000  # how often the young generation's count is looked at
FULL_EVERY_S = 300.0  # a full collection this often, whatever the counts say
SLOW_PAUSE_S = 0.050  # a collection longer than this is logged (a visible UI hitch)


@dataclass
class CollectorStats:
    """What the collector did since it was installed (for logs, tests and diagnostics)."""

    collections: list[int] = field(default_factory=lambda: [0, 0, 0])  # per generation
    longest_s: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])
    freed: int = 0  # unreachable objects found, all generations
    slow: int = 0  # collections over the slow threshold


class GuiThreadCollector(QObject):
    """Disables automatic collection on install() and collects on the GUI thread from a
    QTimer; uninstall() puts the collector back as it found it. Build and install it on
    the GUI thread before any worker thread starts, uninstall it after they stopped."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        tick_ms: int = TICK_MS,
        full_every_s: float = FULL_EVERY_S,
        slow_pause_s: float = SLOW_PAUSE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._full_every_s = full_every_s
        self._slow_pause_s = slow_pause_s
        self._clock = clock
        self._last_full = clock()
        self._was_enabled: bool | None = None  # None: not installed
        self.stats = CollectorStats()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        # Coarse is enough (a collection a few ms late costs nothing) and wakes less often.
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.collect_due)

    @property
    def installed(self) -> bool:
        return self._was_enabled is not None

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            # A programming error: the timer must tick, and collect, on the GUI thread.
            raise RuntimeError("GuiThreadCollector.install must run on the GUI thread")
        if self.installed:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._last_full = self._clock()
        self._timer.start()
        log.info("garbage collection on the GUI thread every %d ms (full every %g s)",
                 self._timer.interval(), self._full_every_s)

    def uninstall(self) -> None:
        """Stops the timer, collects what is left here on the GUI thread (so no Qt wrapper
        waits for whichever thread would collect next), and restores the collector."""
        if not self.installed:
            return
        self._timer.stop()
        self._collect(2)
        stats = self.stats
        log.info(
            "garbage collections on the GUI thread: %d, %d, %d (generations 0, 1, 2), "
            "longest %.1f, %.1f, %.1f ms, %d over %.0f ms",
            *stats.collections, *(s * 1000 for s in stats.longest_s), stats.slow,
            self._slow_pause_s * 1000,
        )
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    def collect_due(self) -> int | None:
        """One tick: collect the generation the counts (or the full-collection clock) call
        for; returns it, or None when nothing was due."""
        generation = self.due_generation()
        if generation is not None:
            self._collect(generation)
        return generation

    def due_generation(self) -> int | None:
        threshold0, threshold1, _ = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if self._clock() - self._last_full >= self._full_every_s:
            return 2 if count0 or count1 or count2 else None
        if count0 <= threshold0:
            return None
        # As CPython does: generation 1 too once generation 0 was collected often enough.
        return 1 if count1 > threshold1 else 0

    def _collect(self, generation: int) -> None:
        started = time.perf_counter()  # wall time: that is how long the UI did not paint
        freed = gc.collect(generation)
        took = time.perf_counter() - started
        if generation == 2:
            self._last_full = self._clock()
        stats = self.stats
        stats.collections[generation] += 1
        stats.longest_s[generation] = max(stats.longest_s[generation], took)
        stats.freed += freed
        if took > self._slow_pause_s:
            stats.slow += 1
            log.warning(
                "garbage collection of generation %d took %.0f ms on the GUI thread "
                "(%d objects tracked, %d unreachable); the panel did not paint meanwhile",
                generation, took * 1000, len(gc.get_objects(generation)), freed,
            )

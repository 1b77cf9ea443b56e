"""The GUI-thread garbage collector (hmi/ui/gc_policy.py): with the main window on the
twin running, every collection happens on the GUI thread, garbage made on worker threads is
still freed, and the collector is left as it was found."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from hmi.app import LineRuntime
from hmi.ui.bridge import PlcBridge
from hmi.ui.gc_policy import GuiThreadCollector
from hmi.ui.main_window import MainWindow
from tests.ui.conftest import main_window_on


class CollectionLog:
    """Which thread started each collection, and of which generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.starts: list[tuple[int, int]] = []  # (thread ident, generation)
        self.recording = False

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and self.recording:
            self.starts.append((threading.get_ident(), info["generation"]))

    def threads(self) -> set[int]:
        return {ident for ident, _ in self.starts}


@pytest.fixture
def collections() -> Iterator[CollectionLog]:
    record = CollectionLog()
    gc.callbacks.append(record)
    try:
        yield record
    finally:
        gc.callbacks.remove(record)


class Node:
    """A cycle's member; its finalizer counts it freed."""

    def __init__(self) -> None:
        self.other: Node | None = None


def make_cycles_until(stop: threading.Event, made: list[int], freed: list[int]) -> None:
    """Bursts of 1000 two-node cycles, each dropped at once (only the cyclic collector
    frees them), every 20 ms until `stop` (at most 10 s)."""
    for _ in range(500):
        for _ in range(1_000):
            a, b = Node(), Node()
            a.other, b.other = b, a
            weakref.finalize(a, freed.append, 1)
        made.append(1_000)
        if stop.wait(0.02):
            break


@pytest.fixture
def line_window(qtbot, tmp_path: Path) -> Iterator[tuple[LineRuntime, MainWindow]]:  # type: ignore[no-untyped-def]
    """The demo line on the embedded twin over real OPC UA and Modbus sockets, recording
    history (the historian's writer thread), and the main window on it, shown offscreen."""
    runtime = LineRuntime(data_dir=tmp_path, history=True)
    try:
        runtime.start()
        bridge = PlcBridge(runtime.store, runtime.service, runtime.io)  # type: ignore[arg-type]
        with main_window_on(qtbot, runtime.config, bridge) as window:
            yield runtime, window
    finally:
        runtime.stop()


def test_with_the_line_running_only_the_gui_thread_collects(  # type: ignore[no-untyped-def]
        qtbot, line_window, collections: CollectionLog) -> None:
    runtime, window = line_window
    gui = threading.get_ident()
    collector = GuiThreadCollector(window, tick_ms=50, full_every_s=1.0)
    gc.collect()
    gc.freeze()  # as `lineside run` does after start-up: full collections stay short
    try:
        collector.install()
        collections.recording = True  # the line's start and stop are not the policy's
        assert not gc.isenabled()
        # A worker allocates a lot, in bursts well over the young generation's threshold,
        # as the IoThread does when it decodes: it must never start a collection itself.
        made: list[int] = []
        freed: list[int] = []
        stop = threading.Event()
        worker = threading.Thread(target=make_cycles_until, args=(stop, made, freed))
        worker.start()
        try:
            for screen in ("coater", "dry_room", "overview"):  # the GUI thread works too
                window.show_screen(screen)

            def collected() -> None:
                assert not gc.isenabled()  # nobody turned it back on meanwhile
                assert collector.stats.collections[0] >= 3
                assert collector.stats.collections[2] >= 2  # full ones, on their own clock
                # Between ticks the young generation stays within reach of its threshold.
                assert gc.get_count()[0] < 50 * gc.get_threshold()[0]

            qtbot.waitUntil(collected, timeout=4_000)
        finally:
            stop.set()
            worker.join()
        # Every cycle the worker dropped is freed by the GUI thread's ticks: memory is flat.
        qtbot.waitUntil(lambda: len(freed) == sum(made) > 0, timeout=3_000)
        assert runtime.store.get("coater.state") is not None  # the line did run meanwhile
    finally:
        collector.uninstall()
        collections.recording = False
        gc.unfreeze()
    assert gc.isenabled()
    others = collections.threads() - {gui}
    assert not others, f"collections started on threads other than the GUI's: {others}"
    stats = collector.stats
    print(f"GUI-thread collections {stats.collections}, longest "
          f"{[round(s * 1000, 1) for s in stats.longest_s]} ms")  # generations 0, 1, 2


def test_the_schedule_follows_the_thresholds_and_the_full_clock(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [100.0]
    thresholds = gc.get_threshold()
    collector = GuiThreadCollector(tick_ms=60_000, full_every_s=300.0, clock=lambda: now[0])
    collector.install()
    gc.freeze()  # the collections below walk only this test's objects: fast
    try:
        gc.set_threshold(500, 3, 10)
        gc.collect()  # every count at zero
        assert collector.collect_due() is None  # nothing allocated: nothing to do
        keep: list[object] = [[] for _ in range(1_000)]  # 1000 new containers, kept
        assert collector.due_generation() == 0
        for _ in range(4):  # until generation 0 was collected more than threshold1 times
            keep.append([[] for _ in range(600)])
            assert collector.collect_due() == 0
        keep.append([[] for _ in range(600)])
        assert collector.collect_due() == 1  # then generation 1 goes with it, as in CPython
        now[0] += 299.0
        assert collector.due_generation() is None  # young count small, full not yet due
        now[0] += 1.0
        assert collector.collect_due() == 2  # the full-collection clock, whatever the counts
        assert collector.stats.collections == [4, 1, 1]
    finally:
        gc.set_threshold(*thresholds)
        collector.uninstall()
        gc.unfreeze()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled_after_uninstall(qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = GuiThreadCollector()
    gc.disable()
    try:
        collector.install()
        collector.install()  # twice is once
        collector.uninstall()
        assert not gc.isenabled()  # as found: someone else had turned it off
        assert collector.stats.collections[2] == 1  # uninstall collected what was left
    finally:
        gc.enable()


def test_install_off_the_gui_thread_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = GuiThreadCollector()
    failures: list[BaseException] = []

    def install_here() -> None:
        try:
            collector.install()
        except RuntimeError as exc:
            failures.append(exc)

    worker = threading.Thread(target=install_here)
    worker.start()
    worker.join()
    assert gc.isenabled() and not collector.installed
    assert "GUI thread" in str(failures[0])

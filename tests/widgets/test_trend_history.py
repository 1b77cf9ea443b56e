"""HistoryLayer: the past of a TrendPlot from a historian, fetched off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from tests.widgets.conftest import FakeClock
from widgets.trend_history import HistoryLayer
from widgets.trend_plot import TrendPlot
from widgets.trend_toolbar import HISTORY_WINDOWS_S


class Archive:
    """A historian stand-in: a 1 Hz sine per key, with an outage (NaN) from t_gap for 60 s.
    Records every request and the thread it ran on."""

    def __init__(self, t_gap: float) -> None:
        self.t_gap = t_gap
        self.calls: list[tuple[tuple[str, ...], float, float, int]] = []
        self.threads: set[str] = set()
        self.fail = False
        self.hold: threading.Event | None = None

    def __call__(self, keys: Sequence[str], start: float, end: float, pixels: int):  # type: ignore[no-untyped-def]
        self.calls.append((tuple(keys), start, end, pixels))
        self.threads.add(threading.current_thread().name)
        if self.hold is not None:
            self.hold.wait(5)
        if self.fail:
            raise OSError("history.sqlite: disk I/O error")
        x = np.linspace(start, end, 2 * pixels)
        y = 500.0 + np.sin(x / 600.0)
        y[(x >= self.t_gap) & (x < self.t_gap + 60)] = np.nan
        return {key: (x, y) for key in keys}


@pytest.fixture
def plot(qtbot, clock: FakeClock) -> TrendPlot:
    tp = TrendPlot(window_s=600, capacity=6000, clock=clock, max_window_s=30 * 86400,
                   windows=HISTORY_WINDOWS_S)
    qtbot.addWidget(tp)
    tp.resize(1000, 600)
    tp.add_pen("ten", "Tension", "N")
    t = clock() - 600 + np.arange(6000) / 10  # the ring: the last 10 minutes
    tp.append("ten", t, np.full(t.size, 100.0))
    tp.show()
    qtbot.waitExposed(tp)
    tp.refresh()
    return tp


@pytest.fixture
def archive(clock: FakeClock) -> Archive:
    return Archive(t_gap=clock() - 3 * 3600)


@pytest.fixture
def layer(plot: TrendPlot, archive: Archive):  # type: ignore[no-untyped-def]
    made = HistoryLayer(plot, archive)
    yield made
    made.close()


def test_a_window_the_rings_cover_asks_the_historian_nothing(qtbot, plot, layer, archive) -> None:  # type: ignore[no-untyped-def]
    layer.request()
    qtbot.wait(50)
    assert archive.calls == []


def test_dragging_back_draws_history_with_its_gaps_off_the_ui_thread(
    qtbot, plot: TrendPlot, layer: HistoryLayer, archive: Archive, clock: FakeClock
) -> None:
    start, end = clock() - 4 * 3600, clock() - 2 * 3600
    with qtbot.waitSignal(layer.loaded, timeout=3000):
        plot.show_range(start, end)
    keys, asked_start, asked_end, pixels = archive.calls[-1]
    assert keys == ("ten",)
    assert asked_start == pytest.approx(start) and asked_end == pytest.approx(end)
    assert 0 < pixels <= 1000
    assert threading.main_thread().name not in archive.threads
    x, y = plot.pen("ten").past_data()
    assert x.size == 2 * pixels
    outage = (x >= archive.t_gap) & (x < archive.t_gap + 60)
    assert outage.any() and np.isnan(y[outage]).all()  # a gap, not a line across it
    assert np.isfinite(y[~outage]).all()
    y0, y1 = plot.pen("ten").view_box.viewRange()[1]
    assert y0 < 499.5 and y1 > 500.5  # the scale fits the history on screen, not the ring
    assert not plot.is_following()


def test_a_longer_window_fills_from_history_and_follows(
    qtbot, plot: TrendPlot, layer: HistoryLayer, archive: Archive
) -> None:
    with qtbot.waitSignal(layer.loaded, timeout=3000):
        plot.set_window_s(86400)
    assert plot.is_following()
    _keys, start, end, _px = archive.calls[-1]
    assert end - start == pytest.approx(86400, rel=0.05)


def test_compare_overlays_the_same_window_a_day_earlier(
    qtbot, plot: TrendPlot, layer: HistoryLayer, archive: Archive, clock: FakeClock
) -> None:
    plot.show_range(clock() - 2 * 3600, clock() - 3600)
    qtbot.waitUntil(lambda: len(archive.calls) >= 1, timeout=3000)
    layer.set_compare(86400)
    # Two answers come (the range itself, then the earlier one): wait for the earlier one.
    qtbot.waitUntil(lambda: plot.pen("ten").compare_data()[0].size > 0, timeout=3000)
    asked = [c for c in archive.calls if c[1] < clock() - 86400]
    assert asked, "the earlier range was asked for"
    x, _y = plot.pen("ten").compare_data()
    x0, x1 = plot.x_range()
    assert x.size and x[0] == pytest.approx(x0, abs=1) and x[-1] == pytest.approx(x1, abs=1)
    layer.set_compare(None)
    assert plot.pen("ten").compare_data()[0].size == 0


def test_a_failing_historian_is_said_on_the_plot(
    qtbot, plot: TrendPlot, layer: HistoryLayer, archive: Archive, clock: FakeClock
) -> None:
    archive.fail = True
    plot.show_range(clock() - 4 * 3600, clock() - 2 * 3600)
    qtbot.waitUntil(lambda: plot.notice_text() != "", timeout=3000)
    assert "history not available" in plot.notice_text() and "disk I/O" in plot.notice_text()
    archive.fail = False
    with qtbot.waitSignal(layer.loaded, timeout=3000):
        layer.request()
    assert plot.notice_text() == ""


def test_an_answer_for_a_view_left_behind_is_dropped(
    qtbot, plot: TrendPlot, layer: HistoryLayer, archive: Archive, clock: FakeClock
) -> None:
    archive.hold = threading.Event()
    plot.show_range(clock() - 10 * 3600, clock() - 9 * 3600)
    qtbot.waitUntil(lambda: len(archive.calls) == 1, timeout=3000)
    plot.show_range(clock() - 300, clock())  # back to what the rings hold: nothing to ask
    layer.request()
    archive.hold.set()
    qtbot.wait(300)
    assert len(archive.calls) == 1
    assert plot.pen("ten").past_data()[0].size == 0  # the old view's answer was not drawn

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from tests.widgets.conftest import FakeClock
from widgets.trend_curve import TrendCurve, peak_decimate
from widgets.trend_limit import tick_positions
from widgets.trend_plot import TrendPlot


def test_peak_decimation_keeps_extremes_gaps_and_the_newest_samples() -> None:
    t = np.arange(36_000) / 10.0
    v = np.sin(t / 50.0)
    v[5_000] = 9.0  # a one-sample spike must survive
    v[20_000:20_003] = np.nan  # a short gap must stay a gap
    dt, dv = peak_decimate(t, v, 0.0, 3600.0, 1000)
    assert dt.size <= 2 * 1000 + 36  # a pair per column, plus the rest of the last one
    assert np.nanmax(dv) == 9.0 and np.nanmin(dv) == pytest.approx(v[np.isfinite(v)].min())
    assert np.isnan(dv).any()
    assert dt[-1] == t[-1] and dv[-1] == v[-1]  # reaches the live segment that follows
    assert (np.diff(dt) >= 0).all()


def test_peak_decimation_of_a_zoomed_range_is_that_range_plus_one_sample_each_side() -> None:
    t = np.arange(1000.0)
    v = t * 2
    dt, dv = peak_decimate(t, v, 100.5, 200.5, 1400)  # fewer samples than pixels: as they are
    assert dt[0] == 100.0 and dt[-1] == 201.0 and dv.tolist() == (dt * 2).tolist()


def test_a_sourced_curve_is_decimated_for_its_view_and_draws_in_qt(qtbot) -> None:  # type: ignore[no-untyped-def]
    t = np.arange(36_000) / 10.0
    v = np.cos(t)
    curve = TrendCurve(QColor("red"), source=lambda: (t, v))
    curve.set_view(0.0, 3600.0, 500)
    drawn_t, _ = curve.line()
    assert drawn_t.size <= 2 * 500 + 72
    assert curve.path().elementCount() == drawn_t.size
    curve.set_view(0.0, 36.0, 500)  # zoomed in: every sample of the range
    assert curve.line()[0].size == 362
    # Qt paints it: no Python paint or boundingRect to call per frame.
    assert isinstance(curve, QGraphicsItem)
    assert "paint" not in vars(TrendCurve) and "boundingRect" not in vars(TrendCurve)


def test_grid_lines_sit_at_the_axes_ticks(qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    plot = TrendPlot(window_s=600, capacity=1000, clock=clock)
    qtbot.addWidget(plot)
    plot.resize(1200, 700)
    plot.show()
    qtbot.waitExposed(plot)
    plot.add_pen("ten", "Tension", "N")
    plot.append("ten", clock() - np.arange(100)[::-1], np.linspace(10, 90, 100))
    plot.refresh()
    plot.fit_y()
    (x0, x1), (y0, y1) = plot.view_box.viewRange()
    xs = tick_positions(plot.plot_item.getAxis("bottom"), x0, x1, plot.view_box.width())
    ys = tick_positions(plot.plot_item.getAxis("left"), y0, y1, plot.view_box.height())
    assert xs and ys
    path = plot._grid.path()
    starts = [path.elementAt(i) for i in range(0, path.elementCount(), 2)]
    assert [e.x for e in starts[: len(xs)]] == pytest.approx(xs)  # vertical lines first
    assert [e.y for e in starts[len(xs) :]] == pytest.approx(ys)
    plot.show_range(x0 - 3000, x1 - 3000)  # another range: the grid follows
    (nx0, nx1), _ = plot.view_box.viewRange()
    first = plot._grid.path().elementAt(0)
    assert nx0 <= first.x <= nx1


def test_legend_tap_hides_all_of_a_pens_lines(qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    plot = TrendPlot(window_s=600, capacity=1000, clock=clock)
    qtbot.addWidget(plot)
    plot.add_pen("ten", "Tension", "N")
    pen = plot.pen("ten")
    sample = plot.legend.items[0][0]
    pen.history.setVisible(False)  # what the legend sample's click does to its item
    sample.sigClicked.emit(pen.history)
    assert not pen.live.isVisible() and not pen.past.isVisible()
    pen.history.setVisible(True)
    sample.sigClicked.emit(pen.history)
    assert pen.live.isVisible()


def test_decimated_columns_join_along_the_band_edge() -> None:
    # A noisy flat line: each column spans -1..1. Strict min-max order would draw every
    # column twice (up, then back down to the next min); alternating order draws it once.
    t = np.arange(4000.0)
    v = np.where(np.arange(4000) % 2 == 0, -1.0, 1.0)
    _dt, dv = peak_decimate(t, v, 0.0, 4000.0, 100)
    pairs = dv[: 2 * 99].reshape(99, 2)
    assert (pairs[0::2] == [-1.0, 1.0]).all() and (pairs[1::2] == [1.0, -1.0]).all()
    travel = np.abs(np.diff(dv[: 2 * 99])).sum()
    assert travel == pytest.approx(99 * 2.0)  # one stroke per column, none between


def test_one_sample_appends_follow_the_batch_rules(qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    # Late, equal, silent-too-long and bad samples: the same ring either way.
    rng = np.random.default_rng(7)
    t = np.cumsum(rng.choice([0.1, 0.1, 0.1, 0.0, -0.3, 3.5], size=400)) + clock()
    v = rng.normal(50, 5, t.size)
    v[rng.random(t.size) < 0.05] = np.nan
    v[rng.random(t.size) < 0.01] = np.inf
    plot = TrendPlot(window_s=600, capacity=300, clock=clock)  # wraps, too
    qtbot.addWidget(plot)
    plot.add_pen("batch", "Batch", "N", max_gap_s=2.0)
    plot.add_pen("one", "One by one", "N", max_gap_s=2.0)
    for ti, vi in zip(t, v, strict=True):
        plot.append("batch", [ti], [vi], np.isfinite([vi]))
        plot.append_sample("one", float(ti), float(vi))
    bt, bv = plot.pen("batch").ring.view()
    ot, ov = plot.pen("one").ring.view()
    assert np.array_equal(bt, ot) and np.array_equal(bv, ov, equal_nan=True)
    assert np.isnan(ov).any() and len(plot.pen("one").ring) == 300

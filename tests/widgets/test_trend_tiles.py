"""The history's cached tiles: the same extremes as the data, gaps kept, moved not redrawn."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from tests.widgets.conftest import FakeClock
from widgets.trend_plot import TrendPlot
from widgets.trend_tiles import TILE_COLUMNS, column_decimate

HOUR = 3600.0


def test_column_decimation_keeps_each_columns_min_max_and_gaps() -> None:
    rng = np.random.default_rng(1)
    t = 1_780_000_000.0 + np.arange(20_000) / 10.0
    v = rng.normal(0.0, 1.0, t.size)
    v[7_000:7_003] = np.nan  # a short gap inside a column
    dt = 2.1
    out_t, out_v = column_decimate(t, v, dt)
    col = np.floor(t / dt)
    columns = np.unique(col)
    assert out_t.size == 2 * columns.size  # one pair per column, no more
    for i, c in enumerate(columns):
        raw = v[col == c]
        pair = out_v[2 * i : 2 * i + 2]
        if np.isnan(raw).any():
            assert np.isnan(pair).all()  # the gap stays a gap
        else:
            assert sorted(pair) == [raw.min(), raw.max()]
        times = t[col == c]
        assert out_t[2 * i] == times[0] and out_t[2 * i + 1] == times[-1]


def test_columns_sit_on_absolute_time_so_a_shifted_slice_decimates_the_same() -> None:
    t = 1_780_000_000.0 + np.arange(10_000) / 10.0
    v = np.sin(t)
    dt = 1.7
    whole_t, whole_v = column_decimate(t, v, dt)
    start = int(np.searchsorted(t, (math.floor(t[3000] / dt) + 1) * dt))  # a column edge
    part_t, part_v = column_decimate(t[start:], v[start:], dt)
    k = int(np.searchsorted(whole_t, part_t[0]))
    assert part_t.tolist() == whole_t[k:].tolist() and part_v.tolist() == whole_v[k:].tolist()


@pytest.fixture
def hour_plot(qtbot, clock: FakeClock) -> TrendPlot:  # type: ignore[no-untyped-def]
    tp = TrendPlot(window_s=HOUR, capacity=int(HOUR * 10), clock=clock, refresh_ms=0)
    qtbot.addWidget(tp)
    tp.resize(1200, 700)
    tp.show()
    qtbot.waitExposed(tp)
    tp.add_pen("ten", "Tension", "N", color="#1F4E79")
    return tp


def fill_hour(tp: TrendPlot, clock: FakeClock, bad: slice | None = None) -> np.ndarray:
    rng = np.random.default_rng(3)
    t = clock() - HOUR + np.arange(int(HOUR * 10)) / 10.0
    v = 100.0 + rng.normal(0.0, 5.0, t.size)
    good = np.ones(t.size, bool)
    if bad is not None:
        good[bad] = False
    tp.append("ten", t, v, good)
    tp.refresh()
    tp.pen("ten").refresh_history()
    return v


def test_tiles_draw_the_raw_extremes_of_every_column(
    hour_plot: TrendPlot, clock: FakeClock
) -> None:
    v = fill_hour(hour_plot, clock)
    history = hour_plot.pen("ten").history
    assert 2 <= history.tile_count() <= math.ceil(hour_plot.view_box.width() / TILE_COLUMNS) + 1
    drawn_t, drawn_v = history.line()
    t_all, v_all = hour_plot.pen("ten").ring.view()
    # Per column of the view's grid, what is drawn spans exactly the raw samples' range.
    x0, x1 = hour_plot.x_range()
    dt = (x1 - x0) / int(hour_plot.view_box.width())
    raw_col, drawn_col = np.floor(t_all / dt), np.floor(drawn_t / dt)
    for c in np.unique(raw_col)[5:-5:37]:  # a spread of columns
        raw, drawn = v_all[raw_col == c], drawn_v[drawn_col == c]
        assert np.nanmin(drawn) == raw.min() and np.nanmax(drawn) == raw.max()
    assert np.nanmax(drawn_v) == v.max() and np.nanmin(drawn_v) == v.min()


def test_a_gap_inside_a_tile_is_a_gap_on_screen(hour_plot: TrendPlot, clock: FakeClock) -> None:
    fill_hour(hour_plot, clock, bad=slice(18_000, 18_900))  # 90 s of bad quality mid-hour
    t_all, _v = hour_plot.pen("ten").ring.view()
    mid = (t_all[18_000] + t_all[18_899]) / 2
    drawn_t, drawn_v = hour_plot.pen("ten").history.line()
    inside = (drawn_t > t_all[18_000] + 5) & (drawn_t < t_all[18_899] - 5)
    assert not np.isfinite(drawn_v[inside]).any()  # nothing drawn inside the gap
    image = hour_plot.grab().toImage()
    px_gap = _column_of(hour_plot, mid)
    px_data = _column_of(hour_plot, mid - 600)
    assert _pen_pixels(image, px_gap, QColor("#1F4E79")) == 0
    assert _pen_pixels(image, px_data, QColor("#1F4E79")) > 5


def _column_of(tp: TrendPlot, t: float) -> int:
    """The x pixel of the plot widget where time t is drawn."""
    y = sum(tp.view_box.viewRange()[1]) / 2
    scene = tp.view_box.mapViewToScene(QPointF(t, y))
    view = tp._plot_widget
    return int(view.mapTo(tp, view.mapFromScene(scene)).x())


def _pen_pixels(image: QImage, x: int, color: QColor) -> int:
    return sum(1 for y in range(image.height()) if image.pixelColor(x, y) == color)


def test_a_jump_moves_the_tiles_by_whole_pixels_without_drawing_them_again(
    hour_plot: TrendPlot, clock: FakeClock
) -> None:
    fill_hour(hour_plot, clock)
    history = hour_plot.pen("ten").history
    x0, x1 = hour_plot.x_range()
    s_per_px = (x1 - x0) / hour_plot.view_box.width()
    renders = history.renders
    clock.advance(0.03 * HOUR)  # past the 2 % lead: the window jumps
    hour_plot.refresh()
    nx0, nx1 = hour_plot.x_range()
    assert nx1 > x1 and nx1 - nx0 == pytest.approx(HOUR)
    # On the grid of whole pixels in absolute time: every later jump is whole pixels.
    assert nx1 / s_per_px == pytest.approx(round(nx1 / s_per_px), abs=1e-3)
    assert history.renders == renders  # no new data: no tile drawn again
    clock.advance(0.03 * HOUR)
    hour_plot.refresh()
    shift_px = (hour_plot.x_range()[1] - nx1) / s_per_px
    assert shift_px > 1 and shift_px == pytest.approx(round(shift_px), abs=1e-3)


def test_new_samples_redraw_only_the_newest_tiles(hour_plot: TrendPlot, clock: FakeClock) -> None:
    fill_hour(hour_plot, clock)
    pen = hour_plot.pen("ten")
    tiles, renders = pen.history.tile_count(), pen.history.renders
    for _ in range(300):
        clock.advance(0.1)
        hour_plot.append_sample("ten", clock(), 100.0)
    pen.refresh_history()
    assert pen.history.renders - renders <= 2 < tiles
    assert pen.history.line()[1][-1] == 100.0  # the newest sample is drawn


def test_a_new_scale_redraws_every_tile(hour_plot: TrendPlot, clock: FakeClock) -> None:
    fill_hour(hour_plot, clock)
    history = hour_plot.pen("ten").history
    renders = history.renders
    hour_plot.set_window_s(1800.0)
    assert history.renders - renders == history.tile_count() >= 1


def test_the_long_curves_take_in_the_live_ones_on_frames_that_do_not_jump(
    qtbot, clock: FakeClock  # type: ignore[no-untyped-def]
) -> None:
    """A jump repaints everything; a re-set redraws the newest tiles: never both at once."""
    tp = TrendPlot(window_s=60.0, capacity=600, clock=clock, refresh_ms=0,
                   max_live_samples=40, history_interval_s=0.0)
    qtbot.addWidget(tp)
    tp.resize(1200, 700)
    tp.show()
    qtbot.waitExposed(tp)
    tp.add_pen("ten", "Tension", "N")
    tp.append("ten", clock() - 60 + np.arange(600) / 10, np.full(600, 100.0))
    pen = tp.pen("ten")
    jumps = resets = 0
    for _ in range(300):  # 30 s at 10 Hz: a jump every 1.2 s, a re-set every ~2 s
        clock.advance(0.1)
        tp.append_sample("ten", clock(), 100.0)
        before, pending = tp.x_range(), pen.pending
        tp.refresh()
        jumped, reset = tp.x_range() != before, pen.pending < pending
        assert not (jumped and reset)
        jumps, resets = jumps + jumped, resets + reset
        assert pen.pending <= 40
    assert jumps >= 20 and resets >= 10

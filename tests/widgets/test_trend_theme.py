"""The trend follows a day/night switch: background, grid, axes, legend, cursor and pens."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.widgets.conftest import FakeClock
from widgets.theme import DAY, NIGHT, apply_theme
from widgets.trend_plot import TrendPlot


@pytest.fixture
def themed(qtbot, qapp: QApplication, clock: FakeClock) -> Iterator[TrendPlot]:  # type: ignore[no-untyped-def]
    before = qapp.styleSheet()
    tp = TrendPlot(window_s=600, capacity=6000, clock=clock, refresh_ms=0)
    qtbot.addWidget(tp)
    tp.resize(900, 500)
    tp.show()
    qtbot.waitExposed(tp)
    tp.add_pen("ten", "Tension", "N")
    tp.add_pen("sp", "Setpoint", "N", color="#123456")  # a colour of its own
    t = clock() - 300 + np.arange(3000) / 10.0
    tp.append("ten", t, 100 + np.sin(t))
    tp.append("sp", t, np.full(t.size, 100.0))
    tp.set_limits("ten", 98.0, 102.0)
    tp.refresh()
    tp.pen("ten").refresh_history()
    yield tp
    apply_theme("day", qapp)
    qapp.setStyleSheet(before)


def _corner_colour(tp: TrendPlot) -> QColor:
    """A pixel of the plot area away from curves, legend and grid."""
    image = tp._plot_widget.grab().toImage()
    corner = tp._plot_widget.mapFromScene(tp.view_box.sceneBoundingRect().bottomRight())
    return image.pixelColor(corner - QPoint(3, 3))


def test_night_and_back_recolours_the_whole_plot(themed: TrendPlot, qapp: QApplication) -> None:
    pen = themed.pen("ten")
    assert _corner_colour(themed) == QColor(DAY.plot_background)
    assert pen.color == QColor(DAY.pens[0])

    apply_theme("night", qapp)
    assert _corner_colour(themed) == QColor(NIGHT.plot_background)
    assert pen.color == QColor(NIGHT.pens[0])
    assert pen.live.pen().color() == QColor(NIGHT.pens[0])
    assert pen.history.opts["pen"].color() == QColor(NIGHT.pens[0])  # the legend's sample
    assert all(tile.pen().color() == QColor(NIGHT.pens[0])
               for tile in pen.history.childItems())
    assert all(line is not None and line.pen().color() == QColor(NIGHT.pens[0])
               for line in pen.limit_lines)
    assert themed._grid.pen().color() == QColor(NIGHT.plot_grid)
    axis = themed.axis_for_unit("N")
    assert axis.textPen().color() == QColor(NIGHT.text)
    assert themed.cursor_line.pen.color() == QColor(NIGHT.text)
    assert themed.legend.brush().color() == QColor(NIGHT.panel)
    assert themed.legend.items[0][1].opts["color"] == NIGHT.text  # the legend's texts
    assert themed.pen("sp").color == QColor("#123456")  # its own colour stays
    assert NIGHT.button in themed.toolbar.styleSheet()

    apply_theme("day", qapp)
    assert _corner_colour(themed) == QColor(DAY.plot_background)
    assert pen.color == QColor(DAY.pens[0])
    assert themed._grid.pen().color() == QColor(DAY.plot_grid)


def test_a_closed_plot_stops_listening(qtbot, qapp: QApplication, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    from widgets import theme

    tp = TrendPlot(window_s=600, capacity=100, clock=clock, refresh_ms=0)
    listener = theme._listeners[-1]  # the plot's, added last
    tp.deleteLater()
    qtbot.waitUntil(lambda: listener not in theme._listeners)
    apply_theme("night", qapp)  # nothing left to call into a deleted plot
    apply_theme("day", qapp)

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from widgets.strip_curve import StripCurveItem, StripPlotDataItem


def on_screen(view: pg.PlotWidget) -> QImage:
    """What the window shows now (its backing store), without painting it afresh."""
    screen = view.screen()
    return screen.grabWindow(view.winId()).toImage()


@pytest.mark.parametrize("left", [100, 300, 520])
def test_a_strip_repaint_draws_the_same_pixels_as_a_whole_repaint(qtbot, left: int) -> None:
    x = np.linspace(0, 1000, 5000)
    y = np.sin(x / 20.0)
    y[2000:2100] = np.nan  # a gap must stay a gap in the slice too
    curve = StripCurveItem(x, y, pen=pg.mkPen("k", width=1), connect="finite")
    view = pg.PlotWidget(background="w")
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.addItem(curve)
    view.setRange(xRange=(0, 1000), yRange=(-1.5, 1.5), padding=0)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: curve.last_sliced_points is None and not on_screen(view).isNull())
    whole = on_screen(view)

    strip = QRect(left, 0, 40, 300)
    view.viewport().update(strip)  # as when the live curve beside it changed
    qtbot.waitUntil(lambda: curve.last_sliced_points is not None)
    sliced = on_screen(view)

    assert curve.last_sliced_points < 500  # a slice of the 5000 points, not the whole path
    region = view.viewport().mapTo(view, strip.topLeft())
    rect = QRect(region, strip.size())
    dark = sum(QColor(whole.pixel(i, j)).value() < 128
               for i in range(rect.left(), rect.right()) for j in range(rect.top(), rect.bottom()))
    assert dark > 20  # the strip does show the curve
    assert sliced.copy(rect) == whole.copy(rect)


def test_the_plot_data_item_draws_with_a_strip_curve(qtbot) -> None:
    item = StripPlotDataItem(pen=pg.mkPen("r", width=1), connect="finite")
    item.setData(np.arange(100.0), np.ones(100))
    assert isinstance(item.curve, StripCurveItem)
    assert item.curve.parentItem() is item
    assert item.curve.opts["pen"].color() == QColor("red")
    assert item.curve.getData()[0].size == 100

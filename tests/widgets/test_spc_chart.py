"""SpcChart shows the limits, the zones and each violation marked with its rules named."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from widgets.spc_chart import SpcChart
from widgets.theme import palette

VALUES = [20.0, 20.05, 19.95, 20.02, 19.98, 20.4, 20.0, 19.97]


def test_violations_are_marked_and_named(qtbot) -> None:
    chart = SpcChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_chart(VALUES, center=20.0, ucl=20.3, lcl=19.7,
                    violations=[(5, "WE1"), (5, "N1"), (5, "WE1"), (99, "N2")],
                    spec=(19.6, 20.45), title="coat_weight", unit="mg/cm²")
    assert chart.marks() == [(5, "WE1, N1")]  # one mark per point, each rule once
    assert chart.zone_edges() == pytest.approx([19.7, 19.8, 19.9, 20.0, 20.1, 20.2, 20.3])
    low, high = chart.y_range()
    assert low < 19.6 and high > 20.45  # spec and every point in view
    image = chart.grab().toImage()
    marked = chart.point_at(5)
    plain = chart.point_at(2)
    text = QColor(palette().text)
    # The diamond is drawn in the text colour a few pixels off the point; a plain point
    # has only its small dot there.
    off = (int(marked.x()), int(marked.y()) + 5)
    assert image.pixelColor(*off) == text
    assert image.pixelColor(int(plain.x()), int(plain.y()) + 5) != text
    # Inside 1 sigma the background is the inner zone's; beyond 3 sigma the plot's own.
    assert image.pixelColor(20, int(chart.point_at(1).y())) == QColor(palette().panel)
    assert image.pixelColor(20, int(chart.point_at(5).y())) == QColor(palette().plot_background)


def test_no_limits_yet_draws_points_only(qtbot) -> None:
    chart = SpcChart()
    qtbot.addWidget(chart)
    chart.set_chart(VALUES[:3])
    assert chart.zone_edges() == [] and chart.marks() == []
    chart.grab()  # paints without limits
    chart.set_chart([])
    assert chart.y_range() == (0.0, 1.0)
    chart.grab()


def test_a_run_of_marked_points_is_named_once(qtbot) -> None:
    chart = SpcChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    shift = [(i, "WE4") for i in range(3, 8)] + [(i, "N2") for i in range(4, 8)]
    chart.set_chart([20.1] * 10, center=20.0, ucl=20.3, lcl=19.7,
                    violations=[(1, "WE1"), *shift])
    assert [i for i, _ in chart.marks()] == [1, 3, 4, 5, 6, 7]  # a diamond on each
    assert chart.labels() == [(1, "WE1"), (7, "WE4, N2")]  # a name per run, at its end
    chart.grab()

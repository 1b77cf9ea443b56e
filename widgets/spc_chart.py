"""SpcChart: a control chart, self-painted (DOMAIN.md 5.2; ISA-101 colours).

The center line, the control limits (dashed), the zones at 1 and 2 sigma (two grey bands:
no hue, the process is normal inside them), the spec limits (dotted, named), the points
joined by a line, and each point where a run rule fired marked by a diamond. The rules
are named above the marks ("WE1, N1"): once per run of consecutive marked points (a shift
fires WE4/N2 on every point of it; one name per point piles up into an unreadable heap),
and a name with no free room above is left out (the screen's list names every firing).
Violations are told by shape and name, not by an alarm hue:
the alarm that a violation raises carries the colour.

    chart = SpcChart()
    chart.set_chart(values, center=20.0, ucl=20.3, lcl=19.7,
                    violations=[(17, "WE1"), (17, "N1")], spec=(19.6, 20.4),
                    title="coat_weight", unit="mg/cm²")
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.theme import palette

MARGIN_LEFT = 8.0
MARGIN_RIGHT = 92.0  # room for the limit labels
MARGIN_TOP = 34.0  # title and the rule names above the highest point
MARGIN_BOTTOM = 10.0


class SpcChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[float] = []
        self._center: float | None = None
        self._ucl: float | None = None
        self._lcl: float | None = None
        self._spec: tuple[float | None, float | None] = (None, None)
        self._marks: dict[int, list[str]] = {}
        self._title = ""
        self._unit = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)

    def set_chart(self, values: Sequence[float], center: float | None = None,
                  ucl: float | None = None, lcl: float | None = None, *,
                  violations: Sequence[tuple[int, str]] = (),
                  spec: tuple[float | None, float | None] = (None, None),
                  title: str = "", unit: str = "") -> None:
        """The points (oldest first), the limits (None: not yet known, none drawn) and the
        rule violations as (point index, rule name)."""
        self._values = [float(v) for v in values]
        self._center, self._ucl, self._lcl = center, ucl, lcl
        self._spec = spec
        marks: dict[int, list[str]] = {}
        for index, rule in violations:
            if 0 <= index < len(self._values) and rule not in marks.setdefault(index, []):
                marks[index].append(rule)
        self._marks = marks
        self._title, self._unit = title, unit
        self.update()

    def marks(self) -> list[tuple[int, str]]:
        """(point index, the label drawn at it), in point order."""
        return [(i, ", ".join(rules)) for i, rules in sorted(self._marks.items())]

    def labels(self) -> list[tuple[int, str]]:
        """(the last point of a run of consecutive marked points, the rules fired in it)"""
        runs: list[tuple[int, list[str]]] = []
        previous = -2
        for index, rules in sorted(self._marks.items()):
            if index != previous + 1 or not runs:
                runs.append((index, []))
            names = runs[-1][1]
            runs[-1] = (index, names + [r for r in rules if r not in names])
            previous = index
        return [(index, ", ".join(names)) for index, names in runs]

    def zone_edges(self) -> list[float]:
        """The zone boundaries drawn: center +- 1, 2, 3 sigma (empty without limits)."""
        if self._center is None or self._ucl is None:
            return []
        sigma = (self._ucl - self._center) / 3.0
        return [self._center + k * sigma for k in (-3, -2, -1, 0, 1, 2, 3)]

    def y_range(self) -> tuple[float, float]:
        values = [v for v in self._values if math.isfinite(v)]
        values += [v for v in (self._ucl, self._lcl, self._center, *self._spec) if v is not None]
        if not values:
            return (0.0, 1.0)
        low, high = min(values), max(values)
        pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
        return (low - pad, high + pad)

    def plot_rect(self) -> QRectF:
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(1.0, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
                      max(1.0, self.height() - MARGIN_TOP - MARGIN_BOTTOM))

    def point_at(self, index: int) -> QPointF:
        """Where point `index` is drawn, in widget coordinates."""
        rect = self.plot_rect()
        count = max(1, len(self._values) - 1)
        x = rect.left() + rect.width() * (index / count if len(self._values) > 1 else 0.5)
        return QPointF(x, self._y(self._values[index]))

    def _y(self, value: float) -> float:
        low, high = self.y_range()
        rect = self.plot_rect()
        return rect.bottom() - (value - low) / (high - low) * rect.height()

    def sizeHint(self) -> QSize:
        return QSize(640, 280)

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.plot_rect()
        painter.fillRect(self.rect(), pal.color("window"))
        painter.fillRect(rect, pal.color("plot_background"))
        self._paint_zones(painter, rect)
        self._paint_lines(painter, rect)
        self._paint_points(painter)
        painter.setPen(pal.color("text"))
        title = f"{self._title} ({self._unit})" if self._unit else self._title
        painter.drawText(QRectF(MARGIN_LEFT, 2, rect.width(),
                                QFontMetricsF(painter.font()).height()),
                         Qt.AlignmentFlag.AlignLeft, title)
        painter.end()

    def _paint_zones(self, painter: QPainter, rect: QRectF) -> None:
        edges = self.zone_edges()
        if not edges:
            return
        pal = palette()
        # Outer band (1-2 sigma) a step darker than the inner one (within 1 sigma).
        for (low, high), colour in (((edges[1], edges[5]), "track"),
                                    ((edges[2], edges[4]), "panel")):
            top, bottom = self._y(high), self._y(low)
            painter.fillRect(QRectF(rect.left(), top, rect.width(), bottom - top),
                             pal.color(colour))

    def _paint_lines(self, painter: QPainter, rect: QRectF) -> None:
        pal = palette()
        lines = [(self._ucl, "UCL", "limit", Qt.PenStyle.DashLine),
                 (self._center, "CL", "setpoint", Qt.PenStyle.SolidLine),
                 (self._lcl, "LCL", "limit", Qt.PenStyle.DashLine),
                 (self._spec[1], "USL", "text_muted", Qt.PenStyle.DotLine),
                 (self._spec[0], "LSL", "text_muted", Qt.PenStyle.DotLine)]
        for value, name, colour, style in lines:
            if value is None:
                continue
            y = self._y(value)
            pen = QPen(pal.color(colour), 1.5, style)
            painter.setPen(pen)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.drawText(QPointF(rect.right() + 4, y + 4), f"{name} {value:.4g}")

    def _paint_points(self, painter: QPainter) -> None:
        if not self._values:
            return
        pal = palette()
        points = [self.point_at(i) for i in range(len(self._values))]
        painter.setPen(QPen(pal.color("process"), 1.5))
        painter.drawPolyline(QPolygonF(points))
        painter.setBrush(pal.color("process"))
        for point in points:
            painter.drawEllipse(point, 2.5, 2.5)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        fm = QFontMetricsF(font)
        size = 7.0
        painter.setPen(QPen(pal.color("text"), 2.0))
        painter.setBrush(pal.color("text"))
        for index, _ in self.marks():
            p = points[index]
            painter.drawPolygon(QPolygonF([
                QPointF(p.x(), p.y() - size), QPointF(p.x() + size, p.y()),
                QPointF(p.x(), p.y() + size), QPointF(p.x() - size, p.y())]))
        drawn: list[QRectF] = []  # labels already placed: neighbours are stacked, not overlaid
        top = self.plot_rect().top()
        for index, label in reversed(self.labels()):  # the newest runs get the room first
            p = points[index]
            width = fm.horizontalAdvance(label)
            left = min(max(0.0, p.x() - width / 2), self.width() - MARGIN_RIGHT - width)
            box = QRectF(left, p.y() - size - 4 - fm.ascent(), width, fm.height())
            while any(box.intersects(other) for other in drawn) and box.top() >= top:
                box.moveTop(box.top() - fm.height())
            if box.top() < top - 4 or any(box.intersects(o) for o in drawn):
                continue  # no free room: the diamond stays, the list below names it
            drawn.append(box)
            painter.drawText(QPointF(box.left(), box.top() + fm.ascent()), label)

"""Painting pieces the self-painted widgets share: priority badges, hatching, fonts."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from widgets.theme import AlarmPriority, BadgeShape, Palette, palette


def pixel_font(base: QFont, px: int, bold: bool = False) -> QFont:
    """A copy of ``base`` sized in pixels, because our sizes come from millimetres."""
    font = QFont(base)
    font.setPixelSize(max(6, px))
    font.setBold(bold)
    return font


def shape_path(shape: BadgeShape, rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    c = rect.center()
    r = min(rect.width(), rect.height()) / 2
    if shape in (BadgeShape.CIRCLE, BadgeShape.RING):
        path.addEllipse(c, r, r)
    elif shape is BadgeShape.SQUARE:
        path.addRect(QRectF(c.x() - r * 0.85, c.y() - r * 0.85, r * 1.7, r * 1.7))
    elif shape is BadgeShape.TRIANGLE:
        path.addPolygon(QPolygonF([
            QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y() + r * 0.8),
            QPointF(c.x() - r, c.y() + r * 0.8),
        ]))
        path.closeSubpath()
    elif shape is BadgeShape.DIAMOND:
        path.addPolygon(QPolygonF([
            QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
            QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y()),
        ]))
        path.closeSubpath()
    else:  # HEXAGON
        pts = [
            QPointF(c.x() + r * math.cos(math.radians(a)), c.y() + r * math.sin(math.radians(a)))
            for a in range(0, 360, 60)
        ]
        path.addPolygon(QPolygonF(pts))
        path.closeSubpath()
    return path


def draw_badge(
    painter: QPainter,
    rect: QRectF,
    shape: BadgeShape,
    fill: QColor,
    outline: QColor,
    text: str = "",
    text_color: QColor | None = None,
) -> None:
    """A filled shape with an outline (so light hues still read on grey) and a short text."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(1.5, min(rect.width(), rect.height()) / 14)
    painter.setPen(QPen(outline, width))
    painter.setBrush(Qt.BrushStyle.NoBrush if shape is BadgeShape.RING else QBrush(fill))
    if shape is BadgeShape.RING:
        painter.setPen(QPen(fill, width * 2.5))
    painter.drawPath(shape_path(shape, rect))
    if text:
        painter.setPen(text_color or outline)
        font = pixel_font(painter.font(), round(min(rect.width(), rect.height()) * 0.45), True)
        painter.setFont(font)
        text_rect = QRectF(rect)
        if shape is BadgeShape.TRIANGLE:  # the triangle's mass sits low
            text_rect.translate(0, rect.height() * 0.12)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def draw_priority_badge(
    painter: QPainter, rect: QRectF, priority: AlarmPriority, pal: Palette | None = None
) -> None:
    p = pal or palette()
    draw_badge(
        painter, rect, priority.shape, priority.color(p), QColor(p.text),
        str(priority.value), priority.text_color(p),
    )


def hatch(painter: QPainter, rect: QRectF, pal: Palette | None = None) -> None:
    """Diagonal hatching: the mark of a value that is not live, visible without colour."""
    p = pal or palette()
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(p.old_fill)))
    painter.drawRect(rect)
    painter.setBrush(QBrush(QColor(p.old_hatch), Qt.BrushStyle.BDiagPattern))
    painter.drawRect(rect)
    painter.restore()

"""A row of buttons and fields that wraps onto further rows when the screen is narrow.

A 1024 px panel beside the side bar leaves ~800 px; the same toolbar in German is wider
than that at touch sizes, and on a 1366 px laptop it fits in one row. A QHBoxLayout would
then make the whole screen wider than the glass (the page scrolls sideways, or a button is
cut); this layout puts what does not fit on the next row instead, keeping every item at its
size hint (a button shows its whole text) and its touch height. Items stretch to share a
row's spare width by their stretch factor, as in a box layout, so a field still fills
its row. Its minimum width is its widest item's, its height follows its width
(heightForWidth), which QBoxLayout and QScrollArea honour.

Qt's own "Flow Layout" example does the wrapping; this adds per-item stretch, rows
centred vertically, and right-aligned items (a row's last actions stay at its end).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # -- filling ------------------------------------------------------------------------
    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:
        """Add `widget`; a row's spare width goes to its items by `stretch` (0: none)."""
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self._stretch.append(stretch)
        self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:  # Qt override: Qt adds through this too
        self._items.append(item)
        self._stretch.append(0)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self._stretch.pop(index)
        return self._items.pop(index)

    def spacing(self) -> int:
        return self._gap

    def setSpacing(self, spacing: int) -> None:
        self._gap = spacing
        self.invalidate()

    # -- sizes --------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        if any(_grows(i) for i in self._shown()):
            return Qt.Orientation.Horizontal | Qt.Orientation.Vertical
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def sizeHint(self) -> QSize:
        """Everything in one row: the width it asks for when there is room."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:
        """One item a row: the widest item's width (never narrower: no cut button)."""
        shown = self._shown()
        width = max((_least_width(i) for i in shown), default=0)
        height = max((i.minimumSize().height() for i in shown), default=0)
        return QSize(width, height) + self._margin_size()

    def setGeometry(self, rect: QRect) -> None:  # Qt override: place the items
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    # -- laying out ---------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _margin_size(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def _rows(self, width: int) -> list[list[int]]:
        """Indexes of the shown items, row by row, each row as full as `width` allows."""
        rows: list[list[int]] = [[]]
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            want = self._pack_width(index)
            if rows[-1] and used + self._gap + want > width:
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + want
            rows[-1].append(index)
        return [row for row in rows if row]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        indexes = self._rows(area.width())
        rows = [[self._items[i] for i in row] for row in indexes]
        widths = [self._widths(row, ids, area.width())
                  for row, ids in zip(rows, indexes, strict=True)]
        heights = [max(_height(item, width) for item, width in zip(row, row_widths, strict=True))
                   for row, row_widths in zip(rows, widths, strict=True)]
        used = sum(heights) + self._gap * max(0, len(rows) - 1)
        if place:
            # Height beyond what the rows need goes to the rows holding an item that expands
            # vertically (a list under its title), as a box layout's stretch would.
            growing = [r for r, row in enumerate(rows) if any(_grows(i) for i in row)]
            extra = area.height() - used
            for r in growing if extra > 0 else ():
                heights[r] += extra // len(growing)
            y = area.y()
            for row, row_widths, height in zip(rows, widths, heights, strict=True):
                x = area.x()
                for item, width in zip(row, row_widths, strict=True):
                    h = height if _grows(item) else min(height, _height(item, width))
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(width, h)))
                    x += width + self._gap
                y += height + self._gap
        return used + margins.top() + margins.bottom()

    def _pack_width(self, index: int) -> int:
        """The width an item takes when rows are filled: its size hint; its minimum when it
        stretches (it gets the row's spare width back) or its policy ignores the hint (a
        long file path that gives way)."""
        item = self._items[index]
        widget = item.widget()
        ignores = widget is not None and bool(
            widget.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.IgnoreFlag.value)
        if self._stretch[index] or ignores:
            return _least_width(item)
        return item.sizeHint().width()

    def _widths(self, row: list[QLayoutItem], indexes: list[int], width: int) -> list[int]:
        """Each item's width in its row: its packing width, then the spare by stretch."""
        widths = [max(_least_width(i), min(self._pack_width(n), width))
                  for i, n in zip(row, indexes, strict=True)]
        spare = width - sum(widths) - self._gap * (len(row) - 1)
        stretch = [self._stretch[i] for i in indexes]
        total = sum(stretch)
        if spare > 0 and total > 0:
            widths = [w + spare * s // total for w, s in zip(widths, stretch, strict=True)]
        return widths


def _height(item: QLayoutItem, width: int) -> int:
    """An item's height at `width`: a word-wrapped text is taller when narrower."""
    if item.hasHeightForWidth():
        return max(item.heightForWidth(width), item.minimumSize().height())
    return max(item.sizeHint().height(), item.minimumSize().height())


def _grows(item: QLayoutItem) -> bool:
    return bool(item.expandingDirections() & Qt.Orientation.Vertical)


def _least_width(item: QLayoutItem) -> int:
    """The narrowest an item may be: its minimum, or its size hint when its policy says it
    must not shrink below it (as a box layout would honour)."""
    widget = item.widget()
    if widget is not None:
        policy = widget.sizePolicy().horizontalPolicy()
        if not policy.value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
            return max(item.sizeHint().width(), item.minimumSize().width())
    return item.minimumSize().width()


def labelled(label: QWidget, field: QWidget, gap: int, *, field_stretch: int = 1) -> QWidget:
    """A label and its field as one item of a FlowLayout: a wrap never parts them."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(gap)
    row.addWidget(label)
    row.addWidget(field, field_stretch)
    return pair

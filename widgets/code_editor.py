"""A plain-text editor with line numbers and problem markers in its gutter.

For config files: `set_markers({line: message})` puts a marker beside each line with a
problem (the message is the line's tooltip and is shown by `marker_text`), and
`go_to_line(n)` puts the cursor at the start of line n and shows it. Line numbers are
1-based, as an error message says them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from widgets.theme import metrics, palette


class _Gutter(QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_gutter(event)

    def mouseMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        line = self._editor.line_at_y(round(event.position().y()))
        text = self._editor.marker_text(line) if line else ""
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()


class CodeEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._markers: dict[int, str] = {}
        self._gutter = _Gutter(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPixelSize(max(10, round(metrics().text_px(self) * 0.9)))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(False)
        self.blockCountChanged.connect(self._on_block_count_changed)
        self.updateRequest.connect(self._on_update_request)
        self.cursorPositionChanged.connect(self._highlight_marked_lines)
        self._on_block_count_changed()

    # ---- markers -----------------------------------------------------------------------
    def set_markers(self, markers: dict[int, str]) -> None:
        """Problem messages by 1-based line; replaces the previous set."""
        self._markers = dict(markers)
        self._gutter.update()
        self._highlight_marked_lines()

    def markers(self) -> dict[int, str]:
        return dict(self._markers)

    def marker_text(self, line: int) -> str:
        return self._markers.get(line, "")

    def go_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def current_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    # ---- gutter ------------------------------------------------------------------------
    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        char = self.fontMetrics().horizontalAdvance("9")
        return char * (digits + 3)  # the number, a marker column and a little air

    def line_at_y(self, y: int) -> int:
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        while block.isValid():
            bottom = top + round(self.blockBoundingRect(block).height())
            if top <= y < bottom:
                return block.blockNumber() + 1
            block = block.next()
            top = bottom
        return 0

    def paint_gutter(self, event: QPaintEvent) -> None:
        p = palette()
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor(p.window))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._gutter.width()
        char = self.fontMetrics().horizontalAdvance("9")
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber() + 1
                marked = number in self._markers
                if marked:
                    # A filled block in the alarm colour with a "!": not colour alone.
                    painter.fillRect(QRect(0, top, char * 2, height), QColor(p.p2))
                    painter.setPen(QColor(p.text))
                    painter.drawText(QRect(0, top, char * 2, height),
                                     Qt.AlignmentFlag.AlignCenter, "!")
                painter.setPen(QColor(p.text if marked else p.text_muted))
                painter.drawText(QRect(0, top, width - char // 2, height),
                                 Qt.AlignmentFlag.AlignRight, str(number))
            block = block.next()
            top = bottom
        painter.end()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(),
                                       rect.height()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A style sheet applied later changes the font: the gutter must widen with it.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._on_block_count_changed()

    def _on_block_count_changed(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(),
                                       rect.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def _highlight_marked_lines(self) -> None:
        p = palette()
        selections = []
        for line in self._markers:
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor(p.p2).lighter(160))
            selection.format.setProperty(
                QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
        self.setExtraSelections(selections)

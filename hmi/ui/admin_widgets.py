"""Pieces the administration screens (audit viewer, users) share: a message line, touch
tables and touch combos.

Sizes come from widgets.theme.metrics(), so a gloved finger hits a row or a combo entry;
there is no hover. Colour appears only for an abnormal result (a refusal, a broken audit
chain), always with a ✗ and words, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QPushButton,
    QScroller,
    QSizePolicy,
    QTableView,
    QWidget,
)

from widgets.retranslating import Retranslating
from widgets.theme import metrics, palette

# What a line says: fixed text (a message from the store, already in its words), or a
# function that words it in the language installed, called again on a language switch.
Words = str | Callable[[], str]


class StatusLine(Retranslating, QLabel):
    """One line that says what the last action did, or why it was refused; said again in
    the new language on a switch when it was given as a function (`Words`).

    Empty, it is hidden and takes no height: on the OPC UA and Modbus screens an empty line
    held a whole touch target (~60 px) of a 768 px panel for nothing. It appears with its
    first message, which answers the operator's own touch on a button above it (Connect,
    Scan): that button never moves, only the tables below shift down once, while the
    operator looks for the answer. Reserving the height instead would cost the tables a
    touch row for the whole visit; a message, once shown, stays until the next one."""

    def __init__(self, text: Words = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.setWordWrap(True)
        self.setMinimumHeight(metrics().button_px(self))
        self.abnormal = False
        self._words: Words = ""
        self._mark = ""
        self.show_note(text)

    def show_note(self, text: Words) -> None:
        self._say(text, "", abnormal=False)

    def show_ok(self, text: Words) -> None:
        self._say(text, "✓ ", abnormal=False)

    def show_refusal(self, text: Words) -> None:
        self._say(text, "✗ ", abnormal=True)

    def retranslate(self) -> None:
        if callable(self._words):
            self._show(self._mark + self._words(), abnormal=self.abnormal)

    def _say(self, words: Words, mark: str, *, abnormal: bool) -> None:
        self._words, self._mark = words, mark
        text = words() if callable(words) else words
        self._show(mark + text, abnormal=abnormal)

    def _show(self, text: str, *, abnormal: bool) -> None:
        self.abnormal = abnormal
        p = palette()
        # The alarm colour marks the abnormal case only; its text and ✗ say the same thing.
        background = p.p2 if abnormal else (p.panel if text else "transparent")
        # An empty line has no frame: a framed empty box reads as a field to type into.
        border = p.panel_border if text else "transparent"
        weight = "bold" if abnormal else "normal"
        pad = metrics().gap_px(self)
        self.setStyleSheet(
            f"QLabel#statusLine {{ background: {background}; color: {p.text};"
            f" border: 2px solid {border}; padding: 0 {pad}px; font-weight: {weight}; }}"
        )
        self.setText(text)
        self._fit_visibility()

    def _fit_visibility(self) -> None:
        if not self.text():
            self.setHidden(True)
        elif self.parentWidget() is not None:  # parentless, show() would open a window
            self.setHidden(False)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:  # given text before its layout took it
            self._fit_visibility()
        return super().event(event)


def big_button(
    text: str, parent: QWidget | None = None, width_factor: float = 2.2, *, bold: bool = False
) -> QPushButton:
    """A button `width_factor` touch targets wide: wide enough to hit blind, with a glove."""
    button = QPushButton(text, parent)
    m = metrics()
    width, height = round(m.button_px(parent) * width_factor), m.button_px(parent)
    button.setMinimumSize(width, height)
    # The app stylesheet's min-width (one target) would override setMinimumSize.
    weight = "bold" if bold else "normal"
    button.setStyleSheet(f"min-width: {width}px; min-height: {height}px; font-weight: {weight};")
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    button.setAutoDefault(False)
    return button


def touch_combo(parent: QWidget | None = None, width_mm: float = 55.0) -> QComboBox:
    """A combo whose field and drop-down entries are touch targets (Qt's are mouse-sized)."""
    combo = QComboBox(parent)
    m = metrics()
    button, text, gap = m.button_px(parent), m.text_px(parent), m.gap_px(parent)
    combo.setMinimumSize(m.px(width_mm, parent), button)
    combo.setStyleSheet(
        f"QComboBox {{ min-height: {button}px; font-size: {text}px; padding: 0 {gap}px; }}"
        f" QComboBox::drop-down {{ width: {button}px; }}"
        f" QComboBox QAbstractItemView {{ font-size: {text}px; }}"
        f" QComboBox QAbstractItemView::item {{ min-height: {button}px; }}"
    )
    return combo


def touch_table(parent: QWidget | None = None, row_mm: float | None = None) -> QTableView:
    """A read-mostly table: big rows, whole-row selection, drag to scroll with a finger."""
    table = QTableView(parent)
    m = metrics()
    p = palette()
    text = m.text_px(parent)
    row = m.px(row_mm, parent) if row_mm is not None else round(text * 2.2)
    bar = round(m.button_px(parent) * 0.6)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(row)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setStyleSheet(
        f"QTableView {{ background: {p.panel}; alternate-background-color: {p.window};"
        f" gridline-color: {p.track}; font-size: {text}px;"
        f" selection-background-color: {p.button_pressed}; selection-color: {p.text}; }}"
        f" QHeaderView::section {{ background: {p.button}; color: {p.text};"
        f" font-size: {text}px; font-weight: bold; padding: 4px;"
        f" border: 1px solid {p.panel_border}; }}"
        f" QScrollBar:vertical {{ width: {bar}px; }} QScrollBar:horizontal {{ height: {bar}px; }}"
    )
    # A finger drags the rows like a phone list; a short tap still selects.
    QScroller.grabGesture(table.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return table


def field_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label

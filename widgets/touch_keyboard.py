"""TouchKeyboard: an on-screen keyboard for user ids, passwords and reasons on a panel.

A line-side panel has no keyboard, and a gloved finger cannot hit a phone-sized one: keys
are touch-target sized (15 mm), there is no hover and no key repeat. It types into
whichever attached QLineEdit has focus (or the last one that had), so one keyboard serves a
whole dialog; the physical keyboard keeps working beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from widgets.theme import TouchMetrics, metrics, palette

_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm.@_")
# Special keys on the last row: (key id, label, column span).
_SPECIAL = (("shift", "⇧ Shift", 3), ("space", "Space", 4), ("back", "⌫", 3))


class TouchKeyboard(QWidget):
    key_pressed = Signal(str)  # the character typed, or "back"

    def __init__(self, parent: QWidget | None = None, m: TouchMetrics | None = None) -> None:
        super().__init__(parent)
        m = m or metrics()
        p = palette()
        key, gap = m.button_px(self), max(2, m.gap_px(self) // 2)
        self.setStyleSheet(f"""
QPushButton {{ background: {p.button}; color: {p.text}; border: 2px solid {p.panel_border};
    border-radius: {max(2, gap)}px; font-size: {round(key * 0.42)}px; padding: 0px;
    min-height: {key}px; max-height: {key}px; min-width: {key}px; }}
QPushButton:pressed {{ background: {p.button_pressed}; }}
QPushButton:checked {{ background: {p.button_pressed}; border-color: {p.text}; }}
""")
        grid = QGridLayout(self)
        grid.setSpacing(gap)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for row, chars in enumerate(_ROWS):
            for col, char in enumerate(chars):
                grid.addWidget(self._key(char, char), row, col)
        col = 0
        for key_id, label, span in _SPECIAL:
            grid.addWidget(self._key(key_id, label), len(_ROWS), col, 1, span)
            col += span
        self._name_keys()
        self.buttons["shift"].setCheckable(True)
        self.buttons["shift"].toggled.connect(self._on_shift_toggled)
        self._targets: list[QLineEdit] = []
        self._last: QLineEdit | None = None

    def _key(self, key_id: str, label: str) -> QPushButton:
        button = QPushButton(label, self)
        # Keys never take focus: the line edit being typed into keeps it.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if key_id != "shift":
            button.clicked.connect(lambda _=False, k=key_id: self.press(k))
        self.buttons[key_id] = button
        return button

    def _name_keys(self) -> None:
        """The keys that carry words; set again on a language switch, since a dialog with
        the keyboard (a signature half typed) stays open across it."""
        self.buttons["shift"].setText(self.tr("⇧ Shift"))
        self.buttons["space"].setText(self.tr("Space"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._name_keys()
        super().changeEvent(event)

    def attach(self, *line_edits: QLineEdit) -> None:
        """Type into these (the focused one, else the one focused last, else the first)."""
        self._targets.extend(line_edits)
        if self._last is None and line_edits:
            self._last = line_edits[0]

    def shifted(self) -> bool:
        return self.buttons["shift"].isChecked()

    def press(self, key_id: str) -> None:
        """A key: a character of the layout, "space", "back" or "shift" (toggles)."""
        if key_id == "shift":
            self.buttons["shift"].toggle()
            return
        target = self._target()
        if key_id == "back":
            if target is not None:
                target.backspace()
            self.key_pressed.emit("back")
            return
        char = " " if key_id == "space" else key_id
        if len(char) != 1:
            raise ValueError(f"unknown keyboard key {key_id!r}")
        if self.shifted():
            char = char.upper()
            self.buttons["shift"].setChecked(False)  # one capital, like a phone keyboard
        if target is not None:
            target.insert(char)
        self.key_pressed.emit(char)

    def _target(self) -> QLineEdit | None:
        for edit in self._targets:
            if edit.hasFocus():
                self._last = edit
                return edit
        return self._last

    def _on_shift_toggled(self, on: bool) -> None:
        for chars in _ROWS:
            for char in chars:
                self.buttons[char].setText(char.upper() if on else char)

"""The I/O checkout screen's point panel: the selected point, its test value (with the
numeric keypad), the note, the touch keyboard for both, and the Pass / Fail buttons that
lead to the signature. The screen wires the buttons; this module only lays them out."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hmi.core.tags import Scalar
from hmi.ui.admin_widgets import big_button
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard


class PointPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        m = metrics()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(m.gap_px(self))
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.test_value = QLineEdit()
        self.test_value.setPlaceholderText("test value")
        self.test_value.setMinimumHeight(m.button_px(self))
        self.keypad_button = big_button("Keypad", self, 1.2)
        self.write_button = big_button("Write test value", self, 2.4)
        self.note = QLineEdit()
        self.note.setPlaceholderText("note (a failed point needs one)")
        self.note.setMinimumHeight(m.button_px(self))
        self.keyboard_button = big_button("Keyboard", self, 1.4)
        self.keyboard_button.setCheckable(True)
        self.pass_button = big_button("✓ Pass", self, 1.6, bold=True)
        self.fail_button = big_button("✗ Fail", self, 1.6, bold=True)
        grid.addWidget(self.label, 0, 0, 1, 6)
        grid.addWidget(self.test_value, 1, 0, 1, 2)
        grid.addWidget(self.keypad_button, 1, 2)
        grid.addWidget(self.write_button, 1, 3)
        grid.addWidget(self.note, 2, 0, 1, 3)
        grid.addWidget(self.keyboard_button, 2, 3)
        grid.addWidget(self.pass_button, 1, 4, 2, 1)
        grid.addWidget(self.fail_button, 1, 5, 2, 1)
        grid.setColumnStretch(0, 1)
        box.addLayout(grid)
        self.keyboard = TouchKeyboard(self)
        self.keyboard.attach(self.test_value, self.note)
        self.keyboard.hide()
        self.keyboard_button.toggled.connect(self.keyboard.setVisible)
        box.addWidget(self.keyboard)


def fmt_value(value: Scalar) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def parse_test_value(text: str, data_type: str) -> Scalar:
    text = text.strip()
    if not text:
        raise ValueError("enter a test value first")
    if data_type == "bool":
        if text.lower() in ("true", "1", "on"):
            return True
        if text.lower() in ("false", "0", "off"):
            return False
        raise ValueError(f"{text!r} is no bool: enter true or false")
    if data_type in ("int", "enum"):
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{text!r} is no whole number") from None
    if data_type == "float":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{text!r} is no number") from None
    return text


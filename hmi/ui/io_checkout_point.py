"""The I/O checkout screen's point panel: the selected point, its test value (with the
numeric keypad), the note, the touch keyboard for both, and the Pass / Fail buttons that
lead to the signature. The screen wires the buttons; this module only lays them out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hmi.core.tags import Scalar
from hmi.ui.admin_widgets import big_button
from widgets.retranslating import Retranslating
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard


class PointPanel(Retranslating, QWidget):
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
        self.test_value.setMinimumHeight(m.button_px(self))
        self.keypad_button = big_button("", self, 1.2)
        self.write_button = big_button("", self, 2.4)
        self.note = QLineEdit()
        self.note.setMinimumHeight(m.button_px(self))
        self.keyboard_button = big_button("", self, 1.4)
        self.keyboard_button.setCheckable(True)
        self.pass_button = big_button("", self, 1.6, bold=True)
        self.fail_button = big_button("", self, 1.6, bold=True)
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
        self.retranslate()

    def retranslate(self) -> None:
        self.test_value.setPlaceholderText(self.tr("test value"))
        self.keypad_button.setText(self.tr("Keypad"))
        self.write_button.setText(self.tr("Write test value"))
        self.note.setPlaceholderText(self.tr("note (a failed point needs one)"))
        self.keyboard_button.setText(self.tr("Keyboard"))
        self.pass_button.setText("✓ " + self.tr("Pass"))
        self.fail_button.setText("✗ " + self.tr("Fail"))


def fmt_value(value: Scalar) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def parse_test_value(text: str, data_type: str) -> Scalar:
    text = text.strip()
    if not text:
        raise ValueError(QCoreApplication.translate("PointPanel", "enter a test value first"))
    if data_type == "bool":
        if text.lower() in ("true", "1", "on"):
            return True
        if text.lower() in ("false", "0", "off"):
            return False
        raise ValueError(QCoreApplication.translate(
            "PointPanel", "{0} is no bool: enter true or false").format(repr(text)))
    if data_type in ("int", "enum"):
        try:
            return int(text)
        except ValueError:
            raise ValueError(QCoreApplication.translate(
                "PointPanel", "{0} is no whole number").format(repr(text))) from None
    if data_type == "float":
        try:
            return float(text)
        except ValueError:
            raise ValueError(QCoreApplication.translate(
                "PointPanel", "{0} is no number").format(repr(text))) from None
    return text


"""NumberField: a whole number typed on a laptop or entered on the touch keypad.

A spin box for the keyboard and the mouse wheel, and a keypad button beside it for a
finger (the keypad shows the limits and old -> new, as for setpoints). Used by the
commissioning screens for addresses, counts, ports and unit ids.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSpinBox, QWidget

from widgets.numeric_keypad import NumericKeypad
from widgets.theme import metrics


class NumberField(QWidget):
    value_changed = Signal(int)

    def __init__(self, name: str, low: int, high: int, value: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QSpinBox(self)
        self.spin.setRange(low, high)
        self.spin.setValue(value)
        m = metrics()
        self.spin.setMinimumHeight(m.button_px(self))
        self.spin.setMinimumWidth(m.px(18, self))
        self.spin.valueChanged.connect(self.value_changed)
        self.keypad_button = QPushButton("⌨", self)
        self.set_name(name)
        self.keypad_button.setAutoDefault(False)
        side = m.button_px(self)
        self.keypad_button.setStyleSheet(
            f"min-width: {side}px; max-width: {side}px; min-height: {side}px; padding: 0;")
        self.keypad_button.clicked.connect(self._on_keypad_button_clicked)
        self.keypad: NumericKeypad | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.spin, 1)
        row.addWidget(self.keypad_button)

    def set_name(self, name: str) -> None:
        """What the field is ("start address"): the keypad's title and the button's tip, in
        the language the screen speaks (a screen re-names its fields on a switch)."""
        self._name = name
        self.spin.setAccessibleName(name)
        self.keypad_button.setToolTip(self.tr("Enter {0} on the keypad").format(name))

    def value(self) -> int:
        return self.spin.value()

    def set_value(self, value: int) -> None:
        self.spin.setValue(value)

    def _on_keypad_button_clicked(self) -> None:
        keypad = NumericKeypad(self, tag=self._name, low=self.spin.minimum(),
                               high=self.spin.maximum(), old=self.spin.value(), decimals=0)
        keypad.value_accepted.connect(lambda v: self.spin.setValue(round(v)))
        keypad.finished.connect(keypad.deleteLater)
        self.keypad = keypad
        keypad.open()

"""NumericKeypad: a touch dialog for entering one number, refusing it before anything is written.

It shows what the operator is changing (tag, unit, limits, old -> new) and disables OK, with
the limit named, while the typed value is outside the limits (ANCHORS pain 10). Parsing is
locale-free: '.' is the decimal point, and a ',' typed on a European keyboard means the same.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from widgets.theme import TouchMetrics, metrics, palette

_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)$")
_MAX_CHARS = 15
# key id -> (label, row, column, row span, column span). Backspace is tall (like a PC
# keypad's Enter) so 14 keys fill the 4 x 4 grid with no dead cell; Cancel and OK are wide.
_KEYS: dict[str, tuple[str, int, int, int, int]] = {
    "7": ("7", 0, 0, 1, 1), "8": ("8", 0, 1, 1, 1), "9": ("9", 0, 2, 1, 1),
    "back": ("⌫", 0, 3, 2, 1),
    "4": ("4", 1, 0, 1, 1), "5": ("5", 1, 1, 1, 1), "6": ("6", 1, 2, 1, 1),
    "1": ("1", 2, 0, 1, 1), "2": ("2", 2, 1, 1, 1), "3": ("3", 2, 2, 1, 1),
    "clear": ("C", 2, 3, 1, 1),
    "0": ("0", 3, 0, 1, 2), ".": (".", 3, 2, 1, 1), "sign": ("±", 3, 3, 1, 1),
    "cancel": ("Cancel", 4, 0, 1, 2), "ok": ("OK", 4, 2, 1, 2),
}
# Cancel and OK are translated when the pad is built: it is modal, so the language cannot
# change under it (the picker is in the header).


def format_number(x: float, decimals: int | None = None) -> str:
    return f"{x:.{decimals}f}" if decimals is not None else f"{x:g}"


def parse_number(text: str) -> float | None:
    """Locale-free: digits, one '.', an optional leading '-'. Anything else is not a number."""
    text = text.strip().replace(",", ".")
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


class NumericKeypad(QDialog):
    value_accepted = Signal(float)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        tag: str,
        unit: str = "",
        low: float | None = None,
        high: float | None = None,
        old: float | None = None,
        decimals: int | None = None,
        label: str = "",
        m: TouchMetrics | None = None,
    ) -> None:
        """``label`` is the operator's name for the value ("Unwind tension setpoint"); the
        tag id is then shown under it."""
        super().__init__(parent)
        self._label = label
        self._m = m or metrics()
        self._tag, self._unit, self._low, self._high = tag, unit, low, high
        self._old, self._decimals = old, decimals
        self._entry = ""
        self._value: float | None = None
        self.setWindowTitle(self.tr("Enter {0}").format(tag))
        self.setModal(True)
        self._build()
        self._refresh()

    # --- public API ------------------------------------------------------------------------
    @staticmethod
    def get_value(
        parent: QWidget | None = None,
        *,
        tag: str,
        unit: str = "",
        low: float | None = None,
        high: float | None = None,
        old: float | None = None,
        decimals: int | None = None,
        label: str = "",
    ) -> float | None:
        """Blocking: the accepted value, or None when cancelled."""
        dialog = NumericKeypad(
            parent, tag=tag, unit=unit, low=low, high=high, old=old, decimals=decimals,
            label=label,
        )
        try:
            dialog.exec()
            return dialog.result_value()
        finally:
            dialog.deleteLater()

    def entry_text(self) -> str:
        return self._entry

    def new_value(self) -> float | None:
        return parse_number(self._entry)

    def error_text(self) -> str:
        """Why OK is disabled, naming the limit ("above high limit 150 N"); "" when it is not."""
        if not self._entry:
            return ""
        value = self.new_value()
        if value is None:
            return self.tr("'{0}' is not a number").format(self._entry)
        if self._high is not None and value > self._high:
            return self.tr("above high limit {0}").format(self._with_unit(self._high))
        if self._low is not None and value < self._low:
            return self.tr("below low limit {0}").format(self._with_unit(self._low))
        return ""

    def can_accept(self) -> bool:
        return self.new_value() is not None and not self.error_text()

    def result_value(self) -> float | None:
        """The value accepted with OK; None until then and after Cancel."""
        return self._value

    def old_new_text(self) -> str:
        old = "—" if self._old is None else self._with_unit(self._old)
        new = f"{self._entry or '_'} {self._unit}".strip()
        return f"{old} → {new}"

    def limits_text(self) -> str:
        low = "—" if self._low is None else format_number(self._low, self._decimals)
        high = "—" if self._high is None else format_number(self._high, self._decimals)
        return self.tr("Limits {0} … {1}").format(low, f"{high} {self._unit}".strip())

    def key_button(self, key: str) -> QPushButton:
        return self._buttons[key]

    def press(self, key: str) -> None:
        """One key of the pad: a digit, '.', 'sign', 'back', 'clear', 'ok' or 'cancel'."""
        entry = self._entry
        if key.isdigit() and len(key) == 1:
            if self._digit_allowed(entry):
                entry += key
        elif key == ".":
            if "." not in entry and self._decimals != 0:
                entry += "0." if entry in ("", "-") else "."
        elif key == "sign":
            entry = entry[1:] if entry.startswith("-") else "-" + entry
        elif key == "back":
            entry = entry[:-1]
        elif key == "clear":
            entry = ""
        elif key == "ok":
            self.accept()
            return
        elif key == "cancel":
            self.reject()
            return
        else:
            raise ValueError(f"unknown keypad key {key!r}")
        self._entry = entry[:_MAX_CHARS]
        self._refresh()

    def accept(self) -> None:
        """OK only passes a value inside the limits; otherwise the dialog stays and says why."""
        if not self.can_accept():
            self._refresh()
            return
        value = self.new_value()
        assert value is not None
        self._value = value
        self.value_accepted.emit(value)
        super().accept()

    def reject(self) -> None:
        self._value = None
        super().reject()

    # --- internals -------------------------------------------------------------------------
    def _with_unit(self, x: float) -> str:
        return f"{format_number(x, self._decimals)} {self._unit}".strip()

    def _digit_allowed(self, entry: str) -> bool:
        if self._decimals is not None and "." in entry:
            return len(entry.split(".", 1)[1]) < self._decimals
        return True

    def _build(self) -> None:
        p, m = palette(), self._m
        key, gap, text = m.key_px(self), m.gap_px(self), m.text_px(self)
        self.setStyleSheet(f"""
QDialog {{ background: {p.window}; }}
QLabel {{ color: {p.text}; font-size: {text}px; background: transparent; }}
QLabel#tag {{ font-weight: bold; }}
QLabel#oldnew {{ font-size: {round(key * 0.42)}px; background: {p.panel};
    border: 2px solid {p.panel_border}; padding: {gap // 2}px {gap}px; }}
QLabel#error {{ font-weight: bold; font-size: {round(text * 1.2)}px;
    min-height: {round(text * 1.6)}px; }}
QPushButton {{ background: {p.button}; color: {p.text}; border: 2px solid {p.panel_border};
    border-radius: {max(2, gap // 2)}px; font-size: {round(key * 0.4)}px; padding: 0px;
    min-height: {key}px; max-height: {key}px; min-width: {key}px; }}
QPushButton#back {{ min-height: {2 * key + gap}px; max-height: {2 * key + gap}px; }}
QPushButton:pressed {{ background: {p.button_pressed}; }}
QPushButton:disabled {{ color: {p.button_disabled_text}; border-color: {p.track}; }}
QPushButton#ok {{ font-weight: bold; border-width: 3px; border-color: {p.text}; }}
QPushButton#ok:disabled {{ border-color: {p.track}; }}
""")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(gap * 2, gap * 2, gap * 2, gap * 2)
        layout.setSpacing(gap)
        title = self._label or self._tag
        self._title_label = QLabel(f"{title}  [{self._unit}]" if self._unit else title)
        self._title_label.setObjectName("tag")
        header = [self._title_label]
        if self._label:  # the operator's name first, the engineer's tag id under it
            tag_id = QLabel(self._tag)
            tag_id.setStyleSheet(f"color: {p.text_muted};")
            header.append(tag_id)
        self._limits_label = QLabel(self.limits_text())
        self._old_new_label = QLabel()
        self._old_new_label.setObjectName("oldnew")
        self._old_new_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self._error_label = QLabel()
        self._error_label.setObjectName("error")
        header += [self._limits_label, self._old_new_label, self._error_label]
        for label in header:
            layout.addWidget(label)
        grid = QGridLayout()
        grid.setSpacing(gap)
        self._buttons: dict[str, QPushButton] = {}
        for key_id, (caption, row, col, rows, cols) in _KEYS.items():
            if key_id == "cancel":
                caption = self.tr("Cancel")
            elif key_id == "ok":
                caption = self.tr("OK")
            button = QPushButton(caption)
            button.setObjectName(key_id)
            # Keys never take focus, so the keyboard always types into the pad.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            # Heights come from the stylesheet above, so an app QSS cannot shrink the keys.
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=key_id: self.press(k))
            grid.addWidget(button, row, col, rows, cols)
            self._buttons[key_id] = button
        layout.addLayout(grid)

    def _refresh(self) -> None:
        self._old_new_label.setText(self.old_new_text())
        self._error_label.setText(self.error_text())
        self._buttons["ok"].setEnabled(self.can_accept())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        k, text = event.key(), event.text()
        if text and text in "0123456789":
            self.press(text)
        elif text in (".", ","):
            self.press(".")
        elif text in ("-", "+"):
            self.press("sign")
        elif k == Qt.Key.Key_Backspace:
            self.press("back")
        elif k == Qt.Key.Key_Delete:
            self.press("clear")
        elif k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("ok")  # refuses out-of-limit values like the OK key: no silent close
        elif k == Qt.Key.Key_Escape:
            self.press("cancel")
        else:
            super().keyPressEvent(event)

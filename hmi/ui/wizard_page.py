"""The parts every changeover wizard page is built from: a column without margins (the
wizard has its margins), labels that wrap (a 1024 px panel in German needs two lines where
English needs one) and buttons a finger hits (a touch target high)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.theme import metrics


def page_column(page: QWidget) -> QVBoxLayout:
    box = QVBoxLayout(page)
    box.setContentsMargins(0, 0, 0, 0)  # the wizard has its margins
    return box


def wrapped_label(box: QVBoxLayout) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    box.addWidget(label)
    return label


def touch_button(page: QWidget, box: QVBoxLayout, text: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(metrics().button_px(page))
    box.addWidget(button)
    return button

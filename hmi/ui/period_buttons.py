"""A row of touch buttons that each choose a period ("24 h", "7 d", ...), one checked."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget


def add_period_buttons(row: QHBoxLayout, owner: QWidget, periods_s: Mapping[str, float],
                       checked: str, chosen: Callable[[float], None]) -> QButtonGroup:
    """Add one checkable button per period to `row`; a touch calls `chosen(seconds)`.
    Returns the exclusive group (its checked button's text is the period shown)."""
    group = QButtonGroup(owner)
    for name, seconds in periods_s.items():
        button = QPushButton(name)
        button.setCheckable(True)
        button.setChecked(name == checked)
        button.clicked.connect(lambda _=False, s=seconds: chosen(s))
        group.addButton(button)
        row.addWidget(button)
    return group

"""A row of touch buttons that each choose a period ("24 h", "7 d", ...), one checked.

A period's name is its id (the key of the owner's table of seconds); the button says it in
the language installed and says it again on a language switch, by itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from widgets.retranslating import Retranslating

# Every period name a screen offers, for the catalogues (lupdate reads these calls).
PERIOD_NAMES = (
    QT_TRANSLATE_NOOP("PeriodButtons", "10 min"), QT_TRANSLATE_NOOP("PeriodButtons", "1 h"),
    QT_TRANSLATE_NOOP("PeriodButtons", "8 h"), QT_TRANSLATE_NOOP("PeriodButtons", "24 h"),
    QT_TRANSLATE_NOOP("PeriodButtons", "7 d"), QT_TRANSLATE_NOOP("PeriodButtons", "30 d"),
    QT_TRANSLATE_NOOP("PeriodButtons", "90 d"),
)


def period_text(name: str) -> str:
    """A period's name in the language installed ("7 d": "7 Tage", "7 天")."""
    return QCoreApplication.translate("PeriodButtons", name)


class PeriodButton(Retranslating, QPushButton):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.period = name  # the id, whatever language the button speaks
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(period_text(self.period))


def add_period_buttons(row: QHBoxLayout, owner: QWidget, periods_s: Mapping[str, float],
                       checked: str, chosen: Callable[[float], None]) -> QButtonGroup:
    """Add one checkable button per period to `row`; a touch calls `chosen(seconds)`.
    Returns the exclusive group (`checked_period` names the period shown)."""
    group = QButtonGroup(owner)
    for name, seconds in periods_s.items():
        button = PeriodButton(name)
        button.setCheckable(True)
        button.setChecked(name == checked)
        button.clicked.connect(lambda _=False, s=seconds: chosen(s))
        group.addButton(button)
        row.addWidget(button)
    return group


def checked_period(group: QButtonGroup, default: str) -> str:
    """The name (id) of the period checked, or `default`."""
    button = group.checkedButton()
    return button.period if isinstance(button, PeriodButton) else default

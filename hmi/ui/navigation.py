"""The side bar: the screens an operator uses all shift at the top, the rest in groups.

Twenty-odd screens do not fit a 1024 x 600 panel as one column of 15 mm buttons, and a
scrolling nav bar hides what is below the fold. So the few screens of every minute
(overview, alarms, trends, restore) stand alone, and the others sit in groups that open in
place, one at a time (an accordion): any screen is two touches away, a station also through
its overview tile. The bar marks the screen on show and opens its group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from widgets.theme import metrics

OPEN_MARK, CLOSED_MARK = "▾", "▸"  # text, not colour, says which group is open
# Wide enough for "Alarm journal" indented, beside a scroll bar when an open group
# does not fit the panel's height.
NAV_WIDTH_MM = 58


@dataclass(frozen=True, slots=True)
class NavItem:
    name: str  # the screen's name (MainWindow.show_screen)
    title: str  # short: read at a glance from arm's length
    group: str | None = None  # None: a button of its own at the top level


class NavigationBar(QScrollArea):
    """Buttons for `items` in their order; a group appears where its first item is."""

    screen_requested = Signal(str)

    def __init__(self, items: Sequence[NavItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        m = metrics()
        column = QWidget()
        box = QVBoxLayout(column)
        gap = m.gap_px(column)
        box.setContentsMargins(gap, gap, gap, gap)
        box.setSpacing(gap)
        self.buttons: dict[str, QPushButton] = {}
        self.group_buttons: dict[str, QPushButton] = {}
        self._members: dict[str, list[QPushButton]] = {}
        self._group_of: dict[str, str] = {}
        self._exclusive = QButtonGroup(self)
        indent = m.px(2, column)  # enough to read as a group, little taken from the text
        for item in items:
            if item.group is not None and item.group not in self.group_buttons:
                header = QPushButton()
                header.setObjectName("navGroup")
                header.clicked.connect(lambda _=False, g=item.group: self.toggle_group(g))
                self.group_buttons[item.group] = header
                self._members[item.group] = []
                box.addWidget(header)
            button = QPushButton(item.title)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, n=item.name: self.screen_requested.emit(n))
            self._exclusive.addButton(button)
            self.buttons[item.name] = button
            if item.group is not None:
                self._group_of[item.name] = item.group
                self._members[item.group].append(button)
                button.setStyleSheet(f"margin-left: {indent}px;")
            box.addWidget(button)
        box.addStretch(1)
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedWidth(m.px(NAV_WIDTH_MM, self))
        self._open: str | None = None
        self._group_titles: dict[str, str] = {}
        for group in self.group_buttons:
            self._show_group(group, False)

    @property
    def open_group(self) -> str | None:
        return self._open

    def toggle_group(self, group: str) -> None:
        self.open_only(None if self._open == group else group)

    def open_only(self, group: str | None) -> None:
        for name in self.group_buttons:
            self._show_group(name, name == group)
        self._open = group

    def select(self, name: str) -> None:
        """Mark `name` as the screen on show; its group opens if it has one."""
        self.buttons[name].setChecked(True)
        group = self._group_of.get(name)
        if group is not None and group != self._open:
            self.open_only(group)

    def retitle(self, titles: Mapping[str, str]) -> None:
        """New titles (another language) for the screens and groups named in `titles`."""
        for name, title in titles.items():
            if name in self.buttons:
                self.buttons[name].setText(title)
            if name in self.group_buttons:
                self._group_titles[name] = title
                self._show_group(name, name == self._open)

    def _show_group(self, group: str, shown: bool) -> None:
        for button in self._members[group]:
            button.setVisible(shown)
        title = self._group_titles.get(group, group)
        self.group_buttons[group].setText(f"{OPEN_MARK if shown else CLOSED_MARK} {title}")

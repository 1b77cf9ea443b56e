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

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
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
# A group of more items than this (a plant's thousand stations) is a searchable list that
# scrolls on its own, not a column of buttons: a thousand buttons took seconds to build
# and an operator cannot find one among them.
LIST_ABOVE = 30
LIST_ROWS = 6  # rows of a group's list on show at once (touch-sized)


class GroupList(QWidget):
    """A big group's items: a search field over a list; a touch on a row asks for it."""

    item_requested = Signal(str)

    def __init__(self, items: Sequence[NavItem], parent: QWidget | None = None,
                 list_above: int = LIST_ABOVE) -> None:
        """A group of more than `list_above` items is a GroupList (`lists`); its items have
        no button."""
        super().__init__(parent)
        m = metrics()
        box = QVBoxLayout(self)
        box.setContentsMargins(m.px(2, self), 0, 0, 0)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        row = QSize(0, m.button_px(self))
        self.rows: dict[str, QListWidgetItem] = {}
        for item in items:
            entry = QListWidgetItem(item.title)
            entry.setData(Qt.ItemDataRole.UserRole, item.name)
            entry.setSizeHint(row)
            self.list.addItem(entry)
            self.rows[item.name] = entry
        self.list.setFixedHeight(LIST_ROWS * row.height() + 2 * self.list.frameWidth())
        self.list.itemClicked.connect(self._on_item_clicked)
        box.addWidget(self.search)
        box.addWidget(self.list)
        self._retranslate()

    def filter(self, text: str) -> None:
        """Show only the rows whose title or name holds `text` (any case)."""
        needle = text.strip().casefold()
        for name, entry in self.rows.items():
            entry.setHidden(bool(needle) and needle not in entry.text().casefold()
                            and needle not in name.casefold())

    def select(self, name: str) -> None:
        entry = self.rows[name]
        if entry.isHidden():  # a screen reached another way: show it, forget the search
            self.search.clear()
        self.list.setCurrentItem(entry)
        self.list.scrollToItem(entry)

    def clear_selection(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)

    def _on_item_clicked(self, entry: QListWidgetItem) -> None:
        self.item_requested.emit(entry.data(Qt.ItemDataRole.UserRole))

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Find…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


@dataclass(frozen=True, slots=True)
class NavItem:
    name: str  # the screen's name (MainWindow.show_screen)
    title: str  # short: read at a glance from arm's length
    group: str | None = None  # None: a button of its own at the top level


class NavigationBar(QScrollArea):
    """Buttons for `items` in their order; a group appears where its first item is."""

    screen_requested = Signal(str)

    def __init__(self, items: Sequence[NavItem], parent: QWidget | None = None,
                 list_above: int = LIST_ABOVE) -> None:
        """A group of more than `list_above` items is a GroupList (`lists`); its items have
        no button."""
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
        self.lists: dict[str, GroupList] = {}
        self._listed: dict[str, str] = {}  # item in a group's list -> its group
        self._exclusive = QButtonGroup(self)
        indent = m.px(2, column)  # enough to read as a group, little taken from the text
        sizes: dict[str, int] = {}
        for item in items:
            if item.group is not None:
                sizes[item.group] = sizes.get(item.group, 0) + 1
        for item in items:
            if item.group is not None and item.group not in self.group_buttons:
                header = QPushButton()
                header.setObjectName("navGroup")
                header.clicked.connect(lambda _=False, g=item.group: self.toggle_group(g))
                self.group_buttons[item.group] = header
                self._members[item.group] = []
                box.addWidget(header)
                if sizes[item.group] > list_above:
                    listed = GroupList([i for i in items if i.group == item.group])
                    listed.item_requested.connect(self.screen_requested)
                    self.lists[item.group] = listed
                    self._listed.update(dict.fromkeys(listed.rows, item.group))
                    box.addWidget(listed)
            if item.name in self._listed:
                continue
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
        for listed in self.lists.values():
            listed.clear_selection()
        group = self._group_of.get(name) or self._listed.get(name)
        if name in self._listed:
            checked = self._exclusive.checkedButton()
            if checked is not None:  # no button is the screen on show now
                self._exclusive.setExclusive(False)
                checked.setChecked(False)
                self._exclusive.setExclusive(True)
            self.lists[self._listed[name]].select(name)
        else:
            self.buttons[name].setChecked(True)
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
        if group in self.lists:
            self.lists[group].setVisible(shown)
        title = self._group_titles.get(group, group)
        self.group_buttons[group].setText(f"{OPEN_MARK if shown else CLOSED_MARK} {title}")

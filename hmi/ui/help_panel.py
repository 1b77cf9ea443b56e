"""The help panel: the operator help for the screen on show, over it, offline.

It covers the whole area under the header (no small dialog to aim at with a glove): a head
row with the title, the search field, the touch keyboard's toggle and a Close button of
full touch size; below, the page in large text, scrolled by dragging it. The pages come
from hmi.help (Qt-free): the screen's own text, and for a station every alarm with its
rationalisation and every restore procedure step by step; a procedure has a button that
opens the restore wizard on it when the signed-in user's role may run restores there.

hmi.ui.help_wiring puts it into a MainWindow: the header's Help button opens it for the
current screen (the alarm screen: with the selected alarm and its procedure).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from hmi.help import HelpBook, HelpIndex, HelpPage, Hit, Section, section_html
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

TEXT_SCALE = 1.25  # help is read, not glanced at: a size above the body text
MIN_QUERY = 2  # characters before the search answers (one letter finds everything)

# None: the user may start the procedure; else why not, in the user's words.
RestoreCheck = Callable[[str], str | None]


class HelpPanel(QFrame):
    procedure_requested = Signal(str)  # a procedure id: open the restore wizard on it
    closed = Signal()
    language_changed = Signal()  # the UI language changed: the owner gives a new book

    def __init__(self, book: HelpBook | None, may_restore: RestoreCheck | None = None,
                 parent: QWidget | None = None) -> None:
        """``book``: None when the help files could not be read (show_problem says why);
        ``may_restore(procedure_id)``: None if the user may start it, else why not;
        None: no restore screen, so no start buttons."""
        super().__init__(parent)
        self.setObjectName("helpPanel")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.book = book
        self._index: HelpIndex | None = None  # built on the first search
        self._may_restore = may_restore
        self.page: HelpPage | None = None
        self._home: HelpPage | None = None  # the screen's page, for Back
        self.start_buttons: dict[str, QPushButton] = {}
        self.jump_buttons: dict[str, QPushButton] = {}  # a long page's parts, by heading
        self.hit_buttons: list[QPushButton] = []
        m = metrics()
        gap = m.gap_px(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(gap, gap, gap, gap)
        box.setSpacing(gap)
        head = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet(
            f"font-weight: bold; font-size: {round(m.text_px(self) * 1.5)}px;")
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumHeight(m.button_px(self))
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.keyboard_button = QPushButton()
        self.keyboard_button.setCheckable(True)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.go_home)
        self.close_button = QPushButton()
        self.close_button.setStyleSheet("font-weight: bold;")
        self.close_button.clicked.connect(self.close_help)
        for button in (self.keyboard_button, self.back_button, self.close_button):
            button.setMinimumSize(m.button_px(self), m.button_px(self))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setMinimumWidth(m.button_px(self) * 2)
        head.addWidget(self.title_label, 3)
        head.addWidget(self.search_edit, 2)
        head.addWidget(self.keyboard_button)
        head.addWidget(self.back_button)
        head.addWidget(self.close_button)
        box.addLayout(head)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A finger (or glove) drags the text itself; the bar stays for a mouse.
        QScroller.grabGesture(self.scroll.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        box.addWidget(self.scroll, 1)
        self.keyboard = TouchKeyboard(self)
        self.keyboard.attach(self.search_edit)
        self.keyboard.hide()
        self.keyboard_button.toggled.connect(self.keyboard.setVisible)
        box.addWidget(self.keyboard)
        self._text_px = round(m.text_px(self) * TEXT_SCALE)
        self.retranslate()

    # -- showing --------------------------------------------------------------------------
    def show_page(self, page: HelpPage, home: bool = True) -> None:
        """Show `page`; ``home``: it is the screen's own page (Back returns to it)."""
        self.page = page
        if home:
            self._home = page
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
        self.title_label.setText(self.tr("Help: {0}").format(page.title))
        self.back_button.setVisible(not home)
        body = self._new_body()
        self.start_buttons = {}
        self.jump_buttons = {}
        parts = [s for s in page.sections if s.level <= 2]
        jumps = QGridLayout() if len(parts) > 2 else None
        if jumps is not None:  # a station's page is long: one touch to its alarms, ...
            body.addLayout(jumps)
        for section in page.sections:
            label = self._add_section(body, section)
            if jumps is not None and section.level <= 2:
                self._add_jump(jumps, section.heading, label)
        body.addStretch(1)

    def go_home(self) -> None:
        if self._home is not None:
            self.show_page(self._home)

    def show_key(self, key: str) -> None:
        """A page by its key (a search hit)."""
        if self.book is not None:
            self.keyboard_button.setChecked(False)  # the page needs the room to be read
            self.show_page(self.book.page(key), home=False)

    def show_problem(self, problem: str) -> None:
        """The help files could not be read: say so, and where, instead of a page."""
        self.page = self._home = None
        self.title_label.setText(self.tr("Help is not available"))
        self.back_button.hide()
        body = self._new_body()
        note = QLabel(problem)
        note.setWordWrap(True)
        body.addWidget(note)
        body.addStretch(1)

    def search(self, query: str) -> list[Hit]:
        """Show the pages matching `query` as buttons (each opens its page)."""
        if self.book is None:
            return []
        if self._index is None:
            self._index = HelpIndex(self.book)
        hits = self._index.search(query)
        self.title_label.setText(self.tr("Search: %n topic(s)", "", len(hits)))
        self.back_button.setVisible(self._home is not None)
        body = self._new_body()
        self.hit_buttons = []
        if not hits:
            note = QLabel(self.tr("Nothing found for “{0}”. Try fewer or other words: "
                                  "a tag, an alarm's cause, a control's name.").format(query))
            note.setWordWrap(True)
            body.addWidget(note)
        m = metrics()
        for hit in hits:
            kind = {"screen": self.tr("Screen"), "alarm": self.tr("Alarm"),
                    "procedure": self.tr("Procedure")}.get(hit.kind, hit.kind)
            button = QPushButton(f"{kind}: {hit.title}\n{hit.snippet}")
            button.setStyleSheet("text-align: left; padding: 6px;")
            button.setMinimumHeight(m.button_px(self))
            button.clicked.connect(lambda _=False, k=hit.key: self.show_key(k))
            body.addWidget(button)
            self.hit_buttons.append(button)
        body.addStretch(1)
        return hits

    def set_book(self, book: HelpBook) -> None:
        """Another language (or config): the same page is shown again from the new book."""
        key = self.page.key if self.page is not None else None
        home = self._home.key if self._home is not None else None
        self.book = book
        self._index = None
        if home is not None:
            self._home = _page_or_none(book, home) or self._home
        if key is not None:
            page = _page_or_none(book, key)
            if page is not None:
                self.show_page(page, home=key == home)

    def close_help(self) -> None:
        self.keyboard_button.setChecked(False)
        self.hide()
        self.closed.emit()

    # -- parts ----------------------------------------------------------------------------
    def _new_body(self) -> QVBoxLayout:
        content = QWidget()
        content.setObjectName("helpBody")
        content.setStyleSheet(f"#helpBody QLabel {{ font-size: {self._text_px}px; }}")
        body = QVBoxLayout(content)
        gap = metrics().gap_px(self)
        body.setContentsMargins(gap, 0, gap, gap)
        self.scroll.setWidget(content)  # the old body is deleted with its buttons
        return body

    def _add_jump(self, grid: QGridLayout, heading: str, target: QLabel) -> None:
        button = QPushButton(heading)
        button.setMinimumHeight(metrics().button_px(self))
        button.clicked.connect(lambda _=False, t=target: self.scroll_to(t))
        index = len(self.jump_buttons)
        grid.addWidget(button, index // 2, index % 2)
        self.jump_buttons[heading] = button

    def scroll_to(self, target: QWidget) -> None:
        """The target's top at the top of the view (not just somewhere in it)."""
        self.scroll.verticalScrollBar().setValue(target.y())

    def _add_section(self, body: QVBoxLayout, section: Section) -> QLabel:
        label = QLabel(section_html(section))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        body.addWidget(label)
        procedure = section.procedure
        if procedure is None or self._may_restore is None or procedure in self.start_buttons:
            return label
        row = QHBoxLayout()
        button = QPushButton(self.tr("Open this procedure in the restore wizard"))
        m = metrics()
        button.setMinimumHeight(m.button_px(self))
        button.clicked.connect(lambda _=False, p=procedure: self.procedure_requested.emit(p))
        refused = self._may_restore(procedure)
        button.setEnabled(refused is None)
        row.addWidget(button)
        if refused is not None:  # said beside it: a glove cannot hover for a tooltip
            why = QLabel(refused)
            why.setWordWrap(True)
            row.addWidget(why, 1)
        else:
            row.addStretch(1)
        body.addLayout(row)
        self.start_buttons[procedure] = button
        return label

    # -- events ---------------------------------------------------------------------------
    def _on_search_edit_text_changed(self, text: str) -> None:
        if len(text.strip()) >= MIN_QUERY:
            self.search(text)
        elif not text.strip():
            self.go_home()

    def retranslate(self) -> None:
        placeholder = self.tr("Search help: alarms, procedures, screens")
        self.search_edit.setPlaceholderText(placeholder)
        # Wide enough for the whole hint in this language (German's is long): the title
        # beside it wraps instead (at 1024 px the stretch alone cut the hint off).
        m = metrics()
        self.search_edit.ensurePolished()  # the stylesheet's font, not the default one
        self.search_edit.setMinimumWidth(
            self.search_edit.fontMetrics().horizontalAdvance(placeholder)
            + 2 * m.gap_px(self) + 4 + m.text_px(self) + m.gap_px(self))  # + clear button
        self.keyboard_button.setText(self.tr("Keyboard"))
        self.back_button.setText(self.tr("Back"))
        self.close_button.setText(self.tr("Close help"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language_changed.emit()
        super().changeEvent(event)


def _page_or_none(book: HelpBook, key: str) -> HelpPage | None:
    try:
        return book.page(key)
    except KeyError:
        return None


class _Cover(QObject):
    """Keeps the panel over its parent below `top` (the header stays in view: the alarm
    banner is never hidden) as the window is resized."""

    def __init__(self, panel: HelpPanel, area: QWidget, top: QWidget | None) -> None:
        super().__init__(panel)
        self._panel, self._area, self._top = panel, area, top
        area.installEventFilter(self)
        if top is not None:
            top.installEventFilter(self)
        self.place()

    def place(self) -> None:
        rect = self._area.rect()
        if self._top is not None:
            rect.setTop(self._top.geometry().bottom() + 1)
        self._panel.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.place()
        return False


def cover(panel: HelpPanel, area: QWidget, top: QWidget | None = None) -> None:
    """Put `panel` over `area` (below `top`, a child of it), hidden until shown."""
    panel.setParent(area)
    _Cover(panel, area, top)
    panel.hide()

"""StepWizard: a touch-first sequence of steps (a changeover, a loop restore, an I/O check).

Left, every step with its state as a glyph and a word (never colour alone: ISA-101):
pending, current, done, failed, skipped. Right, the current step's page. Below, Back and
Next (Next only when the owner says the step is complete) and Abort. The wizard does not
run anything: an engine owns the sequence and tells the wizard what happened
(``set_state``, ``set_complete``); the operator's Next/Back/Abort come back as signals.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from widgets.theme import TouchMetrics, metrics, palette


class StepState(enum.Enum):
    PENDING = ("○", "to do")
    CURRENT = ("▶", "now")
    DONE = ("✓", "done")
    FAILED = ("✗", "failed")
    SKIPPED = ("–", "skipped")

    @property
    def glyph(self) -> str:
        return self.value[0]

    @property
    def word(self) -> str:
        """The state in the language now installed (the value's English is the source)."""
        words = {
            StepState.PENDING: QCoreApplication.translate("StepState", "to do"),
            StepState.CURRENT: QCoreApplication.translate("StepState", "now"),
            StepState.DONE: QCoreApplication.translate("StepState", "done"),
            StepState.FAILED: QCoreApplication.translate("StepState", "failed"),
            StepState.SKIPPED: QCoreApplication.translate("StepState", "skipped"),
        }
        return words[self]


class StepWizard(QWidget):
    next_requested = Signal(int)  # the step the operator wants to leave forward
    back_requested = Signal(int)
    abort_requested = Signal()
    step_shown = Signal(int)

    def __init__(
        self, title: str, parent: QWidget | None = None, m: TouchMetrics | None = None,
        *, step_width_mm: float | None = None,
    ) -> None:
        """``step_width_mm``: the step list's width (its lines wrap), so a long step detail
        cannot take the page's width on a narrow panel; None: as wide as they ask."""
        super().__init__(parent)
        m = m or metrics()
        self._step_px = m.px(step_width_mm, self) if step_width_mm is not None else None
        p = palette()
        text, gap, button = m.text_px(self), m.gap_px(self), m.button_px(self)
        self.setStyleSheet(f"""
QLabel {{ font-size: {text}px; color: {p.text}; }}
QLabel#title {{ font-size: {round(text * 1.4)}px; font-weight: bold; }}
QLabel#step {{ padding: {gap // 2}px; border: 2px solid transparent; }}
QLabel#step[current="true"] {{ border-color: {p.text}; font-weight: bold; background: {p.panel}; }}
QLabel#step[failed="true"] {{ border-color: {p.p2}; font-weight: bold; }}
QLabel#detail {{ color: {p.text_muted}; }}
QPushButton {{ font-size: {text}px; min-height: {button}px; min-width: {button * 2}px; }}
""")
        outer = QVBoxLayout(self)
        outer.setSpacing(gap)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("title")
        outer.addWidget(self.title_label)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self._list = QVBoxLayout()
        self._list.setSpacing(gap // 2)
        body.addLayout(self._list)
        self._list.addStretch(1)
        self.pages = QStackedWidget()
        body.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        self.abort_button = QPushButton(self.tr("Abort"))
        self.back_button = QPushButton(self.tr("Back"))
        self.next_button = QPushButton(self.tr("Next"))
        self.abort_button.clicked.connect(self.abort_requested)
        self.back_button.clicked.connect(lambda: self.back_requested.emit(self.current()))
        self.next_button.clicked.connect(lambda: self.next_requested.emit(self.current()))
        buttons.addWidget(self.abort_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        outer.addLayout(buttons)
        self._names: list[str] = []
        self._labels: list[QLabel] = []
        self._states: list[StepState] = []
        self._details: list[str] = []
        self._complete: list[bool] = []
        self._current = -1

    def add_step(self, name: str, page: QWidget) -> int:
        """A step and its page; returns its index. The first step added is shown."""
        index = len(self._names)
        label = QLabel()
        label.setObjectName("step")
        label.setWordWrap(True)
        if self._step_px is not None:
            label.setFixedWidth(self._step_px)
        self._list.insertWidget(index, label)
        self._names.append(name)
        self._labels.append(label)
        self._states.append(StepState.PENDING)
        self._details.append("")
        self._complete.append(False)
        self.pages.addWidget(page)
        if self._current < 0:
            self.show_step(0)
        else:
            self._render(index)
        return index

    def set_titles(self, title: str, names: list[str]) -> None:
        """The wizard's title and its steps' names again (another language)."""
        self.title_label.setText(title)
        self._names[:len(names)] = names
        for index in range(len(self._names)):
            self._render(index)

    def count(self) -> int:
        return len(self._names)

    def current(self) -> int:
        return self._current

    def state(self, index: int) -> StepState:
        return self._states[index]

    def step_text(self, index: int) -> str:
        return self._labels[index].text()

    def show_step(self, index: int) -> None:
        """Make a step the current one (the engine moved there)."""
        previous = self._current
        self._current = index
        if self._states[index] is StepState.PENDING:
            self._states[index] = StepState.CURRENT
        self.pages.setCurrentIndex(index)
        for i in {previous, index} - {-1}:
            self._render(i)
        self._update_buttons()
        self.step_shown.emit(index)

    def set_state(self, index: int, state: StepState, detail: str = "") -> None:
        """What happened to a step, with one line of detail ("3 of 100 verified")."""
        self._states[index] = state
        self._details[index] = detail
        if state in (StepState.DONE, StepState.SKIPPED):
            self._complete[index] = True
        self._render(index)
        self._update_buttons()

    def show_steps(self, visible: bool) -> None:
        """The step list on or off: a page may need the whole width for a while (a touch
        keyboard on a 1024 px panel); the steps and their states are kept."""
        for label in self._labels:
            label.setVisible(visible)

    def set_complete(self, index: int, complete: bool) -> None:
        """Whether the operator may go on from this step (Next enabled)."""
        self._complete[index] = complete
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.abort_button.setText(self.tr("Abort"))
            self.back_button.setText(self.tr("Back"))
            for index in range(len(self._names)):
                self._render(index)
            if self._current >= 0:
                self._update_buttons()
        super().changeEvent(event)

    def _render(self, index: int) -> None:
        state = self._states[index]
        label = self._labels[index]
        current = index == self._current
        text = f"{state.glyph}  {index + 1}. {self._names[index]}  ({state.word})"
        if self._details[index]:
            text += f"\n     {self._details[index]}"
        label.setText(text)
        label.setProperty("current", current)
        label.setProperty("failed", state is StepState.FAILED)
        label.style().unpolish(label)
        label.style().polish(label)

    def _update_buttons(self) -> None:
        i = self._current
        last = i == len(self._names) - 1
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        self.next_button.setEnabled(i >= 0 and self._complete[i])
        self.back_button.setEnabled(i > 0)

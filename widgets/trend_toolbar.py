"""The touch row above a TrendPlot: window length, follow/pause, cursor on/off."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from widgets.theme import TouchMetrics, metrics, palette

WINDOWS_S: tuple[tuple[str, float], ...] = (
    ("1 min", 60.0), ("5 min", 300.0), ("10 min", 600.0), ("30 min", 1800.0), ("1 h", 3600.0),
)
# With a historian behind the plot: the ranges an operator picks most, up to 30 days.
HISTORY_WINDOWS_S: tuple[tuple[str, float], ...] = (
    ("10 min", 600.0), ("1 h", 3600.0), ("8 h", 8 * 3600.0), ("24 h", 86400.0),
    ("7 d", 7 * 86400.0), ("30 d", 30 * 86400.0),
)


class _BoldSafeButton(QPushButton):
    """A toolbar button sized for its text in bold (a checked button is bold): the style's
    size hint measures the regular weight, and an explicit minimum width is replaced by the
    app stylesheet's own when Qt polishes the button, so "Follow" lost its F once checked."""

    def __init__(self, parent: QWidget, text_px: int, floor_px: int) -> None:
        super().__init__(parent)
        self._text_px, self._floor_px = text_px, floor_px

    def _bold_extra(self) -> int:
        regular = QFont(self.font())
        regular.setPixelSize(self._text_px)
        bold = QFont(regular)
        bold.setBold(True)
        return (QFontMetrics(bold).horizontalAdvance(self.text())
                - QFontMetrics(regular).horizontalAdvance(self.text()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(self._floor_px, hint.width() + max(0, self._bold_extra())),
                     hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class TrendToolbar(QWidget):
    window_chosen = Signal(float)
    following_toggled = Signal(bool)
    cursor_toggled = Signal(bool)

    def __init__(
        self,
        parent: QWidget | None = None,
        m: TouchMetrics | None = None,
        windows: tuple[tuple[str, float], ...] = WINDOWS_S,
    ) -> None:
        super().__init__(parent)
        m = m or metrics()
        size, gap = m.button_px(self), m.gap_px(self)
        self._size, self._gap, self._text_px = size, gap, m.text_px(self)
        self.restyle()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(gap)
        self._windows = QButtonGroup(self)
        self._windows.setExclusive(True)
        self.window_buttons: dict[float, QPushButton] = {}
        for text, seconds in windows:
            button = self._button(text, size)
            self._windows.addButton(button)
            button.clicked.connect(lambda _=False, s=seconds: self.window_chosen.emit(s))
            self.window_buttons[seconds] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self._layout = layout
        self.follow_button = self._button(self.tr("Follow"), size)
        self.follow_button.toggled.connect(self._on_follow_button_toggled)
        self.cursor_button = self._button(self.tr("Cursor"), size)
        self.cursor_button.toggled.connect(self.cursor_toggled)
        layout.addWidget(self.follow_button)
        layout.addWidget(self.cursor_button)

    def restyle(self) -> None:
        """The buttons in the theme's colours (at start and at a day/night switch)."""
        p, gap = palette(), self._gap
        self.setStyleSheet(f"""
QPushButton {{ background: {p.button}; color: {p.text}; border: 2px solid {p.panel_border};
    border-radius: {max(2, gap // 2)}px; font-size: {self._text_px}px;
    padding: 0 {gap}px; }}
QPushButton:checked {{ background: {p.button_pressed}; border-color: {p.text};
    font-weight: bold; }}
QPushButton:pressed {{ background: {p.button_pressed}; }}
""")

    def add_action(self, text: str) -> QPushButton:
        """A plain button before Follow and Cursor (the owner connects it)."""
        button = self._button(text, self._size)
        button.setCheckable(False)
        self._layout.insertWidget(self._layout.indexOf(self.follow_button), button)
        return button

    def set_action_text(self, button: QPushButton, text: str) -> None:
        """An action's text in another language, the button sized for it."""
        self._set_text(button, text)

    def _button(self, text: str, size: int) -> QPushButton:
        button = _BoldSafeButton(self, self._text_px, round(size * 1.3))
        button.setCheckable(True)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._set_text(button, text)
        return button

    def _set_text(self, button: QPushButton, text: str) -> None:
        button.setText(text)
        # Checked buttons are bold: size for the bold text, or "Follow" loses its F
        # (and German's "Pausiert" its t).
        font = QFont(button.font())
        font.setPixelSize(self._text_px)
        font.setBold(True)
        text_w = QFontMetrics(font).horizontalAdvance(text) + 2 * self._gap + 8
        button.setMinimumSize(max(round(self._size * 1.3), text_w), self._size)

    def _follow_text(self, following: bool) -> str:
        return self.tr("Follow") if following else self.tr("Paused")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._set_text(self.follow_button, self._follow_text(self.follow_button.isChecked()))
            self._set_text(self.cursor_button, self.tr("Cursor"))
        super().changeEvent(event)

    def _on_follow_button_toggled(self, checked: bool) -> None:
        self._set_text(self.follow_button, self._follow_text(checked))
        self.following_toggled.emit(checked)

    def sync(self, window_s: float, following: bool, cursor_shown: bool) -> None:
        """Show the plot's state without echoing it back as a request."""
        for widget in (self._windows, self.follow_button, self.cursor_button):
            widget.blockSignals(True)
        try:
            for seconds, button in self.window_buttons.items():
                button.setChecked(abs(seconds - window_s) < 0.5)
            if not any(b.isChecked() for b in self.window_buttons.values()):
                # A window no button names: uncheck all (exclusive groups forbid that).
                self._windows.setExclusive(False)
                for button in self.window_buttons.values():
                    button.setChecked(False)
                self._windows.setExclusive(True)
            self.follow_button.setChecked(following)
            self._set_text(self.follow_button, self._follow_text(following))
            self.cursor_button.setChecked(cursor_shown)
        finally:
            for widget in (self._windows, self.follow_button, self.cursor_button):
                widget.blockSignals(False)

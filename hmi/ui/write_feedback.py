"""The strip that says what the last write did: sent, read back, or the PLC's refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from hmi.config.schema import LineConfig
from hmi.core.commands import CommandRefused
from hmi.core.tags import Scalar
from hmi.security import SecurityError
from hmi.ui import presenters
from hmi.ui.user_text_qt import show
from widgets.theme import palette


class WriteFeedback(QLabel):
    def __init__(self, config: LineConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self._enums = config.all_enums()
        self.setObjectName("writeFeedback")
        self.setWordWrap(True)
        self.ok: bool | None = None
        self._style(None)
        # What the strip says, as a function: another language re-says it (LanguageChange).
        self._render: Callable[[], str] = lambda: self.tr(
            "Touch a setpoint or a command to change it; the value read back shows here.")
        self.setText(self._render())

    def _say(self, render: Callable[[], str]) -> None:
        self._render = render
        self.setText(render())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setText(self._render())
        super().changeEvent(event)

    def _text(self, tag_id: str, value: Scalar) -> str:
        try:
            tag = self._config.tag(tag_id)
        except KeyError:
            return str(value)
        unit = f" {tag.unit}" if tag.unit else ""
        return f"{presenters.value_text(tag, value, self._enums)}{unit}"

    def _name(self, tag_id: str) -> str:
        try:
            tag = self._config.tag(tag_id)
        except KeyError:
            return tag_id
        return f"{tag.description} ({tag_id})" if tag.description else tag_id

    def show_pending(self, tag_id: str, value: Scalar) -> None:
        self.ok = None
        self._style(None)
        self._say(lambda: self.tr("Writing {0} = {1} …").format(
            self._name(tag_id), self._text(tag_id, value)))

    def show_result(self, result: Any) -> None:
        """A WriteResult, or the exception the write raised (shown, never a traceback)."""
        if isinstance(result, CommandRefused | SecurityError):
            self.ok = False
            self._style(False)
            # refused before anything was sent
            self._say(lambda: self.tr("✗ Not written: {0}").format(show(result)))
            return
        if isinstance(result, BaseException):
            self.ok = False
            self._style(False)
            self._say(lambda: self.tr("✗ Write failed: {0}").format(show(result)))
            return
        self.ok = bool(result.ok)
        self._style(self.ok)
        took = f"{result.duration_s * 1000:.0f} ms"
        if result.ok:
            sent = self._text(result.tag_id, result.requested)
            read_back = self._text(result.tag_id, result.read_back)
            self._say(lambda: self.tr("✓ {0}: sent {1}, read back {2} ({3})").format(
                self._name(result.tag_id), sent, read_back, took))
        else:
            # What the PLC side said, in the operator's language when it came as a UserText.
            text = getattr(result, "user_text", None) or result.message
            self._say(lambda: f"✗ {show(text)}")

    def show_note(self, text: str) -> None:
        """Something done that is not a write (an export): plain, no colour."""
        self.ok = None
        self._style(None)
        self._say(lambda: text)

    def _style(self, ok: bool | None) -> None:
        p = palette()
        # A refusal is abnormal: the one case this strip earns a colour (and a ✗).
        border = p.p2 if ok is False else p.panel_border
        weight = "bold" if ok is False else "normal"
        self.setStyleSheet(
            f"QLabel#writeFeedback {{ background: {p.panel}; border: 3px solid {border};"
            f" padding: 6px; font-weight: {weight}; }}"
        )

"""A widget whose words are set in one place, `retranslate()`, and set again whenever the
language changes (Qt sends LanguageChange to every widget when a QTranslator is installed
or removed): the screen on show follows a language switch without being rebuilt, so a
half-done changeover or an open restore survives it."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Mixin, before the Qt base: `class Faceplate(Retranslating, QFrame)`."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

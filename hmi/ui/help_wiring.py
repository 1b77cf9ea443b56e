"""The help panel in the main window: the header's Help button, the page for the screen
on show, the UI language, and a procedure started from help.

The book is built from what the window runs on: its LineConfig (the alarm engine's
definitions) and the restore engine's procedures (without a restore screen: the shipped
procedures, read by the same loader). Nothing is copied, so nothing drifts.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from hmi.core.roles import Action
from hmi.help import (
    DEFAULT_LANGUAGE,
    HelpBook,
    HelpTextError,
    language_of,
    load_help_texts,
)
from hmi.restore import PROCEDURES, Procedure, ProcedureError, load_procedures
from hmi.ui.help_panel import HelpPanel, cover

if TYPE_CHECKING:
    from hmi.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def ui_language() -> str:
    """The language the screens speak now (hmi.ui.i18n), as a help language."""
    try:
        from hmi.ui.i18n import translations

        return language_of(translations().shown)
    except (ImportError, RuntimeError):  # no application yet, or a build without i18n
        return DEFAULT_LANGUAGE


class HelpWiring(QObject):
    """Built at the first touch on Help, not at start-up (the start is measured, and most
    shifts never open help): the files are read and the panel made then."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.problem = ""  # why there is no help (a damaged help or procedure file)
        self._book: HelpBook | None = None
        self._panel: HelpPanel | None = None
        window.header.help_button.clicked.connect(self._on_help_button_clicked)

    @property
    def book(self) -> HelpBook | None:
        """The pages (None: the help files could not be read; `problem` says why)."""
        if self._book is None and not self.problem:
            procedures = self._procedures()
            try:
                texts = load_help_texts()
            except HelpTextError as exc:
                self.problem = str(exc)
                log.error("help unavailable: %s", exc)
                return None
            self._book = HelpBook(self.window.config, procedures, texts, ui_language(),
                                  tuple(self.window.screens))
        return self._book

    @property
    def panel(self) -> HelpPanel:
        if self._panel is None:
            restore = self.window.restore_screen
            panel = HelpPanel(self.book, self.may_restore if restore is not None else None)
            cover(panel, self.window.centralWidget(), self.window.header)
            panel.procedure_requested.connect(self._on_panel_procedure_requested)
            panel.language_changed.connect(self._on_panel_language_changed)
            self._panel = panel
        return self._panel

    def _on_help_button_clicked(self) -> None:
        if self._panel is not None and self._panel.isVisible():  # the same button puts it away
            self._panel.close_help()
        else:
            self.open()

    def _procedures(self) -> dict[str, Procedure]:
        restore = self.window.restore_screen
        if restore is not None:
            return dict(restore.engine.procedures)
        try:
            return load_procedures(PROCEDURES, self.window.config)
        except ProcedureError as exc:  # the app runs without them; help says so
            log.warning("help without procedures: %s", exc)
            return {}

    def open(self) -> HelpPanel:
        """Help for the screen on show (the alarm screen: with its selected alarm)."""
        panel = self.panel
        self._follow_language()
        book = self.book
        if book is None:
            panel.show_problem(self.problem)
        else:
            screen = self.window.current_screen()
            alarms = self.window.alarm_screen
            selected = alarms.selected() if alarms is not None and screen == "alarms" else None
            panel.show_page(book.screen_page(
                screen, alarm=selected.id if selected is not None else None))
        panel.show()
        panel.raise_()
        return panel

    def may_restore(self, procedure_id: str) -> str | None:
        """None if the signed-in user may start the procedure (the restore permission at
        its station, as the restore engine checks it), else why not."""
        gate = self.window.gate
        if gate is None:
            return None
        procedure = self.book.procedures.get(procedure_id) if self.book else None
        station = procedure.station if procedure is not None else "*"
        user = gate.user()
        if user is None or gate.locked():
            return self.tr("Sign in to start a restore.")
        permissions = gate.security.permissions
        if any(permissions.permits(role, station, Action.RESTORE)
               for role in user.roles_at(station)):
            return None
        return self.tr("Your role may not run restores at {0}.").format(station)

    def _on_panel_procedure_requested(self, procedure_id: str) -> None:
        window = self.window
        restore = window.restore_screen
        if restore is None:
            return
        alarms = window.alarm_screen
        selected = alarms.selected() if alarms is not None else None
        self.panel.close_help()
        if (window.current_screen() == "alarms" and alarms is not None
                and selected is not None and selected.procedure == procedure_id):
            alarms.request_restore()  # with the alarm's fault time and first-out
            return
        # Chosen from help, as from the procedure list: no alarm's fault context with it.
        window.show_screen("restore")
        restore.open_procedure(procedure_id)

    def _follow_language(self) -> None:
        lang = ui_language()
        if self._book is not None and lang != self._book.lang:
            self._book = self._book.with_language(lang)
            if self._panel is not None:
                self._panel.set_book(self._book)

    def _on_panel_language_changed(self) -> None:
        self._follow_language()

"""The recipe, audit and users screens, the trend range dialogs and the alarm KPI view speak
German and Chinese in their bodies (labels, buttons, column headers, status lines), and
follow a run-time language switch at once; the loose ends around them: the restore screen's
public way in from help, and touch buttons never narrower than their text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.commands import CommandService
from hmi.core.iothread import IoThread
from hmi.core.tagstore import TagStore
from hmi.help import HelpBook, load_help_texts
from hmi.plantdb import PlantDb
from hmi.restore import PROCEDURES, FaultContext, build_restore_engine, load_procedures
from hmi.restore.engine import RestoreEngine
from hmi.security import Security
from hmi.ui.help_panel import HelpPanel
from hmi.ui.i18n import translations
from hmi.ui.restore_screen import CHOOSE, RestoreScreen
from hmi.ui.security_gate import SecurityGate
from widgets.theme import TouchMetrics, apply_theme, metrics, set_metrics
from widgets.trend_toolbar import TrendToolbar


@pytest.fixture
def speak() -> Iterator[object]:
    """switch(code): the app's language; English again after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield translations(app).switch
    translations(app).switch("en")


# -- the restore screen's way in from help ----------------------------------------------------
def _restore_engine(db: PlantDb, security: Security) -> RestoreEngine:
    config = load_line_config(DEMO_LINE)
    commands = CommandService(None, security.policy, security.audit)  # type: ignore[arg-type]
    return build_restore_engine(config, TagStore(config.expected_periods_s()), commands, db)


def test_open_procedure_preselects_it_without_an_earlier_fault(
        qtbot, db: PlantDb, security: Security) -> None:  # type: ignore[no-untyped-def]
    engine = _restore_engine(db, security)
    gate = SecurityGate(security, idle_lock_s=900)
    screen = RestoreScreen(engine, gate, IoThread(), db)  # the IoThread is not used unstarted
    qtbot.addWidget(screen)
    try:
        ids = sorted(engine.procedures)
        assert len(ids) >= 2
        # An alarm's fault was shown before: help's procedure must not carry it over.
        screen.fault = FaultContext("estop", "coater", detail="alarm coater_estop",
                                    at=datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
        screen.pages.setCurrentIndex(2)
        screen.open_procedure(ids[-1])
        assert screen.fault is None
        assert screen.fault_label.text().startswith("No fault context")
        assert screen._selected_procedure() is engine.procedures[ids[-1]]
        assert screen.pages.currentIndex() == CHOOSE
        with pytest.raises(KeyError):
            screen.open_procedure("no_such_procedure")
    finally:
        screen.close()
        gate.close()


# -- touch buttons are never narrower than their text -----------------------------------------
@pytest.fixture
def touch_theme() -> Iterator[None]:
    """Touch sizes and the app stylesheet, as `lineside run --touch` sets them."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before, sheet = metrics(), app.styleSheet()
    set_metrics(TouchMetrics.touch())
    apply_theme("day", app)
    yield
    set_metrics(before)
    app.setStyleSheet(sheet)


def _text_px(button: QPushButton) -> int:
    return button.fontMetrics().horizontalAdvance(button.text())


def test_a_crowded_row_of_german_buttons_keeps_every_text_whole(
        qtbot, touch_theme: None) -> None:  # type: ignore[no-untyped-def]
    row = QWidget()
    qtbot.addWidget(row)
    box = QHBoxLayout(row)
    texts = ("Benutzer hinzufügen…", "OK", "Passwort zurücksetzen…", "Ausweis + PIN…")
    buttons = [QPushButton(text) for text in texts]
    for button in buttons:
        box.addWidget(button)
    row.show()
    qtbot.waitExposed(row)
    row.resize(200, 100)  # far too narrow: the row must refuse it, not cut the texts
    QApplication.processEvents()
    touch = metrics().button_px(row)
    for button in buttons:
        assert button.width() >= _text_px(button), (button.text(), button.width())
        assert button.width() >= touch, (button.text(), button.width())
    # A longer text later (a language switch) widens the button as well.
    buttons[1].setText("Abbrechen und zurück zur Liste")
    QApplication.processEvents()
    assert buttons[1].width() >= _text_px(buttons[1])
    # A day/night switch re-polishes every button: still whole.
    apply_theme("night", QApplication.instance())  # type: ignore[arg-type]
    QApplication.processEvents()
    assert all(b.width() >= _text_px(b) for b in buttons)


def _bold_width_needed(button: QPushButton) -> int:
    """Its text in bold (a checked toolbar button is bold), the padding and the border."""
    font = QFont(button.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(button.text()) + 2 * metrics().gap_px(button) + 4


@pytest.mark.parametrize("sizes", [TouchMetrics.touch, TouchMetrics.laptop])
def test_the_trend_toolbars_bold_buttons_are_whole(
        qtbot, touch_theme: None, speak, sizes) -> None:  # type: ignore[no-untyped-def]
    set_metrics(sizes())
    apply_theme("day", QApplication.instance())  # type: ignore[arg-type]
    toolbar = TrendToolbar()
    qtbot.addWidget(toolbar)
    toolbar.show()
    qtbot.waitExposed(toolbar)
    for code in ("en", "de", "zh_CN"):
        speak(code)
        QApplication.processEvents()
        for checked in (True, False):  # "Follow" and "Cursor" checked (bold), then not
            toolbar.sync(60.0, following=checked, cursor_shown=checked)
            QApplication.processEvents()
            for button in (toolbar.follow_button, toolbar.cursor_button):
                assert button.width() >= _bold_width_needed(button), (
                    code, button.text(), button.width())


# -- the help panel's search hint at 1024 px ----------------------------------------------------
def test_the_help_search_hint_is_whole_on_a_1024_panel(
        qtbot, touch_theme: None, speak, demo_config) -> None:  # type: ignore[no-untyped-def]
    book = HelpBook(demo_config, load_procedures(PROCEDURES, demo_config), load_help_texts())
    panel = HelpPanel(book, lambda _p: None)
    qtbot.addWidget(panel)
    panel.show_page(book.screen_page("coater"))
    panel.resize(1024 - 190, 540)  # the panel covers the screen beside the side bar
    panel.show()
    qtbot.waitExposed(panel)
    for code in ("de", "zh_CN", "en"):
        speak(code)
        QApplication.processEvents()  # LanguageChange is posted; the layout follows
        QApplication.processEvents()
        edit = panel.search_edit
        hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        assert edit.width() >= hint + 2 * metrics().gap_px(edit) + 4, (code, edit.width(), hint)
        assert panel.close_button.width() >= panel.close_button.sizeHint().width()

"""Help in the panel `lineside run` builds, on the demo twin: the header's Help button
opens the page of the screen on show, built from what the runtime loaded, for every
screen; a procedure started from help opens the restore wizard on it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from hmi.help import page_text
from hmi.ui.help_panel import HelpPanel
from hmi.ui.help_wiring import HelpWiring
from hmi.ui.i18n import translations
from tests.ui.conftest import alarm_panel
from tests.ui.production_shots import grab_sizes
from widgets.theme import app_stylesheet, metrics


def test_help_over_the_coater_then_its_procedure_in_the_restore_wizard(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with alarm_panel(qtbot, tmp_path) as (runtime, panel):
        window = panel.window
        wiring = window.help
        assert isinstance(wiring, HelpWiring)
        # Every screen the window has (every one in the side bar) has its own text.
        assert set(window.nav_buttons) <= set(window.screens)
        for name in window.screens:
            page = wiring.book.screen_page(name)
            assert "No help text yet" not in page_text(page), name
        window.show_screen("coater")
        button = window.header.help_button
        assert button.isVisible() and button.height() >= metrics().px(15, button)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        help_panel = wiring.panel
        assert isinstance(help_panel, HelpPanel) and help_panel.isVisible()
        # Over everything below the header: the alarm banner stays in view.
        central = window.centralWidget().rect()
        assert help_panel.geometry().bottom() == central.bottom()
        assert help_panel.geometry().top() == window.header.geometry().bottom() + 1
        assert window.header.alarm_banner.isVisible()
        assert help_panel.page is not None and help_panel.page.key == "screen:coater"
        # What the running alarm engine and restore engine hold, not a copy.
        coater_alarms = [runtime.alarms.view(a) for a in runtime.alarms.alarm_ids
                         if runtime.alarms.view(a).station == "coater"]
        assert len(coater_alarms) >= 10
        for view in coater_alarms:  # every alarm the engine runs there, rationalised
            entry = next(s for s in help_panel.page.sections
                         if s.lines and s.lines[0].endswith(f"alarm id {view.id}"))
            assert entry.heading == view.description
            for said in (f"Cause: {view.cause}", f"Consequence: {view.consequence}",
                         f"Operator action: {view.action}"):
                assert said in entry.lines
        # Beyond them only the comm-loss alarm of the coater's PLC (the engine files it
        # under the first station on that PLC; its help is on every station it serves).
        listed = {s.lines[0].rsplit(" ", 1)[-1] for s in help_panel.page.sections
                  if s.lines and "alarm id " in s.lines[0]}
        electrode = next(s.connection for s in runtime.config.stations if s.id == "coater")
        assert {runtime.alarms.view(a).kind for a in listed - {v.id for v in coater_alarms}
                } == {"quality"}
        assert "opcua_electrode_comm_loss" in listed and electrode == "opcua_electrode"
        restorable = {p.id for p in runtime.restore.procedures.values()
                      if p.station == "coater"}
        assert restorable and restorable <= set(help_panel.start_buttons)
        grab_sizes(window, tmp_path, "help_over_coater")

        # The UI language changes while help is open: the page follows, texts and chrome.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        try:
            translations(app).switch("de")
            qtbot.waitUntil(lambda: help_panel.close_button.text() == "Hilfe schließen",
                            timeout=3000)
            assert help_panel.title_label.text() == "Hilfe: Slot-die coater and dryer"
            assert help_panel.page is not None
            assert "Alarme dieser Station" in page_text(help_panel.page)
            assert window.header.help_button.text() == "? Hilfe"
            _grab_panel_size(window, tmp_path, "help_over_coater_de")
            translations(app).switch("zh_CN")
            qtbot.waitUntil(lambda: help_panel.close_button.text() == "关闭帮助", timeout=3000)
            assert "本工位的报警" in page_text(help_panel.page)
            _grab_panel_size(window, tmp_path, "help_over_coater_zh_CN")
        finally:
            translations(app).uninstall()
        qtbot.waitUntil(lambda: help_panel.close_button.text() == "Close help", timeout=3000)
        assert "Alarms on this station" in page_text(help_panel.page)

        # The alarm screen's help: the selected alarm, and its procedure opened with the
        # alarm's fault context (as the alarm's own Restore button does).
        help_panel.close_help()
        alarms = window.alarm_screen
        assert alarms is not None
        runtime.inject_fault("estop", "coater")
        qtbot.waitUntil(lambda: any(v.id == "coater_estop" for v in alarms.views()),
                        timeout=10_000)
        window.show_screen("alarms")
        alarms.select("coater_estop")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert help_panel.page is not None and help_panel.page.key == "screen:alarms"
        said = page_text(help_panel.page)
        assert "The selected alarm" in said
        assert f"Cause: {runtime.alarms.view('coater_estop').cause}" in said
        estop = help_panel.start_buttons["coater_estop"]
        _bring_into_view(qtbot, help_panel, estop)
        qtbot.mouseClick(estop, Qt.MouseButton.LeftButton)
        restore = window.restore_screen
        assert restore is not None and window.current_screen() == "restore"
        assert restore.fault is not None and restore.fault.first_out == "coater_estop"
        assert "first out coater_estop" in restore.fault_label.text()

        # A station's procedure from its help: no alarm's fault context comes with it.
        window.show_screen("coater")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        start = help_panel.start_buttons["coater_web_break"]
        assert start.isEnabled()  # an Operator may run restores at the coater
        _bring_into_view(qtbot, help_panel, start)
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        assert not help_panel.isVisible()
        assert window.current_screen() == "restore"
        assert restore._selected_procedure().id == "coater_web_break"  # type: ignore[union-attr]
        assert "No fault context" in restore.fault_label.text()
        qtbot.mouseClick(restore.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: restore.run is not None, timeout=15_000)
        assert restore.run is not None and restore.run.procedure_id == "coater_web_break"
        assert restore.wizard is not None and restore.wizard.count() == len(
            runtime.restore.procedures["coater_web_break"].steps)

        # Signed out, the start buttons say why they are off.
        panel.gate.logout()
        window.show_screen("coater")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert not help_panel.start_buttons["coater_web_break"].isEnabled()
        assert wiring.may_restore("coater_web_break") == "Sign in to start a restore."


def _grab_panel_size(window: QWidget, tmp_path: Path, name: str) -> None:
    """One look at the 1024 x 600 touch panel (the long German and the Chinese texts)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(app_stylesheet())
    try:
        window.resize(1024, 600)
        app.processEvents()
        image = window.grab()
        assert image.save(str(tmp_path / f"{name}.png"))
        shots = os.environ.get("LINESIDE_SHOTS")
        if shots:
            image.save(str(Path(shots) / f"{name}.png"))
    finally:
        app.setStyleSheet(before)


def _bring_into_view(qtbot, panel: HelpPanel, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    """As a drag would: scroll until the whole button shows, so a touch lands on it."""
    window = panel.window()

    def shown() -> bool:  # once the word-wrapped texts above it have their height
        panel.scroll.ensureWidgetVisible(button)
        return window.childAt(button.mapTo(window, button.rect().center())) is button

    qtbot.waitUntil(shown, timeout=3000)

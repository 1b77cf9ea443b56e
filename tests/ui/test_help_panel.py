"""The help panel on its own: touch sizes, drag scrolling, search by the touch keyboard,
and a procedure's start button (allowed or refused, said beside it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from hmi.config import LineConfig
from hmi.help import HelpBook, load_help_texts
from hmi.restore import PROCEDURES, load_procedures
from hmi.ui.help_panel import HelpPanel
from widgets.theme import metrics


@pytest.fixture(scope="module")
def book(demo_config: LineConfig) -> HelpBook:
    return HelpBook(demo_config, load_procedures(PROCEDURES, demo_config), load_help_texts())


REFUSED = "Your role may not run restores at coater."


@pytest.fixture
def panel(qtbot, book: HelpBook) -> HelpPanel:  # type: ignore[no-untyped-def]
    panel = HelpPanel(book, lambda p: REFUSED if p == "coater_estop" else None)
    qtbot.addWidget(panel)
    panel.resize(1024, 540)
    panel.show_page(book.screen_page("coater"))
    panel.show()
    return panel


def test_the_panel_is_touch_sized_and_scrolls_by_dragging(qtbot, panel: HelpPanel  # type: ignore[no-untyped-def]
                                                         ) -> None:
    m = metrics()
    at_least = m.px(15, panel)
    close = panel.close_button
    assert close.height() >= at_least and close.width() >= at_least
    assert close.isVisible() and close.text() == "Close help"
    for button in (panel.keyboard_button, *panel.start_buttons.values()):
        assert button.height() >= at_least
    assert panel.search_edit.height() >= at_least
    # Text larger than the body text of the screens.
    label = panel.scroll.widget().findChildren(QLabel)[0]
    assert label.font().pixelSize() >= round(m.text_px(panel) * 1.2)
    # A drag on the text scrolls it (no scroll bar to aim at with a glove).
    bar = panel.scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # the coater page is long
    viewport = panel.scroll.viewport()
    x, bottom = viewport.width() // 2, viewport.height() - 10
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, bottom))
    for y in range(bottom, 10, -20):
        QTest.mouseMove(viewport, QPoint(x, y))
        QTest.qWait(15)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, 10))
    qtbot.waitUntil(lambda: bar.value() >= viewport.height() // 2)


def test_start_buttons_follow_the_role_and_say_why_not(qtbot, panel: HelpPanel,  # type: ignore[no-untyped-def]
                                                        book: HelpBook) -> None:
    assert set(panel.start_buttons) == set(book.screen_page("coater").procedures)
    refused = panel.start_buttons["coater_estop"]
    assert not refused.isEnabled()
    texts = [label.text() for label in panel.scroll.widget().findChildren(QLabel)]
    assert REFUSED in texts  # said beside the button, not in a tooltip
    allowed = panel.start_buttons["coater_web_break"]
    assert allowed.isEnabled()
    panel.scroll.ensureWidgetVisible(allowed)  # as a drag would bring it into view
    with qtbot.waitSignal(panel.procedure_requested) as sent:
        qtbot.mouseClick(allowed, Qt.MouseButton.LeftButton)
    assert sent.args == ["coater_web_break"]


def test_search_with_the_touch_keyboard_opens_a_hit_and_back_returns(
        qtbot, panel: HelpPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.keyboard_button, Qt.MouseButton.LeftButton)
    assert panel.keyboard.isVisible()
    for key in "splice failure":
        qtbot.mouseClick(panel.keyboard.buttons["space" if key == " " else key],
                         Qt.MouseButton.LeftButton)
    assert panel.search_edit.text() == "splice failure"
    assert panel.hit_buttons
    first = panel.hit_buttons[0]
    assert first.text().startswith("Alarm: Coater web break\nCause: Splice failure")
    assert first.height() >= metrics().px(15, panel)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert panel.page is not None and panel.page.key == "alarm:coater_web_break"
    assert panel.back_button.isVisible()
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.page is not None and panel.page.key == "screen:coater"
    assert panel.search_edit.text() == ""
    panel.search_edit.setText("zebra unicorn")
    assert panel.hit_buttons == []
    assert "Nothing found" in panel.scroll.widget().findChildren(QLabel)[0].text()


def test_close_hides_the_panel(qtbot, panel: HelpPanel) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.closed):
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_a_damaged_help_folder_is_said_not_raised(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = HelpPanel(None)
    qtbot.addWidget(panel)
    panel.show_problem("resources/help/labels.toml:3: [en] must hold key = \"text\" lines")
    assert panel.title_label.text() == "Help is not available"
    assert panel.search("anything") == []
    shown = panel.scroll.widget().findChildren(QLabel)[0].text()
    assert "labels.toml:3" in shown


def test_a_long_page_jumps_to_its_parts_with_one_touch(qtbot, panel: HelpPanel) -> None:  # type: ignore[no-untyped-def]
    assert list(panel.jump_buttons) == [
        "What this screen shows", "What the controls do", "Alarms on this station (18)",
        "Restore procedures for this station (5)"]
    bar = panel.scroll.verticalScrollBar()
    alarms = panel.jump_buttons["Alarms on this station (18)"]
    assert alarms.height() >= metrics().px(15, panel)
    qtbot.mouseClick(alarms, Qt.MouseButton.LeftButton)
    heading = next(label for label in panel.scroll.widget().findChildren(QLabel)
                   if "Alarms on this station (18)" in label.text())
    assert bar.value() == min(heading.y(), bar.maximum()) > 0
    bar.setValue(0)  # dragged back to the top
    qtbot.mouseClick(panel.jump_buttons["Restore procedures for this station (5)"],
                     Qt.MouseButton.LeftButton)
    assert bar.value() > heading.y()

"""An empty status line takes no height on the OPC UA and Modbus screens (a whole touch target
of a 768 px panel before), appears with a message without moving the button that asked for
it, and never opens a window of its own when given text before it has a parent. Real
screens and widgets, offscreen; the real IoThread (nothing is connected)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.iothread import IoThread
from hmi.ui.admin_widgets import StatusLine
from hmi.ui.modbus_screen import ModbusScreen
from hmi.ui.opcua_browser_screen import OpcUaBrowserScreen
from widgets.theme import metrics


def test_the_workbench_status_lines_take_no_height_until_they_say_something(
        qtbot: QtBot, tmp_path: Path) -> None:
    config_path = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, config_path)
    with IoThread() as io:
        browser = OpcUaBrowserScreen(io, config_path, line_config=load_line_config(DEMO_LINE))
        scanner = ModbusScreen(io, config_path)
        for screen, button in ((browser, browser.connect_button),
                               (scanner, scanner.scan_button)):
            qtbot.addWidget(screen)
            screen.resize(900, 700)
            screen.show()
            QApplication.processEvents()
            assert screen.status.text() == "" and not screen.status.isVisible()
            before = button.mapTo(screen, button.rect().topLeft())
            hint = screen.minimumSizeHint().height()
            screen.status.show_refusal("opc.tcp://10.0.0.9:4840 did not answer in 5 s")
            QApplication.processEvents()
            assert screen.status.isVisible()
            assert screen.status.height() >= metrics().button_px(screen)
            assert button.mapTo(screen, button.rect().topLeft()) == before  # the finger's place
            assert screen.minimumSizeHint().height() > hint  # it took its height only now
            screen.status.show_note("")
            QApplication.processEvents()
            assert not screen.status.isVisible()
            screen.close()


def test_a_status_line_given_text_before_its_layout_shows_with_it_and_no_sooner(
        qtbot: QtBot) -> None:
    line = StatusLine(lambda: "✓ saved")  # no parent yet: must not become a window
    assert not line.isVisible() and line.text() == "✓ saved"
    host = QWidget()
    qtbot.addWidget(host)
    box = QVBoxLayout(host)
    box.addWidget(QPushButton("Save"))
    box.addWidget(line)
    box.addWidget(QTableWidget(3, 2))
    empty = StatusLine()
    box.addWidget(empty)
    host.show()
    QApplication.processEvents()
    assert line.isVisible() and not empty.isVisible()
    line.show_note("")
    QApplication.processEvents()
    assert not line.isVisible()

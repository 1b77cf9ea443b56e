"""The commissioning workbench fits a 1024 x 768 line-side panel, in every language, at touch
and at laptop sizes.

A 1024 px window leaves 796 px beside the side bar (its 58 mm at touch or laptop sizes); the
main window shows each screen in a scroll area, so a screen taller than the glass scrolls
and loses a vertical scroll bar's width too. Each screen is shown as the main window shows
it (a resizable QScrollArea of that size, the app's stylesheet and metrics) and must then
need no horizontal scroll bar, show every button whole, and overlap no two controls. Real
screens on real parts: a plant database, an IoThread, a PLC service that never connects.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFrame,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hmi.commission.io_checkout import IoCheckoutStore
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.core.iothread import IoThread
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.plc.service import PlcService
from hmi.security import Security
from hmi.ui.config_editor_screen import ConfigEditorScreen
from hmi.ui.diagnostics_screen import DiagnosticsScreen
from hmi.ui.io_checkout_screen import IoCheckoutScreen
from hmi.ui.modbus_screen import ModbusScreen
from hmi.ui.navigation import NAV_WIDTH_MM
from hmi.ui.opcua_browser_screen import OpcUaBrowserScreen
from tests.fits import sized as at_sizes
from widgets.theme import TouchMetrics

CONFIG = load_line_config(DEMO_LINE)
WINDOW_W = 1024
# Under the header and above the feedback bar of a 768 px window: less than there is, so a
# screen that would just fit is checked with the vertical scroll bar it may get.
CONTENT_H = 560
SIZES = {"touch": TouchMetrics.touch, "laptop": TouchMetrics.laptop}
CONTROLS = (QAbstractButton, QLineEdit, QComboBox)


@pytest.fixture
def sized(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[TouchMetrics]:
    """The app at touch or laptop sizes (as `lineside run --touch/--laptop`), then as before."""
    with at_sizes(qapp, SIZES[request.param]()) as chosen:
        yield chosen


def _screens(io: IoThread, db: PlantDb, security: Security, tmp_path: Path) -> list[QWidget]:
    config_path = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, config_path)
    store = TagStore(CONFIG.expected_periods_s())
    return [
        IoCheckoutScreen(CONFIG, store, IoCheckoutStore(db, security.signatures), io,
                         acting_user=lambda: "tess"),
        ModbusScreen(io, config_path),
        OpcUaBrowserScreen(io, config_path, line_config=CONFIG),
        ConfigEditorScreen(config_path),
        DiagnosticsScreen(CONFIG, store, PlcService(CONFIG, store, data_dir=tmp_path), io),
    ]


def _page(qtbot: QtBot, screen: QWidget, m: TouchMetrics) -> QScrollArea:
    """The screen as MainWindow._add_page shows it, in the content area of a 1024 px window."""
    page = QScrollArea()
    page.setWidget(screen)
    page.setWidgetResizable(True)
    page.setFrameShape(QFrame.Shape.NoFrame)
    qtbot.addWidget(page)
    page.resize(WINDOW_W - m.px(NAV_WIDTH_MM, page), CONTENT_H)
    page.show()
    QApplication.processEvents()
    return page


def _rect_in(screen: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(screen, QPoint(0, 0)), widget.size())


def _problems(screen: QWidget, page: QScrollArea) -> list[str]:
    name = type(screen).__name__
    found = []
    width = page.viewport().width()
    if screen.minimumSizeHint().width() > width:
        found.append(f"{name} needs {screen.minimumSizeHint().width()} px, has {width}")
    if page.horizontalScrollBar().maximum() > 0:
        found.append(f"{name} scrolls sideways by {page.horizontalScrollBar().maximum()} px")
    controls = [w for w in screen.findChildren(QWidget)
                if isinstance(w, CONTROLS) and w.isVisibleTo(screen)
                and not any(isinstance(p, CONTROLS) for p in _ancestors(w, screen))]
    whole = screen.rect()
    for control in controls:
        rect = _rect_in(screen, control)
        text = control.text() if isinstance(control, QAbstractButton) else type(control).__name__
        if isinstance(control, QAbstractButton) and control.width() < control.sizeHint().width():
            found.append(f"{name}: {text!r} cut ({control.width()} < "
                         f"{control.sizeHint().width()} px)")
        if isinstance(control, QComboBox) and control.width() < control.minimumSizeHint().width():
            found.append(f"{name}: a combo shows {control.currentText()!r} cut "
                         f"({control.width()} < {control.minimumSizeHint().width()} px)")
        if not whole.contains(rect):
            found.append(f"{name}: {text!r} at {rect.getRect()} outside the screen "
                         f"{whole.getRect()}")
    for a, b in combinations(controls, 2):
        if _rect_in(screen, a).intersects(_rect_in(screen, b)):
            found.append(f"{name}: {_said(a)} overlaps {_said(b)}")
    return found


def _ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    chain = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        chain.append(parent)
        parent = parent.parentWidget()
    return chain


def _said(widget: QWidget) -> str:
    return repr(widget.text()) if isinstance(widget, QAbstractButton) else type(widget).__name__


@pytest.mark.parametrize("sized", ["touch", "laptop"], indirect=True)
@pytest.mark.parametrize("code", ["en", "de", "zh_CN"])
def test_each_workbench_screen_fits_a_1024_panel(
        qtbot: QtBot, db: PlantDb, security: Security, tmp_path: Path,
        switch: Callable[[str], None], sized: TouchMetrics, code: str) -> None:
    switch(code)
    with IoThread() as io:
        screens = _screens(io, db, security, tmp_path)
        try:
            pages = [_page(qtbot, s, sized) for s in screens]  # held: a page owns its screen
            found = [p for s, page in zip(screens, pages, strict=True)
                     for p in _problems(s, page)]
        finally:
            for screen in screens:
                screen.close()
    assert found == [], f"{code} at {sized.name} sizes:\n" + "\n".join(found)


@pytest.mark.parametrize("sized", ["touch"], indirect=True)
def test_a_language_switch_re_lays_the_toolbars(
        qtbot: QtBot, db: PlantDb, security: Security, tmp_path: Path,
        switch: Callable[[str], None], sized: TouchMetrics) -> None:
    """Built in English, switched to German on the panel: the toolbars make room for the
    longer words at once (wrapping where they must), nothing rebuilt, no button cut."""
    with IoThread() as io:
        screens = _screens(io, db, security, tmp_path)
        try:
            pages = [_page(qtbot, s, sized) for s in screens]
            checkout = screens[0]
            assert isinstance(checkout, IoCheckoutScreen)
            english = checkout.start_button.width()
            switch("de")
            for _ in range(5):  # the new words' layout requests, nested panels up to the page
                QApplication.processEvents()
            # "Starten / fortsetzen" is wider than "Start / resume": the row gave it room
            # (a layout that did not follow would leave it cut, which _problems reports).
            assert checkout.start_button.width() > english
            found = [p for s, page in zip(screens, pages, strict=True)
                     for p in _problems(s, page)]
        finally:
            for screen in screens:
                screen.close()
    assert found == [], "\n".join(found)

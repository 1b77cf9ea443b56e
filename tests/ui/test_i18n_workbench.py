"""The OEE, SPC and lineage screens and the commissioning workbench in German and Chinese,
on real parts (a plant database, an OeeTracker and an SpcMonitor fed through a TagStore, a
PLC service and an IoThread that are never connected: the chrome needs no PLC).

Built in a language, each screen says its chrome in it; built in English, a switch re-says
the column headers at once (Qt's LanguageChange, no rebuild); what the line's config names
(station and tag ids) is never translated.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget, QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from hmi.commission.io_checkout import IoCheckoutStore
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.production import Characteristic
from hmi.core.iothread import IoThread
from hmi.core.packml import PackMLState as S
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb
from hmi.plc.service import PlcService
from hmi.production.build import build_oee_tracker
from hmi.production.lots import LotStore, LotTracker
from hmi.production.oee_tracker import OeeTracker
from hmi.production.spc import SpcMonitor
from hmi.security import Security
from hmi.ui.config_editor_screen import ConfigEditorScreen
from hmi.ui.diagnostics_screen import DiagnosticsScreen
from hmi.ui.io_checkout_screen import IoCheckoutScreen
from hmi.ui.lineage_screen import LineageScreen
from hmi.ui.modbus_screen import ModbusScreen
from hmi.ui.oee_screen import OeeScreen
from hmi.ui.opcua_browser_screen import OpcUaBrowserScreen
from hmi.ui.spc_screen import SpcScreen
from tests.fits import sized as at_sizes
from tests.security.conftest import FakeClock
from widgets.theme import TouchMetrics

CONFIG = load_line_config(DEMO_LINE)
FILL = Characteristic(id="fill_mass", station="filler", chart="imr",
                      tags=("filler.fill_mass_g",), lsl=64.4, usl=65.6, critical=True,
                      unit="g", description="Electrolyte fill mass", baseline_subgroups=25)

CONTENT_W, CONTENT_H = 1024 - 190, 600 - 150  # a touch panel beside the side bar, under the header
# What a reader sees, per language, where the tests look.
SEEN = {
    "en": {"availability": "A", "period": "Current shift",
           "reasons": "Top downtime reasons (min)", "line": "LINE",
           "prompt": "Reason needed: coater", "rate": "m/min at coater (the line config)",
           "critical": "fill_mass at filler (critical)",
           "subgroups": "first 25 subgroups", "lot": "Lot", "time": "Time (UTC)",
           "show": "Show lineage", "connect": "Connect", "mode": "Security mode",
           "direction": "Direction", "add": "Add to line config", "address": "Address",
           "scan": "Scan", "start": "start address", "problems": "Problems",
           "accepts": "the checker accepts",
           "live": "Live value", "no_value": "no value yet", "state": "State",
           "connecting": "connecting", "diagnostics": "Connection diagnostics"},
    "de": {"availability": "V", "period": "Aktuelle Schicht",
           "reasons": "Häufigste Stillstandsgründe (min)", "line": "LINIE",
           "prompt": "Grund erforderlich: coater",
           "rate": "m/min an coater (Linienkonfiguration)",
           "critical": "fill_mass an filler (kritisch)",
           "subgroups": "ersten 25 Stichproben", "lot": "Los", "time": "Zeit (UTC)",
           "show": "Verfolgung zeigen", "connect": "Verbinden", "mode": "Sicherheitsmodus",
           "direction": "Richtung", "add": "Zur Konfiguration", "address": "Adresse",
           "scan": "Scannen", "start": "Startadresse", "problems": "Fehler",
           "accepts": "die Prüfung akzeptiert",
           "live": "Istwert", "no_value": "noch kein Wert", "state": "Zustand",
           "connecting": "verbindet", "diagnostics": "Verbindungsdiagnose"},
    "zh_CN": {"availability": "可用率", "period": "当前班次", "reasons": "主要停机原因（分钟）",
              "line": "整线", "prompt": "需要原因：coater", "rate": "米/分钟（产线配置）",
              "critical": "filler 的 fill_mass（关键）",
              "subgroups": "前 25 个子组", "lot": "批次", "time": "时间（UTC）",
              "show": "显示追溯", "connect": "连接", "mode": "安全模式", "direction": "方向",
              "add": "添加到产线配置", "address": "地址", "scan": "扫描", "start": "起始地址",
              "problems": "问题",
              "accepts": "检查通过", "live": "实际值", "no_value": "尚无数值", "state": "状态",
              "connecting": "连接中", "diagnostics": "连接诊断"},
}


def _put(store: TagStore, clock: FakeClock, **values: float) -> None:
    store.update([TagValue(t.replace("__", "."), v, Quality.GOOD, clock.now, clock.now)
                  for t, v in values.items()])


def _oee(db: PlantDb, security: Security, clock: FakeClock) -> OeeTracker:
    """The coater ran 20 min, then a web break has stopped it for 4: a reason is due."""
    store = TagStore(CONFIG.expected_periods_s())
    _put(store, clock, coater__state=S.EXECUTE, coater__reason_code=0,
         coater__roll_length_m=0.0, calender__state=S.EXECUTE)
    tracker = build_oee_tracker(CONFIG, store, db, security.audit, clock=clock)
    tracker.start(thread=False)
    clock.advance(minutes=20)
    _put(store, clock, coater__roll_length_m=540.0)
    _put(store, clock, coater__reason_code=202, coater__state=S.ABORTED)
    clock.advance(minutes=4)
    return tracker


def fed_spc(clock: FakeClock, characteristic: Characteristic = FILL,
            seed: int = 3) -> SpcMonitor:
    """A started SpcMonitor whose characteristic's tag was fed 30 subgroups 4 s apart,
    around 65.0 (sigma 0.05; `seed` picks the values); the caller stops it."""
    tag = characteristic.tags[0]
    store = TagStore({tag: 4.0})
    spc = SpcMonitor([characteristic], store=store, clock=clock)
    spc.start()
    rng = random.Random(seed)
    for _ in range(30):
        clock.advance(seconds=4)
        store.update([TagValue(tag, rng.gauss(65.0, 0.05), Quality.GOOD, clock.now, clock.now)])
    spc.drain()
    return spc


def _headers(table: QTableWidget | QTreeWidget) -> list[str]:
    if isinstance(table, QTreeWidget):
        head = table.headerItem()
        return [head.text(i) for i in range(table.columnCount())]
    return [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]


def _add(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    return widget


@pytest.mark.parametrize("code", ["de", "zh_CN"])
def test_the_operator_screens_speak_the_language(
        qtbot: QtBot, db: PlantDb, security: Security, clock: FakeClock, tmp_path: Path,
        switch: Callable[[str], None], code: str) -> None:
    switch(code)
    seen = SEEN[code]
    oee = OeeScreen(_oee(db, security, clock), None, clock=clock, refresh_ms=60_000)
    _add(qtbot, oee)
    with qtbot.waitSignal(oee.refreshed, timeout=5000):
        oee.refresh()
    assert _headers(oee.table)[1] == seen["availability"]
    assert oee.period.itemText(0) == seen["period"]
    assert oee.reasons.title == seen["reasons"]
    rows = [oee.table.item(r, 0).text() for r in range(oee.table.rowCount())]
    assert rows[-1] == seen["line"] and "coater" in rows  # station ids as configured
    assert oee.reason_panel.title.text().startswith(seen["prompt"])
    # the bottleneck's rate: its words translated, the station as configured
    assert seen["rate"] in oee.period_label.text(), oee.period_label.text()

    monitor = fed_spc(clock)
    spc = SpcScreen(monitor, refresh_ms=60_000)
    _add(qtbot, spc)
    try:
        with qtbot.waitSignal(spc.refreshed, timeout=5000):
            spc.refresh()
        assert spc.picker.itemText(0) == seen["critical"]
        assert seen["subgroups"] in spc.limits_label.text()
        assert "Cpk" in spc.capability_label.text()  # the indices' names: the same everywhere
    finally:
        spc.close()
        monitor.stop()

    LotTracker(LotStore(db), {}, {}, clock=clock).start_lot("winder", "TRAY-0042", by="olga")
    lineage = LineageScreen(db, CONFIG, tmp_path / "exports")
    _add(qtbot, lineage)
    qtbot.waitUntil(lambda: lineage.recent.count() == 1, timeout=5000)
    assert lineage.recent.item(0).text().startswith("TRAY-0042  (winder, ")  # the lot's own
    assert lineage.show_button.text() == seen["show"]
    assert _headers(lineage.tree)[0] == seen["lot"]
    assert _headers(lineage.timeline)[0] == seen["time"]


@pytest.mark.parametrize("code", ["de", "zh_CN"])
def test_the_workbench_speaks_the_language(
        qtbot: QtBot, db: PlantDb, security: Security, tmp_path: Path,
        switch: Callable[[str], None], code: str) -> None:
    switch(code)
    seen = SEEN[code]
    config_path = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, config_path)
    store = TagStore(CONFIG.expected_periods_s())
    with IoThread() as io:
        browser = OpcUaBrowserScreen(io, config_path, line_config=CONFIG)
        scanner = ModbusScreen(io, config_path)
        checkout = IoCheckoutScreen(CONFIG, store, IoCheckoutStore(db, security.signatures),
                                    io, acting_user=lambda: "tess")
        diagnostics = DiagnosticsScreen(CONFIG, store, PlcService(CONFIG, store,
                                                                  data_dir=tmp_path), io)
        screens = [browser, scanner, checkout, diagnostics]
        try:
            for screen in screens:
                _add(qtbot, screen)
            assert browser.connect_button.text() == seen["connect"]
            assert _headers(browser.endpoints)[1] == seen["mode"]
            assert _headers(browser.references)[1] == seen["direction"]
            assert browser.add_panel.add_button.text() == seen["add"]
            assert scanner.model.headerData(0, Qt.Orientation.Horizontal) == seen["address"]
            assert scanner.scan_button.text() == seen["scan"]
            assert scanner.start_field.keypad_button.toolTip().count(seen["start"]) == 1
            assert _headers(checkout.table)[2] == seen["live"]
            assert diagnostics.title.text() == seen["diagnostics"]
            assert _headers(diagnostics.table)[2] == seen["state"]
            assert diagnostics.table.item(0, 2).text() == seen["connecting"]
            assert diagnostics.table.item(0, 0).text() == CONFIG.connections[0].id
        finally:
            for screen in screens:
                screen.close()
    editor = ConfigEditorScreen(config_path)
    _add(qtbot, editor)
    qtbot.waitUntil(lambda: editor.last_check is not None, timeout=10_000)
    assert editor.tabs.tabText(0).startswith(seen["problems"])
    assert seen["accepts"] in editor.verdict.text()
    editor.close()


def test_a_switch_re_says_column_headers_at_once_and_leaves_tag_ids(
        qtbot: QtBot, db: PlantDb, security: Security, clock: FakeClock, tmp_path: Path,
        switch: Callable[[str], None]) -> None:
    store = TagStore(CONFIG.expected_periods_s())
    oee = OeeScreen(_oee(db, security, clock), None, clock=clock, refresh_ms=60_000)
    _add(qtbot, oee)
    with qtbot.waitSignal(oee.refreshed, timeout=5000):
        oee.refresh()
    lineage = LineageScreen(db, CONFIG, tmp_path / "exports")
    _add(qtbot, lineage)
    config_path = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, config_path)
    editor = ConfigEditorScreen(config_path)
    _add(qtbot, editor)
    qtbot.waitUntil(lambda: editor.last_check is not None, timeout=10_000)
    with IoThread() as io:
        checkout = IoCheckoutScreen(CONFIG, store, IoCheckoutStore(db, security.signatures),
                                    io, acting_user=lambda: "tess")
        scanner = ModbusScreen(io, config_path)
        browser = OpcUaBrowserScreen(io, config_path, line_config=CONFIG)
        diagnostics = DiagnosticsScreen(CONFIG, store, PlcService(CONFIG, store,
                                                                  data_dir=tmp_path), io)
        try:
            for screen in (checkout, scanner, browser, diagnostics):
                _add(qtbot, screen)
            checkout.select_station("coater")
            checkout.start()
            qtbot.waitUntil(lambda: checkout.table.rowCount() > 0, timeout=10_000)
            tag_ids = [checkout.table.item(r, 0).text() for r in range(checkout.table.rowCount())]
            assert set(tag_ids) == {t.id for t in CONFIG.tags if t.station == "coater"}
            checkout.note.setText("gauge 3 reads 2 % high")  # being typed when they switch
            for code in ("de", "zh_CN", "en"):
                seen = SEEN[code]
                switch(code)  # nothing rebuilt, nothing reloaded: the headers follow at once
                assert _headers(oee.table)[1] == seen["availability"]
                assert oee.table.item(oee.table.rowCount() - 1, 0).text() == seen["line"]
                assert oee.reasons.title == seen["reasons"]
                assert oee.reason_panel.title.text().startswith(seen["prompt"])
                assert _headers(lineage.tree)[0] == seen["lot"]
                assert _headers(lineage.timeline)[0] == seen["time"]
                assert _headers(checkout.table)[2] == seen["live"]
                assert checkout.table.item(0, 2).text() == seen["no_value"]
                assert scanner.model.headerData(0, Qt.Orientation.Horizontal) == seen["address"]
                assert _headers(browser.endpoints)[1] == seen["mode"]
                assert _headers(browser.references)[1] == seen["direction"]
                assert _headers(diagnostics.table)[2] == seen["state"]
                assert diagnostics.table.item(0, 2).text() == seen["connecting"]
                assert diagnostics.table.item(0, 0).text() == CONFIG.connections[0].id
                assert editor.tabs.tabText(0).startswith(seen["problems"])
                assert seen["accepts"] in editor.verdict.text()
                assert checkout.note.text() == "gauge 3 reads 2 % high"
                assert checkout.point_label.text().startswith(tag_ids[0])
                # Content is the config's: the same ids in every language.
                assert [checkout.table.item(r, 0).text()
                        for r in range(checkout.table.rowCount())] == tag_ids
        finally:
            for screen in (checkout, scanner, browser, diagnostics, editor):
                screen.close()


@pytest.mark.parametrize("code", ["de", "zh_CN"])
def test_the_operator_screens_fit_a_touch_panel(
        qtbot: QtBot, qapp: QApplication, db: PlantDb, security: Security, clock: FakeClock,
        tmp_path: Path, switch: Callable[[str], None], code: str) -> None:
    """German is long and Chinese needs its font: at touch sizes, in the content area of a
    1024 x 600 panel (beside the side bar, under the header), every button shows its whole
    text and no screen asks for more width than there is."""
    with at_sizes(qapp, TouchMetrics.touch()):
        switch(code)
        monitor = fed_spc(clock)
        screens: list[QWidget] = [
            OeeScreen(_oee(db, security, clock), None, clock=clock, refresh_ms=60_000),
            SpcScreen(monitor, refresh_ms=60_000),
            LineageScreen(db, CONFIG, tmp_path / "exports")]
        try:
            for screen in screens:
                _add(qtbot, screen)
                screen.resize(CONTENT_W, CONTENT_H)
            qtbot.waitUntil(lambda: screens[0].snapshot is not None, timeout=5000)  # type: ignore[attr-defined]
            for screen in screens:
                hint = screen.minimumSizeHint()
                assert hint.width() <= CONTENT_W, (code, type(screen).__name__, hint)
                cut = [(b.text(), b.width(), b.sizeHint().width())
                       for b in screen.findChildren(QPushButton)
                       if b.isVisible() and b.sizeHint().width() > b.width()]
                assert cut == [], (f"{code} {type(screen).__name__}: buttons narrower than "
                                   "their text")
        finally:
            for screen in screens:
                screen.close()
            monitor.stop()

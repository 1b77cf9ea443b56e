"""The lineage screen on a real plant database: lots scanned at the panel from a mixer
batch to a cell tray, a hold on the coated roll; the id typed on the touch keyboard shows
the tree of parents and the timeline, and the export button writes the bundle."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.plantdb import PlantDb
from hmi.production.holds import LotHoldStore
from hmi.production.lots import LotStore, LotTracker
from hmi.security import Security
from hmi.ui.lineage_screen import LineageScreen
from tests.security.conftest import FakeClock
from tests.ui.production_shots import grab_sizes

CHAIN = (("mixer", "MIX-0815"), ("coater", "ROLL-C-12"), ("calender", "ROLL-K-12"),
         ("slitter", "SLIT-12-A"), ("winder", "TRAY-0042"))


def _tree_paths(item: object) -> list[list[str]]:
    from PySide6.QtWidgets import QTreeWidgetItem
    assert isinstance(item, QTreeWidgetItem)
    if item.childCount() == 0:
        return [[item.text(0)]]
    return [[item.text(0), *rest] for i in range(item.childCount())
            for rest in _tree_paths(item.child(i))]


def test_typed_lot_shows_its_tree_and_timeline_and_exports(
        qtbot: QtBot, db: PlantDb, security: Security, clock: FakeClock,
        tmp_path: Path) -> None:
    config = load_line_config(DEMO_LINE)
    stations = [s for s, _ in CHAIN]
    feeds = {child: (parent,) for parent, child in pairwise(stations)}
    tracker = LotTracker(LotStore(db), {}, feeds, clock=clock)
    for station, lot_id in CHAIN:
        clock.advance(minutes=30)
        tracker.start_lot(station, lot_id, by="olga")
    holds = LotHoldStore(db, security.audit, security.signatures, clock)
    holds.place("ROLL-C-12", ["coater"], "coat weight out of spec at 1200 m", source="manual",
                actor="quinn")
    screen = LineageScreen(db, config, tmp_path / "exports")
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.recent.count() == len(CHAIN), timeout=5000)
    assert screen.recent.item(0).text().startswith("TRAY-0042")  # newest first

    screen.keyboard_button.click()  # the touch keyboard, instead of the tree for now
    assert screen.keyboard.isVisibleTo(screen) and not screen.body.isVisibleTo(screen)
    grab_sizes(screen, tmp_path, "lineage_keyboard")
    for key in "tray-0042":
        screen.keyboard.press(key)
    assert screen.lot_edit.text() == "tray-0042"
    said: list[str] = []
    screen.said.connect(said.append)
    with qtbot.waitSignal(screen.said, timeout=5000):
        screen.show_lot()  # ids are exact: a lower-case id is another lot
    assert "lot 'tray-0042' is not recorded" in said[-1]
    screen.lot_edit.setText("TRAY-0042")
    with qtbot.waitSignal(screen.shown, timeout=5000):
        screen.show_button.click()
    assert screen.body.isVisibleTo(screen) and not screen.keyboard.isVisibleTo(screen)
    assert _tree_paths(screen.tree.topLevelItem(0)) == [[lot for _, lot in reversed(CHAIN)]]
    rows = [[(screen.timeline.item(r, c) or QTableWidgetItem()).text() for c in range(5)]
            for r in range(screen.timeline.rowCount())]
    assert any(r[1] == "ROLL-C-12" and r[2] == "hold" and "coat weight" in r[3]
               and r[4] == "quinn" for r in rows), rows
    assert ("5 lots back through winder ← slitter ← calender ← coater ← mixer"
            in screen.summary.text())
    assert "in memory only" in screen.summary.toolTip()
    grab_sizes(screen, tmp_path, "lineage_screen")

    with qtbot.waitSignal(screen.exported, timeout=10000) as done:
        screen.export_button.click()
    folder = Path(done.args[0])
    assert folder == tmp_path / "exports" / "lineage_TRAY-0042"
    assert {p.name for p in folder.iterdir()} >= {"summary.txt", "lineage.json",
                                                  "timeline.csv", "audit.csv"}
    assert "ROLL-C-12" in (folder / "audit.csv").read_text()  # the hold's audit entry
    assert said[-1].startswith("✓ export bundle written to")
    screen.close()

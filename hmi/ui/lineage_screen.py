"""The lineage screen: enter or scan a lot id (a scanner types it and presses Enter; a
finger uses the touch keyboard), see the tree of lots it was made from, the timeline of
everything that touched them, and write the export bundle for quality people.

Reads and the export run on the screen's worker (hmi.production.lineage reads the plant
database; the bundle also reads the history database). The recent lots come from the lots
table, newest first, read again whenever the screen is shown and, given the running
LotTracker, as soon as a lot starts (the PLC's lots open after the links connect, so a
list read only at start-up would be empty on a fresh start).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.config.schema import LineConfig
from hmi.historian import HistoryError, HistoryReader
from hmi.plantdb import PlantDb
from hmi.production.lineage import Lineage, LineageReader, alarms_by_station
from hmi.production.lineage_export import export_bundle
from hmi.production.lots import Lot, LotStore, LotTracker
from hmi.ui.worker import WorkerScreen
from widgets.retranslating import Retranslating
from widgets.theme import metrics
from widgets.touch_keyboard import TouchKeyboard

RECENT_LOTS = 40
TREE_NODES = 400  # a coated roll of many mixer batches repeats below every child: a cap


def kind_text(kind: str) -> str:
    """A timeline event's kind (hmi.production.lineage.KINDS) as the reader says it."""
    said = {
        "recipe": QCoreApplication.translate("LineageScreen", "recipe"),
        "variance": QCoreApplication.translate("LineageScreen", "variance"),
        "write": QCoreApplication.translate("LineageScreen", "write", "a PLC write"),
        "alarm": QCoreApplication.translate("LineageScreen", "alarm"),
        "restore": QCoreApplication.translate("LineageScreen", "restore"),
        "exposure": QCoreApplication.translate("LineageScreen", "exposure"),
        "hold": QCoreApplication.translate("LineageScreen", "hold", "a lot hold"),
        "spc": QCoreApplication.translate("LineageScreen", "SPC"),
    }
    return said.get(kind, kind)


class LineageScreen(Retranslating, WorkerScreen):
    shown = Signal(str)  # the lot whose lineage is on screen
    exported = Signal(str)  # the bundle's folder
    lot_started = Signal(str)  # from the lot tracker's thread: queued to the GUI thread
    recent_loaded = Signal()

    def __init__(self, db: PlantDb, config: LineConfig, export_dir: Path, *,
                 history_url: str | None = None, parent: QWidget | None = None,
                 lots: LotTracker | None = None) -> None:
        super().__init__("lineage-screen", parent)
        self.lot_started.connect(self._on_lot_started)
        self._unlisten = lots.add_listener(self.lot_started.emit) if lots is not None else None
        self._db, self._export_dir, self._history_url = db, export_dir, history_url
        self._reader = LineageReader(db, alarm_stations=alarms_by_station(config))
        self._lots = LotStore(db)
        self._station_tags: dict[str, list[str]] = {}
        for tag in config.tags:
            self._station_tags.setdefault(tag.station, []).append(tag.id)
        self.lineage: Lineage | None = None
        button_px = metrics().button_px(self)
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.lot_edit = QLineEdit()
        self.lot_edit.setMinimumHeight(button_px)
        self.lot_edit.returnPressed.connect(self.show_lot)  # a scanner ends with Enter
        top.addWidget(self.lot_edit, 3)
        self.keyboard_button = QPushButton()
        self.keyboard_button.setCheckable(True)
        self.show_button = QPushButton()
        self.export_button = QPushButton()
        self.export_button.setEnabled(False)
        for button in (self.keyboard_button, self.show_button, self.export_button):
            button.setMinimumHeight(button_px)
            top.addWidget(button, 1)
        self.keyboard_button.toggled.connect(self._on_keyboard_toggled)
        self.show_button.clicked.connect(self.show_lot)
        self.export_button.clicked.connect(self.export)
        box.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Its own lines only: with the keyboard up, spare height goes below the keyboard.
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        box.addWidget(self.summary)
        self.keyboard = TouchKeyboard()
        self.keyboard.attach(self.lot_edit)
        self.keyboard.hide()
        box.addWidget(self.keyboard)
        box.addStretch(0)
        self.body = QSplitter()
        self.recent = QListWidget()
        self.recent.itemClicked.connect(self._on_recent_clicked)
        self.body.addWidget(self.recent)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.body.addWidget(self.tree)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 3)
        box.addWidget(self.body, 2)
        self.timeline = QTableWidget(0, 5)
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        head = self.timeline.horizontalHeader()
        for column in (0, 1, 2, 4):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.timeline, 3)
        self._recent: list[Lot] = []
        self.retranslate()
        self.reload_recent()

    def retranslate(self) -> None:
        self.lot_edit.setPlaceholderText(self.tr("Scan or type a lot id, e.g. winder-12"))
        self.keyboard_button.setText(self.tr("⌨ Keyboard"))
        self.show_button.setText(self.tr("Show lineage"))
        self.export_button.setText(self.tr("Export bundle"))
        self.tree.setHeaderLabels([self.tr("Lot"), self.tr("Station"), self.tr("Started"),
                                   self.tr("Recipe"), self.tr("Exposure")])
        self.timeline.setHorizontalHeaderLabels([
            self.tr("Time (UTC)"), self.tr("Lot"), self.tr("Kind"), self.tr("What"),
            self.tr("By", "who did it")])
        if self.lineage is not None:
            self._show_summary(self.lineage)
            self._fill_timeline(self.lineage)
        else:
            self.summary.setText(self.tr("Pick a recent lot or scan one."))
        self._fill_recent()

    # ---- picking a lot -----------------------------------------------------------------
    def reload_recent(self) -> None:
        self._run(lambda: self._lots.recent(limit=RECENT_LOTS), self._on_recent)

    def _on_lot_started(self, _lot_id: str) -> None:
        self.reload_recent()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: the list as it is now
        super().showEvent(event)
        self.reload_recent()

    def _on_recent(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        self._recent = [lot for lot in result if isinstance(lot, Lot)]
        self._fill_recent()
        self.recent_loaded.emit()

    def _fill_recent(self) -> None:
        self.recent.clear()
        for lot in self._recent:
            state = self.tr("running") if lot.ended_at is None else self.tr("ended")
            item = QListWidgetItem(f"{lot.lot_id}  ({lot.station}, {state})")
            item.setSizeHint(QSize(0, round(metrics().button_px(self) * 0.8)))  # a finger's row
            item.setData(Qt.ItemDataRole.UserRole, lot.lot_id)
            self.recent.addItem(item)

    def _on_recent_clicked(self, item: QListWidgetItem) -> None:
        self.lot_edit.setText(str(item.data(Qt.ItemDataRole.UserRole)))
        self.show_lot()

    def _on_keyboard_toggled(self, on: bool) -> None:
        self.keyboard.setVisible(on)
        self.body.setVisible(not on)  # a 600-pixel panel has room for one of them
        self.timeline.setVisible(not on)
        if on:
            self.lot_edit.setFocus()

    def show_lot(self) -> None:
        lot_id = self.lot_edit.text().strip()
        if not lot_id:
            self._say("✗ " + self.tr("scan or type a lot id first"))
            return
        self.keyboard_button.setChecked(False)
        self.summary.setText(self.tr("Reading the lineage of {0}…").format(lot_id))
        self._run(lambda: self._reader.lineage(lot_id), self._on_lineage)

    def _on_lineage(self, result: object) -> None:
        if isinstance(result, Exception):
            self.summary.setText(f"✗ {result}")
        if self._refused(result):
            return
        assert isinstance(result, Lineage)
        self.lineage = result
        self.export_button.setEnabled(True)
        self._fill_tree(result)
        self._fill_timeline(result)
        self._show_summary(result)
        self.shown.emit(result.lot_id)

    def _show_summary(self, result: Lineage) -> None:
        events = sum(len(x.events) for x in result.lots)
        held = sum(x.count("hold") + x.count("spc") for x in result.lots)
        exposure = sum(x.exposure_min for x in result.lots)
        chain = " ← ".join(dict.fromkeys(x.lot.station for x in result.lots))  # nearest first
        # Counts as "events: 3" rather than plural forms: one catalogue entry per language.
        self.summary.setText(self.tr(
            "{0}: {1} lots back through {2}; events: {3}, hold records: {4}, dew-point "
            "exposure {5} min. SPC: only its holds are on record.").format(
                result.lot_id, len(result.lots), chain, events, held, f"{exposure:.1f}"))
        self.summary.setToolTip("; ".join(result.notes))

    def _fill_tree(self, lineage: Lineage) -> None:
        self.tree.clear()
        parents: dict[str, list[str]] = {}
        for parent, child in lineage.links:
            parents.setdefault(child, []).append(parent)
        info = {x.lot.lot_id: x for x in lineage.lots}
        count = 0

        def node(lot_id: str, path: Sequence[str]) -> QTreeWidgetItem:
            nonlocal count
            count += 1
            x = info[lot_id]
            recipe = (f"{x.recipe.recipe_id} v{x.recipe.version}" if x.recipe else "–")
            item = QTreeWidgetItem([lot_id, x.lot.station,
                                    f"{x.lot.started_at:%Y-%m-%d %H:%M}", recipe,
                                    f"{x.exposure_min:.1f} min" if x.exposure_min else ""])
            for parent in parents.get(lot_id, []):
                if parent in info and parent not in path and count < TREE_NODES:
                    item.addChild(node(parent, [*path, lot_id]))
            return item

        root = node(lineage.lot_id, [])
        self.tree.addTopLevelItem(root)
        self.tree.expandToDepth(5)

    def _fill_timeline(self, lineage: Lineage) -> None:
        events = lineage.timeline()
        self.timeline.setRowCount(len(events))
        for row, e in enumerate(events):
            cells = (f"{e.at:%Y-%m-%d %H:%M:%S}", e.lot_id, kind_text(e.kind), e.text, e.by)
            for column, text in enumerate(cells):
                self.timeline.setItem(row, column, QTableWidgetItem(text))

    # ---- the export bundle -------------------------------------------------------------
    def export(self) -> None:
        lineage = self.lineage
        if lineage is None:
            self._say("✗ " + self.tr("show a lot's lineage first"))
            return
        self.export_button.setEnabled(False)
        self._run(lambda: self._export(lineage), self._on_exported)

    def _export(self, lineage: Lineage) -> Path:
        reader: HistoryReader | None = None
        if self._history_url is not None:
            try:
                reader = HistoryReader(self._history_url)
            except HistoryError:
                reader = None  # the bundle's summary says history was not there
        try:
            return export_bundle(lineage, self._export_dir, self._db, history=reader,
                                 station_tags=self._station_tags)
        finally:
            if reader is not None:
                reader.close()

    def _on_exported(self, result: object) -> None:
        self.export_button.setEnabled(True)
        if isinstance(result, OSError):
            self._say("✗ " + self.tr("cannot write the bundle into {0}: {1}").format(
                self._export_dir, result.strerror))
            return
        if self._refused(result):
            return
        self._say("✓ " + self.tr("export bundle written to {0}").format(result))
        self.exported.emit(str(result))

    def close(self) -> bool:  # Qt slot override: the tracker stops telling this screen
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        return super().close()

"""Alarm journal and alarm KPIs, one screen with two tabs (DOMAIN.md 3.2, level 4 of the
display hierarchy: diagnostics). Queries run on the screen's worker."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from hmi.alarms import AlarmJournal
from hmi.config.schema import LineConfig
from hmi.ui.alarm_journal_view import AlarmJournalView, JournalFilter
from hmi.ui.alarm_kpi_view import AlarmKpiView, kpi_report
from hmi.ui.worker import WorkerScreen
from widgets.retranslating import Retranslating


class AlarmHistoryScreen(Retranslating, WorkerScreen):
    def __init__(self, journal: AlarmJournal, config: LineConfig,
                 station_of: Mapping[str, str], parent: QWidget | None = None) -> None:
        """``station_of``: alarm id -> station (the journal rows name the alarm only)."""
        super().__init__("alarm-history", parent)
        self._journal = journal
        self._station_of = dict(station_of)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)  # a 600 px panel needs every row for the data
        self.tabs = QTabWidget()
        box.addWidget(self.tabs)
        consoles = sorted({d.console for d in config.alarms})
        stations = [s.id for s in config.stations]
        self.journal_view = AlarmJournalView(stations, consoles, self._station_of)
        self.journal_view.search_requested.connect(self.search)
        self.tabs.addTab(self.journal_view, "")
        self.kpi_view = AlarmKpiView(consoles)
        self.kpi_view.period_requested.connect(self.compute_kpis)
        self.tabs.addTab(self.kpi_view, "")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Journal"))
        self.tabs.setTabText(1, self.tr("KPIs per console"))

    def search(self, journal_filter: JournalFilter) -> None:
        journal, stations = self._journal, self._station_of
        self._run(lambda: journal_filter.rows(journal, stations), self._on_rows)

    def _on_rows(self, result: object) -> None:
        if self._refused(result):
            return
        assert isinstance(result, list)
        self.journal_view.show_rows(result)

    def compute_kpis(self, period_s: float) -> None:
        journal = self._journal
        self._run(lambda: kpi_report(journal, period_s), self._on_kpis)

    def _on_kpis(self, result: object) -> None:
        if not self._refused(result):
            self.kpi_view.show_report(result)  # type: ignore[arg-type]

    def _on_tabs_current_changed(self, index: int) -> None:
        self._refresh()

    def _refresh(self) -> None:
        if self.tabs.currentWidget() is self.kpi_view:
            self.compute_kpis(self.kpi_view.period_s())
        else:
            self.journal_view.search()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._refresh()  # fresh on every visit: the journal grows all the time

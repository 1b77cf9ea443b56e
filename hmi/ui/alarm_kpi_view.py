"""Alarm KPIs per operator console against DOMAIN.md 3.2: the rate per 10 minutes (flood
line at 10), the targets table (met or not, in words), the priority distribution and the
top-10 bad actors, as simple self-painted bars (widgets.alarm_bars)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.alarms import AlarmJournal, Event
from hmi.alarms.kpi import FLOOD_ABOVE, TARGETS, ConsoleKpis, compute_kpis
from hmi.core.tags import utc_now
from hmi.ui.alarm_table import selection_style
from hmi.ui.period_buttons import add_period_buttons, checked_period
from widgets.alarm_bars import AlarmBars, Reference
from widgets.retranslating import Retranslating
from widgets.theme import metrics

PERIODS_S = {"8 h": 8 * 3600.0, "24 h": 86_400.0, "7 d": 7 * 86_400.0, "30 d": 30 * 86_400.0}
TEN_MIN = timedelta(minutes=10)
HOUR = timedelta(hours=1)
# The KPIs by id, in English (translated when shown: measure_name).
MEASURE_NAMES = {
    "per_10min_avg": QT_TRANSLATE_NOOP("AlarmKpiView", "Alarms per 10 min (average)"),
    "per_day_avg": QT_TRANSLATE_NOOP("AlarmKpiView", "Alarms per day (average)"),
    "peak_per_hour": QT_TRANSLATE_NOOP("AlarmKpiView", "Peak alarms in one hour"),
    "flood_fraction": QT_TRANSLATE_NOOP("AlarmKpiView", "10-min intervals in flood"),
    "chattering": QT_TRANSLATE_NOOP("AlarmKpiView", "Chattering alarms (≥3 in 60 s)"),
    "stale": QT_TRANSLATE_NOOP("AlarmKpiView", "Stale alarms (active > 24 h)"),
    "high_priority_share": QT_TRANSLATE_NOOP("AlarmKpiView", "Share priority 1-2"),
    "medium_priority_share": QT_TRANSLATE_NOOP("AlarmKpiView", "Share priority 3"),
    "low_priority_share": QT_TRANSLATE_NOOP("AlarmKpiView", "Share priority 4"),
}
MEASURE_ROLE = Qt.ItemDataRole.UserRole  # a row's measure id (the text is translated)


def measure_name(measure: str) -> str:
    return QCoreApplication.translate("AlarmKpiView", MEASURE_NAMES[measure])


@dataclass(frozen=True, slots=True)
class KpiReport:
    start: datetime
    end: datetime
    bucket: timedelta  # 10 min up to a day, an hour beyond (a month is 4320 ten-minutes)
    kpis: dict[str, ConsoleKpis]
    rates: dict[str, list[int]]  # per console: annunciated activations per bucket


def kpi_report(journal: AlarmJournal, period_s: float, now: datetime | None = None) -> KpiReport:
    """The KPIs of every console over the period up to now (run on a worker: it reads the
    whole period's activations)."""
    end = now or utc_now()
    start = end - timedelta(seconds=period_s)
    rows = journal.rows(start, end, events=[Event.ACTIVATE])
    kpis = compute_kpis(rows, start, end, journal.latest_per_alarm())
    bucket = TEN_MIN if period_s <= 86_400 else HOUR
    count = max(1, -(-int((end - start) / timedelta(seconds=1)) // int(bucket.total_seconds())))
    rates: dict[str, list[int]] = {}
    for row in rows:
        if row.annunciated:
            series = rates.setdefault(row.console, [0] * count)
            series[min(count - 1, int((row.at - start) / bucket))] += 1
    return KpiReport(start, end, bucket, kpis, rates)


class AlarmKpiView(Retranslating, QWidget):
    period_requested = Signal(float)  # seconds back from now

    def __init__(self, consoles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: KpiReport | None = None
        self.console = consoles[0] if consoles else ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        choices = QHBoxLayout()
        self._period_label, self._console_label = QLabel(), QLabel()
        choices.addWidget(self._period_label)
        self._periods = add_period_buttons(choices, self, PERIODS_S, "24 h",
                                           self.period_requested.emit)
        choices.addSpacing(metrics().gap_px(self))
        choices.addWidget(self._console_label)
        self.console_combo = QComboBox()
        self.console_combo.addItems(list(consoles))
        self.console_combo.currentTextChanged.connect(self._on_console_combo_changed)
        choices.addWidget(self.console_combo)
        self._chosen = False  # until the operator picks one, the busiest console is shown
        choices.addStretch(1)
        box.addLayout(choices)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        box.addWidget(self.summary_label)
        # Two columns of two: the rate over time and the targets left, the distribution
        # and the bad actors right; each half of a 600 px panel's height.
        body = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.rate_bars = AlarmBars("")
        left.addWidget(self.rate_bars, 1)
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setStyleSheet(selection_style())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        left.addWidget(self.table, 1)
        self.priority_bars = AlarmBars("", horizontal=True)
        self.actor_bars = AlarmBars("", horizontal=True)
        right.addWidget(self.priority_bars, 1)
        right.addWidget(self.actor_bars, 2)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        box.addLayout(body, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self._period_label.setText(self.tr("Period"))
        self._console_label.setText(self.tr("Console"))
        self.table.setHorizontalHeaderLabels(
            (self.tr("KPI"), self.tr("Value"), self.tr("Target (DOMAIN 3.2)")))
        self.rate_bars.title = self.tr("Alarms per 10 min")
        self.priority_bars.title = self.tr("Priority distribution (% of alarms)")
        self.actor_bars.title = self.tr("Top 10 bad actors")
        for bars in (self.rate_bars, self.priority_bars, self.actor_bars):
            bars.update()
        if self.report is not None:
            self.show_console(self.console)  # the summary, table and notes again

    def period_s(self) -> float:
        return PERIODS_S[checked_period(self._periods, "24 h")]

    def show_report(self, report: KpiReport) -> None:
        self.report = report
        if not self._chosen and report.kpis:
            self.console = max(report.kpis, key=lambda c: report.kpis[c].activations)
        self.show_console(self.console)

    def _on_console_combo_changed(self, console: str) -> None:
        if console != self.console:
            self._chosen = True
            self.show_console(console)

    def show_console(self, console: str) -> None:
        self.console = console
        if self.console_combo.currentText() != console:
            self.console_combo.setCurrentText(console)
        report = self.report
        if report is None:
            return
        kpis = report.kpis.get(console)
        rates = report.rates.get(console, [])
        shape = "%H:%M" if report.bucket == TEN_MIN else "%d.%m %Hh"
        labels = [f"{(report.start + i * report.bucket).astimezone():{shape}}"
                  for i in range(len(rates))]
        if report.bucket == TEN_MIN:
            refs = [Reference(1, self.tr("target 1")),
                    Reference(FLOOD_ABOVE, self.tr("flood > {0}").format(FLOOD_ABOVE))]
            limit = float(FLOOD_ABOVE)
            self.rate_bars.title = self.tr("Alarms per 10 min")
        else:
            refs = [Reference(15, self.tr("peak target 15/h"))]
            limit = 15.0
            self.rate_bars.title = self.tr("Alarms per hour")
        no_alarms = self.tr("no alarms")
        self.rate_bars.set_bars(labels, rates, limit=limit, references=refs,
                                note=self.tr("no annunciated alarms in the period"))
        if kpis is None:
            self.summary_label.setText(self.tr(
                "Console {0}: no annunciated alarm and no stale alarm in the period."
            ).format(console))
            self.table.setRowCount(0)
            self.priority_bars.set_bars([], [], note=no_alarms)
            self.actor_bars.set_bars([], [], note=no_alarms)
            return
        self._show_summary(kpis)
        self._show_table(kpis)
        total = sum(kpis.by_priority.values()) or 1
        self.priority_bars.set_bars(
            [f"P{p}" for p in sorted(kpis.by_priority)],
            [round(100 * kpis.by_priority[p] / total) for p in sorted(kpis.by_priority)],
            note=no_alarms)
        self.actor_bars.set_bars([a.alarm_id for a in kpis.bad_actors],
                                 [a.activations for a in kpis.bad_actors], note=no_alarms)

    def _show_summary(self, k: ConsoleKpis) -> None:
        floods = (self.tr("%n flood(s), longest {0} min", "", len(k.floods)).format(
            f"{max(f.duration_s for f in k.floods) / 60:.0f}") if k.floods
            else self.tr("no flood"))
        none = self.tr("none")
        chatter = ", ".join(c.alarm_id for c in k.chattering) or none
        stale = ", ".join(s.alarm_id for s in k.stale) or none
        text = self.tr("Console {0}: %n alarm(s), {1}. Chattering: {2}. Stale: {3}.", "",
                       k.activations).format(k.console, floods, chatter, stale)
        if not k.enough_data:
            text += " " + self.tr("Less than 30 days of data: the rates are indicative only.")
        self.summary_label.setText(text)

    def _show_table(self, k: ConsoleKpis) -> None:
        measures, met = k.measures(), k.verdicts()
        names = [n for n in MEASURE_NAMES if n in measures]
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            target, side = TARGETS[name]
            value = measures[name]
            share = name.endswith("_share") or name == "flood_fraction"
            shown = f"{value * 100:.0f} %" if share else f"{value:.3g}"
            goal = f"{target * 100:.0f} %" if share else f"{target:g}"
            verdict = "" if name not in met else (
                self.tr("✓ met") if met[name] else self.tr("✗ NOT MET"))
            cells = (measure_name(name), f"{shown}  {verdict}".strip(),
                     f"{'≤' if side == 'max' else '≥'} {goal}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(MEASURE_ROLE, name)
                if name in met and not met[name]:
                    font = item.font()
                    font.setBold(True)  # shape of the text, not colour (ISA-101)
                    item.setFont(font)
                self.table.setItem(row, column, item)

    def verdict_of(self, measure: str) -> str:
        """The Value cell of a measure as shown (tests read what the operator reads)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(MEASURE_ROLE) == measure:
                value = self.table.item(row, 1)
                return "" if value is None else value.text()
        raise KeyError(measure)

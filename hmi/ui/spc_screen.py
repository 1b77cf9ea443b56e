"""The SPC screen: pick a characteristic, see its control chart (limits, zones, every rule
violation marked and named), the violations in words, and Cp/Cpk/Pp/Ppk or why they are
not computed (DOMAIN.md 5.2: only in control and with enough subgroups).

The monitor keeps its points in memory (hmi.production.spc); `chart()` analyses them, so
it runs on the screen's worker, re-read every `refresh_ms` while the screen is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from hmi.production.capability import CPK_HOLD
from hmi.production.spc import SpcMonitor
from hmi.production.spc_analysis import ChartView
from hmi.ui.worker import WorkerScreen
from widgets.spc_chart import SpcChart
from widgets.theme import metrics

REFRESH_MS = 2000
VIOLATIONS_SHOWN = 50
CHART_NAMES = {"imr": "I-MR", "xbar_r": "X̄-R"}


def capability_text(view: ChartView) -> str:
    cap = view.capability
    if cap is None:
        return "Capability: no control limits yet (fewer than 2 subgroups)"

    def fmt(x: float | None) -> str:
        return f"{x:.2f}" if x is not None else "–"

    text = (f"Cp {fmt(cap.cp)}   Cpk {fmt(cap.cpk)}   Pp {fmt(cap.pp)}   Ppk {fmt(cap.ppk)}"
            f"   ({cap.verdict}; {cap.subgroups} subgroups)")
    if cap.cpk is not None and cap.cpk < CPK_HOLD and view.characteristic.critical:
        text += f"\nCpk below {CPK_HOLD}: a critical characteristic: the lot is held"
    if cap.refused:
        text += "\nNot computed: " + "; ".join(cap.refused)
    return text


def violation_lines(view: ChartView) -> list[str]:
    """Newest first: "WE1 at 08:12:04: 1 point beyond 3 sigma"."""
    lines = []
    for v in reversed(view.violations[-VIOLATIONS_SHOWN:]):
        at = view.points[v.index].at if 0 <= v.index < len(view.points) else None
        when = f" at {at:%Y-%m-%d %H:%M:%S}" if at is not None else ""
        lines.append(f"{v.rule}{when}: {v.description}")
    return lines


class SpcScreen(WorkerScreen):
    refreshed = Signal()

    def __init__(self, spc: SpcMonitor, parent: QWidget | None = None, *,
                 refresh_ms: int = REFRESH_MS) -> None:
        super().__init__("spc-screen", parent)
        self._spc = spc
        self.view: ChartView | None = None
        self._loading = False
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setMinimumHeight(metrics().button_px(self))
        for char in spc.characteristics:
            label = f"{char.id} at {char.station}" + (" (critical)" if char.critical else "")
            self.picker.addItem(label, char.id)
        self.picker.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.picker, 1)
        self.limits_label = QLabel()
        self.limits_label.setWordWrap(True)
        top.addWidget(self.limits_label, 2)
        box.addLayout(top)
        self.chart = SpcChart()
        box.addWidget(self.chart, 3)
        self.capability_label = QLabel()
        self.capability_label.setWordWrap(True)
        box.addWidget(self.capability_label)
        self.violations = QListWidget()
        box.addWidget(self.violations, 1)
        if not spc.characteristics:
            self.limits_label.setText("No SPC characteristics in the line config: add "
                                      "[[production.characteristics]] tables")
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(refresh_ms)
        self.refresh()

    def select(self, characteristic: str) -> None:
        index = self.picker.findData(characteristic)
        if index < 0:
            raise KeyError(characteristic)
        self.picker.setCurrentIndex(index)

    def refresh(self) -> None:
        char_id = self.picker.currentData()
        if char_id is None or self._loading:
            return
        self._loading = True
        self._run(lambda: self._spc.chart(str(char_id)), self._on_loaded)

    def _on_loaded(self, result: object) -> None:
        self._loading = False
        if self._refused(result):
            return
        assert isinstance(result, ChartView)
        if result.characteristic.id != self.picker.currentData():
            self.refresh()  # the operator picked another one meanwhile
            return
        self.view = result
        self._show(result)
        self.refreshed.emit()

    def _show(self, view: ChartView) -> None:
        char = view.characteristic
        lim = view.limits
        values = [p.value for p in view.points]
        if lim is None:
            self.limits_label.setText(f"{len(values)} points; limits after the first "
                                      "subgroups")
            self.chart.set_chart(values, title=char.description or char.id, unit=char.unit,
                                 spec=(char.lsl, char.usl))
        else:
            self.limits_label.setText(
                f"{CHART_NAMES.get(char.chart, char.chart)}: CL {lim.center:.4g}, "
                f"UCL {lim.ucl:.4g}, LCL {lim.lcl:.4g} (limits from {view.baseline}); "
                f"{len(values)} points")
            self.chart.set_chart(values, lim.center, lim.ucl, lim.lcl,
                                 violations=[(v.index, v.rule) for v in view.violations],
                                 spec=(char.lsl, char.usl), title=char.description or char.id,
                                 unit=char.unit)
        self.capability_label.setText(capability_text(view))
        self.violations.clear()
        lines = violation_lines(view)
        self.violations.addItems(lines or ["No rule violations: the chart is in control"])

    def close(self) -> bool:
        self._timer.stop()
        return super().close()

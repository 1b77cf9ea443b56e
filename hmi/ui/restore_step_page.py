"""One page of the restore wizard: a procedure step as the technician needs it.

The operator text large; the kind and the roles allowed; then every condition the step
judges with what the live value is now (✓ holds / ✗ not yet, in words as well as glyphs);
for an action its writes and the effect awaited; for a ramp its target and rate; for a
wait-stable the band and the time. The engine's progress line (held 12 of 30 s, ramp at
40 of 62) is shown while the step runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hmi.core.tags import TagValue
from hmi.restore import Condition, Step, StepKind

KIND_TEXT = {
    StepKind.CHECK: "Check",
    StepKind.ACTION: "Action (verified write)",
    StepKind.CONFIRM: "Confirm (a person)",
    StepKind.RAMP: "Ramp",
    StepKind.WAIT_STABLE: "Wait until stable",
}


class RestoreStepPage(QWidget):
    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.text_label = QLabel(step.text)
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet("font-weight: bold; font-size: 115%;")
        box.addWidget(self.text_label)
        kind = KIND_TEXT[step.kind]
        if step.kind is StepKind.CONFIRM and step.signature:
            kind += f", e-signature: {step.signature}"
        self.kind_label = QLabel(f"{kind} · may be done by {', '.join(step.roles)}")
        self.kind_label.setWordWrap(True)
        box.addWidget(self.kind_label)
        self.live_label = QLabel()
        self.live_label.setWordWrap(True)
        self.live_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.live_label)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setStyleSheet("font-weight: bold;")
        box.addWidget(self.progress_label)
        box.addStretch(1)
        self.show_live({})

    def tags(self) -> set[str]:
        return self.step.tags()

    def show_live(self, latest: Mapping[str, TagValue]) -> None:
        """Every condition and value of the step against the latest live values."""
        live: dict[str, TagValue | None] = {t: latest.get(t) for t in self.step.tags()}
        self.live_label.setText("\n".join(self._lines(live)))

    def show_progress(self, text: str) -> None:
        self.progress_label.setText(text)

    def live_text(self) -> str:
        return self.live_label.text()

    def _lines(self, live: dict[str, TagValue | None]) -> list[str]:
        s = self.step
        lines: list[str] = []
        if s.kind is StepKind.CHECK:
            hold = f" for {s.hold_s:g} s" if s.hold_s else ""
            lines.append(f"Must hold{hold}:")
            lines += [_judged(c, live) for c in s.conditions]
        if s.requires:
            lines.append("Needs first:")
            lines += [_judged(c, live) for c in s.requires]
        for write in s.writes:
            what = f"the value of {write.copy_of}" if write.copy_of else _fmt(write.value)
            lines.append(f"Writes {write.tag} := {what} (now {_now(live, write.tag)})")
        if s.command is not None:
            lines.append(f"PackML command {s.command.name.title()} to {s.station} "
                         f"(state now {_now(live, f'{s.station}.state')})")
        if s.until:
            lines.append("Then waits for:")
            lines += [_judged(c, live) for c in s.until]
        if s.kind is StepKind.RAMP and s.tag:
            lines.append(f"Ramps {s.tag} to {s.to} at {s.rate_per_s:g}/s "
                         f"(now {_now(live, s.tag)}); watches {s.pv} (now {_now(live, s.pv)})")
        if s.kind is StepKind.WAIT_STABLE and s.pv:
            around = s.of or (_fmt(s.value) if s.value is not None else "its own level")
            lines.append(f"{s.pv} within ±{s.band:g} of {around} for {s.for_s:g} s "
                         f"(now {_now(live, s.pv)}"
                         + (f", {s.of} {_now(live, s.of)})" if s.of else ")"))
        if s.kind is StepKind.CONFIRM:
            lines.append("Write what was done in the note below, then Do step.")
        return lines


def _judged(condition: Condition, live: dict[str, TagValue | None]) -> str:
    ok, text = condition.judge(live)
    return f"  {'✓' if ok else '✗'} {text}{'' if ok else ' (not yet)'}"


def _now(live: dict[str, TagValue | None], tag: str | None) -> str:
    value = live.get(tag) if tag else None
    if value is None:
        return "no value yet"
    if not value.quality.is_live:
        return f"not live ({value.quality.value})"
    return _fmt(value.value)


def _fmt(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)

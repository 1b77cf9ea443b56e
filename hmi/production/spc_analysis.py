"""One SPC chart's analysis, the same for the live monitor and `lineside spc`: control
limits from a baseline, every rule firing (run rules on the charted statistic, the spread
chart's upper limit) and the capability of the recent points (DOMAIN.md 5.2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hmi.config.production import Characteristic
from hmi.core.user_text import QT_TRANSLATE_NOOP, Said, UserText, user_text
from hmi.production.capability import (
    Capability,
    Limits,
    LimitsError,
    capability,
    imr_limits,
    spreads,
    xbar_r_limits,
)
from hmi.production.spc_rules import RuleViolation, violations
from hmi.production.subgroups import Point

CAPABILITY_WINDOW = 100  # recent subgroups a capability is computed over
RANGE_RULE = "R"  # the spread chart's point beyond its upper limit


@dataclass(frozen=True, slots=True)
class ChartView:
    characteristic: Characteristic
    points: tuple[Point, ...]
    limits: Limits | None
    baseline: str  # where the limits came from
    violations: tuple[RuleViolation, ...]  # over all points shown
    capability: Capability | None

    def as_dict(self) -> dict[str, object]:
        lim = self.limits
        cap = self.capability
        return {
            "characteristic": self.characteristic.id, "station": self.characteristic.station,
            "chart": self.characteristic.chart, "baseline": self.baseline,
            "limits": None if lim is None else {
                "center": lim.center, "ucl": lim.ucl, "lcl": lim.lcl,
                "spread_center": lim.spread_center, "spread_ucl": lim.spread_ucl,
                "sigma_within": lim.sigma_within},
            "points": [{"at": p.at.isoformat(), "value": p.value} for p in self.points],
            "violations": [{"rule": v.rule, "index": v.index, "description": v.description}
                           for v in self.violations],
            "capability": None if cap is None else {
                "cp": cap.cp, "cpk": cap.cpk, "pp": cap.pp, "ppk": cap.ppk,
                "verdict": cap.verdict, "refused": list(cap.refused)},
        }


def first_subgroups(count: int, *, provisional: bool = False) -> str:
    """Where the limits came from, when the first subgroups were the baseline: English for
    the CLI and the store's readers, its template kept for the SPC screen (a Said)."""
    if provisional:
        return Said.of(user_text(QT_TRANSLATE_NOOP(
            "SpcMessages", "first {count} subgroups (provisional)"), count=count))
    return Said.of(user_text(QT_TRANSLATE_NOOP("SpcMessages", "first {count} subgroups"),
                             count=count))


def rule_message(char: Characteristic, rule: str, meaning: str, value: float) -> str:
    """A rule that fired on the newest point, as the SPC alarm's value says it: English for
    the journal's readers and the CLI, its template kept (a Said) for the alarm screen; the
    rule's meaning is one the SPC screen lists (context SpcScreen)."""
    return Said.of(user_text(QT_TRANSLATE_NOOP(
        "SpcMessages", "{characteristic} at {station}: {rule} {meaning} ({value})"),
        characteristic=char.id, station=char.station, rule=rule,
        meaning=UserText("SpcScreen", meaning), value=_with_unit(value, char.unit)))


def back_in_control(char: Characteristic, value: float) -> str:
    """The SPC alarm's value when the newest point breaks no rule (a Said, as above)."""
    return Said.of(user_text(QT_TRANSLATE_NOOP(
        "SpcMessages", "{characteristic} back in control ({value})"),
        characteristic=char.id, value=_with_unit(value, char.unit)))


def _with_unit(value: float, unit: str) -> str:
    return f"{value:.4g} {unit}".rstrip()


def limits_for(char: Characteristic, points: Sequence[Point]) -> Limits:
    if char.chart == "xbar_r":
        return xbar_r_limits([p.values for p in points])
    return imr_limits([p.value for p in points])


def judge(char: Characteristic, points: Sequence[Point], limits: Limits) -> list[RuleViolation]:
    """The characteristic's run rules on the charted statistic, and the spread chart's
    upper limit."""
    found = violations([p.value for p in points], limits.center, limits.sigma_chart,
                       char.rules)
    spread = spreads(char.chart, [p.values for p in points])
    found += [RuleViolation(RANGE_RULE, "range beyond its upper control limit", i)
              for i, s in enumerate(spread) if s == s and s > limits.spread_ucl > 0]
    return sorted(found, key=lambda v: v.index)


def analyse(char: Characteristic, points: Sequence[Point], limits: Limits | None = None,
            baseline: str = "") -> ChartView:
    """The chart of these points: limits (given, or from the first baseline_subgroups
    points), every rule firing, and the capability of the recent points."""
    if limits is None and len(points) >= 2:
        base = points[: char.baseline_subgroups]
        try:
            limits = limits_for(char, base)
        except LimitsError:
            limits = None
        baseline = first_subgroups(len(base), provisional=len(base) < char.baseline_subgroups)
    if limits is None:
        return ChartView(char, tuple(points), None, "no limits yet", (), None)
    found = judge(char, points, limits)
    recent = list(points[-CAPABILITY_WINDOW:])
    first = len(points) - len(recent)
    unstable = [v for v in found if v.index >= first]
    cap = capability([p.values for p in recent], limits, char.lsl, char.usl,
                     in_control=not unstable, min_subgroups=char.min_subgroups,
                     unstable_reason=", ".join(sorted({v.rule for v in unstable})))
    return ChartView(char, tuple(points), limits, baseline, tuple(found), cap)

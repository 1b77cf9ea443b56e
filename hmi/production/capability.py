"""Control limits and process capability (DOMAIN.md 5.2).

- X-bar R: X-double-bar +- A2 R-bar; R chart D3 R-bar .. D4 R-bar; sigma_within = R-bar/d2.
- I-MR: x-bar +- 2.66 MR-bar; MR chart up to 3.267 MR-bar; sigma_within = MR-bar/1.128.
- Cp = (USL - LSL) / 6 sigma_within; Cpk = min(USL - mu, mu - LSL) / 3 sigma_within
  (one-sided with one limit); Pp, Ppk the same with the overall sample standard deviation.

When they may be computed (refused otherwise, with the reason):
- Cp/Cpk: the chart is in control (no run rule fires, no range beyond its limit) and has
  at least `min_subgroups` subgroups (25, [EST] DOMAIN.md 5.2): capability of an unstable
  process predicts nothing.
- Pp/Ppk: at least 30 individual values (AIAG PPAP minimum); they describe what was made,
  stable or not.
Both need spec limits (Cp and Pp both of them) and a spread above zero.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from hmi.core.user_text import QT_TRANSLATE_NOOP, Param, Said, Source, user_text

# n: (A2, D3, D4, d2) [S78]
CONSTANTS: dict[int, tuple[float, float, float, float]] = {
    2: (1.880, 0.0, 3.267, 1.128),
    3: (1.023, 0.0, 2.574, 1.693),
    4: (0.729, 0.0, 2.282, 2.059),
    5: (0.577, 0.0, 2.114, 2.326),
    6: (0.483, 0.0, 2.004, 2.534),
    7: (0.419, 0.076, 1.924, 2.704),
    8: (0.373, 0.136, 1.864, 2.847),
    9: (0.337, 0.184, 1.816, 2.970),
    10: (0.308, 0.223, 1.777, 3.078),
}
MR_D2 = 1.128  # moving range of two
MR_D4 = 3.267
CPK_HOLD = 1.33  # ongoing: below this on a critical characteristic the lot is held
CPK_WARN = 1.67  # 1.33 <= Cpk < 1.67: a warning (initial studies need Ppk >= 1.67)
MIN_INDIVIDUALS_PPK = 30


@dataclass(frozen=True, slots=True)
class Limits:
    """The charted statistic (X-bar or I) and its spread chart (R or MR)."""

    chart: str  # "xbar_r" or "imr"
    n: int  # values per subgroup (1 for I-MR)
    center: float
    ucl: float
    lcl: float
    spread_center: float  # R-bar or MR-bar
    spread_ucl: float
    spread_lcl: float
    sigma_within: float  # of individual values

    @property
    def sigma_chart(self) -> float:
        """Sigma of the charted statistic: the zones of the run rules."""
        return (self.ucl - self.center) / 3.0


class LimitsError(ValueError):
    """Limits that cannot be computed from what was given; `str()` says why."""


def xbar_r_limits(subgroups: Sequence[Sequence[float]]) -> Limits:
    if len(subgroups) < 2:
        raise LimitsError(f"control limits need at least 2 subgroups, got {len(subgroups)}")
    n = len(subgroups[0])
    if any(len(s) != n for s in subgroups):
        raise LimitsError("every subgroup needs the same size")
    if n not in CONSTANTS:
        raise LimitsError(f"subgroups of {n} have no X-bar R constants (2 to 10)")
    a2, d3, d4, d2 = CONSTANTS[n]
    grand = sum(sum(s) / n for s in subgroups) / len(subgroups)
    rbar = sum(max(s) - min(s) for s in subgroups) / len(subgroups)
    return Limits("xbar_r", n, grand, grand + a2 * rbar, grand - a2 * rbar, rbar, d4 * rbar,
                  d3 * rbar, rbar / d2)


def imr_limits(values: Sequence[float]) -> Limits:
    if len(values) < 2:
        raise LimitsError(f"control limits need at least 2 values, got {len(values)}")
    mean = sum(values) / len(values)
    mrbar = sum(abs(b - a) for a, b in itertools.pairwise(values)) / (len(values) - 1)
    return Limits("imr", 1, mean, mean + 3 / MR_D2 * mrbar, mean - 3 / MR_D2 * mrbar, mrbar,
                  MR_D4 * mrbar, 0.0, mrbar / MR_D2)


def spreads(chart: str, points: Sequence[Sequence[float]]) -> list[float]:
    """Per point, the spread charted beside it: the range (X-bar R) or moving range."""
    if chart == "xbar_r":
        return [max(p) - min(p) for p in points]
    values = [p[0] for p in points]
    return [math.nan] + [abs(b - a) for a, b in itertools.pairwise(values)]


@dataclass(frozen=True, slots=True)
class Capability:
    cp: float | None
    cpk: float | None
    pp: float | None
    ppk: float | None
    mean: float
    sigma_within: float
    sigma_overall: float
    subgroups: int
    individuals: int
    refused: tuple[str, ...]  # why an index is missing (empty: all computed)

    @property
    def verdict(self) -> str:
        if self.cpk is None:
            return "not computed"
        if self.cpk < CPK_HOLD:
            return "not capable"
        return "warning" if self.cpk < CPK_WARN else "capable"


def capability(points: Sequence[Sequence[float]], limits: Limits, lsl: float | None,
               usl: float | None, *, in_control: bool, unstable_reason: str = "",
               min_subgroups: int = 25) -> Capability:
    """Cp, Cpk, Pp, Ppk of the points (subgroups) against the spec limits."""
    values = [v for p in points for v in p]
    refused: list[str] = []
    mean = sum(values) / len(values) if values else math.nan
    overall = _stdev(values)
    cp = cpk = pp = ppk = None
    if lsl is None and usl is None:
        refused.append(_note(QT_TRANSLATE_NOOP(
            "SpcMessages", "no spec limits (lsl/usl) for this characteristic")))
    else:
        if not in_control and unstable_reason:
            refused.append(_note(QT_TRANSLATE_NOOP(
                "SpcMessages", "Cp/Cpk: the chart is not in control ({rules})"),
                rules=unstable_reason))
        elif not in_control:
            refused.append(_note(QT_TRANSLATE_NOOP(
                "SpcMessages", "Cp/Cpk: the chart is not in control")))
        elif len(points) < min_subgroups:
            refused.append(_note(QT_TRANSLATE_NOOP(
                "SpcMessages", "Cp/Cpk: {count} subgroups, at least {needed} needed"),
                count=len(points), needed=min_subgroups))
        elif limits.sigma_within <= 0:
            refused.append(_note(QT_TRANSLATE_NOOP(
                "SpcMessages", "Cp/Cpk: no spread within subgroups (sigma 0)")))
        else:
            cp, cpk = _indices(mean, limits.sigma_within, lsl, usl)
        if len(values) < MIN_INDIVIDUALS_PPK:
            refused.append(_note(QT_TRANSLATE_NOOP(
                "SpcMessages", "Pp/Ppk: {count} values, at least {needed} needed"),
                count=len(values), needed=MIN_INDIVIDUALS_PPK))
        elif overall <= 0:
            refused.append(_note(QT_TRANSLATE_NOOP(
                "SpcMessages", "Pp/Ppk: no spread in the values (sigma 0)")))
        else:
            pp, ppk = _indices(mean, overall, lsl, usl)
        if lsl is None or usl is None:
            refused.append(_note(QT_TRANSLATE_NOOP(
                "SpcMessages", "Cp/Pp: a one-sided spec has no Cp or Pp (Cpk/Ppk only)")))
    return Capability(cp, cpk, pp, ppk, mean, limits.sigma_within, overall, len(points),
                      len(values), tuple(refused))


def _note(template: Source, **params: Param) -> str:
    """A refusal note: its English (reports, the CLI's JSON) carrying its template, for the
    SPC screen to say in the panel's language (hmi.ui.user_text_qt.show)."""
    return Said.of(user_text(template, **params))


def _indices(mean: float, sigma: float, lsl: float | None, usl: float | None
             ) -> tuple[float | None, float]:
    sides = [(usl - mean) if usl is not None else math.inf,
             (mean - lsl) if lsl is not None else math.inf]
    k = min(sides) / (3 * sigma)
    p = (usl - lsl) / (6 * sigma) if usl is not None and lsl is not None else None
    return p, k


def _stdev(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))

"""Run rules on a control chart (DOMAIN.md 5.2): Western Electric WE1-WE4 and Nelson
N1-N8, each a named function over the charted points, the center line and sigma (of the
charted statistic: for X-bar, sigma of the mean; the zones are center +- 1, 2, 3 sigma).

Each returns the indices of the points at which the rule fires: the last point of a run
that satisfies it (a run of 10 on one side fires at the 8th, 9th and 10th point for WE4:
every point that is itself the end of a qualifying run). For the "k of m" rules the
firing point must itself be one of the k, so one excursion is not reported m times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Rule = Callable[[Sequence[float], float, float], list[int]]


@dataclass(frozen=True, slots=True)
class RuleViolation:
    rule: str  # "WE1", "N3", ...
    description: str
    index: int  # the point the rule fired at


def beyond_3_sigma(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """WE1 / N1: one point beyond +-3 sigma."""
    return [i for i, v in enumerate(x) if abs(v - center) > 3 * sigma]


def _k_of_m_beyond(x: Sequence[float], center: float, sigma: float, k: int, m: int,
                   zone: float) -> list[int]:
    fired = []
    for i in range(m - 1, len(x)):
        window = x[i - m + 1: i + 1]
        for side in (1, -1):
            out = [side * (v - center) > zone * sigma for v in window]
            if out[-1] and sum(out) >= k:
                fired.append(i)
                break
    return fired


def two_of_three_beyond_2_sigma(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """WE2 / N5: 2 of 3 consecutive points beyond +-2 sigma, same side."""
    return _k_of_m_beyond(x, center, sigma, 2, 3, 2.0)


def four_of_five_beyond_1_sigma(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """WE3 / N6: 4 of 5 consecutive points beyond +-1 sigma, same side."""
    return _k_of_m_beyond(x, center, sigma, 4, 5, 1.0)


def _same_side(x: Sequence[float], center: float, run: int) -> list[int]:
    fired = []
    for i in range(run - 1, len(x)):
        window = x[i - run + 1: i + 1]
        if all(v > center for v in window) or all(v < center for v in window):
            fired.append(i)
    return fired


def eight_on_one_side(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """WE4: 8 consecutive points on the same side of the center line."""
    return _same_side(x, center, 8)


def nine_on_one_side(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """N2: 9 consecutive points on the same side of the center line."""
    return _same_side(x, center, 9)


def six_trending(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """N3: 6 consecutive points steadily increasing or decreasing."""
    fired = []
    for i in range(5, len(x)):
        steps = [x[j + 1] - x[j] for j in range(i - 5, i)]
        if all(s > 0 for s in steps) or all(s < 0 for s in steps):
            fired.append(i)
    return fired


def fourteen_alternating(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """N4: 14 consecutive points alternating up and down."""
    fired = []
    for i in range(13, len(x)):
        steps = [x[j + 1] - x[j] for j in range(i - 13, i)]
        if all(s != 0 for s in steps) and all(
                (steps[j] > 0) != (steps[j + 1] > 0) for j in range(len(steps) - 1)):
            fired.append(i)
    return fired


def fifteen_within_1_sigma(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """N7: 15 consecutive points within +-1 sigma (stratification: limits too wide)."""
    return [i for i in range(14, len(x))
            if all(abs(v - center) < sigma for v in x[i - 14: i + 1])]


def eight_outside_1_sigma(x: Sequence[float], center: float, sigma: float) -> list[int]:
    """N8: 8 consecutive points none within +-1 sigma, on both sides (mixture)."""
    fired = []
    for i in range(7, len(x)):
        window = x[i - 7: i + 1]
        if (all(abs(v - center) > sigma for v in window)
                and any(v > center for v in window) and any(v < center for v in window)):
            fired.append(i)
    return fired


# Name -> (rule, what it means). WE1-WE3 and N1, N5, N6 are the same tests under two names;
# both sets are listed so a site that follows one names its rules its way.
RULES: dict[str, tuple[Rule, str]] = {
    "WE1": (beyond_3_sigma, "1 point beyond 3 sigma"),
    "WE2": (two_of_three_beyond_2_sigma, "2 of 3 points beyond 2 sigma, same side"),
    "WE3": (four_of_five_beyond_1_sigma, "4 of 5 points beyond 1 sigma, same side"),
    "WE4": (eight_on_one_side, "8 points in a row on one side of the center"),
    "N1": (beyond_3_sigma, "1 point beyond 3 sigma"),
    "N2": (nine_on_one_side, "9 points in a row on one side of the center"),
    "N3": (six_trending, "6 points in a row steadily increasing or decreasing"),
    "N4": (fourteen_alternating, "14 points in a row alternating up and down"),
    "N5": (two_of_three_beyond_2_sigma, "2 of 3 points beyond 2 sigma, same side"),
    "N6": (four_of_five_beyond_1_sigma, "4 of 5 points beyond 1 sigma, same side"),
    "N7": (fifteen_within_1_sigma, "15 points in a row within 1 sigma"),
    "N8": (eight_outside_1_sigma, "8 points in a row outside 1 sigma, both sides"),
}
WESTERN_ELECTRIC = ("WE1", "WE2", "WE3", "WE4")
NELSON = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")


def violations(x: Sequence[float], center: float, sigma: float,
               rules: Sequence[str] = (*WESTERN_ELECTRIC, *NELSON)) -> list[RuleViolation]:
    """Every rule firing on the series, in point order (rules in the order given)."""
    if sigma <= 0:
        return []
    found = [RuleViolation(name, RULES[name][1], i)
             for name in rules for i in RULES[name][0](x, center, sigma)]
    return sorted(found, key=lambda v: v.index)

"""Every Western Electric and Nelson rule on constructed series: it fires where the
pattern completes, and not one point short of it (DOMAIN.md 5.2)."""

from __future__ import annotations

import pytest

from hmi.production.spc_rules import RULES, violations

# center 0, sigma 1 throughout
CASES = {
    "WE1": ([0.0, 0.2, 3.5, 0.1, -3.2], [2, 4], [0.0, 2.9, -2.9, 0.0]),
    "WE2": ([0.0, 2.5, 0.5, 2.5], [3], [2.5, -2.5, 0.1, 2.5, 0.0, -2.5]),
    "WE3": ([1.5, 1.5, 0.0, 1.5, 1.5], [4], [1.5, 1.5, 0.0, 1.5, -1.5]),
    "WE4": ([0.5] * 8, [7], [0.5] * 7 + [-0.5]),
    "N1": ([0.0, -3.01], [1], [2.99, -2.99]),
    "N2": ([-0.3] * 9, [8], [-0.3] * 8 + [0.3]),
    "N3": ([0.0, 0.1, 0.2, 0.3, 0.4, 0.5], [5], [0.0, 0.1, 0.2, 0.3, 0.4, 0.4]),
    "N4": ([0.1 if i % 2 else -0.1 for i in range(14)], [13],
           [0.1 if i % 2 else -0.1 for i in range(13)] + [-0.2]),
    "N5": ([0.0, -2.5, -2.1], [2], [0.0, -2.5, 0.0, 2.1]),
    "N6": ([-1.5, -1.5, -1.5, 0.0, -1.5], [4], [-1.5, -1.5, 1.5, 0.0, -1.5]),
    "N7": ([0.5 if i % 3 else -0.5 for i in range(15)], [14],
           [0.5 if i % 3 else -0.5 for i in range(14)] + [1.5]),
    "N8": ([1.5 if i % 2 else -1.5 for i in range(8)], [7], [1.5] * 8),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_fires_where_the_pattern_completes(rule: str) -> None:
    series, fires_at, quiet = CASES[rule]
    check = RULES[rule][0]
    assert check(series, 0.0, 1.0) == fires_at
    assert check(quiet, 0.0, 1.0) == []


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(RULES)


def test_a_long_run_keeps_firing_and_scales_with_sigma() -> None:
    assert RULES["WE4"][0]([5.5] * 10, 5.0, 0.2) == [7, 8, 9]
    assert RULES["WE1"][0]([5.0, 5.7], 5.0, 0.2) == [1]  # 3.5 sigma of 0.2


def test_violations_lists_rules_by_point_and_names_them() -> None:
    found = violations([0.0, 0.0, 4.0], 0.0, 1.0)
    assert [(v.rule, v.index) for v in found] == [("WE1", 2), ("N1", 2)]
    assert found[0].description == "1 point beyond 3 sigma"
    assert violations([1.0, 2.0], 0.0, 0.0) == []  # no spread: no zones to judge

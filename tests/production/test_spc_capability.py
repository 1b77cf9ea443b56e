"""Control limits and Cp/Cpk/Pp/Ppk against hand-computed values, and the rules for when
capability may be computed (DOMAIN.md 5.2)."""

from __future__ import annotations

import pytest

from hmi.production.capability import LimitsError, capability, imr_limits, xbar_r_limits


def test_imr_limits_and_capability_by_hand() -> None:
    values = [10.0, 12.0, 11.0, 13.0, 12.0]
    lim = imr_limits(values)
    # mean 11.6, MR-bar (2+1+2+1)/4 = 1.5, sigma 1.5/1.128 = 1.32979
    assert lim.center == pytest.approx(11.6)
    assert lim.ucl == pytest.approx(11.6 + 2.6596 * 1.5, abs=1e-3)
    assert lim.spread_ucl == pytest.approx(3.267 * 1.5)
    assert lim.sigma_within == pytest.approx(1.329787, abs=1e-6)
    cap = capability([[v] for v in values], lim, 5.0, 17.0, in_control=True, min_subgroups=5)
    assert cap.cp == pytest.approx(12 / (6 * 1.329787), abs=1e-5)  # 1.50401
    assert cap.cpk == pytest.approx(5.4 / (3 * 1.329787), abs=1e-5)  # 1.35360
    assert cap.pp is None and any("at least 30" in r for r in cap.refused)


def test_xbar_r_limits_and_capability_by_hand() -> None:
    subgroups = [[1.0, 2.0, 3.0], [2.0, 3.0, 4.0], [3.0, 4.0, 5.0]] * 4  # 12 subgroups
    lim = xbar_r_limits(subgroups)
    assert (lim.center, lim.spread_center) == (3.0, 2.0)
    assert lim.ucl == pytest.approx(3 + 1.023 * 2) and lim.lcl == pytest.approx(3 - 1.023 * 2)
    assert lim.spread_ucl == pytest.approx(2.574 * 2) and lim.spread_lcl == 0.0
    cap = capability(subgroups, lim, 0.0, 7.0, in_control=True, min_subgroups=12)
    sigma_w = 2 / 1.693
    assert cap.cp == pytest.approx(7 / (6 * sigma_w))  # 0.98757
    assert cap.cpk == pytest.approx(3 / (3 * sigma_w))  # 0.84648
    s = (48 / 35) ** 0.5  # 36 values, squared deviations 4x(4+1+0+1+0+1+0+1+4)
    assert cap.pp == pytest.approx(7 / (6 * s))  # 0.99623
    assert cap.ppk == pytest.approx(3 / (3 * s))  # 0.85391
    assert cap.verdict == "not capable"


def test_capability_is_refused_with_its_reason() -> None:
    subgroups = [[1.0, 2.0, 3.0], [2.0, 3.0, 4.0]] * 5
    lim = xbar_r_limits(subgroups)
    unstable = capability(subgroups, lim, 0.0, 7.0, in_control=False, unstable_reason="WE1")
    assert unstable.cpk is None and unstable.cp is None
    assert unstable.refused[0] == "Cp/Cpk: the chart is not in control (WE1)"
    few = capability(subgroups, lim, 0.0, 7.0, in_control=True)  # 10 < 25 subgroups
    assert few.cpk is None and "10 subgroups, at least 25 needed" in few.refused[0]
    one_sided = capability(subgroups * 3, lim, None, 7.0, in_control=True)
    assert one_sided.cp is None and one_sided.cpk == pytest.approx(
        (7 - 2.5) / (3 * lim.sigma_within))
    no_spec = capability(subgroups * 3, lim, None, None, in_control=True)
    assert no_spec.cpk is None and "no spec limits" in no_spec.refused[0]


def test_limits_refuse_what_they_cannot_use() -> None:
    with pytest.raises(LimitsError, match="at least 2 subgroups"):
        xbar_r_limits([[1.0, 2.0]])
    with pytest.raises(LimitsError, match="no X-bar R constants"):
        xbar_r_limits([[1.0] * 11, [2.0] * 11])
    with pytest.raises(LimitsError, match="same size"):
        xbar_r_limits([[1.0, 2.0], [1.0, 2.0, 3.0]])

"""The first-article verdict on a station's SPC charts (a real SpcMonitor, points added
as a gauge would): waiting until enough subgroups came after the download, then passed or
failed naming the spec limit or the rule; without control limits, the spec alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hmi.config.production import Characteristic
from hmi.production.spc import SpcMonitor
from hmi.production.subgroups import Point

FILL = Characteristic(id="fill_mass", station="filler", chart="imr",
                      tags=("filler.fill_mass_g",), lsl=64.7, usl=65.3, unit="g",
                      baseline_subgroups=10)
T0 = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def at(i: int) -> datetime:
    return T0 + timedelta(seconds=10 * i)


def test_waiting_then_passed_then_a_rule_fails_it() -> None:
    spc = SpcMonitor([FILL])
    for i, v in enumerate([65.0, 65.02, 64.98, 65.01, 64.99, 65.0, 65.03, 64.97, 65.0, 65.01]):
        spc.add_point("fill_mass", Point(at(i), (v,)))
    since = at(10)
    status = spc.first_article_status("filler", since, 2)
    assert (status.verdict, status.text) == (
        "waiting", "waiting for first article on filler: 0/2 subgroups (fill_mass)")
    spc.add_point("fill_mass", Point(at(11), (65.01,)))
    assert spc.first_article_status("filler", since, 2).text.endswith("1/2 subgroups "
                                                                      "(fill_mass)")
    spc.add_point("fill_mass", Point(at(12), (64.99,)))
    status = spc.first_article_status("filler", since, 2)
    assert status.verdict == "passed", status
    assert status.text == "fill_mass 65.01, 64.99 g in control and in spec"
    # The first article is those two points: a later excursion does not undo it ...
    spc.add_point("fill_mass", Point(at(13), (65.2,)))
    assert spc.first_article_status("filler", since, 2).verdict == "passed"
    # ... but judged from a later download it fails, naming the rule (in spec: 65.2 < USL).
    status = spc.first_article_status("filler", at(13), 1)
    assert status.verdict == "failed"
    assert status.text.startswith("fill_mass: rule WE1 1 point beyond 3 sigma (65.2 g)")
    assert spc.first_article_status("coater", since).verdict == "passed"  # nothing charted


def test_without_limits_the_spec_alone_judges_and_says_so() -> None:
    spc = SpcMonitor([FILL])
    spc.add_point("fill_mass", Point(at(1), (65.0,)))
    status = spc.first_article_status("filler", at(0), 1)
    assert status.verdict == "passed"
    assert "no control limits yet: judged against the spec only" in status.text
    spc.add_point("fill_mass", Point(at(2), (65.4,)))
    status = spc.first_article_status("filler", at(2), 1)
    assert (status.verdict, status.text) == ("failed", "fill_mass 65.4 g above USL 65.3")

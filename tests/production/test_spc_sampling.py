"""The demo line's SPC on the twin's own physics at accelerated time: the line twin's
models (hmi.sim.line.Line) stepped at their 10 Hz in-process, every changed value of a
charted tag handed to a real SpcMonitor as the TagStore would, on a clock that moves with
the twin. An undisturbed line raises no SPC alarm; a worn metering pump (the twin's
coat_weight_drift fault) is caught on coat weight within a few subgroups, before the
spec; the old plan (every 10 Hz value, 25-subgroup baseline, all twelve rules) is shown
to alarm on the same undisturbed line within a minute, so the counting can fail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.production import ALL_RULES, WESTERN_ELECTRIC_RULES, Characteristic, characteristics
from hmi.core.packml import PackMLCommand as Cmd
from hmi.core.packml import PackMLState
from hmi.core.tags import Quality, TagValue
from hmi.production.spc import AlarmSink, SpcEvent, SpcMonitor
from hmi.production.subgroups import Point
from hmi.sim.line import Line
from hmi.sim.plc import Reason

STATIONS = ("mixer", "coater", "calender", "tab_welder", "filler")
TICK_S = 0.1  # the twin's step
MINUTE = 60.0


@dataclass
class TwinSpc:
    """A twin line and an SpcMonitor on its clock."""

    chars: Sequence[Characteristic]
    seed: int = 7
    alarm_sink: AlarmSink | None = None  # as LineRuntime passes the alarm engine's
    line: Line = field(init=False)
    monitor: SpcMonitor = field(init=False)
    events: list[SpcEvent] = field(default_factory=list)
    now: datetime = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)

    def __post_init__(self) -> None:
        self.line = Line.of_kinds(*STATIONS, seed=self.seed)
        self.monitor = SpcMonitor(self.chars, clock=lambda: self.now,
                                  alarm_sink=self.alarm_sink)
        self.monitor.add_listener(self.events.append)
        self._last: dict[str, object] = {}
        self._tags = [(t, *t.split(".", 1)) for c in self.chars for t in c.tags]
        self._stations = sorted({c.station for c in self.chars})

    def run(self, seconds: float) -> None:
        for _ in range(round(seconds / TICK_S)):
            self.line.step(TICK_S)
            self.now += timedelta(seconds=TICK_S)
            batch = []
            for station in self._stations:  # the PackML state, as the OEE tracker sees it
                self._offer(batch, f"{station}.state", int(self.line.station(station).state))
            for tag, station, signal in self._tags:
                self._offer(batch, tag, self.line.station(station).measured[signal])
            self.monitor.on_values(batch)

    def _offer(self, batch: list[TagValue], tag: str, value: float | int | bool | str) -> None:
        if value != self._last.get(tag):  # report by exception, as the drivers do
            self._last[tag] = value
            batch.append(TagValue(tag, value, Quality.GOOD, self.now, self.now))

    def points(self, characteristic: str) -> int:
        return len(self.monitor.chart(characteristic).points)


def demo_characteristics() -> tuple[Characteristic, ...]:
    chars = characteristics(load_line_config(DEMO_LINE))
    return tuple(c for c in chars if c.station in STATIONS)


def test_the_demo_plan_samples_minutes_apart_with_rules_by_role() -> None:
    """Critical characteristics (a low Cpk holds the lot) every 5 minutes with the zone
    rules; machine parameters and the tension spread every 10 minutes on rule 1 alone;
    limits from at least 25 subgroups (DOMAIN.md 5.2)."""
    chars = {c.id: c for c in demo_characteristics()}
    assert set(chars) == {"coat_weight", "web_tension_sigma", "calender_thickness",
                          "weld_power", "fill_mass"}
    for char in chars.values():
        assert char.baseline_subgroups >= 25, char.id  # DOMAIN.md 5.2
        if char.critical:
            assert (char.sample_every_s, char.rules) == (5 * MINUTE, WESTERN_ELECTRIC_RULES)
        else:
            assert (char.sample_every_s, char.rules) == (10 * MINUTE, ("WE1",)), char.id
    assert {c for c, char in chars.items() if char.critical} == {"coat_weight", "fill_mass"}
    formation = characteristics(load_line_config(DEMO_LINE))
    assert not [c for c in formation if c.station == "formation"]


def test_an_undisturbed_twin_line_raises_no_spc_alarm_while_its_limits_are_provisional(
) -> None:
    """The demo's acceptance run: 10 undisturbed minutes chart a subgroup every interval
    and alarm nothing (the baseline is far from complete: no limits, no rules); the rate
    after the baselines is tests/production/test_spc_false_alarm_rate.py."""
    twin = TwinSpc(demo_characteristics())
    twin.monitor.start()
    try:
        twin.run(10 * MINUTE + 15)  # a subgroup of 5 welds or 100 samples takes 10 s
        twin.monitor.drain()
    finally:
        twin.monitor.stop()
    assert twin.events == []
    assert {c.id: twin.points(c.id) for c in twin.chars} == {
        "coat_weight": 3, "fill_mass": 3, "calender_thickness": 2, "weld_power": 2,
        "web_tension_sigma": 2}  # at 0, 5 and 10 min; at 0 and 10 min
    assert all(twin.monitor.chart(c.id).baseline.endswith("(provisional)") for c in twin.chars)


def test_a_worn_metering_pump_is_caught_on_coat_weight_before_it_leaves_its_spec() -> None:
    """+0.1 %/min of coat weight reaches the +2 % spec limit in 20 minutes: four of the
    plan's 5-minute subgroups. SPC must say so before the gauge reads out of spec."""
    (coat,) = [c for c in demo_characteristics() if c.id == "coat_weight"]
    twin = TwinSpc([coat])
    twin.run(coat.baseline_subgroups * coat.sample_every_s + 5)
    chart = twin.monitor.chart("coat_weight")
    assert chart.limits is not None and twin.events == []
    before, injected = twin.points("coat_weight"), twin.now
    twin.line.station("coater").inject("coat_weight_drift", None)
    gauge = twin.line.station("coater").measured
    out_of_spec_at = None
    while not twin.events:
        twin.run(10.0)
        if out_of_spec_at is None and gauge["coat_weight_mg_cm2"] > coat.usl:  # type: ignore[operator]
            out_of_spec_at = twin.now
        assert twin.now - injected < timedelta(minutes=30), "the drift went unnoticed"
    caught = twin.events[0]
    # A worn pump raises the mean: a rule on the high side of X-bar, not the range chart.
    assert caught.kind == "rule" and caught.rule in WESTERN_ELECTRIC_RULES, caught
    assert caught.value > chart.limits.center
    subgroups = twin.points("coat_weight") - before
    minutes = (caught.at - injected).total_seconds() / MINUTE
    print(f"coat_weight_drift caught by {caught.rule} at subgroup {subgroups}, "
          f"{minutes:.1f} min after the pump began to wear")
    assert subgroups <= 3 and minutes < 15.0
    assert out_of_spec_at is None  # the gauge never read beyond the USL: SPC saw it first
    assert caught.value < coat.usl  # type: ignore[operator]


def test_a_stopped_coater_is_not_sampled_and_its_restart_is_judged_at_once() -> None:
    """A web break aborts the coater: its gauge reads 0 mg/cm², which charted would be a
    point 1000 sigma out; SPC takes nothing until the coater produces again and its
    start-up scrap has passed, and then the first subgroup comes at once."""
    # A short plan of its own: the gate, not the demo's interval, is under test here.
    (coat,) = [c.model_copy(update={"baseline_subgroups": 6, "sample_every_s": 30.0})
               for c in demo_characteristics() if c.id == "coat_weight"]
    twin = TwinSpc([coat])
    twin.run(3 * MINUTE + 5)
    assert twin.monitor.chart("coat_weight").limits is not None
    coater = twin.line.station("coater")
    twin.line.station("coater").inject("web_break", None)
    twin.run(3.0)
    assert coater.state == PackMLState.ABORTED and coater.measured["coat_weight_mg_cm2"] == 0.0
    charted = twin.points("coat_weight")
    twin.run(2 * MINUTE)
    assert twin.points("coat_weight") == charted and twin.events == []
    coater.clear("web_break")
    for command in (Cmd.CLEAR, Cmd.RESET):
        coater.plc.event(command, Reason.NONE)
        twin.run(5.0)
    assert twin.points("coat_weight") == charted
    restarted = twin.now
    coater.plc.event(Cmd.START, Reason.NONE)
    twin.run(coat.settle_s + 5.0)
    assert coater.state == PackMLState.EXECUTE
    # The start-up scrap (off spec for about 12 s) is not charted; the first subgroup after
    # it is, at once: the first article a changeover waits for.
    first = [p for p in twin.monitor.chart("coat_weight").points if p.at >= restarted]
    assert len(first) == 1 and all(19.6 < v < 20.4 for v in first[0].values), first
    assert coat.settle_s <= (first[0].at - restarted).total_seconds() < coat.settle_s + 3.0
    assert twin.events == []


def test_the_old_plan_alarms_on_the_same_undisturbed_line_within_a_minute() -> None:
    """Every 10 Hz value charted, 25 subgroups of baseline (2.5 s for 5-value subgroups)
    and all twelve rules: the alarms the demo showed within seconds."""
    old = tuple(c.model_copy(update={"sample_every_s": 0.0, "baseline_subgroups": 25,
                                     "rules": ALL_RULES})
                for c in demo_characteristics() if c.id in ("coat_weight", "calender_thickness"))
    twin = TwinSpc(old)
    twin.run(MINUTE)
    assert {e.characteristic for e in twin.events} == {"coat_weight", "calender_thickness"}


def test_a_characteristic_judges_only_its_rules() -> None:
    """Ten points just above the center: WE4 (8 on one side) with the four Western Electric
    rules, nothing with WE1 alone; a rule name that does not exist is refused."""
    base = Characteristic(id="fill_mass", station="filler", chart="imr",
                          tags=("filler.fill_mass_g",), baseline_subgroups=25)
    t0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    baseline = [65.0 + 0.03 * (-1) ** i for i in range(25)]
    found = {}
    for rules in (WESTERN_ELECTRIC_RULES, ("WE1",)):
        monitor = SpcMonitor([base.model_copy(update={"rules": rules})])
        for i, v in enumerate([*baseline, *[65.01] * 10]):
            monitor.add_point("fill_mass", Point(t0 + timedelta(seconds=30 * i), (v,)))
        found[rules] = {v.rule for v in monitor.chart("fill_mass").violations}
    assert found == {WESTERN_ELECTRIC_RULES: {"WE4"}, ("WE1",): set()}
    with pytest.raises(ValidationError, match="Input should be 'WE1'"):
        Characteristic.model_validate({**base.model_dump(), "rules": ["WE1", "N9"]})

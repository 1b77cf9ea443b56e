"""The SPC screen on a real SpcMonitor fed through a TagStore: the chart with its limits
and zones, a violation marked with its rule and listed in words, and capability refused
while the chart is out of control."""

from __future__ import annotations

import random
from pathlib import Path

from pytestqt.qtbot import QtBot

from hmi.config.production import Characteristic
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.production.spc import SpcMonitor
from hmi.production.subgroups import Point
from hmi.ui.spc_screen import SpcScreen
from tests.security.conftest import FakeClock
from tests.ui.production_shots import grab_sizes

FILL = Characteristic(id="fill_mass", station="filler", chart="imr",
                      tags=("filler.fill_mass_g",), lsl=64.4, usl=65.6, critical=True,
                      unit="g", description="Electrolyte fill mass", baseline_subgroups=25)
WELD = Characteristic(id="weld_power", station="tab_welder", chart="imr",
                      tags=("tab_welder.power_w",), unit="W", description="Weld power")


def test_a_violation_is_marked_with_its_rule_and_capability_says_why_not(
        qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    store = TagStore({"filler.fill_mass_g": 4.0, "tab_welder.power_w": 4.0})
    spc = SpcMonitor([FILL, WELD], store=store, clock=clock)
    spc.start()
    rng = random.Random(3)
    values = [rng.gauss(65.0, 0.05) for _ in range(30)] + [65.6]  # the last far beyond 3 sigma
    for value in values:
        clock.advance(seconds=4)
        store.update([TagValue("filler.fill_mass_g", value, Quality.GOOD, clock.now,
                               clock.now)])
    spc.drain()
    screen = SpcScreen(spc, refresh_ms=60_000)
    qtbot.addWidget(screen)
    try:
        with qtbot.waitSignal(screen.refreshed, timeout=5000):
            screen.select("fill_mass")
        view = screen.view
        assert view is not None and view.limits is not None
        assert len(view.points) == len(values)
        last = len(values) - 1
        marks = dict(screen.chart.marks())
        assert last in marks and "WE1" in marks[last] and "N1" in marks[last]
        assert len(screen.chart.zone_edges()) == 7  # the zones at 1, 2, 3 sigma
        listed = [screen.violations.item(i).text() for i in range(screen.violations.count())]
        assert any(line.startswith("WE1 at") and "3" in line for line in listed), listed
        assert any(line.startswith("R at") for line in listed)  # the jump: a moving range
        text = screen.capability_label.text()
        assert "Cpk" in text and "Not computed" in text  # out of control: refused, said why
        assert "I-MR" in screen.limits_label.text()
        grab_sizes(screen, tmp_path, "spc_screen")

        with qtbot.waitSignal(screen.refreshed, timeout=5000):
            screen.select("weld_power")  # nothing sampled yet: said, not a blank chart
        assert screen.view is not None and screen.view.points == ()
        assert "Capability: no control limits yet" in screen.capability_label.text()
    finally:
        screen.close()
        spc.stop()


def test_provisional_limits_are_said_in_an_operators_words(qtbot: QtBot) -> None:
    """While the baseline is not complete the screen says the limits are a first estimate,
    how many samples are taken of how many, about when the final limits come and that SPC
    alarms nothing until then; with the baseline complete it says nothing of it."""
    fill = FILL.model_copy(update={"sample_every_s": 300.0})
    clock = FakeClock()
    spc = SpcMonitor([fill], clock=clock)
    screen = SpcScreen(spc, refresh_ms=60_000)
    qtbot.addWidget(screen)
    rng = random.Random(4)

    def add(count: int) -> str:
        for _ in range(count):
            clock.advance(seconds=300)
            spc.add_point("fill_mass", Point(clock.now, (rng.gauss(65.0, 0.05),)))
        total = len(spc.chart("fill_mass").points)

        def shown() -> bool:
            if screen.view is None or len(screen.view.points) != total:
                screen.refresh()  # a load begun before these points, or none yet
                return False
            return True
        qtbot.waitUntil(shown, timeout=5000)
        return screen.limits_label.text()

    try:
        assert add(1).endswith("No control limits yet: 1 of 25 samples taken. Final limits "
                               "in about 120 min of production. Until then SPC raises no alarm.")
        text = add(2)
        assert text.startswith("I-MR: CL") and "(provisional)" in text
        assert text.endswith("Limits are provisional: 3 of 25 samples taken. Final limits in "
                             "about 110 min of production. Until then SPC raises no alarm.")
        text = add(22)
        assert "provisional" not in text and "alarm" not in text, text
    finally:
        screen.close()

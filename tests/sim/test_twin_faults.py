"""Fault routing and the fault schedule, stepped in simulated time (no servers)."""

from __future__ import annotations

import pytest

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import LineConfig
from hmi.core.packml import PackMLState as St
from hmi.sim.faults import FaultError
from hmi.sim.models.coater import Coater
from hmi.sim.twin import LineTwin


@pytest.fixture(scope="module")
def demo_config() -> LineConfig:
    return load_line_config(DEMO_LINE)


def test_faults_reach_the_right_station_and_zone(demo_config: LineConfig) -> None:
    twin = LineTwin(demo_config, lines=2)
    assert twin.inject("dryer_heater_fault", "z2") == "dryer_heater_fault on coater (z2)"
    coater_2 = twin.station("coater_2")
    assert isinstance(coater_2, Coater)
    twin.inject("dryer_heater_fault", "coater_2.z4")
    twin.inject("dryer_heater_fault", "coater_2.z1", duration_s=1.0)
    assert [z.heater_failed for z in coater_2.zones] == [True, False, False, True]
    twin.advance(1.5)
    assert [z.heater_failed for z in coater_2.zones] == [False, False, False, True]
    assert "dryer_heater_fault" in coater_2.faults
    twin.inject("estop", "tab_welder")
    twin.advance(0.5)
    assert twin.station("tab_welder").state == St.ABORTED
    assert twin.station("tab_welder").read("interlock_trip") is True
    twin.clear_faults()
    assert not any(z.heater_failed for z in coater_2.zones)
    assert twin.station("tab_welder").read("interlock_trip") is True  # still latched


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("web_break", "winder"),
        ("dryer_heater_fault", "z9"),
        ("sensor_failure", None),
        ("sensor_failure", "coater.no_such_tag"),
        ("meteor", None),
    ],
)
def test_impossible_faults_are_refused(
    demo_config: LineConfig, name: str, target: str | None
) -> None:
    with pytest.raises(FaultError):
        LineTwin(demo_config).inject(name, target)


def test_scheduled_fault_starts_and_ends_on_time(demo_config: LineConfig) -> None:
    twin = LineTwin(demo_config, faults=["vision_degrade@2+3", "sensor_failure:mixer.speed_rpm@1"])
    vision = twin.station("vision")
    twin.advance(1.5)
    assert "mixer.speed_rpm" in twin.tags.sensor_failed
    assert "vision_degrade" not in vision.faults
    twin.advance(1.0)
    assert "vision_degrade" in vision.faults
    twin.advance(3.0)
    assert "vision_degrade" not in vision.faults
    assert "mixer.speed_rpm" in twin.tags.sensor_failed  # no duration: until cleared

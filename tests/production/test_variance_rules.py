"""Which released changeover is the active one of a station (the variance monitor's rule)."""

from __future__ import annotations

from hmi.production.variance import _active_changeovers
from recipes.changeover import ChangeoverState

St = ChangeoverState


def test_the_newest_released_changeover_of_each_station_is_active() -> None:
    latest = [  # newest first, as the journal lists them
        ("c4", St.ROLLED_BACK, ("coater.a",)),  # failed: the PLC holds c2's values again
        ("c3", St.DOWNLOADING, ("calender.b",)),  # under way: its writes are no variance
        ("c2", St.RELEASED, ("coater.a", "coater.b")),
        ("c1", St.RELEASED, ("coater.a", "calender.b", "dryer.c")),
    ]
    assert _active_changeovers(latest) == {"coater": "c2", "dryer": "c1"}


def test_a_changeover_under_way_suspends_monitoring_of_its_stations_only() -> None:
    latest = [("c2", St.SIGNED, ("coater.a",)), ("c1", St.RELEASED, ("coater.a", "dryer.c"))]
    assert _active_changeovers(latest) == {"dryer": "c1"}
    assert _active_changeovers([]) == {}

"""A late PLC whose values were UNCERTAIN (its clock off) must come back UNCERTAIN, not GOOD.

The staleness clock turns a live value STALE when its link misses k refresh periods; a
confirmation from the link (the subscription publishes again) revives it. It used to revive
every value as GOOD "Good", wiping the UNCERTAIN and the reason the driver gave.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore

SKEWED = "a.x: PLC clock 3600 s behind this HMI's: its time stamp corrected by that"


class FakeClock:
    def __init__(self) -> None:
        self.now_s = 0.0

    def __call__(self) -> float:
        return self.now_s


def test_a_stale_uncertain_value_is_revived_uncertain_with_its_reason() -> None:
    clock = FakeClock()
    store = TagStore({"a.x": 0.1, "a.y": 0.1}, clock=clock)
    now = datetime.now(UTC)
    store.update([TagValue("a.x", 1.0, Quality.UNCERTAIN, now, now, SKEWED),
                  TagValue("a.y", 2.0, Quality.GOOD, now, now, "Good")])
    clock.now_s = 1.0  # ten periods without a word from the PLC
    assert {v.tag_id: v.quality for v in store.check_staleness()} == {
        "a.x": Quality.STALE, "a.y": Quality.STALE}
    store.confirm(["a.x", "a.y"])
    x, y = store.get("a.x"), store.get("a.y")
    assert x is not None and (x.quality, x.status) == (Quality.UNCERTAIN, SKEWED)
    assert y is not None and (y.quality, y.status) == (Quality.GOOD, "Good")


def test_a_new_value_forgets_what_went_stale() -> None:
    clock = FakeClock()
    store = TagStore({"a.x": 0.1}, clock=clock)
    now = datetime.now(UTC)
    store.update([TagValue("a.x", 1.0, Quality.UNCERTAIN, now, now, SKEWED)])
    clock.now_s = 1.0
    store.check_staleness()
    store.update([TagValue("a.x", 1.5, Quality.GOOD, now, now, "Good")])  # the clock is set
    clock.now_s = 2.0
    store.check_staleness()
    store.confirm(["a.x"])
    x = store.get("a.x")
    assert x is not None and (x.quality, x.status) == (Quality.GOOD, "Good")

"""TagStore: latest values, fan-out, COMM_LOST marking and the staleness clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from hmi.core.tags import Quality, TagValue, utc_now
from hmi.core.tagstore import TagStore


class FakeClock:
    """Monotonic seconds under the test's control (the store's only notion of time)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def good(tag: str, value: float) -> TagValue:
    now = utc_now()
    return TagValue(tag, value, Quality.GOOD, now, now, "Good")


def make_store(clock: FakeClock) -> tuple[TagStore, list[list[TagValue]]]:
    store = TagStore({"a.x": 0.1, "a.y": 1.0}, clock=clock)
    seen: list[list[TagValue]] = []

    def record(batch: Sequence[TagValue]) -> None:
        seen.append(list(batch))

    store.subscribe(record)
    return store, seen


def test_update_keeps_latest_and_fans_out() -> None:
    store, seen = make_store(FakeClock())
    store.update([good("a.x", 1.0), good("a.x", 2.0)])
    assert store.get("a.x") is not None and store.get("a.x").value == 2.0  # type: ignore[union-attr]
    assert [v.value for v in seen[0]] == [1.0, 2.0]


def test_value_goes_stale_after_three_periods_and_revives_on_confirm() -> None:
    clock = FakeClock()
    store, seen = make_store(clock)
    store.update([good("a.x", 1.0), good("a.y", 5.0)])
    clock.now += 0.29
    assert store.check_staleness() == []
    clock.now += 0.02  # a.x now 0.31 s old > 3 x 0.1 s; a.y is well within 3 x 1 s
    stale = store.check_staleness()
    assert [v.tag_id for v in stale] == ["a.x"]
    assert store.get("a.x").quality is Quality.STALE  # type: ignore[union-attr]
    assert store.get("a.x").value == 1.0  # type: ignore[union-attr]  # value kept, judged stale
    store.confirm(["a.x"])
    assert store.get("a.x").quality is Quality.GOOD  # type: ignore[union-attr]
    assert seen[-1][0].quality is Quality.GOOD


def test_comm_lost_keeps_the_plc_timestamp_so_age_grows() -> None:
    store, _ = make_store(FakeClock())
    first = good("a.x", 3.0)
    store.update([first])
    lost = store.mark(["a.x", "a.y"], Quality.COMM_LOST, "connection lost")
    assert {v.tag_id for v in lost} == {"a.x", "a.y"}
    marked = store.get("a.x")
    assert marked is not None and marked.quality is Quality.COMM_LOST
    assert marked.source_ts == first.source_ts and marked.value == 3.0
    assert marked.age_s(first.source_ts + timedelta(seconds=7)) == 7.0
    never_seen = store.get("a.y")
    assert never_seen is not None and never_seen.value is None
    # Marking again with the same quality is not news.
    assert store.mark(["a.x"], Quality.COMM_LOST, "still lost") == []


def test_lost_values_do_not_go_stale_or_revive_by_confirm_alone() -> None:
    clock = FakeClock()
    store, _ = make_store(clock)
    store.update([good("a.x", 1.0)])
    store.mark(["a.x"], Quality.COMM_LOST, "lost")
    clock.now += 10
    assert store.check_staleness() == []
    store.confirm(["a.x"])
    assert store.get("a.x").quality is Quality.COMM_LOST  # type: ignore[union-attr]


def test_unsubscribe_stops_delivery() -> None:
    store, seen = make_store(FakeClock())
    calls: list[int] = []
    unsubscribe = store.subscribe(lambda batch: calls.append(len(batch)))
    store.update([good("a.x", 1.0)])
    unsubscribe()
    store.update([good("a.x", 2.0)])
    assert calls == [1] and len(seen) == 2

"""KPIs per console from a synthetic journal stored in (and read back from) a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmi.alarms import AlarmJournal, AlarmState, Event, JournalRow, ShelveKind, Shelving
from hmi.alarms.kpi import compute_kpis
from hmi.plantdb import PlantDb

from .helpers import T0

S = AlarmState


def activation(alarm_id: str, seconds: float, *, console: str = "electrode", priority: int = 4,
               annunciated: bool = True) -> JournalRow:
    at = T0 + timedelta(seconds=seconds)
    shelving = None if annunciated else Shelving(ShelveKind.TIMED, at + timedelta(hours=1),
                                                 "lena", "trial")
    return JournalRow(at=at, alarm_id=alarm_id, console=console, priority=priority,
                      event=Event.ACTIVATE, before=S.NORMAL, after=S.UNACK, active=True,
                      annunciated=annunciated, suppressed=False, first_out=False, value=1.0,
                      since=at, shelving=shelving, out_of_service=None)


@pytest.fixture
def journal(db: PlantDb) -> AlarmJournal:
    hour = 3600.0
    # A burst: 12 alarms 20 s apart an hour in; "chat" comes 3 times within 40 s.
    ids = ["chat", "chat", "chat", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"]
    rows = [activation(a, hour + 20 * i, priority=3 if a == "chat" else 4)
            for i, a in enumerate(ids)]
    rows += [activation("trip", 5 * hour, priority=1),
             activation("shelved", 6 * hour, annunciated=False),  # shelved: not annunciated
             activation("dew", 7 * hour, console="dry_room", priority=2)]
    # Still standing two days after it came: stale.
    old = activation("standing", -2 * 86_400, console="dry_room")
    journal = AlarmJournal(db)
    journal.append([old, *rows])
    return journal


def test_rates_floods_bad_actors_chattering_priorities_and_stale(journal: AlarmJournal) -> None:
    end = T0 + timedelta(days=1)
    kpis = compute_kpis(journal.rows(since=T0, until=end), T0, end, journal.latest_per_alarm())
    assert set(kpis) == {"electrode", "dry_room"}
    electrode = kpis["electrode"]
    assert electrode.activations == 13
    assert electrode.per_day_avg == pytest.approx(13.0)
    assert electrode.per_10min_avg == pytest.approx(13 / 144)
    assert (electrode.peak_10min, electrode.peak_per_hour) == (12, 12)
    assert (electrode.intervals, electrode.flood_intervals) == (144, 1)
    [flood] = electrode.floods
    # The 11th alarm (200 s after the first) starts it; it ends when the 2nd drops out.
    assert flood.start == T0 + timedelta(seconds=3600 + 200)
    assert flood.duration_s == pytest.approx(20 + 600 - 200)
    assert flood.alarms == 12 and not flood.ongoing
    assert electrode.bad_actors[0].alarm_id == "chat"
    assert electrode.bad_actors[0].activations == 3
    assert len(electrode.bad_actors) == 10  # the top 10 of 11 distinct alarms
    assert [(c.alarm_id, c.most_in_60s) for c in electrode.chattering] == [("chat", 3)]
    assert electrode.by_priority == {1: 1, 2: 0, 3: 3, 4: 9}
    met = electrode.verdicts()
    assert met["per_10min_avg"] and met["per_day_avg"] and not met["chattering"]
    assert met["flood_fraction"]  # 1 of 144 intervals in flood: 0.7 %, under 1 %
    assert not met["low_priority_share"]  # 9 of 13 low: 69 %, the target is ~80 %
    assert not electrode.enough_data
    dry = kpis["dry_room"]
    assert dry.activations == 1 and dry.by_priority[2] == 1
    assert [s.alarm_id for s in dry.stale] == ["standing"]
    assert dry.stale[0].hours == pytest.approx(72.0)
    assert electrode.to_dict()["floods"][0]["duration_s"] == pytest.approx(420)


def test_an_ongoing_flood_and_an_empty_period(db: PlantDb) -> None:
    rows = [activation(f"a{i}", 10 * i) for i in range(15)]
    end = T0 + timedelta(minutes=5)
    kpis = compute_kpis(rows, T0, end)["electrode"]
    [flood] = kpis.floods
    assert flood.ongoing and flood.end == end and flood.alarms == 15
    assert kpis.flood_fraction == 1.0 and not kpis.verdicts()["flood_fraction"]
    assert compute_kpis([], T0, end) == {}
    with pytest.raises(ValueError, match="must end after"):
        compute_kpis(rows, end, T0)

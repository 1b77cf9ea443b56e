"""Values over the PLC process's pipe (hmi/plc/link_wire): what goes in comes out."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

from hmi.core.tags import Quality, TagValue
from hmi.plc import link_wire as wire

T0 = datetime(2026, 11, 27, 8, 0, 0, 123456, tzinfo=UTC)


def _round_trip(batch: list[TagValue]) -> list[TagValue]:
    message = pickle.loads(pickle.dumps((wire.VALUES, wire.encode_values(batch))))
    assert wire.message_kind(message) == wire.VALUES
    return wire.decode_values(message[1])


def test_every_field_of_every_value_survives_with_shared_and_distinct_stamps() -> None:
    received = T0 + timedelta(milliseconds=40)
    batch = [
        TagValue("coater.speed", 12.5, Quality.GOOD, T0, received, "Good"),
        TagValue("coater.run", True, Quality.UNCERTAIN, T0, received, "UncertainLastUsable"),
        TagValue("coater.recipe", "NMC-811", Quality.GOOD, T0 - timedelta(seconds=3), received),
        TagValue("press.count", 7, Quality.BAD, received, received, "Modbus exception 2"),
        TagValue("press.force", None, Quality.COMM_LOST, T0, T0 + timedelta(seconds=9), "lost"),
        TagValue("press.temp", 21.0, Quality.STALE, T0 + timedelta(microseconds=1), received),
    ]
    decoded = _round_trip(batch)
    assert decoded == batch
    assert all(v.source_ts.tzinfo is UTC and v.received_ts.tzinfo is UTC for v in decoded)


def test_a_stamp_shared_by_values_is_one_datetime_and_a_new_stamp_its_own() -> None:
    batch = [TagValue(f"s{i}.v", float(i), Quality.GOOD, T0 + timedelta(seconds=i // 3),
                      T0 + timedelta(seconds=5), "Good") for i in range(9)]
    decoded = _round_trip(batch)
    assert decoded == batch
    assert decoded[0].source_ts is decoded[2].source_ts  # the same cycle's time: one object
    assert decoded[2].source_ts != decoded[3].source_ts  # the next cycle: its own time
    assert decoded[0].received_ts is decoded[8].received_ts

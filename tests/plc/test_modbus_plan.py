"""Block planning: merge adjacent addresses per table within max_block and max_gap."""

from __future__ import annotations

import pytest

from hmi.config.schema import ModbusBinding, TagConfig
from hmi.plc.modbus_plan import plan_blocks


def tag(
    name: str, table: str, address: int, kind: str = "uint16", bit: int | None = None
) -> TagConfig:
    data_type = "bool" if kind == "bool" else "float"
    return TagConfig(
        id=f"st.{name}",
        data_type=data_type,
        modbus=ModbusBinding(table=table, address=address, type=kind, bit=bit),  # type: ignore[arg-type]
    )


def spans(blocks: list) -> list[tuple[str, int, int, list[str]]]:  # type: ignore[type-arg]
    return [(b.table, b.start, b.count, [t.signal for t in b.tags]) for b in blocks]


def test_adjacent_registers_merge_into_one_block() -> None:
    tags = [tag("a", "holding", 0), tag("b", "holding", 1), tag("c", "holding", 2, "float32")]
    assert spans(plan_blocks(tags, max_block=100, max_gap=0)) == [
        ("holding", 0, 4, ["a", "b", "c"])
    ]


def test_gap_within_max_gap_is_bridged_and_beyond_it_splits() -> None:
    tags = [tag("a", "input", 10, "float32"), tag("b", "input", 20), tag("c", "input", 40)]
    # 12..19 is a gap of 8: bridged; 21..39 (19) is not.
    assert spans(plan_blocks(tags, max_block=100, max_gap=8)) == [
        ("input", 10, 11, ["a", "b"]),
        ("input", 40, 1, ["c"]),
    ]
    assert len(plan_blocks(tags, max_block=100, max_gap=7)) == 3


def test_max_block_splits_and_never_cuts_a_32_bit_value() -> None:
    tags = [tag(f"v{i}", "holding", 2 * i, "float32") for i in range(5)]  # registers 0..9
    blocks = plan_blocks(tags, max_block=5, max_gap=8)
    assert spans(blocks) == [
        ("holding", 0, 4, ["v0", "v1"]),
        ("holding", 4, 4, ["v2", "v3"]),
        ("holding", 8, 2, ["v4"]),
    ]
    assert all(b.count <= 5 for b in blocks)


def test_tables_never_mix_and_come_in_a_stable_order() -> None:
    tags = [tag("h", "holding", 0), tag("i", "input", 0), tag("c", "coil", 0, "bool"),
            tag("d", "discrete", 0, "bool"), tag("c2", "coil", 1, "bool")]
    assert spans(plan_blocks(tags, max_block=100, max_gap=8)) == [
        ("coil", 0, 2, ["c", "c2"]),
        ("discrete", 0, 1, ["d"]),
        ("holding", 0, 1, ["h"]),
        ("input", 0, 1, ["i"]),
    ]


def test_bits_of_one_register_share_it() -> None:
    tags = [tag("b0", "input", 20, "bool", bit=0), tag("b1", "input", 20, "bool", bit=1),
            tag("w", "input", 21)]
    assert spans(plan_blocks(tags, max_block=100, max_gap=0)) == [
        ("input", 20, 2, ["b0", "b1", "w"])
    ]


def test_unsorted_input_and_the_demo_line() -> None:
    from hmi.config.loader import DEMO_LINE, load_line_config

    config = load_line_config(DEMO_LINE)
    dry_room = config.tags_of_connection("modbus_dryroom")
    fast = [t for t in dry_room if t.modbus and t.modbus.poll_group == "fast"]
    blocks = plan_blocks(reversed(fast), max_block=100, max_gap=8)
    inputs = [b for b in blocks if b.table == "input"]
    # state 1, reason 0, dew points 10-13, door/fault bits 20: one request.
    assert [(b.start, b.count) for b in inputs] == [(0, 21)]
    covered = {t.id for b in blocks for t in b.tags}
    assert covered == {t.id for t in fast}


def test_a_tag_without_modbus_binding_is_refused() -> None:
    from hmi.config.schema import OpcUaBinding

    bad = TagConfig(id="st.x", opcua=OpcUaBinding(node_id="ns=2;s=x"))
    with pytest.raises(ValueError, match=r"st\.x"):
        plan_blocks([bad], max_block=10, max_gap=0)

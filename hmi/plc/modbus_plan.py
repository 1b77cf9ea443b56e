"""Plan Modbus reads: merge adjacent addresses of one table into as few requests as allowed.

Pure functions (no I/O) so the planning is unit-tested on its own. One block is one request:
same table, at most `max_block` registers (or bits), bridging holes of at most `max_gap`
unused addresses (reading a few unused registers is cheaper than another round trip, but
some devices refuse addresses they do not implement, so the gap is configurable).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hmi.config.schema import ModbusTable, TagConfig

# The protocol's own limits per request: 125 registers, 2000 bits.
MAX_REGISTERS = 125
MAX_BITS = 2000
_TABLES: tuple[ModbusTable, ...] = ("coil", "discrete", "holding", "input")


@dataclass(frozen=True, slots=True)
class Block:
    table: ModbusTable
    start: int
    count: int
    tags: tuple[TagConfig, ...]

    @property
    def end(self) -> int:
        """One past the last address read."""
        return self.start + self.count

    def describe(self) -> str:
        last = self.end - 1
        span = f"{self.start}" if last == self.start else f"{self.start}-{last}"
        return f"{self.table} {span}"


def plan_blocks(tags: Iterable[TagConfig], max_block: int, max_gap: int) -> list[Block]:
    """Blocks covering every tag's addresses; order: table, then address."""
    by_table: dict[ModbusTable, list[TagConfig]] = {}
    for tag in tags:
        if tag.modbus is None:
            raise ValueError(f"tag {tag.id} has no modbus binding")
        by_table.setdefault(tag.modbus.table, []).append(tag)
    blocks: list[Block] = []
    for table in _TABLES:
        members = by_table.get(table)
        if members:
            blocks.extend(_plan_table(table, members, max_block, max_gap))
    return blocks


def _span(tag: TagConfig) -> tuple[int, int]:
    assert tag.modbus is not None
    return tag.modbus.address, tag.modbus.address + tag.modbus.width


def _plan_table(
    table: ModbusTable, tags: list[TagConfig], max_block: int, max_gap: int
) -> list[Block]:
    limit = min(max_block, MAX_BITS if table in ("coil", "discrete") else MAX_REGISTERS)
    ordered = sorted(tags, key=_span)
    blocks: list[Block] = []
    start, end = _span(ordered[0])
    members = [ordered[0]]
    for tag in ordered[1:]:
        tag_start, tag_end = _span(tag)
        gap = tag_start - end
        new_end = max(end, tag_end)
        if gap <= max_gap and new_end - start <= limit:
            end = new_end
            members.append(tag)
            continue
        blocks.append(Block(table, start, end - start, tuple(members)))
        start, end, members = tag_start, tag_end, [tag]
    blocks.append(Block(table, start, end - start, tuple(members)))
    return blocks

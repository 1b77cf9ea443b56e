"""Modbus answers as TagValues (no I/O): a block's registers or bits decoded per tag, and a
block that failed judged per tag. Modbus carries no timestamps, so a value's source time is
when its answer arrived."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from hmi.config.schema import TagConfig
from hmi.core.tags import Quality, Scalar, TagValue
from hmi.plc.codecs import CodecError, decode, decode_bit
from hmi.plc.modbus_plan import Block
from hmi.plc.modbus_wire import BUSY_CODES, GATEWAY_CODES, refusal_text


def decoded(block: Block, data: list[int] | list[bool]) -> list[TagValue]:
    """The block's tags from its answer; a tag that does not decode is BAD, saying why."""
    received = datetime.now(UTC)
    values: list[TagValue] = []
    for tag in block.tags:
        try:
            value = decode_tag(tag, block, data)
        except (CodecError, IndexError) as exc:
            short = f"the answer holds {len(data)} of {block.count}" \
                if len(data) < block.count else str(exc)
            values.append(TagValue(tag.id, None, Quality.BAD, received, received,
                                   f"{tag.id}: cannot decode the PLC's answer: {short}"))
            continue
        values.append(TagValue(tag.id, value, Quality.GOOD, received, received, "Good"))
    return values


def refused(block: Block, code: int, last: Mapping[str, TagValue]) -> list[TagValue]:
    """An exception code, judged per tag: a refusal is BAD; a busy device (5, 6) did
    not refresh the value (STALE); a gateway that cannot reach its device (0A, 0B)
    has lost it (COMM_LOST) though the link to the gateway itself is up."""
    quality = Quality.BAD
    if code in BUSY_CODES:
        quality = Quality.STALE
    elif code in GATEWAY_CODES:
        quality = Quality.COMM_LOST

    def status(tag: TagConfig) -> str:
        assert tag.modbus is not None
        return refusal_text(code, tag.id, tag.modbus.table, tag.modbus.address)

    return judged(block, quality, status, last)


def judged(block: Block, quality: Quality, status: Callable[[TagConfig], str],
           last: Mapping[str, TagValue]) -> list[TagValue]:
    """Every tag of a failed block at `quality`; what is not BAD keeps its last value."""
    now = datetime.now(UTC)
    out: list[TagValue] = []
    for tag in block.tags:
        before = last.get(tag.id)
        if before is None or quality is Quality.BAD:
            out.append(TagValue(tag.id, None, quality, now, now, status(tag)))
        else:  # keep the last value and its PLC time so its age keeps growing
            out.append(before.with_quality(quality, status(tag), now))
    return out


def decode_tag(tag: TagConfig, block: Block, data: list[int] | list[bool]) -> Scalar:
    mb = tag.modbus
    assert mb is not None
    at = mb.address - block.start
    if block.table in ("coil", "discrete"):
        return bool(data[at])
    if mb.type == "bool":
        assert mb.bit is not None
        return decode_bit(int(data[at]), mb.bit)
    words = [int(w) for w in data[at : at + mb.width]]
    return decode(words, mb.type, mb.word_order, mb.scale, mb.offset)

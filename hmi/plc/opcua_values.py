"""OPC UA values <-> TagValues: StatusCode to Quality, timestamps, write variant shapes.

Pure functions on the driver's hot path (kept allocation-light: `to_tag_value` and `judge`
run once per notification).

What a value's age means when the PLC's clock is wrong (Lineside never shows a value
fresher than it is, and never makes one look older because of a clock):
- The driver measures the PLC's clock against this HMI's (ServerStatus.CurrentTime, read at
  each keep-alive, minus half the round trip). Beyond CLOCK_TOLERANCE_S the connection's
  health carries the offset (the diagnostics screen shows it), each value's source time
  is moved by that offset onto this HMI's clock, and the value is UNCERTAIN: its age is
  the PLC's own claim, corrected by an offset that may drift.
- A source time still in the future after that (one node or one card with its own wrong
  clock) cannot be true: the age is counted from when Lineside received the value, and
  the value is UNCERTAIN with the skew in its status.
- A source time in the past on a PLC whose clock is right is not skew: an unchanged value
  keeps the time it last changed, which is what its age says.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from asyncua import ua

from hmi.core.tags import Quality, Scalar, TagValue
from hmi.plc.driver import CLOCK_TOLERANCE_S

_GOOD = (Quality.GOOD, "Good")
_status_cache: dict[int, tuple[Quality, str]] = {0: _GOOD}


def status_quality(code: int) -> tuple[Quality, str]:
    """OPC UA StatusCode value -> (Quality, its name), cached: few distinct codes ever occur."""
    known = _status_cache.get(code)
    if known is not None:
        return known
    status = ua.StatusCode(ua.UInt32(code))
    if status.is_good():
        quality = Quality.GOOD
    elif status.is_uncertain():
        quality = Quality.UNCERTAIN
    else:
        quality = Quality.BAD
    result = (quality, status.name)
    _status_cache[code] = result
    return result


def to_tag_value(tag_id: str, dv: ua.DataValue, received: datetime) -> TagValue:
    """One server DataValue as a TagValue: the PLC's quality and its SOURCE timestamp."""
    variant = dv.Value
    value = variant.Value if variant is not None else None
    code = dv.StatusCode
    quality, status = _GOOD if code is None else status_quality(code.value)
    source_ts: datetime | None = dv.SourceTimestamp
    if source_ts is None:
        source_ts = dv.ServerTimestamp
        if source_ts is None:
            source_ts = received
            if quality is not Quality.BAD:
                status += "; no timestamps from server, receive time used"
        elif quality is not Quality.BAD:
            status += "; no source timestamp, server time used"
    return TagValue(tag_id, value, quality, source_ts, received, status)


_INT_RANGES = {
    ua.VariantType.SByte: (-(2**7), 2**7 - 1), ua.VariantType.Byte: (0, 2**8 - 1),
    ua.VariantType.Int16: (-(2**15), 2**15 - 1), ua.VariantType.UInt16: (0, 2**16 - 1),
    ua.VariantType.Int32: (-(2**31), 2**31 - 1), ua.VariantType.UInt32: (0, 2**32 - 1),
    ua.VariantType.Int64: (-(2**63), 2**63 - 1), ua.VariantType.UInt64: (0, 2**64 - 1),
}


def as_variant_value(value: Scalar, vtype: ua.VariantType | None) -> Scalar:
    """The value in the shape the node's variant type needs; ValueError (with the reason)
    when it cannot be: sending it would fail in the encoder or be refused by the PLC."""
    if vtype is None:
        return value
    if vtype in (ua.VariantType.Float, ua.VariantType.Double):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"the node holds {vtype.name} numbers, not {value!r}")
        return float(value)
    bounds = _INT_RANGES.get(vtype)
    if bounds is not None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"the node holds {vtype.name} whole numbers, not {value!r}")
        if not bounds[0] <= value <= bounds[1]:
            raise ValueError(f"{value} does not fit the node's {vtype.name}")
        return value
    if vtype == ua.VariantType.Boolean and not isinstance(value, bool):
        raise ValueError(f"the node holds true/false, not {value!r}")
    if vtype == ua.VariantType.String and not isinstance(value, str):
        raise ValueError(f"the node holds text, not {value!r}")
    return value


# What each configured data type accepts from the PLC. A float tag takes whole numbers too
# (an Int32 node read as a number loses nothing); an int tag does not take a Double (3.7
# is not a count), and no numeric tag takes a Boolean.
_ACCEPTS: dict[str, type | tuple[type, ...]] = {
    "float": (int, float), "int": int, "enum": int, "bool": bool, "string": str,
}


def judge(value: TagValue, kind: str, variant: ua.Variant | None, clock_offset_s: float,
          future_limit: datetime) -> TagValue:
    """`value` checked against its tag's data type and this HMI's clock; `future_limit` is
    the receive time plus the tolerance (computed once per batch). Returns `value` itself
    when nothing is wrong (the common case, so no allocation)."""
    raw = value.value
    if raw is not None and value.quality is not Quality.BAD and (
            not isinstance(raw, _ACCEPTS.get(kind, object))
            or (isinstance(raw, bool) and kind != "bool")):
        at = value.received_ts
        sent = variant.VariantType.name if variant is not None else type(raw).__name__
        return TagValue(value.tag_id, None, Quality.BAD, at, at,
                        f"{value.tag_id}: PLC sent {sent}, config says {kind}")
    skewed = clock_offset_s > CLOCK_TOLERANCE_S or clock_offset_s < -CLOCK_TOLERANCE_S
    if not skewed and value.source_ts <= future_limit:
        return value
    source = value.source_ts
    note = ""
    if skewed:
        # The offset is measured to within half a round trip and the PLC's clock tick:
        # a corrected stamp a little after receipt is that error, not a value from later.
        source = min(source - timedelta(seconds=clock_offset_s), value.received_ts)
        side = "ahead of" if clock_offset_s > 0 else "behind"
        note = (f"PLC clock {abs(clock_offset_s):.0f} s {side} this HMI's: its time stamp "
                "corrected by that")
    if source > future_limit:
        ahead_s = (source - value.received_ts).total_seconds()
        source = value.received_ts
        note = (f"time stamp {ahead_s:.0f} s in the future (PLC clock skew?): age counted "
                "from receipt")
    if not note:
        return replace(value, source_ts=source)
    if value.quality is Quality.GOOD:
        return replace(value, quality=Quality.UNCERTAIN, source_ts=source,
                       status=f"{value.tag_id}: {note}")
    return replace(value, source_ts=source, status=f"{value.status}; {note}")


def future_limit(received: datetime) -> datetime:
    return received + timedelta(seconds=CLOCK_TOLERANCE_S)

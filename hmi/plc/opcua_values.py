"""OPC UA values <-> TagValues: StatusCode to Quality, timestamps, write variant shapes.

Pure functions on the driver's hot path (kept allocation-light: `to_tag_value` runs once
per notification).
"""

from __future__ import annotations

from datetime import datetime

from asyncua import ua

from hmi.core.tags import Quality, Scalar, TagValue

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

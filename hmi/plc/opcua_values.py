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


_INT_VARIANTS = {
    ua.VariantType.SByte, ua.VariantType.Byte, ua.VariantType.Int16, ua.VariantType.UInt16,
    ua.VariantType.Int32, ua.VariantType.UInt32, ua.VariantType.Int64, ua.VariantType.UInt64,
}


def as_variant_value(value: Scalar, vtype: ua.VariantType | None) -> Scalar:
    """Python value in the shape the node's variant type needs (values are validated before)."""
    if vtype in (ua.VariantType.Float, ua.VariantType.Double) and isinstance(value, int):
        return float(value)
    if vtype in _INT_VARIANTS and isinstance(value, float) and value.is_integer():
        return int(value)
    return value

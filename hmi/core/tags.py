"""The tag model: one value of one tag, with how good and how fresh it is."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import UTC, datetime

Scalar = float | int | bool | str | None


class Quality(enum.Enum):
    """How far a value can be trusted. Only GOOD and UNCERTAIN are ever drawn as live."""

    GOOD = "GOOD"
    UNCERTAIN = "UNCERTAIN"
    BAD = "BAD"  # the PLC says so (OPC UA Bad status, Modbus exception, sensor failure)
    STALE = "STALE"  # client side: not refreshed within k x its expected period
    COMM_LOST = "COMM_LOST"  # client side: the connection to its PLC is down

    @property
    def is_live(self) -> bool:
        return self in (Quality.GOOD, Quality.UNCERTAIN)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class TagValue:
    tag_id: str
    value: Scalar
    quality: Quality
    source_ts: datetime  # when the PLC says the value was true (UTC, tz-aware)
    received_ts: datetime  # when Lineside got it (UTC, tz-aware)
    status: str = ""  # raw status: an OPC UA StatusCode name or a Modbus exception text

    def age_s(self, now: datetime | None = None) -> float:
        """Seconds since the PLC stamped this value: what an operator must be told."""
        return ((now or utc_now()) - self.source_ts).total_seconds()

    def with_quality(self, quality: Quality, status: str, at: datetime | None = None) -> TagValue:
        """The same value, re-judged: keeps the PLC's timestamp so the age keeps growing."""
        return replace(self, quality=quality, status=status, received_ts=at or utc_now())

"""Whether an alarm's process condition holds, from the latest values, with its deadband.

The deadband is hysteresis: a high alarm activates above its limit and clears only at or
below limit - deadband (a low one mirrors it), so a value hovering at the limit does not
chatter. A process alarm whose value is not live (BAD, STALE, COMM_LOST) keeps its last
condition: a lost value is no evidence either way, and the quality alarms say it is lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from datetime import datetime

from hmi.config.alarms import AlarmDef
from hmi.core.tags import Quality, TagValue

COMM_LOSS = (Quality.COMM_LOST, Quality.STALE)


class ConditionState:
    """One alarm's condition judge; keeps what a rate alarm needs between values."""

    def __init__(self, definition: AlarmDef, connection_tags: tuple[str, ...] = ()) -> None:
        self.definition = definition
        # A connection's comm-loss alarm reads the quality of every tag of that connection.
        self.connection_tags = connection_tags
        self._samples: deque[tuple[datetime, float]] = deque()

    def watched(self) -> tuple[str, ...]:
        d = self.definition
        if d.connection is not None:
            return self.connection_tags
        return tuple(t for t in (d.tag, d.setpoint) if t is not None)

    def judge(self, latest: Mapping[str, TagValue], was_active: bool) -> bool | None:
        """The condition now; None when it cannot be told (no live value yet)."""
        d = self.definition
        if d.kind == "quality":
            return self._quality(latest)
        assert d.tag is not None
        value = latest.get(d.tag)
        if value is None or not value.quality.is_live:
            return None
        if d.kind == "discrete":
            return _discrete(value.value, d.active_when)
        number = _number(value.value)
        if number is None:
            return None
        if d.kind == "limit":
            return _limit(d, number, was_active)
        if d.kind == "deviation":
            return self._deviation(latest, number, was_active)
        return self._rate(value.source_ts, number, was_active)

    def _quality(self, latest: Mapping[str, TagValue]) -> bool | None:
        d = self.definition
        if d.connection is not None:
            seen = [latest[t] for t in self.connection_tags if t in latest]
            if not seen:
                return None
            return any(v.quality is Quality.COMM_LOST for v in seen)
        assert d.tag is not None
        value = latest.get(d.tag)
        if value is None:
            return None
        if d.condition == "comm_loss":
            return value.quality in COMM_LOSS
        return value.quality is Quality.BAD

    def _deviation(
        self, latest: Mapping[str, TagValue], number: float, was_active: bool
    ) -> bool | None:
        d = self.definition
        assert d.setpoint is not None and d.value is not None
        sp_value = latest.get(d.setpoint)
        if sp_value is None or not sp_value.quality.is_live:
            return None
        setpoint = _number(sp_value.value)
        if setpoint is None:
            return None
        scale = abs(setpoint) / 100.0 if d.percent else 1.0
        band, deadband = d.value * scale, d.deadband * scale
        deviation = abs(number - setpoint)
        return deviation > band - deadband if was_active else deviation > band

    def _rate(self, at: datetime, number: float, was_active: bool) -> bool | None:
        d = self.definition
        assert d.value is not None
        samples = self._samples
        if samples and at <= samples[-1][0]:
            return None  # the same sample again (a re-judged quality), or time ran back
        samples.append((at, number))
        while (at - samples[0][0]).total_seconds() > d.window_s:
            samples.popleft()
        if len(samples) < 2:
            return None
        (t0, v0), (t1, v1) = samples[0], samples[-1]
        rate = abs(v1 - v0) / (t1 - t0).total_seconds()
        return rate > d.value - d.deadband if was_active else rate > d.value


def _limit(d: AlarmDef, number: float, was_active: bool) -> bool:
    assert d.value is not None
    if d.is_high:
        return number > d.value - d.deadband if was_active else number > d.value
    return number < d.value + d.deadband if was_active else number < d.value


def _discrete(value: object, active_when: bool | int) -> bool | None:
    if value is None:
        return None
    if isinstance(active_when, bool):
        return bool(value) is active_when
    return isinstance(value, (int, float)) and value == active_when


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)

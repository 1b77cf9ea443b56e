"""The array judgement of RecordFilter keeps exactly the rows a sample-by-sample judge keeps.

`Reference` is the per-sample algorithm the filter had before it was vectorised (the rules
of the issue, written plainly); random batches of several tags, with deadbands, repeats,
quality changes, no values, clocks going back and heartbeats falling due inside a batch,
go through both, batch after batch, and the rows, held-back samples and heartbeats due
must agree.
"""

from __future__ import annotations

import math
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hmi.core.tags import Quality, TagValue
from hmi.historian.record_filter import CODES_BY_VALUE, NEVER, RecordFilter, Row, Rows
from hmi.historian.settings import TagPolicy
from hmi.historian.tables import seconds_to_ms

from .helpers import at

POLICIES = {
    "p.zero": TagPolicy(),  # no deadband: the array path
    "p.zero_hb": TagPolicy(heartbeat_s=0.5),  # no deadband, heartbeats due inside batches
    "p.band": TagPolicy(deadband=0.5, heartbeat_s=1.0),  # deadband: sample by sample
    "p.off": TagPolicy(record=False),
}
TAGS = sorted(POLICIES)


class _State:
    def __init__(self, key: int, policy: TagPolicy) -> None:
        self.key, self.deadband = key, policy.deadband
        self.heartbeat_ms, self.record = seconds_to_ms(policy.heartbeat_s), policy.record
        self.last_t, self.last_q = NEVER, -1
        self.last_v: float | None = None
        self.pending: Row | None = None


class Reference:
    """The previous RecordFilter.accept / due_heartbeats, one sample at a time."""

    def __init__(self) -> None:
        self.states = {tag: _State(i + 1, POLICIES[tag]) for i, tag in enumerate(TAGS)}

    def accept(self, batch: list[TagValue]) -> list[Row]:
        out: list[Row] = []
        for sample in batch:
            state = self.states[sample.tag_id]
            if not state.record:
                continue
            raw = sample.value
            value: float | None
            if raw is None or (isinstance(raw, float) and math.isnan(raw)):
                value = None
            elif isinstance(raw, int | float):
                try:
                    value = float(raw)
                except OverflowError:  # an int beyond any float: not recorded (warned)
                    continue
            else:
                continue
            quality = CODES_BY_VALUE[sample.quality.value]
            t = round(sample.source_ts.timestamp() * 1000)
            received = round(sample.received_ts.timestamp() * 1000)
            if sample.quality in (Quality.STALE, Quality.COMM_LOST):
                t = received  # judged by Lineside: placed when judged
            last_t = state.last_t
            if t <= last_t:
                t = received if received > last_t else last_t + 1
            last_v = state.last_v
            if (
                quality != state.last_q
                or (
                    value != last_v
                    and (value is None or last_v is None or abs(value - last_v) > state.deadband)
                )
                or t - last_t >= state.heartbeat_ms
            ):
                state.last_t, state.last_q, state.last_v, state.pending = t, quality, value, None
                out.append((state.key, t, value, quality, received - t))
            else:
                state.pending = (state.key, t, value, quality, received - t)
        return out

    def due_heartbeats(self, now_ms: int) -> list[Row]:
        out = []
        for state in self.states.values():
            if state.pending is not None and now_ms - state.last_t >= state.heartbeat_ms:
                row = state.pending
                state.last_t, state.last_q, state.last_v, state.pending = (
                    row[1], row[3], row[2], None)
                out.append(row)
        return out


QUALITIES = [Quality.GOOD] * 4 + [Quality.UNCERTAIN, Quality.BAD, Quality.STALE,
                                  Quality.COMM_LOST]
VALUES = st.one_of(
    st.sampled_from([1.0, 1.0, 1.2, 2.0, -0.0, 0.0, float("nan"), None, True, 3, 2**53 + 1]),
    st.just(10**400),  # an int no float holds
    st.floats(-5, 5, allow_nan=False),
    st.just("text"),
)
SAMPLE = st.tuples(
    st.sampled_from(TAGS),
    st.integers(-300, 900),  # ms step from the previous sample: clocks do go back
    VALUES,
    st.sampled_from(QUALITIES),
    st.integers(0, 40),  # ms until Lineside received it
)


def _sorted(rows: list[Row]) -> list[tuple[object, ...]]:
    # NaN never reaches a Row (no value is None), so plain equality works.
    return sorted(rows, key=lambda r: (r[0], r[1]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=st.lists(st.lists(SAMPLE, max_size=40), min_size=1, max_size=6))
def test_array_judgement_keeps_the_same_rows_as_sample_by_sample(
    batches: list[list[tuple[str, int, object, Quality, int]]],
) -> None:
    keys = {tag: i + 1 for i, tag in enumerate(TAGS)}
    fast = RecordFilter(POLICIES.__getitem__, keys.__getitem__)
    reference = Reference()
    clock = {tag: 0 for tag in TAGS}
    now = 0
    for batch in batches:
        values = []
        for tag, step, value, quality, lag in batch:
            clock[tag] += step
            ts = at(clock[tag] / 1000)
            values.append(TagValue(tag, value, quality, ts, ts + timedelta(milliseconds=lag)))  # type: ignore[arg-type]
        out = Rows()
        fast.accept(values, out)
        assert _sorted(out.rows()) == _sorted(reference.accept(values))
        now = max([now, *clock.values()]) + 700
        now_ms = round(at(now / 1000).timestamp() * 1000)
        beats = Rows()
        fast.due_heartbeats(now_ms, beats)
        assert _sorted(beats.rows()) == _sorted(reference.due_heartbeats(now_ms))

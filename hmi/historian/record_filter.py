"""Which samples to keep: deadband, heartbeat, quality changes and gaps, per tag.

Runs on the writer thread (the IoThread only queues). Every kept sample becomes a row
`(tag, t_ms, value, quality, lag_ms)`; within a tag, t strictly increases, which the
rollups' first/last rely on. A re-judged value (STALE, COMM_LOST) keeps the PLC's old
timestamp, so a sample that is not newer than the tag's last row is placed at the time
Lineside received it (when the loss was seen), or 1 ms after the last row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from hmi.core.tags import TagValue
from hmi.historian.settings import TagPolicy
from hmi.historian.tables import LIVE_MAX, NO_DATA, QUALITY_CODES, seconds_to_ms, to_ms

log = logging.getLogger(__name__)

NAN = float("nan")
CODES_BY_VALUE = {quality.value: code for quality, code in QUALITY_CODES.items()}

Row = tuple[int, int, float | None, int, int]  # tag, t_ms, value, quality, lag_ms


class Rows:
    """Kept samples as columns, ready for numpy (rollups) and executemany (raw rows).
    No value is NaN here: SQLite stores a bound NaN as NULL."""

    __slots__ = ("lag", "quality", "t", "tag", "value")

    def __init__(self) -> None:
        self.tag: list[int] = []
        self.t: list[int] = []
        self.value: list[float] = []
        self.quality: list[int] = []
        self.lag: list[int] = []

    def __len__(self) -> int:
        return len(self.t)

    def add(self, row: Row) -> None:
        tag, t, value, quality, lag = row
        self.tag.append(tag)
        self.t.append(t)
        self.value.append(NAN if value is None else value)
        self.quality.append(quality)
        self.lag.append(lag)

    def rows(self) -> list[Row]:
        """As tuples (tests, debugging), NaN back to None."""
        return [
            (tag, t, None if v != v else v, q, lag)
            for tag, t, v, q, lag in zip(
                self.tag, self.t, self.value, self.quality, self.lag, strict=True
            )
        ]


class _TagState:
    __slots__ = ("deadband", "heartbeat_ms", "key", "last_q", "last_t", "last_v", "pending",
                 "record")

    def __init__(self, key: int, policy: TagPolicy) -> None:
        self.key = key
        self.deadband = policy.deadband
        self.heartbeat_ms = seconds_to_ms(policy.heartbeat_s)
        self.record = policy.record
        self.last_t = -(2**62)  # nothing recorded yet: the first sample always is
        self.last_q = -1
        self.last_v: float | None = None
        self.pending: Row | None = None  # the newest sample the deadband held back


class RecordFilter:
    def __init__(self, policy_of: Callable[[str], TagPolicy], key_of: Callable[[str], int]):
        self._policy_of = policy_of
        self._key_of = key_of
        self._states: dict[str, _TagState] = {}
        self._warned_types: set[str] = set()

    def _state(self, tag_id: str) -> _TagState:
        state = self._states.get(tag_id)
        if state is None:
            state = self._states[tag_id] = _TagState(self._key_of(tag_id), self._policy_of(tag_id))
        return state

    def seed(self, tag_id: str, last_t: int, last_q: int, last_v: float | None) -> None:
        """Continue after what the database already holds (a restart)."""
        state = self._state(tag_id)
        state.last_t, state.last_q, state.last_v = last_t, last_q, last_v

    def accept(self, batch: Sequence[TagValue], out: Rows) -> None:
        """Add to `out` the rows worth keeping from this batch.

        The hot loop of the writer (every sample passes here): locals, no calls per
        sample beyond the two timestamps, the common float case tested first."""
        states = self._states
        # By the member's value: an Enum's __hash__ is Python code, its value a str.
        codes = CODES_BY_VALUE
        add_tag, add_t, add_value = out.tag.append, out.t.append, out.value.append
        add_quality, add_lag = out.quality.append, out.lag.append
        for sample in batch:
            state = states.get(sample.tag_id)
            if state is None:
                state = self._state(sample.tag_id)
            if not state.record:
                continue
            raw = sample.value
            value: float | None
            if type(raw) is float:
                value = raw if raw == raw else None  # NaN is no value
            elif raw is None:
                value = None
            elif isinstance(raw, int | float):  # bool is an int; numpy floats are floats
                value = float(raw)
            else:
                self._warn_type(sample.tag_id, raw)
                continue
            quality = codes[sample.quality._value_]
            t = round(sample.source_ts.timestamp() * 1000)
            received = round(sample.received_ts.timestamp() * 1000)
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
                add_tag(state.key)
                add_t(t)
                add_value(NAN if value is None else value)
                add_quality(quality)
                add_lag(received - t)
            else:
                state.pending = (state.key, t, value, quality, received - t)

    def due_heartbeats(self, now_ms: int, out: Rows) -> None:
        """Record held-back samples of tags not recorded for a heartbeat: with report by
        exception nothing else may arrive, and the last small move would stay unrecorded."""
        for state in self._states.values():
            pending = state.pending
            if pending is not None and now_ms - state.last_t >= state.heartbeat_ms:
                self._keep(state, pending, out)

    def no_data(self, tag_id: str, since: datetime, out: Rows) -> None:
        """Samples of this tag were lost from `since` (queue overflow): mark a gap."""
        state = self._state(tag_id)
        if state.record:
            self._mark(state, to_ms(since), out)

    def end_session(self, now_ms: int, out: Rows) -> None:
        """The historian stops: keep what was held back, then close every live tag with a
        NO_DATA row so the time until the next start is a gap, not a held value."""
        for state in self._states.values():
            if state.pending is not None:
                self._keep(state, state.pending, out)
            if 0 <= state.last_q <= LIVE_MAX:
                self._mark(state, now_ms, out)

    def close_unended(self, out: Rows) -> None:
        """After seeding from a session that ended without markers (a crash): what came
        after each live tag's last row is unknown, so a gap starts 1 ms after it."""
        for state in self._states.values():
            if 0 <= state.last_q <= LIVE_MAX:
                self._mark(state, state.last_t + 1, out)

    def tags(self) -> Iterable[str]:
        return self._states.keys()

    @staticmethod
    def _keep(state: _TagState, row: Row, out: Rows) -> None:
        state.last_t, state.last_q, state.last_v, state.pending = row[1], row[3], row[2], None
        out.add(row)

    def _mark(self, state: _TagState, t: int, out: Rows) -> None:
        t = max(t, state.last_t + 1)
        self._keep(state, (state.key, t, None, NO_DATA, 0), out)

    def _warn_type(self, tag_id: str, value: object) -> None:
        if tag_id not in self._warned_types:
            self._warned_types.add(tag_id)
            log.warning(
                "historian: tag %s has a %s value; only numbers and booleans are recorded "
                "(set history = { record = false } on the tag to silence this)",
                tag_id,
                type(value).__name__,
            )

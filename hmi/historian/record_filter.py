"""Which samples to keep: deadband, heartbeat, quality changes and gaps, per tag.

Runs on the writer thread (the IoThread only queues). Every kept sample becomes a row
`(tag, t_ms, value, quality, lag_ms)`; within a tag, t strictly increases, which the
rollups' first/last rely on. A re-judged value (STALE, COMM_LOST) keeps the PLC's old
timestamp (the age keeps growing on screen), but its row is placed when Lineside judged it:
the gap starts when the link was declared lost, not at the last value's PLC time, which a
value reported by exception (or held back here as a repeat) may carry from long before,
while the link was still confirming it. A sample that is not newer than the tag's last row
(a PLC clock that went back) is placed when Lineside received it, or 1 ms after the row.

Every sample passes here, so a batch is judged as arrays (numpy), not sample by sample:
the per-tag state lives in arrays indexed by the tag's key, a batch is grouped by tag
once, and the common case (no deadband, times increasing) is decided for all tags at
once. A tag with a deadband, a clock that went back, or a heartbeat falling due inside
the batch is judged sample by sample (`_exact`): those rules depend on which earlier
samples were kept. Both ways keep exactly the same rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from hmi.core.tags import Quality, TagValue
from hmi.historian.settings import TagPolicy
from hmi.historian.tables import LIVE_MAX, NO_DATA, QUALITY_CODES, seconds_to_ms, to_ms

log = logging.getLogger(__name__)

NAN = float("nan")
CODES_BY_VALUE = {quality.value: code for quality, code in QUALITY_CODES.items()}
NEVER = -(2**62)  # last_t of a tag with nothing recorded yet: its first sample always is
# Qualities Lineside gives (not the PLC): their rows are placed when judged (received_ts).
JUDGED_HERE = (QUALITY_CODES[Quality.STALE], QUALITY_CODES[Quality.COMM_LOST])

Row = tuple[int, int, float | None, int, int]  # tag, t_ms, value, quality, lag_ms
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Columns = tuple[I64, I64, F64, I64, I64]  # tag, t_ms, value (NaN: none), quality, lag_ms

# C-level getters: one map() per field costs ~20 ns a sample, a Python loop ~10x that.
# The quality by its member's value: an Enum's __hash__ is Python code, its value a str.
_TAG = attrgetter("tag_id")
_VALUE = attrgetter("value")
_QUALITY = attrgetter("quality._value_")
_SOURCE = attrgetter("source_ts")
_RECEIVED = attrgetter("received_ts")
# Types numpy converts exactly as float() does (None to NaN): the batch in one call.
_NUMBERS = frozenset({float, int, bool, type(None)})


def _ms(stamps: Iterable[datetime], count: int) -> I64:
    """round(ts.timestamp() * 1000) for each: the same float steps as to_ms, so the same
    integers (numpy's rint rounds half to even like round())."""
    seconds = np.fromiter(map(datetime.timestamp, stamps), np.float64, count)
    return np.rint(seconds * 1000.0).astype(np.int64)


def _empty_columns() -> Columns:
    i = np.empty(0, np.int64)
    return i, i, np.empty(0, np.float64), i, i


class Rows:
    """Kept samples as column chunks, ready for numpy (rollups) and executemany (raw
    rows). No value is NaN here: SQLite stores a bound NaN as NULL."""

    __slots__ = ("_count", "_parts", "_single")

    def __init__(self) -> None:
        self._parts: list[Columns] = []
        self._single: list[Row] = []  # added one by one since the last chunk
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, row: Row) -> None:
        self._single.append(row)
        self._count += 1

    def extend(self, tag: I64, t: I64, value: F64, quality: I64, lag: I64) -> None:
        if len(t):
            self._close_single()
            self._parts.append((tag, t, value, quality, lag))
            self._count += len(t)

    def columns(self) -> Columns:
        """All rows as five arrays, in the order they were added."""
        self._close_single()
        if not self._parts:
            return _empty_columns()
        if len(self._parts) == 1:
            return self._parts[0]
        tag, t, value, quality, lag = (np.concatenate(c) for c in zip(*self._parts, strict=True))
        return tag, t, value, quality, lag

    def rows(self) -> list[Row]:
        """As tuples (tests, debugging), NaN back to None."""
        tag, t, value, quality, lag = (c.tolist() for c in self.columns())
        return [
            (k, ts, None if v != v else v, q, lg)
            for k, ts, v, q, lg in zip(tag, t, value, quality, lag, strict=True)
        ]

    def _close_single(self) -> None:
        if self._single:
            tag, t, value, quality, lag = zip(*self._single, strict=True)
            self._parts.append((
                np.array(tag, np.int64),
                np.array(t, np.int64),
                np.array([NAN if v is None else v for v in value], np.float64),
                np.array(quality, np.int64),
                np.array(lag, np.int64),
            ))
            self._single = []


class RecordFilter:
    def __init__(self, policy_of: Callable[[str], TagPolicy], key_of: Callable[[str], int]):
        self._policy_of = policy_of
        self._key_of = key_of
        self._keys: dict[str, int] = {}
        self._warned_types: set[str] = set()
        # Per-tag state, indexed by the tag's key (small dense integers from the catalog).
        size = 64
        self._last_t = np.full(size, NEVER, np.int64)
        self._last_q = np.full(size, -1, np.int64)  # -1: nothing yet (differs from any)
        self._last_v = np.full(size, NAN, np.float64)  # NaN: no value
        self._deadband = np.zeros(size, np.float64)
        self._heartbeat = np.zeros(size, np.int64)
        self._record = np.zeros(size, np.bool_)
        # The newest sample the deadband held back (recorded when its heartbeat is due).
        self._pending = np.zeros(size, np.bool_)
        self._pending_t = np.zeros(size, np.int64)
        self._pending_v = np.zeros(size, np.float64)
        self._pending_q = np.zeros(size, np.int64)
        self._pending_lag = np.zeros(size, np.int64)

    def _key(self, tag_id: str) -> int:
        key = self._keys.get(tag_id)
        if key is None:
            key = self._key_of(tag_id)
            if key < 0:
                raise ValueError(f"tag key {key} of {tag_id} is negative")
            if key >= len(self._last_t):
                self._grow(key + 1)
            policy = self._policy_of(tag_id)
            self._deadband[key] = policy.deadband
            self._heartbeat[key] = seconds_to_ms(policy.heartbeat_s)
            self._record[key] = policy.record
            self._keys[tag_id] = key
        return key

    def _grow(self, needed: int) -> None:
        size = max(needed, 2 * len(self._last_t))
        for name, fill in (("_last_t", NEVER), ("_last_q", -1), ("_last_v", NAN),
                           ("_deadband", 0), ("_heartbeat", 0), ("_record", False),
                           ("_pending", False), ("_pending_t", 0), ("_pending_v", 0),
                           ("_pending_q", 0), ("_pending_lag", 0)):
            old: npt.NDArray[Any] = getattr(self, name)
            new = np.full(size, fill, old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    def seed(self, tag_id: str, last_t: int, last_q: int, last_v: float | None) -> None:
        """Continue after what the database already holds (a restart)."""
        key = self._key(tag_id)
        self._last_t[key] = last_t
        self._last_q[key] = last_q
        self._last_v[key] = NAN if last_v is None else last_v

    def accept(self, batch: Sequence[TagValue], out: Rows) -> None:
        """Add to `out` the rows worth keeping from these samples (in arrival order; any
        number of producer batches joined). Rows come out grouped by tag, in time order."""
        count = len(batch)
        if count == 0:
            return
        names = list(map(_TAG, batch))
        keys_of = self._keys
        found = list(map(keys_of.get, names))
        if None in found:
            for name in dict.fromkeys(names):  # first seen first: the catalog's id order
                self._key(name)
            found = list(map(keys_of.get, names))
        key = np.array(found, np.int64)
        raw = list(map(_VALUE, batch))
        usable: npt.NDArray[np.bool_] | None = None
        try:
            if not set(map(type, raw)) <= _NUMBERS:
                raise TypeError("not all numbers")
            value = np.array(raw, np.float64)  # NaN stays NaN: no value
        except (TypeError, OverflowError):  # text, other types, an int beyond a float
            value, usable = self._values(names, raw)
        quality = np.fromiter(map(CODES_BY_VALUE.__getitem__, map(_QUALITY, batch)),
                              np.int64, count)
        t = _ms(map(_SOURCE, batch), count)
        received = _ms(map(_RECEIVED, batch), count)
        judged = np.isin(quality, JUDGED_HERE)
        if judged.any():
            t = np.where(judged, received, t)
        wanted = self._record[key]
        if usable is not None:
            wanted &= usable
        if wanted.all():
            order = np.argsort(key, kind="stable")  # by tag, arrival order within a tag
        else:
            order = np.flatnonzero(wanted)
            order = order[np.argsort(key[order], kind="stable")]
        if len(order):
            self._judge(key[order], t[order], value[order], quality[order], received[order],
                        out)

    def _values(self, names: list[str], raw: list[Any]) -> tuple[F64, npt.NDArray[np.bool_]]:
        """Values of mixed types as floats: None and NaN are no value, bools and ints are
        numbers; anything else is not recorded (one warning per tag)."""
        value = np.empty(len(raw), np.float64)
        usable = np.ones(len(raw), np.bool_)
        for i, item in enumerate(raw):
            if not self._record[self._keys[names[i]]]:
                usable[i] = False  # not recorded: not even a warning about its type
            elif item is None:
                value[i] = NAN
            elif isinstance(item, int | float):  # bool is an int; numpy floats are floats
                try:
                    value[i] = float(item)
                except OverflowError:
                    usable[i] = False
                    self._warn_type(names[i], item)
            else:
                usable[i] = False
                self._warn_type(names[i], item)
        return value, usable

    def _judge(self, ks: I64, ts: I64, vs: F64, qs: I64, rs: I64, out: Rows) -> None:
        """The samples of a batch grouped by tag key (arrival order within a tag)."""
        count = len(ks)
        first = np.empty(count, np.bool_)
        first[0] = True
        np.not_equal(ks[1:], ks[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        sizes = np.diff(np.append(starts, count))
        keys = ks[starts]
        # Each sample against the one before it; a tag's first against its state. With
        # no deadband that is exact: after any sample the state holds its value and
        # quality (a change is kept, no change leaves them equal).
        prev_t = np.empty(count, np.int64)
        prev_t[1:] = ts[:-1]
        prev_t[starts] = self._last_t[keys]
        prev_q = np.empty(count, np.int64)
        prev_q[1:] = qs[:-1]
        prev_q[starts] = self._last_q[keys]
        prev_v = np.empty(count, np.float64)
        prev_v[1:] = vs[:-1]
        prev_v[starts] = self._last_v[keys]
        changed = (qs != prev_q) | ~((vs == prev_v) | (np.isnan(vs) & np.isnan(prev_v)))
        # An unchanged sample is kept by the heartbeat from the last kept row, which is no
        # earlier than the last changed sample (or the state's row): if even that is not
        # a heartbeat ago, it is not kept; if it is, which one is depends on the order.
        index = np.arange(count)
        last_changed = np.maximum.accumulate(np.where(changed, index, -1))
        before = np.empty(count, np.int64)
        before[0] = -1
        before[1:] = last_changed[:-1]
        since = np.where(before >= np.repeat(starts, sizes), ts[before],
                         np.repeat(self._last_t[keys], sizes))
        due = ~changed & (ts - since >= np.repeat(self._heartbeat[keys], sizes))
        exact = (
            (self._deadband[keys] != 0)
            | np.logical_or.reduceat(ts <= prev_t, starts)  # a clock that went back
            | np.logical_or.reduceat(due, starts)
        )
        kept = changed
        if exact.any():
            kept = changed & ~np.repeat(exact, sizes)
        out.extend(ks[kept], ts[kept], vs[kept], qs[kept], (rs - ts)[kept])
        # The state after each tag's samples: its last kept row, its held-back sample.
        quick = ~exact
        last_kept = np.maximum.reduceat(np.where(kept, index, -1), starts)
        moved = quick & (last_kept >= starts)
        key, at = keys[moved], last_kept[moved]
        self._last_t[key], self._last_q[key], self._last_v[key] = ts[at], qs[at], vs[at]
        ends = starts + sizes - 1
        self._pending[keys[quick]] = False
        held = quick & ~kept[ends]
        key, at = keys[held], ends[held]
        self._pending[key] = True
        self._pending_t[key], self._pending_v[key] = ts[at], vs[at]
        self._pending_q[key], self._pending_lag[key] = qs[at], rs[at] - ts[at]
        for group in np.flatnonzero(exact).tolist():
            begin, end = int(starts[group]), int(starts[group] + sizes[group])
            self._exact(int(keys[group]), ts[begin:end].tolist(), vs[begin:end].tolist(),
                        qs[begin:end].tolist(), rs[begin:end].tolist(), out)

    def _exact(self, key: int, ts: list[int], vs: list[float], qs: list[int],
               rs: list[int], out: Rows) -> None:
        """One tag's samples judged one by one, each against the last kept row."""
        last_t, last_q = int(self._last_t[key]), int(self._last_q[key])
        last_v = float(self._last_v[key])
        deadband, heartbeat = float(self._deadband[key]), int(self._heartbeat[key])
        pending: tuple[int, float, int, int] | None = None
        for t, v, q, received in zip(ts, vs, qs, rs, strict=True):
            if t <= last_t:
                t = received if received > last_t else last_t + 1
            none, last_none = v != v, last_v != last_v
            if (
                q != last_q
                or (
                    not (v == last_v or (none and last_none))
                    and (none or last_none or abs(v - last_v) > deadband)
                )
                or t - last_t >= heartbeat
            ):
                last_t, last_q, last_v, pending = t, q, v, None
                out.add((key, t, None if none else v, q, received - t))
            else:
                pending = (t, v, q, received - t)
        self._last_t[key], self._last_q[key], self._last_v[key] = last_t, last_q, last_v
        self._pending[key] = pending is not None
        if pending is not None:
            (self._pending_t[key], self._pending_v[key], self._pending_q[key],
             self._pending_lag[key]) = pending

    def due_heartbeats(self, now_ms: int, out: Rows) -> None:
        """Record held-back samples of tags not recorded for a heartbeat: with report by
        exception nothing else may arrive, and the last small move would stay unrecorded."""
        due = np.flatnonzero(self._pending & (now_ms - self._last_t >= self._heartbeat))
        for key in due.tolist():
            self._keep_pending(key, out)

    def no_data(self, tag_id: str, since: datetime, out: Rows) -> None:
        """Samples of this tag were lost from `since` (queue overflow): mark a gap."""
        key = self._key(tag_id)
        if self._record[key]:
            self._mark(key, to_ms(since), out)

    def end_session(self, now_ms: int, out: Rows) -> None:
        """The historian stops: keep what was held back, then close every live tag with a
        NO_DATA row so the time until the next start is a gap, not a held value."""
        for key in self._keys.values():
            if self._pending[key]:
                self._keep_pending(key, out)
            if 0 <= self._last_q[key] <= LIVE_MAX:
                self._mark(key, now_ms, out)

    def close_unended(self, out: Rows) -> None:
        """After seeding from a session that ended without markers (a crash): what came
        after each live tag's last row is unknown, so a gap starts 1 ms after it."""
        for key in self._keys.values():
            if 0 <= self._last_q[key] <= LIVE_MAX:
                self._mark(key, int(self._last_t[key]) + 1, out)

    def tags(self) -> Iterable[str]:
        return self._keys.keys()

    def _keep_pending(self, key: int, out: Rows) -> None:
        v = float(self._pending_v[key])
        self._keep(key, (key, int(self._pending_t[key]), None if v != v else v,
                         int(self._pending_q[key]), int(self._pending_lag[key])), out)

    def _keep(self, key: int, row: Row, out: Rows) -> None:
        _key, t, v, q, _lag = row
        self._last_t[key], self._last_q[key] = t, q
        self._last_v[key] = NAN if v is None else v
        self._pending[key] = False
        out.add(row)

    def _mark(self, key: int, t: int, out: Rows) -> None:
        t = max(t, int(self._last_t[key]) + 1)
        self._keep(key, (key, t, None, NO_DATA, 0), out)

    def _warn_type(self, tag_id: str, value: object) -> None:
        if tag_id not in self._warned_types:
            self._warned_types.add(tag_id)
            log.warning(
                "historian: tag %s has a %s value; only numbers and booleans are recorded "
                "(set history = { record = false } on the tag to silence this)",
                tag_id,
                type(value).__name__,
            )

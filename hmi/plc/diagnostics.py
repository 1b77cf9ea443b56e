"""What the connection diagnostics screen measures, without Qt: per PLC connection.

- notifications per second: every value the link delivers into the TagStore, counted by
  connection (`NotificationCounter`, a store subscriber: cheap, on the delivering thread);
- data age: how old the values shown are, bucketed (`age_histogram`), with the values that
  are not live (stale, lost, bad) in a bucket of their own;
- read round trip and write-to-echo: hmi.plc.latency, through the PlcAccess and the command
  service the rest of the HMI uses (`EchoProbe` puts the command service on a stamping
  PLC side, so the echo is timed from the send, not from the role check).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from hmi.config.schema import LineConfig, TagConfig
from hmi.core.audit_event import AuditSink
from hmi.core.commands import AccessPolicy, CommandService, PlcWriter, WriteOutcome
from hmi.core.tags import Scalar, TagValue, utc_now
from hmi.plc.latency import EchoRun, EchoWatch, StampingWriter, Subscribable, write_echoes

# Upper bucket edges (s) of the age histogram, and their labels; past the last: "≥ 1 h".
AGE_EDGES_S = (0.5, 1.0, 5.0, 60.0, 3600.0)
AGE_LABELS = ("<0.5 s", "<1 s", "<5 s", "<1 min", "<1 h", "≥1 h", "not live")
ECHO_WRITES = 4  # an even count: the last write puts the original value back


class NotificationCounter:
    """Counts values delivered per connection; `rates()` gives values/s since last call."""

    def __init__(self, config: LineConfig, store: Subscribable,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._connection_of = {t.id: config.tag_connection(t) for t in config.tags}
        self._counts = dict.fromkeys((c.id for c in config.connections), 0)
        self._lock = threading.Lock()
        self._clock = clock
        self._since = clock()
        self._unsubscribe = store.subscribe(self._on_batch)

    def _on_batch(self, batch: Sequence[TagValue]) -> None:
        connection_of = self._connection_of
        with self._lock:
            for value in batch:
                conn = connection_of.get(value.tag_id)
                if conn is not None:
                    self._counts[conn] += 1

    def rates(self) -> dict[str, float]:
        now = self._clock()
        with self._lock:
            counts = dict(self._counts)
            self._counts = dict.fromkeys(counts, 0)
        elapsed = max(now - self._since, 1e-6)
        self._since = now
        return {conn: count / elapsed for conn, count in counts.items()}

    def close(self) -> None:
        self._unsubscribe()


@dataclass(frozen=True, slots=True)
class AgeHistogram:
    labels: tuple[str, ...]
    counts: tuple[int, ...]
    not_live_from: int  # index of the bucket of values that are not live


def age_histogram(values: Iterable[TagValue], now: datetime | None = None) -> AgeHistogram:
    """Live values by age since the PLC stamped them; the rest counted as not live.
    (An unchanged setpoint keeps its stamp: it sits in an old bucket and is still live.)"""
    now = now or utc_now()
    counts = [0] * len(AGE_LABELS)
    for value in values:
        if not value.quality.is_live:
            counts[-1] += 1
            continue
        age_s = value.age_s(now)
        index = next((i for i, edge in enumerate(AGE_EDGES_S) if age_s < edge),
                     len(AGE_EDGES_S))
        counts[index] += 1
    return AgeHistogram(AGE_LABELS, tuple(counts), len(AGE_LABELS) - 1)


def echo_candidates(config: LineConfig, connection_id: str) -> list[TagConfig]:
    """Setpoints of this connection a write-to-echo may use: writable numbers."""
    return [t for t in config.tags_of_connection(connection_id)
            if t.writable and t.data_type in ("float", "int")]


def echo_step(tag: TagConfig, original: float | int) -> float:
    """A small change that stays inside the tag's range: 1 % of the span (or of the value)."""
    if tag.data_type == "int":
        step = 1.0
    elif tag.range is not None:
        step = max((tag.range[1] - tag.range[0]) * 0.01, 1e-3)
    else:
        step = max(abs(original) * 0.01, 0.1)
    if tag.range is not None and original + step > tag.range[1]:
        return -step
    return step


class EchoProbe:
    """Write-to-echo through the command service, timed from the moment of sending."""

    def __init__(self, plc: PlcWriter, policy: AccessPolicy, audit: AuditSink,
                 store: Subscribable, config: LineConfig | None = None) -> None:
        """``config``: the line, for each tag's refresh period (writes are spread over it)."""
        self._config = config
        self._stamps = StampingWriter(plc)
        self._commands = CommandService(self._stamps, policy, audit)
        self._store = store

    def _period_s(self, tag: TagConfig) -> float:
        return self._config.expected_period_ms(tag) / 1000.0 if self._config else 0.0

    async def measure(self, tag: TagConfig, username: str, client_host: str = "",
                      count: int = ECHO_WRITES) -> EchoRun:
        (current,) = await self._stamps.read([tag.id])
        original = current.value
        if (not current.quality.is_live or isinstance(original, bool)
                or not isinstance(original, int | float) or not math.isfinite(original)):
            raise ValueError(f"{tag.id} holds {original!r} ({current.quality.value}): "
                             "no live number to write back and forth")
        reason = "write-to-echo measurement (connection diagnostics)"

        async def write(value: Scalar) -> WriteOutcome:
            (outcome,) = await self._commands.write(username, [(tag.id, value)],
                                                    reason=reason, client_host=client_host)
            return outcome

        watch = EchoWatch(self._store, tag.id)
        try:
            return await write_echoes(write, self._stamps, watch, tag.id, original,
                                      echo_step(tag, original), count,
                                      jitter_s=self._period_s(tag))
        finally:
            watch.close()

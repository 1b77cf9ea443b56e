"""Closed-loop response time, measured: a read's round trip and a write's echo.

DESIGN's first question: how old is what I see, and how long does a write take to come back
from the PLC? Two measurements answer it, the same for `lineside latency` and the
connection diagnostics screen:

- read round trip: the time one read of one tag takes, from the call to its answer;
- write-to-echo: from the moment a write leaves for the PLC (stamped by `StampingWriter`,
  which sits under the command service, so the role check and the audit entry are not
  counted) until the value comes back through the subscription or poll into a TagStore
  (`EchoWatch`). That is what an operator waits for after pressing Enter.

Qt-free; imports no client library (it measures through PlcAccess and a TagStore).
"""

from __future__ import annotations

import asyncio
import math
import random
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from hmi.core.commands import WriteOutcome
from hmi.core.tags import Scalar, TagValue

ECHO_TIMEOUT_S = 5.0  # a write whose echo is not back by then counts as a failure


@dataclass(frozen=True, slots=True)
class LatencyStats:
    """Percentiles of one run, in ms; None when nothing was measured."""

    count: int  # samples measured
    failures: int  # attempts that gave no sample (error, bad quality, no echo in time)
    p50_ms: float | None
    p99_ms: float | None
    max_ms: float | None

    @classmethod
    def of(cls, samples_ms: Sequence[float], failures: int = 0) -> LatencyStats:
        ordered = sorted(samples_ms)
        if not ordered:
            return cls(0, failures, None, None, None)
        return cls(len(ordered), failures, round(percentile(ordered, 50), 3),
                   round(percentile(ordered, 99), 3), round(ordered[-1], 3))

    def as_json(self) -> dict[str, Any]:
        return {"count": self.count, "failures": self.failures, "p50_ms": self.p50_ms,
                "p99_ms": self.p99_ms, "max_ms": self.max_ms}

    def text(self) -> str:
        """`p50 1.2 ms  p99 3.4 ms  max 5.6 ms  (n=100)`, or why there is nothing."""
        if self.count == 0:
            return f"no sample ({self.failures} failed)" if self.failures else "not measured"
        failed = f", {self.failures} failed" if self.failures else ""
        return (f"p50 {_ms(self.p50_ms)}  p99 {_ms(self.p99_ms)}  max {_ms(self.max_ms)}  "
                f"(n={self.count}{failed})")


    def short(self) -> str:
        """`1.2 / 3.4 / 5.6 ms` (p50 / p99 / max) for a table cell; "-" when not measured."""
        if self.count == 0:
            return f"✗ none of {self.failures}" if self.failures else "-"
        failed = f" ({self.failures} failed)" if self.failures else ""
        return (f"{self.p50_ms:.1f} / {self.p99_ms:.1f} / {self.max_ms:.1f} ms{failed}")


def percentile(ordered: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of sorted samples: always a value that was measured."""
    if not ordered:
        raise ValueError("no samples")
    rank = max(1, math.ceil(q / 100.0 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


# ---- read round trip --------------------------------------------------------------------


class TagReader(Protocol):
    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]: ...


async def read_round_trips(
    plc: TagReader, tag_id: str, count: int, pause_s: float = 0.0
) -> tuple[LatencyStats, str]:
    """Time `count` reads of `tag_id`; a read that does not come back live is a failure.
    Returns the stats and the last failure's reason ("" if none)."""
    samples: list[float] = []
    failures = 0
    reason = ""
    for index in range(count):
        if index and pause_s:
            await asyncio.sleep(pause_s)
        started = time.perf_counter()
        try:
            (value,) = await plc.read([tag_id])
        except Exception as exc:  # the run goes on; the reason is reported with it
            failures += 1
            reason = str(exc) or type(exc).__name__
            continue
        elapsed_ms = (time.perf_counter() - started) * 1000.0
        if not value.quality.is_live:
            failures += 1
            reason = f"{tag_id} read {value.quality.value}: {value.status}"
            continue
        samples.append(elapsed_ms)
    return LatencyStats.of(samples, failures), reason


# ---- write-to-echo ----------------------------------------------------------------------


class WritePath(Protocol):
    """What the command service needs of the PLC side (hmi.core.commands.PlcWriter)."""

    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]: ...

    async def write_many(self, items: Sequence[tuple[str, Scalar]]) -> Sequence[WriteOutcome]: ...


class StampingWriter:
    """The PLC side of a CommandService that notes when each write leaves for the PLC.

    Put under a CommandService, the write still takes the one path (role check, reason,
    old value, write, read-back, audit); the stamp is taken after the checks, right before
    the driver is asked to send, so the echo time is the PLC's and the link's, not ours.
    """

    def __init__(self, plc: WritePath) -> None:
        self._plc = plc
        self.sent_s: dict[str, float] = {}  # tag id -> perf_counter at the last send

    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]:
        return await self._plc.read(tag_ids)

    async def write_many(self, items: Sequence[tuple[str, Scalar]]) -> Sequence[WriteOutcome]:
        now = time.perf_counter()
        for tag_id, _ in items:
            self.sent_s[tag_id] = now
        return await self._plc.write_many(items)


class Subscribable(Protocol):
    def subscribe(self, callback: Callable[[Sequence[TagValue]], None]) -> Callable[[], None]: ...


class EchoWatch:
    """Waits for a tag's value to come back through a TagStore, and stamps its arrival.

    Store subscribers run on whichever thread updates the store (the IoThread, or the PLC
    link's reader thread for the mirror store), so the stamp is taken there, at once, and
    handed to the loop thread-safely.
    """

    def __init__(self, store: Subscribable, tag_id: str,
                 matches: Callable[[Scalar, Scalar], bool] | None = None) -> None:
        self._tag_id = tag_id
        self._matches = matches or _same
        self._lock = threading.Lock()
        self._expected: tuple[Scalar, asyncio.Future[float], asyncio.AbstractEventLoop] | None
        self._expected = None
        self._unsubscribe = store.subscribe(self._on_batch)

    def expect(self, value: Scalar) -> asyncio.Future[float]:
        """Arm before writing: the future gets the perf_counter time the value arrived."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[float] = loop.create_future()
        with self._lock:
            self._expected = (value, future, loop)
        return future

    def close(self) -> None:
        self._unsubscribe()
        with self._lock:
            self._expected = None

    def _on_batch(self, batch: Sequence[TagValue]) -> None:
        with self._lock:
            expected = self._expected
            if expected is None:
                return
            value, future, loop = expected
            for item in batch:
                if (item.tag_id == self._tag_id and item.quality.is_live
                        and self._matches(value, item.value)):
                    arrived = time.perf_counter()
                    self._expected = None
                    break
            else:
                return
        if not loop.is_closed():
            loop.call_soon_threadsafe(_settle, future, arrived)


def _settle(future: asyncio.Future[float], arrived: float) -> None:
    if not future.done():
        future.set_result(arrived)


def _same(sent: Scalar, got: Scalar) -> bool:
    if isinstance(sent, float) or isinstance(got, float):
        if isinstance(sent, int | float) and isinstance(got, int | float):
            # float32 registers and Float nodes hold ~7 digits of what was sent.
            return math.isclose(float(sent), float(got), rel_tol=1e-6, abs_tol=1e-6)
        return False
    return sent == got


@dataclass(frozen=True, slots=True)
class EchoRun:
    stats: LatencyStats
    original: Scalar  # what the PLC held before the run
    restored: bool  # the PLC holds `original` again (written back if the run changed it)
    problem: str  # the last refusal or missing echo, "" if none


WriteCall = Callable[[Scalar], Awaitable[WriteOutcome]]


def echo_values(original: float | int, step: float, count: int) -> list[float | int]:
    """original+step, original, original+step, ...: every write changes the value (so a
    subscription reports it), and the tag spends the run at or next to where it was."""
    bumped: float | int = original + step
    if isinstance(original, int) and not isinstance(original, bool):
        bumped = original + max(1, round(abs(step))) * (1 if step >= 0 else -1)
    return [bumped if index % 2 == 0 else original for index in range(count)]


async def write_echoes(
    write: WriteCall,
    stamps: StampingWriter,
    watch: EchoWatch,
    tag_id: str,
    original: float | int,
    step: float,
    count: int,
    timeout_s: float = ECHO_TIMEOUT_S,
    pause_s: float = 0.0,
    jitter_s: float = 0.0,
) -> EchoRun:
    """Write `count` values through `write` (the command service), time each echo, and
    put `original` back at the end if the last write left another value.

    `jitter_s`: wait a random 0..jitter_s before each write. Give the publishing interval
    (or poll period): a write sent right after an echo lands just after a publish and waits
    a whole interval; an operator's writes come at any phase of the cycle."""
    samples: list[float] = []
    failures = 0
    problem = ""
    last_written: Scalar = original
    try:
        for index, value in enumerate(echo_values(original, step, count)):
            if index and pause_s:
                await asyncio.sleep(pause_s)
            if jitter_s > 0:
                await asyncio.sleep(random.uniform(0.0, jitter_s))
            arrived = watch.expect(value)
            stamps.sent_s.pop(tag_id, None)
            outcome = await write(value)
            sent = stamps.sent_s.get(tag_id)
            if not outcome.ok or sent is None:
                arrived.cancel()
                failures += 1
                problem = outcome.message
                if sent is None or outcome.read_back is None:
                    break  # refused before sending, or nothing came back: stop writing
                last_written = outcome.read_back
                continue
            last_written = value
            try:
                at = await asyncio.wait_for(arrived, timeout_s)
            except TimeoutError:
                failures += 1
                problem = f"{tag_id} = {value}: no echo within {timeout_s:g} s"
                continue
            samples.append(max(0.0, at - sent) * 1000.0)
    finally:
        restored = _same(original, last_written)
        if not restored:
            outcome = await write(original)
            restored = outcome.ok
            if not outcome.ok:
                problem = f"could not restore {tag_id} to {original}: {outcome.message}"
    return EchoRun(LatencyStats.of(samples, failures), original, restored, problem)

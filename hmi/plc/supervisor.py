"""One supervisor per PLC connection: connect, keep alive, detect loss, rebuild, report.

On a loss the supervisor marks every tag of the connection COMM_LOST, throws the driver
(and with it the protocol client) away and builds a NEW one from the factory, which
re-creates the subscription or poll groups from the config: a reused asyncua client can
hang after a loss (asyncua #1660), and pymodbus's own reconnect backs off to 300 s.
Retries back off exponentially, capped so a restarted PLC is back within seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal, Protocol

from hmi.core.tags import Quality, TagValue, utc_now
from hmi.plc.driver import (
    CLOCK_TOLERANCE_S,
    LinkLost,
    PlcDriver,
    PlcError,
    describe_exception,
)

log = logging.getLogger(__name__)

LinkStateName = Literal["connecting", "connected", "lost"]

KEEPALIVE_S = 0.5  # probe period; with PROBE_TIMEOUT_S a silent link is found within 2 s
PROBE_TIMEOUT_S = 1.0
BACKOFF_INITIAL_S = 0.5
BACKOFF_MAX_S = 2.0  # a PLC back from a restart is reconnected within this (+ connect time)
CLOSE_TIMEOUT_S = 2.0
STOP_RECANCEL_S = 0.5  # how often stop() repeats its cancel until the loop ends
STABLE_S = 10.0  # a connection up this long resets the backoff
# A link lost within STABLE_S of connecting, FLAPS_TOLERATED times in a row, is a PLC that
# cannot keep up (or a client that cannot): each new session makes it rebuild every
# monitored item, so retries slow down to FLAP_BACKOFF_MAX_S instead of storming it.
FLAPS_TOLERATED = 2
FLAP_BACKOFF_MAX_S = 15.0
LOSSES_KEPT = 20  # recent losses a connection's health carries (diagnostics screen)


@dataclass(frozen=True, slots=True)
class ConnectionHealth:
    connection_id: str
    state: LinkStateName
    since: datetime  # when the current state began (UTC)
    last_error: str  # the last cause of a loss or a failed attempt ("" if none yet)
    reconnects: int  # successful connections after the first
    rtt_ms: float | None  # last keep-alive round trip; None until measured
    lost_total_s: float  # time spent disconnected after the first connection
    # OPC UA with security None, as the line config asked: the UI shows a warning banner.
    insecure: bool = False
    # The last LOSSES_KEPT losses of an established link, oldest first: (when, cause).
    recent_losses: tuple[tuple[datetime, str], ...] = ()
    # The PLC's clock minus this HMI's in whole seconds, once it is off by more than
    # CLOCK_TOLERANCE_S (its values are then UNCERTAIN); None while it agrees or is unknown.
    clock_skew_s: float | None = None


class StoreLike(Protocol):
    def update(self, batch: Sequence[TagValue]) -> None: ...

    def confirm(self, tag_ids: Iterable[str]) -> None: ...

    def mark(self, tag_ids: Iterable[str], quality: Quality, status: str) -> list[TagValue]: ...

    def set_expected_period(self, periods_s: Mapping[str, float]) -> None: ...


HealthCallback = Callable[[ConnectionHealth], None]


class _HeldUntilUp:
    """The store as a new driver's sink: what the driver delivers while it starts (the
    subscription's first publish, the first poll) is held until the supervisor has said
    the link is up, so no value shows GOOD while the connection's health still says lost."""

    def __init__(self, store: StoreLike) -> None:
        self._store = store
        self._held: list[tuple[bool, list[Any]]] = []  # (is an update, items)
        self._open = False

    def update(self, batch: Sequence[TagValue]) -> None:
        if self._open:
            self._store.update(batch)
        else:
            self._held.append((True, list(batch)))

    def confirm(self, tag_ids: Iterable[str]) -> None:
        if self._open:
            self._store.confirm(tag_ids)
        else:
            self._held.append((False, list(tag_ids)))

    def release(self) -> None:
        self._open = True
        held, self._held = self._held, []
        for is_update, items in held:
            if is_update:
                self._store.update(items)
            else:
                self._store.confirm(items)


class ConnectionSupervisor:
    def __init__(
        self,
        connection_id: str,
        driver_factory: Callable[[], PlcDriver],
        tag_ids: Sequence[str],
        store: StoreLike,
        on_health: HealthCallback | None = None,
        *,
        keepalive_s: float = KEEPALIVE_S,
        probe_timeout_s: float = PROBE_TIMEOUT_S,
        backoff_initial_s: float = BACKOFF_INITIAL_S,
        backoff_max_s: float = BACKOFF_MAX_S,
        insecure: bool = False,
        flap_backoff_max_s: float = FLAP_BACKOFF_MAX_S,
    ) -> None:
        self._id = connection_id
        self._flap_backoff_max_s = max(flap_backoff_max_s, backoff_max_s)
        self._factory = driver_factory
        self._tag_ids = tuple(tag_ids)
        self._store = store
        self._on_health = on_health
        self._keepalive_s = keepalive_s
        self._probe_timeout_s = probe_timeout_s
        self._backoff_initial_s = backoff_initial_s
        self._backoff_max_s = backoff_max_s
        self._driver: PlcDriver | None = None
        self._connected = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._health = ConnectionHealth(connection_id, "connecting", utc_now(), "", 0, None, 0.0,
                                        insecure)
        self._lost_since_mono: float | None = None
        self._ever_connected = False

    @property
    def connection_id(self) -> str:
        return self._id

    @property
    def driver(self) -> PlcDriver | None:
        """The live driver, or None while the connection is down."""
        return self._driver if self._connected.is_set() else None

    def health(self) -> ConnectionHealth:
        health = self._health
        if self._lost_since_mono is not None:  # count the gap still open
            gap_s = time.monotonic() - self._lost_since_mono
            health = replace(health, lost_total_s=health.lost_total_s + gap_s)
        return health

    async def start(self) -> None:
        self._stopping = False
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"supervisor-{self._id}")

    async def stop(self) -> None:
        # On Python 3.11 asyncio.wait_for can swallow a cancel that lands as its inner await
        # finishes (gh-86296), and the loop would reconnect forever: so the loop also checks
        # a flag, and the cancel is repeated until the task is really done.
        self._stopping = True
        task, self._task = self._task, None
        if task is not None:
            while not task.done():
                task.cancel()
                await asyncio.wait({task}, timeout=STOP_RECANCEL_S)
            if not task.cancelled() and task.exception() is not None:
                log.debug("%s: supervisor ended with %s", self._id, task.exception())
        self._connected.clear()

    async def wait_connected(self, timeout_s: float) -> bool:
        try:
            await asyncio.wait_for(self._connected.wait(), timeout_s)
        except TimeoutError:
            return False
        return True

    # ---- the loop ----------------------------------------------------------------------
    async def _run(self) -> None:
        backoff_s = self._backoff_initial_s
        attempt_failures = 0
        flaps = 0  # losses in a row, each within STABLE_S of connecting
        while not self._stopping:
            driver = self._factory()
            sink = _HeldUntilUp(self._store)
            try:
                await driver.connect()
                await driver.start(sink)
                slower = driver.refresh_periods_s()
                if slower:
                    log.warning("%s: the PLC refreshes %d tag(s) every %.3g s, slower than "
                                "configured; staleness is judged by that", self._id,
                                len(slower), max(slower.values()))
                    self._store.set_expected_period(slower)
            except asyncio.CancelledError:
                await self._close(driver)
                raise
            except Exception as exc:  # any failure here is one failed attempt
                await self._close(driver)
                cause = describe_exception(exc)
                if not isinstance(exc, PlcError):
                    log.exception("%s: unexpected error while connecting", self._id)
                attempt_failures += 1
                self._on_attempt_failed(cause, attempt_failures, backoff_s)
                await asyncio.sleep(backoff_s)
                backoff_s = min(backoff_s * 2, self._backoff_max_s)
                continue
            attempt_failures = 0
            up_since = time.monotonic()
            self._on_up(driver)
            sink.release()
            try:
                cause = await self._watch(driver)
                self._driver = None
                self._connected.clear()
                self._on_down(cause)  # before closing: closing a hung client takes time
            finally:
                self._driver = None
                self._connected.clear()
                await self._close(driver)
            cap_s = self._backoff_max_s
            if time.monotonic() - up_since >= STABLE_S:
                backoff_s = self._backoff_initial_s
                flaps = 0
            else:  # a link that drops right after each connect keeps backing off, no storm
                flaps += 1
                if flaps > FLAPS_TOLERATED:
                    cap_s = self._flap_backoff_max_s
                    self._on_flapping(cause, flaps, backoff_s)
            await asyncio.sleep(backoff_s)
            backoff_s = min(backoff_s * 2, cap_s)

    async def _watch(self, driver: PlcDriver) -> str:
        """Return the cause once the link is found dead; measure the round trip meanwhile."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(driver.lost.wait(), self._keepalive_s)
                return driver.lost_reason or "link lost"
            try:
                rtt_ms = await asyncio.wait_for(driver.probe(), self._probe_timeout_s)
            except LinkLost as exc:
                return str(exc)
            except TimeoutError:
                return f"keep-alive unanswered for {self._probe_timeout_s:g} s"
            except Exception as exc:  # a probe that breaks is a link we cannot trust
                return describe_exception(exc)
            skew_s = self._clock_skew(driver.clock_offset_s)
            if rtt_ms != self._health.rtt_ms or skew_s != self._health.clock_skew_s:
                self._set_health(replace(self._health, rtt_ms=round(rtt_ms, 3),
                                         clock_skew_s=skew_s))

    def _clock_skew(self, offset_s: float | None) -> float | None:
        """The offset worth showing (whole seconds, beyond the tolerance), logged once each
        time it appears, changes by more than the tolerance, or goes away."""
        skew_s = None
        if offset_s is not None and abs(offset_s) > CLOCK_TOLERANCE_S:
            skew_s = float(round(offset_s))
        before = self._health.clock_skew_s
        if skew_s is None and before is not None:
            log.warning("%s: the PLC's clock agrees with this HMI's again", self._id)
        elif skew_s is not None and (before is None or abs(skew_s - before) > CLOCK_TOLERANCE_S):
            side = "ahead of" if skew_s > 0 else "behind"
            log.warning("%s: the PLC's clock is %.0f s %s this HMI's: its time stamps are "
                        "corrected by that and its values shown UNCERTAIN; set the PLC's "
                        "clock (or its NTP server)", self._id, abs(skew_s), side)
        elif skew_s is not None and before is not None:
            skew_s = before  # small jitter of the measure: keep the figure steady
        return skew_s

    async def _close(self, driver: PlcDriver) -> None:
        try:
            # wait_for, not asyncio.timeout, here: a close that swallows the cancel which
            # asyncio.timeout sends to this task would never end (suspected of the watch CLI
            # hanging at Ctrl-C after a PLC restart in two CI runs).
            await asyncio.wait_for(driver.close(), CLOSE_TIMEOUT_S)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # closing a dead client may fail; it is dropped anyway
            log.debug("%s: close failed: %s", self._id, describe_exception(exc))

    # ---- state changes -----------------------------------------------------------------
    def _on_up(self, driver: PlcDriver) -> None:
        now_mono = time.monotonic()
        health = self._health
        lost_total_s = health.lost_total_s
        reconnects = health.reconnects
        if self._ever_connected:
            reconnects += 1
            gap_s = now_mono - (self._lost_since_mono or now_mono)
            lost_total_s += gap_s
            log.warning("%s: reconnected after a %.1f s gap (reconnect %d)",
                        self._id, gap_s, reconnects)
        else:
            log.info("%s: connected", self._id)
        self._ever_connected = True
        self._lost_since_mono = None
        self._driver = driver
        self._connected.set()
        self._set_health(replace(health, state="connected", since=utc_now(),
                                 reconnects=reconnects, lost_total_s=lost_total_s))

    def _on_down(self, cause: str) -> None:
        log.warning("%s: connection lost: %s; reconnecting", self._id, cause)
        self._lost_since_mono = time.monotonic()
        self._store.mark(self._tag_ids, Quality.COMM_LOST, f"{self._id} lost: {cause}")
        now = utc_now()
        losses = (*self._health.recent_losses, (now, cause))[-LOSSES_KEPT:]
        self._set_health(replace(self._health, state="lost", since=now, last_error=cause,
                                 rtt_ms=None, recent_losses=losses))

    def _on_flapping(self, cause: str, flaps: int, retry_in_s: float) -> None:
        """Say why the next try waits longer than a PLC restart would need."""
        why = (f"{cause} (lost {flaps} times in a row within {STABLE_S:g} s of connecting: "
               f"the PLC or this HMI cannot keep up; next try in {retry_in_s:.1f} s)")
        log.warning("%s: %s", self._id, why)
        self._set_health(replace(self._health, last_error=why))

    def _on_attempt_failed(self, cause: str, failures: int, retry_in_s: float) -> None:
        level = logging.WARNING if failures == 1 else logging.INFO
        named = cause if cause.startswith((f"{self._id}: ", f"{self._id} (")) else \
            f"{self._id}: {cause}"
        log.log(level, "%s; retrying in %.1f s", named, retry_in_s)
        if failures == 1:
            self._store.mark(self._tag_ids, Quality.COMM_LOST, cause)
        if cause != self._health.last_error:
            self._set_health(replace(self._health, last_error=cause))

    def _set_health(self, health: ConnectionHealth) -> None:
        self._health = health
        if self._on_health is not None:
            try:
                self._on_health(self.health())
            except Exception:  # a broken listener must not stop the supervisor
                log.exception("%s: health listener failed", self._id)

"""Continuous variance monitoring after a changeover's release (DOMAIN.md 2.2 step 7).

While a released changeover is the active one of its stations, every later change of one
of its parameters at the PLC (the live value leaves the downloaded value beyond the
parameter's verify tolerance) is logged once against the downloaded value, with when, and
who: the user whose write through the command service the audit trail shows (same tag, the
value found, within a few seconds), otherwise "at the PLC / unknown" (a panel, a PLC
program, an engineering tool). A further change while off is a new entry; the return to
the downloaded value is logged too. One log entry per change, not per sample.

The active changeover of a station: the newest RELEASED one that names it, unless a newer
one for that station is still under way (its own download is no variance); a newer one
that was refused or rolled back leaves the older one active (the PLC holds its values).

Threads: `on_values` is a TagStore subscriber, so it runs on the IoThread with every batch
and only compares in memory; the journal and the audit trail are read and written on the
monitor's own thread, which also re-reads which changeovers are active every `refresh_s`
(or at once on `refresh()`, e.g. right after a release on this HMI).
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from hmi.core.tags import TagValue
from hmi.core.tagstore import TagStore
from hmi.security.audit import AuditEntry, AuditTrail
from recipes import Parameter, ParamValue, RecipeStore
from recipes.changeover import ChangeoverJournal, ChangeoverRecord, ChangeoverState
from recipes.changeover.record import VarianceRecord
from recipes.changeover.states import TERMINAL
from recipes.limits import values_match

log = logging.getLogger(__name__)

UNKNOWN = "at the PLC / unknown"  # `by` of a change no audited write explains
ReleaseHook = Callable[[ChangeoverRecord], None]
RecordVariances = Callable[[Sequence[VarianceRecord]], None]
# Audit actions on tags that explain no later change: refusals changed nothing, and a
# changeover's own download (audited once it is verified) is what the change departs from.
_NOT_WRITES = ("refused", "recipe_download")


@dataclass
class _Watch:
    """One parameter of the active changeover: its rule, its downloaded value, and the
    value last logged as a variance (None: at the downloaded value)."""

    changeover_id: str
    param: Parameter
    downloaded: ParamValue
    verified_at: datetime  # values received before the read-back predate the download
    off_at: ParamValue | None = None


@dataclass(frozen=True, slots=True)
class _Change:
    watch_co: str
    param: Parameter
    downloaded: ParamValue
    found: ParamValue
    at: datetime
    verified_at: datetime
    seen: float = field(default_factory=time.monotonic)


class VarianceMonitor:
    def __init__(self, store: TagStore, db: Engine, audit: AuditTrail, *,
                 on_release: ReleaseHook | None = None, refresh_s: float = 5.0,
                 attribution_window_s: float = 10.0, attribution_wait_s: float = 2.0,
                 record: RecordVariances | None = None) -> None:
        """`attribution_window_s`: how far before the change an audited write may lie;
        `attribution_wait_s`: how long to wait for it (the command service audits after
        its read-back, which may come after the new value reached the TagStore).
        `record`: where variances are logged, if not into `db`'s journal (a line that
        changes over on its copy of the plant schema: hmi.forward.offline_changeover's
        record_variances, so a variance logged while the server is away is forwarded)."""
        self._store = store
        self._journal = ChangeoverJournal(db)
        self._record: RecordVariances = record or self._journal.add_variances
        self._recipes = RecipeStore(db)
        self._audit = audit
        self._on_release = on_release
        self._refresh_s = refresh_s
        self._window = timedelta(seconds=attribution_window_s)
        self._wait_s = attribution_wait_s
        self._lock = threading.Lock()
        self._watches: dict[str, _Watch] = {}
        self._active: dict[str, str] = {}  # station -> changeover id
        self._known_released: set[str] = set()
        self._tags: dict[str, tuple[str, ...]] = {}  # changeover id -> its parameter tags
        self._used_audit: set[int] = set()  # an audited write explains one change only
        self._changes: queue.Queue[_Change | None] = queue.Queue()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None

    # ---- life ----------------------------------------------------------------------------
    def start(self) -> None:
        """Find the active changeovers, judge their tags' current values, then follow."""
        if self._thread is not None:
            return
        self._unsubscribe = self._store.subscribe(self.on_values)
        self._thread = threading.Thread(target=self._run, name="variance-monitor",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop following (changes already seen are logged first); safe to call twice."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._stopping.set()
            self._changes.put(None)
            self._thread.join(timeout=10.0)
            self._thread = None

    def refresh(self) -> None:
        """Re-read the active changeovers now (call after a release on this HMI)."""
        self._wake.set()
        self._changes.put(None)

    # ---- what the screens ask ----------------------------------------------------------------
    def active(self) -> dict[str, str]:
        """station -> the changeover id monitored there."""
        with self._lock:
            return dict(self._active)

    def off_now(self) -> dict[str, ParamValue]:
        """Tags of the active changeovers whose last logged value is off the download."""
        with self._lock:
            return {tag: w.off_at for tag, w in self._watches.items() if w.off_at is not None}

    def variances(self, co_id: str) -> list[VarianceRecord]:
        return self._journal.variances(co_id)

    # ---- the IoThread side ---------------------------------------------------------------------
    def on_values(self, batch: Sequence[TagValue]) -> None:
        """TagStore subscriber: compare in memory, hand changes to the monitor's thread."""
        with self._lock:
            if not self._watches:
                return
            for value in batch:
                watch = self._watches.get(value.tag_id)
                if watch is not None:
                    self._judge(watch, value)

    def _judge(self, watch: _Watch, value: TagValue) -> None:
        found = value.value
        # Only a live number says what the PLC holds; a lost link is not a change.
        if not value.quality.is_live or isinstance(found, str) or found is None:
            return
        # A subscription may deliver the new value after the release (or, at start-up, the
        # store still holds what came before the download): older values are no change.
        if value.received_ts < watch.verified_at:
            return
        p, downloaded = watch.param, watch.downloaded
        if values_match(p, downloaded, found):
            if watch.off_at is None:
                return
            watch.off_at = None  # back at the downloaded value
        else:
            if watch.off_at is not None and values_match(p, watch.off_at, found):
                return  # the same variance, sampled again
            watch.off_at = found
        self._changes.put(_Change(watch.changeover_id, p, downloaded, found, value.source_ts,
                                  watch.verified_at))

    # ---- the monitor's thread ----------------------------------------------------------------
    def _run(self) -> None:
        next_refresh = 0.0
        while not self._stopping.is_set():
            if self._wake.is_set() or time.monotonic() >= next_refresh:
                self._wake.clear()
                self._guarded(self._refresh)
                next_refresh = time.monotonic() + self._refresh_s
            try:
                first = self._changes.get(timeout=max(0.0, next_refresh - time.monotonic()))
            except queue.Empty:
                continue
            batch = [first] if first is not None else []
            while True:  # everything already waiting goes into one transaction
                try:
                    more = self._changes.get_nowait()
                except queue.Empty:
                    break
                if more is not None:
                    batch.append(more)
            if batch:
                self._guarded(functools.partial(self._log, batch))

    def _guarded(self, work: Callable[[], None]) -> None:
        try:
            work()
        except Exception:  # the database may be busy or gone: try again next round
            log.exception("variance monitor")

    def _log(self, changes: list[_Change]) -> None:
        """Attribute each change to an audited write where one explains it, then log all."""
        who: dict[int, str] = {}
        deadline = max(c.seen for c in changes) + self._wait_s
        while True:
            for i, change in enumerate(changes):
                if i not in who:
                    entry = self._writer_of(change)
                    if entry is not None:
                        who[i] = entry.username
                        self._used_audit.add(entry.seq)
            if len(who) == len(changes) or time.monotonic() >= deadline \
                    or self._stopping.is_set():
                break
            time.sleep(0.1)
        self._record([
            VarianceRecord(c.watch_co, c.param.tag, c.downloaded, c.found, c.at,
                           who.get(i, UNKNOWN)) for i, c in enumerate(changes)])

    def _writer_of(self, change: _Change) -> AuditEntry | None:
        # Only writes after the changeover's verification can have made a later change.
        since = max(change.at - self._window, change.verified_at)
        entries = self._audit.entries(since=since, object_type="tag")
        for entry in reversed(entries):
            if (entry.object_id != change.param.tag or entry.seq in self._used_audit
                    or entry.action in _NOT_WRITES or entry.action.endswith("_failed")):
                continue
            value = entry.read_back if entry.read_back is not None else entry.sent_value
            if isinstance(value, bool | int | float) and values_match(
                    change.param, change.found, value):
                return entry
        return None

    def _refresh(self) -> None:
        latest = self._journal.latest(known=self._tags)
        self._tags = {co_id: tags for co_id, _, tags in latest}  # kept for the next round
        active = _active_changeovers(latest)
        with self._lock:
            current = set(self._active.values())
        wanted = set(active.values())
        added: dict[str, _Watch] = {}
        released: list[ChangeoverRecord] = []
        for co_id in wanted - current:
            record = self._journal.load(co_id)
            version = self._recipes.get(record.recipe_id, record.version)
            stations = {s for s, c in active.items() if c == co_id}
            verified_at = next((e.at for e in reversed(record.events)
                                if e.state is ChangeoverState.VERIFIED), record.updated_at)
            logged = {v.tag: v for v in self._journal.variances(co_id)}
            for p in version.parameters:
                if p.station not in stations:
                    continue  # a newer changeover runs there
                last = logged.get(p.tag)
                off = (last.found if last is not None and last.found is not None
                       and not values_match(p, record.targets[p.tag], last.found) else None)
                added[p.tag] = _Watch(co_id, p, record.targets[p.tag], verified_at, off)
            if co_id not in self._known_released:
                released.append(record)
        with self._lock:
            self._watches = {t: w for t, w in self._watches.items()
                             if active.get(w.param.station) == w.changeover_id}
            self._watches.update(added)
            self._active = active
            for tag, watch in added.items():  # what changed while nobody watched
                value = self._store.get(tag)
                if value is not None:
                    self._judge(watch, value)
        for record in released:
            self._known_released.add(record.id)
            if self._on_release is not None:
                self._on_release(record)


def variance_lines(journal: ChangeoverJournal, recipes: RecipeStore, co_id: str) -> list[str]:
    """The changeover's variance log as lines for a screen or report, oldest first."""
    record = journal.load(co_id)
    params = {p.tag: p for p in recipes.get(record.recipe_id, record.version).parameters}
    lines = []
    for v in journal.variances(co_id):
        p = params.get(v.tag)
        back = p is not None and values_match(p, v.downloaded, v.found)
        unit = f" {p.unit}" if p is not None and p.unit else ""
        what = (f"back at the downloaded {v.found}{unit}" if back else
                f"changed to {v.found}{unit} (downloaded {v.downloaded}{unit})")
        lines.append(f"{v.at:%Y-%m-%d %H:%M:%S} UTC {v.tag} {what}, by {v.by or UNKNOWN}")
    return lines


def _active_changeovers(latest: Sequence[tuple[str, ChangeoverState, tuple[str, ...]]]
                        ) -> dict[str, str]:
    """station -> the id of its active released changeover (see the module doc)."""
    active: dict[str, str] = {}
    busy: set[str] = set()
    for co_id, state, tags in latest:  # newest first
        stations = {t.split(".", 1)[0] for t in tags}
        for station in stations - busy - set(active):
            if state is ChangeoverState.RELEASED:
                active[station] = co_id
            elif state not in TERMINAL:
                busy.add(station)  # under way: its writes are no variance
    return active

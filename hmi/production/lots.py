"""Lots and rolls: a lot per station run, its start and end, and its parents.

A lot is one run of one station: a mixer batch, a coated roll, a calendered roll, a set of
slit rolls, a tray of cells. Its parents are the lots it was made from (mixer batch ->
coated roll -> calendered roll -> slit rolls -> cells); the links are many-to-many (a
coated roll takes several mixer batches).

Where lot ids come from:
- the PLC: a station's lot tag (`<station>.lot_no`, or the mixer's `batch_no`) changes when
  a new lot starts (a changeover, a roll change, a new batch). `LotTracker` follows the
  TagStore and opens and closes lots as those tags change; the id is `<station>-<value>`.
  A new lot's parents are the lots open at the stations that feed it, and a lot opened
  upstream while a child runs becomes one more parent of that child.
- the panel: an operator scans or types an id, `LotTracker.start_lot(station, lot_id,
  parents, by)`.

A PLC counter that starts over (a new PLC program, a replaced CPU) would repeat an id that
is already recorded: the tracker then records `<id>~2` (and logs it), so two runs never
merge into one lineage. Lot writes are short database calls; the tracker makes them on its
own thread, never on the IoThread that delivers the values.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    MetaData,
    RowMapping,
    String,
    Table,
    insert,
    or_,
    select,
    update,
)

from hmi.config.schema import LineConfig
from hmi.core.tags import Quality, TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.plantdb import PlantDb

log = logging.getLogger(__name__)
BATCH = 2000  # lot changes per transaction (a backlog after an outage: not one huge one)
RETRY_S = 2.0  # a lot change the plant database could not take is tried again this often

Clock = Callable[[], datetime]
LOT_SIGNALS = ("lot_no", "batch_no")  # the signals a station's PLC counts its lots in
PLC_USER = "plc"  # who opened a lot the PLC reported

metadata = MetaData()

# The same schema as migration 0008_lots (tests/production/test_lots.py checks they agree).
lots = Table(
    "lots", metadata,
    Column("lot_id", String(100), primary_key=True),
    Column("station", String(100), nullable=False),
    Column("source", String(20), nullable=False),
    Column("plc_value", String(100)),
    Column("started_by", String(64), nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("ended_at", String(40)),
)
lot_links = Table(
    "lot_links", metadata,
    Column("parent_id", String(100), ForeignKey("lots.lot_id"), primary_key=True),
    Column("child_id", String(100), ForeignKey("lots.lot_id"), primary_key=True),
    Column("linked_at", String(40), nullable=False),
    Column("linked_by", String(64), nullable=False),
)


class LotError(Exception):
    """A refused lot operation; `str()` is one line for the user."""


@dataclass(frozen=True, slots=True)
class Lot:
    lot_id: str
    station: str
    source: str  # "plc" or "scan"
    plc_value: str | None
    started_by: str
    started_at: datetime
    ended_at: datetime | None

    def window(self, now: datetime) -> tuple[datetime, datetime]:
        """Its start and its end (now while it is still open)."""
        return self.started_at, self.ended_at or now


def ts(value: datetime) -> str:
    """One fixed text form, so stored times sort as text."""
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _lot(row: RowMapping) -> Lot:
    ended = row["ended_at"]
    return Lot(row["lot_id"], row["station"], row["source"], row["plc_value"],
               row["started_by"], datetime.fromisoformat(row["started_at"]),
               datetime.fromisoformat(ended) if ended else None)


class LotStore:
    """The lots table: frozen Lot records in, frozen Lot records out."""

    def __init__(self, db: PlantDb) -> None:
        self.db = db

    def get(self, lot_id: str) -> Lot | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(lots).where(lots.c.lot_id == lot_id)).mappings().first()
        return _lot(row) if row is not None else None

    def open_lot(self, station: str, conn: Connection | None = None) -> Lot | None:
        """The station's open lot (``conn``: inside a transaction, seeing its writes)."""
        if conn is None:
            with self.db.engine.connect() as own:
                return self.open_lot(station, own)
        row = conn.execute(select(lots).where(lots.c.station == station,
                                              lots.c.ended_at.is_(None))
                           .order_by(lots.c.started_at.desc())).mappings().first()
        return _lot(row) if row is not None else None

    def open_lots(self) -> list[Lot]:
        """Every lot running now, oldest first: the lots a fault (a dew-point excursion)
        exposes, for a restore run's FaultContext.open_lots."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(lots).where(lots.c.ended_at.is_(None))
                                .order_by(lots.c.started_at)).mappings()
            return [_lot(r) for r in rows]

    def recent(self, station: str | None = None, limit: int = 50) -> list[Lot]:
        """Newest first (the lineage screen's pick list)."""
        query = select(lots).order_by(lots.c.started_at.desc()).limit(limit)
        if station is not None:
            query = query.where(lots.c.station == station)
        with self.db.engine.connect() as conn:
            return [_lot(r) for r in conn.execute(query).mappings()]

    def parents(self, lot_id: str) -> list[str]:
        with self.db.engine.connect() as conn:
            return list(conn.execute(select(lot_links.c.parent_id).where(
                lot_links.c.child_id == lot_id).order_by(lot_links.c.linked_at)).scalars())

    def children(self, lot_id: str) -> list[str]:
        with self.db.engine.connect() as conn:
            return list(conn.execute(select(lot_links.c.child_id).where(
                lot_links.c.parent_id == lot_id).order_by(lot_links.c.linked_at)).scalars())

    def ancestors(self, lot_id: str) -> list[tuple[Lot, int]]:
        """The lot (depth 0) and every lot it was made from, each once, with its depth
        (its shortest distance in links), nearest first."""
        first = self.get(lot_id)
        if first is None:
            raise LotError(f"lot {lot_id!r} is not recorded: check the id (scan it again)")
        found: dict[str, tuple[Lot, int]] = {lot_id: (first, 0)}
        frontier = [lot_id]
        with self.db.engine.connect() as conn:
            depth = 0
            while frontier:
                depth += 1
                rows = conn.execute(select(lots).join(
                    lot_links, lot_links.c.parent_id == lots.c.lot_id).where(
                    lot_links.c.child_id.in_(frontier)).order_by(lots.c.started_at)).mappings()
                frontier = []
                for row in rows:
                    if row["lot_id"] not in found:
                        found[row["lot_id"]] = (_lot(row), depth)
                        frontier.append(row["lot_id"])
        return list(found.values())

    def links(self, lot_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(parent, child) links among the given lots."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(lot_links.c.parent_id, lot_links.c.child_id).where(
                lot_links.c.child_id.in_(list(lot_ids)),
                lot_links.c.parent_id.in_(list(lot_ids))))
            return [(r.parent_id, r.child_id) for r in rows]

    def free_id(self, conn: Connection, lot_id: str) -> str:
        """`lot_id`, or `lot_id~n` when a counter that started over repeats a recorded id."""
        taken = set(conn.execute(select(lots.c.lot_id).where(or_(
            lots.c.lot_id == lot_id, lots.c.lot_id.like(f"{lot_id}~%")))).scalars())
        if lot_id not in taken:
            return lot_id
        n = 2
        while f"{lot_id}~{n}" in taken:
            n += 1
        return f"{lot_id}~{n}"

    def open(self, conn: Connection, station: str, lot_id: str, at: datetime, *, source: str,
             by: str, plc_value: str | None = None) -> None:
        conn.execute(insert(lots).values(lot_id=lot_id, station=station, source=source,
                                         plc_value=plc_value, started_by=by,
                                         started_at=ts(at), ended_at=None))

    def close_station(self, conn: Connection, station: str, at: datetime) -> None:
        conn.execute(update(lots).where(lots.c.station == station, lots.c.ended_at.is_(None))
                     .values(ended_at=ts(at)))

    def link(self, conn: Connection, parent: str, child: str, at: datetime, by: str) -> None:
        exists = conn.execute(select(lot_links.c.parent_id).where(
            lot_links.c.parent_id == parent, lot_links.c.child_id == child)).first()
        if exists is None and parent != child:
            conn.execute(insert(lot_links).values(parent_id=parent, child_id=child,
                                                  linked_at=ts(at), linked_by=by))


def lot_tags_of(config: LineConfig) -> dict[str, str]:
    """tag id -> station, for each station whose PLC counts its lots (LOT_SIGNALS)."""
    found: dict[str, str] = {}
    for tag in config.tags:
        if tag.signal in LOT_SIGNALS and tag.station not in found.values():
            found[tag.id] = tag.station
    return found


def feeds_of(config: LineConfig, stations: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """station -> the stations whose lots it consumes: each tracked station takes the lots
    of the tracked station before it in process order (the order of [[stations]])."""
    order = [s.id for s in config.stations if s.id in set(stations)]
    return {child: (parent,) for parent, child in pairwise(order)}


class LotTracker:
    """Opens and closes lots as the PLC's lot tags change, and takes scanned lots."""

    def __init__(self, store: LotStore, lot_tags: Mapping[str, str],
                 feeds: Mapping[str, Sequence[str]], *, tag_store: TagStore | None = None,
                 clock: Clock = utc_now) -> None:
        self.store = store
        self._lot_tags = dict(lot_tags)
        self._feeds = {k: tuple(v) for k, v in feeds.items()}
        self._tag_store = tag_store
        self._clock = clock
        self._last: dict[str, str] = {}  # station -> last PLC value seen (IoThread only)
        self._queue: queue.SimpleQueue[tuple[str, str | None, datetime] | None] = (
            queue.SimpleQueue())
        self._unsubscribe: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None
        self._write_lock = threading.Lock()
        self._waiting: deque[tuple[str, str | None, datetime]] = deque()
        self._failing = False
        self._listeners: list[Callable[[str], None]] = []

    @property
    def stations(self) -> tuple[str, ...]:
        return tuple(self._lot_tags.values())

    def add_listener(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """`listener(lot_id)` once a lot has started and is recorded (from the PLC, on the
        tracker's thread; scanned, on the caller's): a screen's list follows live. Returns
        the call that removes it."""
        self._listeners = [*self._listeners, listener]

        def remove() -> None:
            self._listeners = [x for x in self._listeners if x is not listener]
        return remove

    def _started(self, lot_id: str) -> None:
        for listener in self._listeners:
            try:
                listener(lot_id)
            except Exception:  # a screen's trouble must not stop lot tracking
                log.exception("lot listener failed")

    def start(self, *, thread: bool = True) -> None:
        """Follow the TagStore (its current values first); `thread=False`: the caller runs
        `apply_pending()` (tests with a scripted clock)."""
        if self._tag_store is not None:
            self._unsubscribe = self._tag_store.subscribe(self.on_values)
            self.on_values(list(self._tag_store.snapshot().values()))
        if thread:
            self._thread = threading.Thread(target=self._run, name="lot-tracker", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop following; open lots stay open (the PLC still runs them)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        self._apply_waiting()
        if not self._waiting:  # (never a later change before one still waiting)
            try:
                self.apply_pending()
                return
            except Exception as exc:
                log.warning("lot change not recorded at stop: %s", exc)
        log.error("%d lot changes not recorded at stop: the plant database is away",
                  len(self._waiting) + self._queue.qsize())

    # ---- the TagStore subscriber (IoThread: memory only) --------------------------------
    def on_values(self, batch: Sequence[TagValue]) -> None:
        for value in batch:
            station = self._lot_tags.get(value.tag_id)
            if station is None or value.quality is not Quality.GOOD:
                continue  # a stale or lost counter says nothing about a new lot
            text = _plc_text(value.value)
            if self._last.get(station, "") == (text or ""):
                continue
            self._last[station] = text or ""
            self._queue.put((station, text, self._clock()))

    def _run(self) -> None:
        # A change the plant database could not take (a server that is away) waits here,
        # in order, and is tried again every RETRY_S: its own time is kept, nothing lost.
        while True:
            try:
                item = self._queue.get(timeout=RETRY_S if self._waiting else None)
            except queue.Empty:
                self._apply_waiting()
                continue
            ended = item is None
            if item is not None:
                self._waiting.append(item)
            # Everything queued meanwhile goes with it: the first values of a 1,000-station
            # line are one transaction, not one each (issue 11: ~10 s of this thread).
            while not ended:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    ended = True
                else:
                    self._waiting.append(more)
            if ended:
                return  # stop() records what waits
            self._apply_waiting()

    def _apply_waiting(self) -> None:
        while self._waiting:
            batch = list(itertools.islice(self._waiting, BATCH))
            try:
                started = self._apply(batch)
            except Exception as exc:
                if not self._failing:  # once per outage, not every RETRY_S
                    log.warning("lot changes wait on this HMI (%s): %s", batch[0][0], exc)
                self._failing = True
                return
            for _ in batch:
                self._waiting.popleft()
            self._failing = False
            self._tell(started)

    def apply_pending(self) -> None:
        """Record the lot changes seen so far (the tracker's thread does this by itself)."""
        batch: list[tuple[str, str | None, datetime]] = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                batch.append(item)
        for first in range(0, len(batch), BATCH):
            self._tell(self._apply(batch[first:first + BATCH]))

    def _tell(self, started: list[str]) -> None:
        for lot_id in started:
            self._started(lot_id)

    def _apply(self, changes: Sequence[tuple[str, str | None, datetime]]) -> list[str]:
        """Record `changes` in order in one transaction (all or none); the lots started."""
        started: list[str] = []
        with self._write_lock, self.store.db.writing() as conn:
            for station, plc_value, at in changes:
                current = self.store.open_lot(station, conn)
                if current is not None and plc_value is not None \
                        and current.plc_value == plc_value:
                    continue  # the HMI restarted while the PLC ran this lot on
                self.store.close_station(conn, station, at)
                if plc_value is None:
                    continue  # the station reports no lot: the last one has ended
                lot_id = self.store.free_id(conn, f"{station}-{plc_value}")
                if lot_id != f"{station}-{plc_value}":
                    log.warning("station %s: the PLC repeats lot %s-%s, recorded as %s",
                                station, station, plc_value, lot_id)
                self.store.open(conn, station, lot_id, at, source="plc", by=PLC_USER,
                                plc_value=plc_value)
                self._link_new(conn, station, lot_id, (), at, PLC_USER)
                started.append(lot_id)
        return started

    # ---- the panel ---------------------------------------------------------------------
    def start_lot(self, station: str, lot_id: str, parents: Sequence[str] = (),
                  by: str = "") -> Lot:
        """A lot scanned or typed at the panel starts at `station` now: the station's open
        lot ends, the new one's parents are `parents` plus the lots open at the stations
        feeding it. Raises LotError (one line) for an empty or used id, an unknown parent."""
        lot_id = lot_id.strip()
        if not lot_id:
            raise LotError("scan or type a lot id first")
        if not by:
            raise LotError("sign in to start a lot")
        at = self._clock()
        with self._write_lock, self.store.db.writing() as conn:
            if conn.execute(select(lots.c.lot_id).where(lots.c.lot_id == lot_id)).first():
                raise LotError(f"lot {lot_id} is already recorded: scan the new lot's label")
            for parent in parents:
                if not conn.execute(select(lots.c.lot_id).where(lots.c.lot_id == parent)
                                    ).first():
                    raise LotError(f"parent lot {parent} is not recorded: scan it where it "
                                   "was made first, or leave it out")
            self.store.close_station(conn, station, at)
            self.store.open(conn, station, lot_id, at, source="scan", by=by)
            self._link_new(conn, station, lot_id, parents, at, by)
        lot = self.store.get(lot_id)
        assert lot is not None
        self._started(lot_id)
        return lot

    def _link_new(self, conn: Connection, station: str, lot_id: str, parents: Sequence[str],
                  at: datetime, by: str) -> None:
        """The new lot's parents: the named ones and the lots open upstream; and the new
        lot becomes a parent of the lots open downstream (they now consume it)."""
        upstream = [_open_id(conn, s) for s in self._feeds.get(station, ())]
        for parent in [*parents, *(u for u in upstream if u is not None)]:
            self.store.link(conn, parent, lot_id, at, by)
        for child_station, sources in self._feeds.items():
            if station in sources:
                child = _open_id(conn, child_station)
                if child is not None:
                    self.store.link(conn, lot_id, child, at, by)


def _open_id(conn: Connection, station: str) -> str | None:
    return conn.execute(select(lots.c.lot_id).where(
        lots.c.station == station, lots.c.ended_at.is_(None))
        .order_by(lots.c.started_at.desc())).scalars().first()


def _plc_text(value: object) -> str | None:
    """The lot tag's value as text; 0 or empty: the station runs no lot."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return None if text in ("", "0") else text


def build_lot_tracker(config: LineConfig, plant_db: PlantDb, store: TagStore | None, *,
                      clock: Clock = utc_now) -> LotTracker:
    """A LotTracker over the line's lot tags, each station fed by the one before it."""
    tags = lot_tags_of(config)
    return LotTracker(LotStore(plant_db), tags, feeds_of(config, list(tags.values())),
                      tag_store=store, clock=clock)

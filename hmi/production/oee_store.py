"""The OEE record in the plant database: state changes, output per minute, stops.

Same schema as migration 0006_production (tests check they agree). Times are stored as
ISO 8601 UTC strings with microseconds, so they sort as text on every dialect. The store
returns frozen dataclasses; every call is a short blocking database call.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    RowMapping,
    String,
    Table,
    Text,
    and_,
    func,
    insert,
    or_,
    select,
    update,
)

from hmi.core.packml import PackMLState
from hmi.plantdb import PlantDb
from hmi.production.oee import CountDelta, StateChange

metadata = MetaData()

state_events = Table(
    "production_state_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("station", String(100), nullable=False),
    Column("at", String(40), nullable=False),
    Column("state", Integer),
    Column("plc_reason", Integer),
)
counts = Table(
    "production_counts", metadata,
    Column("station", String(100), primary_key=True),
    Column("bucket", String(40), primary_key=True),
    Column("total", Float, nullable=False),
    Column("good", Float, nullable=False),
)
downtime_events = Table(
    "downtime_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("station", String(100), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("ended_at", String(40)),
    Column("state", Integer, nullable=False),
    Column("plc_reason", Integer),
    Column("hints", Text, nullable=False),
    Column("reason_code", String(100)),
    Column("note", Text, nullable=False),
    Column("assigned_by", String(64)),
    Column("assigned_at", String(40)),
)

DOWNTIME = "downtime"
MINOR = "minor"


@dataclass(frozen=True, slots=True)
class DowntimeEvent:
    id: int
    station: str
    kind: str  # downtime | minor
    start: datetime
    end: datetime | None  # None: still stopped
    state: PackMLState
    plc_reason: int | None
    hints: tuple[str, ...]
    reason_code: str | None = None
    note: str = ""
    assigned_by: str | None = None
    assigned_at: datetime | None = None

    def length_s(self, now: datetime) -> float:
        return ((self.end or now) - self.start).total_seconds()

    def describe(self, now: datetime) -> str:
        state = self.state.name.title()
        length = self.length_s(now) / 60.0
        tail = f", reason {self.reason_code}" if self.reason_code else ", no reason yet"
        ongoing = " (ongoing)" if self.end is None else ""
        return (f"{self.station} {state} from {self.start:%Y-%m-%d %H:%M:%S} UTC for "
                f"{length:.1f} min{ongoing}{tail}")


@dataclass
class Pending:
    """What a flush writes, collected by the tracker between flushes."""

    states: list[tuple[str, datetime, PackMLState | None, int | None]] = field(
        default_factory=list)
    counts: dict[tuple[str, datetime], list[float]] = field(default_factory=dict)

    def empty(self) -> bool:
        return not self.states and not self.counts

    def then(self, later: Pending) -> Pending:
        """These records before `later`'s (a flush that failed goes back in front of what
        came since); output of one station and minute added up."""
        joined = Pending(states=[*self.states, *later.states],
                         counts={key: list(cell) for key, cell in self.counts.items()})
        for key, (total, good) in later.counts.items():
            cell = joined.counts.setdefault(key, [0.0, 0.0])
            cell[0] += total
            cell[1] += good
        return joined


def ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def parse_ts(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class ProductionStore:
    def __init__(self, db: PlantDb) -> None:
        self.db = db

    # ---- writing ---------------------------------------------------------------------
    def write(self, conn: Connection, pending: Pending) -> None:
        if pending.states:
            conn.execute(insert(state_events), [
                {"station": s, "at": ts(at), "state": None if st is None else int(st),
                 "plc_reason": reason} for s, at, st, reason in pending.states])
        for (station, bucket), (total, good) in pending.counts.items():
            key = and_(counts.c.station == station, counts.c.bucket == ts(bucket))
            done = conn.execute(update(counts).where(key).values(
                total=counts.c.total + total, good=counts.c.good + good))
            if done.rowcount == 0:
                conn.execute(insert(counts).values(station=station, bucket=ts(bucket),
                                                   total=total, good=good))

    def add_stop(self, conn: Connection, station: str, kind: str, start: datetime,
                 end: datetime | None, state: PackMLState, plc_reason: int | None,
                 hints: Sequence[str]) -> int:
        result = conn.execute(insert(downtime_events).values(
            station=station, kind=kind, started_at=ts(start),
            ended_at=ts(end) if end else None, state=int(state), plc_reason=plc_reason,
            hints=json.dumps(list(hints)), note=""))
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def close_stop(self, conn: Connection, event_id: int, end: datetime) -> None:
        conn.execute(update(downtime_events).where(downtime_events.c.id == event_id)
                     .values(ended_at=ts(end)))

    def close_open_stops(self, conn: Connection, station: str, at: datetime) -> None:
        c = downtime_events.c
        conn.execute(update(downtime_events).where(
            c.station == station, c.ended_at.is_(None)).values(ended_at=ts(at)))

    def set_hints(self, conn: Connection, event_id: int, hints: Sequence[str],
                  plc_reason: int | None = None) -> None:
        values: dict[str, object] = {"hints": json.dumps(list(hints))}
        if plc_reason is not None:
            values["plc_reason"] = plc_reason
        conn.execute(update(downtime_events).where(downtime_events.c.id == event_id)
                     .values(**values))

    def assign(self, conn: Connection, event_id: int, code: str, by: str, at: datetime,
               note: str) -> None:
        conn.execute(update(downtime_events).where(downtime_events.c.id == event_id).values(
            reason_code=code, assigned_by=by, assigned_at=ts(at), note=note))

    # ---- reading ---------------------------------------------------------------------
    def state_changes(self, station: str, start: datetime, end: datetime) -> list[StateChange]:
        """The changes in start..end, led by the last one before start (the state then)."""
        c = state_events.c
        with self.db.engine.connect() as conn:
            before = conn.execute(select(c.at, c.state).where(
                c.station == station, c.at < ts(start)).order_by(c.at.desc(), c.id.desc())
                .limit(1)).first()
            rows = conn.execute(select(c.at, c.state).where(
                c.station == station, c.at >= ts(start), c.at < ts(end))
                .order_by(c.at, c.id)).all()
        found = [before] if before is not None else []
        return [StateChange(parse_ts(r.at), None if r.state is None else PackMLState(r.state))
                for r in [*found, *rows]]

    def event_id(self, conn: Connection, station: str, start: datetime) -> int | None:
        """The downtime event of `station` that started at `start` (a station's stops never
        start at the same instant): how a stop recorded on this HMI while the plant
        database was away is found again when it is forwarded."""
        c = downtime_events.c
        found = conn.execute(select(c.id).where(c.station == station,
                                                c.started_at == ts(start))).scalar()
        return int(found) if found is not None else None

    def last_state(self, station: str, conn: Connection | None = None
                   ) -> tuple[datetime, PackMLState | None] | None:
        """`conn`: read inside that transaction (rows it wrote and has not committed)."""
        c = state_events.c
        query = (select(c.at, c.state).where(c.station == station)
                 .order_by(c.at.desc(), c.id.desc()).limit(1))
        if conn is not None:
            row = conn.execute(query).first()
        else:
            with self.db.engine.connect() as own:
                row = own.execute(query).first()
        if row is None:
            return None
        return parse_ts(row.at), None if row.state is None else PackMLState(row.state)

    def counts(self, station: str, start: datetime, end: datetime) -> list[CountDelta]:
        c = counts.c
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(c.bucket, c.total, c.good).where(
                c.station == station, c.bucket >= ts(start), c.bucket < ts(end))
                .order_by(c.bucket)).all()
        return [CountDelta(parse_ts(r.bucket), float(r.total), float(r.good)) for r in rows]

    def state_changes_all(self, start: datetime, end: datetime) -> dict[str, list[StateChange]]:
        """Every station's changes in start..end, each led by its last one before start:
        two queries for the whole line, where one per station held the OEE screen's worker
        for seconds on a 1,000-station line (issue 11)."""
        c = state_events.c
        latest = (select(c.station, c.at, c.state, func.row_number().over(
            partition_by=c.station, order_by=(c.at.desc(), c.id.desc())).label("n"))
            .where(c.at < ts(start)).subquery())
        result: dict[str, list[StateChange]] = {}
        with self.db.engine.connect() as conn:
            before = conn.execute(select(latest.c.station, latest.c.at, latest.c.state)
                                  .where(latest.c.n == 1)).all()
            rows = conn.execute(select(c.station, c.at, c.state).where(
                c.at >= ts(start), c.at < ts(end)).order_by(c.at, c.id)).all()
        for r in [*before, *rows]:
            result.setdefault(r.station, []).append(StateChange(
                parse_ts(r.at), None if r.state is None else PackMLState(r.state)))
        return result

    def counts_all(self, start: datetime, end: datetime) -> dict[str, list[CountDelta]]:
        """Every station's counts in start..end (one query)."""
        c = counts.c
        result: dict[str, list[CountDelta]] = {}
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(c.station, c.bucket, c.total, c.good).where(
                c.bucket >= ts(start), c.bucket < ts(end)).order_by(c.bucket)).all()
        for r in rows:
            result.setdefault(r.station, []).append(
                CountDelta(parse_ts(r.bucket), float(r.total), float(r.good)))
        return result

    def stops(self, start: datetime, end: datetime, *, station: str | None = None,
              kind: str | None = None) -> list[DowntimeEvent]:
        """Stops that overlap start..end (an open one counts while it lasts)."""
        c = downtime_events.c
        query = select(downtime_events).where(
            c.started_at < ts(end), or_(c.ended_at.is_(None), c.ended_at > ts(start)))
        if station is not None:
            query = query.where(c.station == station)
        if kind is not None:
            query = query.where(c.kind == kind)
        with self.db.engine.connect() as conn:
            return [_event(r) for r in conn.execute(query.order_by(c.started_at)).mappings()]

    def unassigned(self) -> list[DowntimeEvent]:
        c = downtime_events.c
        with self.db.engine.connect() as conn:
            return [_event(r) for r in conn.execute(select(downtime_events).where(
                c.kind == DOWNTIME, c.reason_code.is_(None)).order_by(c.started_at)).mappings()]

    def stop(self, event_id: int, conn: Connection | None = None) -> DowntimeEvent | None:
        query = select(downtime_events).where(downtime_events.c.id == event_id)
        if conn is not None:
            row = conn.execute(query).mappings().first()
        else:
            with self.db.engine.connect() as own:
                row = own.execute(query).mappings().first()
        return _event(row) if row is not None else None

    def reason_history(self, station: str, limit: int = 500) -> dict[str, int]:
        """How often each reason was given at this station lately."""
        c = downtime_events.c
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(c.reason_code).where(
                c.station == station, c.reason_code.is_not(None))
                .order_by(c.started_at.desc()).limit(limit)).all()
        history: dict[str, int] = {}
        for (code,) in rows:
            history[code] = history.get(code, 0) + 1
        return history


def _event(r: RowMapping) -> DowntimeEvent:
    return DowntimeEvent(
        id=r["id"], station=r["station"], kind=r["kind"], start=parse_ts(r["started_at"]),
        end=parse_ts(r["ended_at"]) if r["ended_at"] else None,
        state=PackMLState(r["state"]), plc_reason=r["plc_reason"],
        hints=tuple(json.loads(r["hints"])), reason_code=r["reason_code"],
        note=r["note"] or "", assigned_by=r["assigned_by"],
        assigned_at=parse_ts(r["assigned_at"]) if r["assigned_at"] else None)

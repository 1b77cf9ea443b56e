"""Parameter lineage of a lot: what touched it and everything it was made from.

For the lot and each of its ancestors (hmi.production.lots), within that lot's own window
(its start to its end, or now while it runs) at its own station:

- recipe: the recipe version, recipe hash and control recipe hash it ran with: the newest
  RELEASED changeover of its station begun before the lot started (its commit at the PLC
  starts the next lot; a changeover naming the lot itself wins), from the changeover
  journal;
- variance: every logged change of a released parameter away from (or back to) the
  downloaded value;
- write: every audited write to one of the station's tags (the command service's entries:
  who, old / sent / read-back value, reason), refused and failed ones included;
- alarm: the alarm journal's rows of the station's alarms (activation, return, operator
  actions; not the suppression-by-design bookkeeping);
- restore: restore runs of a fault at the station in the window, or that listed the lot as
  open; exposure: the dew-point exposure minutes restore runs recorded for the lot;
- hold / spc: its holds (by its own id, or by the id its changeover ran under) and their
  release. SPC keeps its chart points, limits and rule violations in memory only; what is
  persisted of SPC, and so what lineage can show, is its automatic holds (source `spc:...`).

`LineageReader(db).lineage(lot_id)` reads it all in short database calls (run it off the
GUI thread); the result is frozen dataclasses with `as_dict()` for JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from hmi.alarms.external import spc_alarm_defs
from hmi.alarms.journal import AlarmJournal
from hmi.alarms.model import Event
from hmi.config.schema import LineConfig
from hmi.core.tags import utc_now
from hmi.plantdb import PlantDb
from hmi.production.holds import lot_holds
from hmi.production.lots import Lot, LotStore
from hmi.restore.tables import restore_lot_exposure, restore_runs
from hmi.security.audit import AuditTrail
from recipes.changeover import ChangeoverJournal, ChangeoverRecord, ChangeoverState

KINDS = ("recipe", "variance", "write", "alarm", "restore", "exposure", "hold", "spc")
SPC_NOTE = ("SPC chart points, limits and rule violations are kept in memory only; lineage "
            "shows what SPC persists: its automatic holds (source spc:...)")
_QUIET_ALARM_EVENTS = (Event.SUPPRESS, Event.UNSUPPRESS)
_CHANGEOVERS_READ = 500  # newest changeovers considered for a lot's recipe


@dataclass(frozen=True, slots=True)
class LineageEvent:
    at: datetime
    lot_id: str
    station: str
    kind: str  # one of KINDS
    text: str
    by: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"at": self.at.isoformat(), "lot": self.lot_id, "station": self.station,
                "kind": self.kind, "text": self.text, "by": self.by}


@dataclass(frozen=True, slots=True)
class RecipeRun:
    changeover_id: str
    recipe_id: str
    version: int
    recipe_hash: str
    control_hash: str | None
    changeover_lot: str  # the lot id the changeover was started for
    trial: bool
    released_at: datetime

    def describe(self) -> str:
        trial = ", trial" if self.trial else ""
        return (f"recipe {self.recipe_id} v{self.version}{trial}: changeover "
                f"{self.changeover_id[:8]}, control recipe hash {self.control_hash or '-'}")


@dataclass(frozen=True, slots=True)
class LotLineage:
    lot: Lot
    depth: int  # 0: the lot asked about; 1: its parents; ...
    parents: tuple[str, ...]
    recipe: RecipeRun | None
    events: tuple[LineageEvent, ...]
    exposure_min: float  # dew-point exposure recorded by restore runs

    def count(self, kind: str) -> int:
        return sum(1 for e in self.events if e.kind == kind)

    def as_dict(self) -> dict[str, object]:
        lot = self.lot
        recipe: dict[str, Any] | None = None
        if self.recipe is not None:
            r = self.recipe
            recipe = {"changeover": r.changeover_id, "recipe": r.recipe_id,
                      "version": r.version, "recipe_hash": r.recipe_hash,
                      "control_hash": r.control_hash, "changeover_lot": r.changeover_lot,
                      "trial": r.trial, "released_at": r.released_at.isoformat()}
        return {"lot": lot.lot_id, "station": lot.station, "source": lot.source,
                "started_at": lot.started_at.isoformat(),
                "ended_at": lot.ended_at.isoformat() if lot.ended_at else None,
                "depth": self.depth, "parents": list(self.parents), "recipe": recipe,
                "exposure_min": round(self.exposure_min, 3),
                "counts": {k: self.count(k) for k in KINDS},
                "events": [e.as_dict() for e in self.events]}


@dataclass(frozen=True, slots=True)
class Lineage:
    lot_id: str
    built_at: datetime
    lots: tuple[LotLineage, ...]  # the lot first, then its ancestors nearest first
    links: tuple[tuple[str, str], ...]  # (parent, child)
    notes: tuple[str, ...]

    def lot(self, lot_id: str) -> LotLineage:
        return next(x for x in self.lots if x.lot.lot_id == lot_id)

    def timeline(self) -> list[LineageEvent]:
        return sorted((e for x in self.lots for e in x.events), key=lambda e: e.at)

    def as_dict(self) -> dict[str, object]:
        return {"lot": self.lot_id, "built_at": self.built_at.isoformat(),
                "lots": [x.as_dict() for x in self.lots],
                "links": [{"parent": p, "child": c} for p, c in self.links],
                "notes": list(self.notes)}

    def summary_lines(self) -> list[str]:
        """The plain-text summary (CLI, export bundle)."""
        out = [f"Lineage of lot {self.lot_id} ({len(self.lots)} lots, built "
               f"{self.built_at:%Y-%m-%d %H:%M:%S} UTC)"]
        for x in self.lots:
            lot = x.lot
            end = f"{lot.ended_at:%Y-%m-%d %H:%M:%S}" if lot.ended_at else "running"
            out.append(f"{'  ' * x.depth}{lot.lot_id} at {lot.station}: "
                       f"{lot.started_at:%Y-%m-%d %H:%M:%S} .. {end}"
                       + (f", from {', '.join(x.parents)}" if x.parents else ""))
            pad = "  " * x.depth + "    "
            out.append(pad + (x.recipe.describe() if x.recipe else "no released recipe found"))
            counts = ", ".join(f"{x.count(k)} {k}" for k in KINDS if k != "recipe")
            out.append(f"{pad}{counts}; dew-point exposure {x.exposure_min:.1f} min")
        out.extend(f"note: {n}" for n in self.notes)
        return out


class LineageReader:
    def __init__(self, db: PlantDb, *, alarm_stations: Mapping[str, str] | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        """`alarm_stations`: alarm id -> station (alarms_by_station(config)); without it
        an alarm belongs to the station its id starts with."""
        self._db = db
        self._lots = LotStore(db)
        self._journal = ChangeoverJournal(db.engine)
        self._audit = AuditTrail(db)
        self._alarms = AlarmJournal(db)
        self._alarm_stations = dict(alarm_stations or {})
        self._clock = clock

    def lineage(self, lot_id: str) -> Lineage:
        """Raises LotError (one line) for a lot that is not recorded."""
        now = self._clock()
        ancestry = self._lots.ancestors(lot_id)
        ids = [lot.lot_id for lot, _ in ancestry]
        links = self._lots.links(ids)
        runs = self._released_runs()
        built = []
        for lot, depth in ancestry:
            recipe = _recipe_of(lot, runs)
            events = self._events(lot, recipe, runs, now)
            exposure = sum(m for _, m in self._exposure(lot, recipe))
            parents = tuple(p for p, c in links if c == lot.lot_id)
            built.append(LotLineage(lot, depth, parents, recipe, tuple(events), exposure))
        return Lineage(lot_id, now, tuple(built), tuple(links), (SPC_NOTE,))

    # ---- the sources -------------------------------------------------------------------
    def _released_runs(self) -> list[ChangeoverRecord]:
        return [self._journal.load(co_id)
                for co_id, state, _ in self._journal.latest(_CHANGEOVERS_READ)
                if state is ChangeoverState.RELEASED]

    def _events(self, lot: Lot, recipe: RecipeRun | None, runs: Sequence[ChangeoverRecord],
                now: datetime) -> list[LineageEvent]:
        start, end = lot.window(now)
        st = lot.station

        def event(at: datetime, kind: str, text: str, by: str = "") -> LineageEvent:
            return LineageEvent(at, lot.lot_id, st, kind, text, by)

        events: list[LineageEvent] = []
        if recipe is not None:
            events.append(event(recipe.released_at, "recipe", recipe.describe()))
            run = next(r for r in runs if r.id == recipe.changeover_id)
            for v in self._journal.variances(run.id):
                if _station(v.tag) == st and start <= v.at < end:
                    text = (f"{v.tag} back at the downloaded {v.downloaded}" if v.found ==
                            v.downloaded else f"{v.tag} {v.found} (downloaded {v.downloaded})")
                    events.append(event(v.at, "variance", text, v.by or ""))
        for a in self._audit.entries(start, end, object_type="tag"):
            if _station(a.object_id) == st:
                why = f": {a.reason}" if a.reason else ""
                events.append(event(a.utc_ts, "write", f"{a.action} {a.object_id} "
                                    f"{a.old_value} -> {a.sent_value} (read back "
                                    f"{a.read_back}){why}", a.username))
        for row in self._alarms.rows(start, end):
            if row.event in _QUIET_ALARM_EVENTS or self._alarm_station(row.alarm_id) != st:
                continue
            events.append(event(row.at, "alarm", f"{row.alarm_id} {row.event} (value "
                                f"{row.value})" + (f": {row.reason}" if row.reason else ""),
                                row.username))
        events.extend(self._restores(lot, start, end, event))
        for at, minutes in self._exposure(lot, recipe):
            events.append(event(at, "exposure", f"dew-point exposure {minutes:.1f} min"))
        events.extend(self._holds(lot, recipe, event))
        return sorted(events, key=lambda e: e.at)

    def _alarm_station(self, alarm_id: str) -> str:
        known = self._alarm_stations.get(alarm_id)
        if known is not None:
            return known
        return alarm_id.replace(".", "_").split("_", 1)[0]

    def _restores(self, lot: Lot, start: datetime, end: datetime,
                  event: Callable[..., LineageEvent]) -> list[LineageEvent]:
        r = restore_runs.c
        with self._db.engine.connect() as conn:
            rows = conn.execute(select(restore_runs).where(or_(
                (r.fault_station == lot.station) & (r.fault_at >= start.isoformat())
                & (r.fault_at < end.isoformat()),
                r.open_lots.like(f'%"{lot.lot_id}"%'))).order_by(r.fault_at)).mappings().all()
        found = []
        for row in rows:
            fault_at = datetime.fromisoformat(row["fault_at"])
            in_window = row["fault_station"] == lot.station and start <= fault_at < end
            listed = any(x["lot_id"] == lot.lot_id for x in json.loads(row["open_lots"]))
            if not (in_window or listed):
                continue
            mttr = f", {row['mttr_s']:.0f} s fault to verified" if row["mttr_s"] else ""
            found.append(event(fault_at, "restore", f"{row['procedure_id']} after "
                               f"{row['fault_kind']} at {row['fault_station']}: "
                               f"{row['state']}{mttr}", row["started_by"]))
        return found

    def _exposure(self, lot: Lot, recipe: RecipeRun | None) -> list[tuple[datetime, float]]:
        ids = _ids_of(lot, recipe)
        e, r = restore_lot_exposure.c, restore_runs.c
        with self._db.engine.connect() as conn:
            rows = conn.execute(select(r.fault_at, e.minutes_above).join(
                restore_runs, r.id == e.run_id).where(e.lot_id.in_(ids))
                .order_by(r.fault_at)).all()
        return [(datetime.fromisoformat(at), float(m)) for at, m in rows]

    def _holds(self, lot: Lot, recipe: RecipeRun | None,
               event: Callable[..., LineageEvent]) -> list[LineageEvent]:
        with self._db.engine.connect() as conn:
            rows = conn.execute(select(lot_holds).where(
                lot_holds.c.lot_id.in_(_ids_of(lot, recipe))).order_by(lot_holds.c.id)
                ).mappings().all()
        found = []
        for h in rows:
            kind = "spc" if str(h["source"]).startswith("spc:") else "hold"
            found.append(event(datetime.fromisoformat(h["placed_at"]), kind,
                               f"hold #{h['id']} on {h['lot_id']} ({h['source']}): "
                               f"{h['reason']}", h["placed_by"]))
            if h["released_at"]:
                found.append(event(datetime.fromisoformat(h["released_at"]), kind,
                                   f"hold #{h['id']} released (signature "
                                   f"{h['release_signature_id']}): {h['release_reason']}",
                                   h["released_by"] or ""))
        return found


def _ids_of(lot: Lot, recipe: RecipeRun | None) -> list[str]:
    """The lot's own id and the id its changeover ran under (holds and exposures of it)."""
    ids = [lot.lot_id]
    if recipe is not None and recipe.changeover_lot not in ids:
        ids.append(recipe.changeover_lot)
    return ids


def _station(tag: str) -> str:
    return tag.split(".", 1)[0]


def _recipe_of(lot: Lot, runs: Sequence[ChangeoverRecord]) -> RecipeRun | None:
    # Begun before the lot started: a changeover's commit is what starts the PLC's next
    # lot, so the lot it ended (begun before the changeover) did not run with it.
    mine = [r for r in runs
            if any(_station(p.tag) == lot.station for p in r.parameters)
            and r.started_at <= lot.started_at]
    named = [r for r in mine if r.lot_id == lot.lot_id]
    pick = max(named or mine, key=lambda r: r.started_at, default=None)
    if pick is None:
        return None
    released = next((e.at for e in reversed(pick.events)
                     if e.state is ChangeoverState.RELEASED), pick.finished_at or pick.updated_at)
    return RecipeRun(pick.id, pick.recipe_id, pick.version, pick.recipe_hash,
                     pick.control_hash, pick.lot_id, pick.trial, released)


def alarms_by_station(config: LineConfig) -> dict[str, str]:
    """alarm id -> the station of the tag it watches; the SPC run-rule alarms too (their
    virtual tag names the characteristic's station: hmi.alarms.external)."""
    return {a.id: a.tag.split(".", 1)[0] for a in (*config.alarms, *spc_alarm_defs(config))
            if a.tag is not None}

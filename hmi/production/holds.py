"""Lots on hold, and their release by a QA signature (DOMAIN.md 2.2 trial lots, 4.4 dew point).

Who places holds: the changeover glue (a released *trial* changeover holds its lot), the
restore procedures (a dew-point excursion beyond a lot's exposure budget), a person. Who
releases: QA only, with an electronic signature (re-enter user id and password, 21 CFR
11.200) over the lot's open holds; everything is audited in the hash-chained trail.

    holds = LotHoldStore(db, security.audit, security.signatures)
    hold = holds.place("LOT-42", ["coater", "dryer"], "dew point -35 C above -40 C for 12 min",
                       source="restore:dew_point", actor="restore-engine")
    holds.active()                  # every open hold, oldest first (optionally of a station)
    holds.of_lot("LOT-42")          # the lot's holds, open and released, oldest first
    holds.is_held("LOT-42")
    holds.release("LOT-42", "quinn", password, "KF 210 ppm < 300 ppm: lot may proceed")

Rules worth knowing:
- `place` is idempotent per (lot, source) while that hold is open: an automatic source may
  call it on every sample of an excursion and gets the one open hold back (not a pile).
- `release` releases *all* open holds of the lot at once, under one signature whose record
  is the lot and whose hash covers those holds; a hold placed while QA was signing makes the
  release fail (sign again, now seeing it). The signer needs the product-release permission
  (`recipe_release`, QA by default; a site grants it in [security] permissions).
- Refusals raise HoldError (or the security errors of a failed signature: wrong password,
  no permission); `str()` is one line for the user.
Every call is a short blocking database call: run it off the Qt GUI thread.

With a plant database on a server (`recorder`: the plant link), a hold is placed through the
link as an op: written at once while the server answers; kept on this HMI while it is away
(an automatic hold must not be lost: a restore's exposure, an SPC rule, a variance), listed
by `active`/`of_lot`/`is_held` with a negative id until forwarded, and written once, in
order, when the server is back (still idempotent per lot and source there: a hold the
plant already has open is not placed twice). A release needs the plant database (its
signature and the holds it covers live there).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    RowMapping,
    String,
    Table,
    Text,
    insert,
    select,
)
from sqlalchemy import update as sql_update
from sqlalchemy.exc import DBAPIError

from hmi.core.audit_event import AuditEvent
from hmi.core.roles import Action
from hmi.core.tags import utc_now
from hmi.plantdb import PlantDb
from hmi.plantdb.errors import unreachable
from hmi.production.recorder import Recorder
from hmi.security.audit import AuditTrail
from hmi.security.audit_chain import content_hash
from hmi.security.signatures import Meaning, SignatureService

Clock = Callable[[], datetime]

RECORD_TYPE = "lot"  # what a release signature names as its record (record_id = the lot id)
RELEASE_ACTION = Action.RECIPE_RELEASE  # product release: QA's permission by default
PLACE = "lot_hold.place"  # the plant link's op for a hold

metadata = MetaData()

# The same schema as migration 0005_lot_holds (tests/production checks they agree).
lot_holds = Table(
    "lot_holds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("lot_id", String(100), nullable=False),
    Column("stations", Text, nullable=False),  # JSON list of station ids
    Column("reason", Text, nullable=False),
    Column("source", String(200), nullable=False),
    Column("placed_by", String(64), nullable=False),
    Column("placed_at", String(40), nullable=False),  # ISO 8601 UTC
    Column("released_by", String(64)),
    Column("released_at", String(40)),
    Column("release_signature_id", Integer),
    Column("release_reason", Text),
)


class HoldError(Exception):
    """A hold call refused; `str()` is one line for the user."""


@dataclass(frozen=True, slots=True)
class LotHold:
    id: int
    lot_id: str
    stations: tuple[str, ...]
    reason: str
    source: str  # who or what placed it: "changeover:<id>", "restore:dew_point", "manual"
    placed_by: str
    placed_at: datetime
    released_by: str | None = None
    released_at: datetime | None = None
    release_signature_id: int | None = None
    release_reason: str = ""

    @property
    def active(self) -> bool:
        return self.released_at is None

    def describe(self) -> str:
        """One line for screens and reports."""
        where = ", ".join(self.stations) or "all stations"
        text = (f"lot {self.lot_id} held at {where} since {self.placed_at:%Y-%m-%d %H:%M} UTC "
                f"by {self.placed_by}: {self.reason}")
        if self.released_at is not None:
            text += (f"; released by {self.released_by} at {self.released_at:%Y-%m-%d %H:%M} "
                     f"UTC: {self.release_reason}")
        return text


class LotHoldStore:
    def __init__(self, db: PlantDb, audit: AuditTrail, signatures: SignatureService,
                 clock: Clock = utc_now, *, recorder: Recorder | None = None) -> None:
        self._db = db
        self._audit = audit
        self._signatures = signatures
        self._clock = clock
        self._recorder = recorder
        if recorder is not None:
            recorder.on_forward(PLACE, self._forward_place)

    def place(self, lot_id: str, stations: str | Sequence[str], reason: str, source: str,
              actor: str, *, full_name: str = "", role: str = "",
              client_host: str = "") -> LotHold:
        """Put `lot_id` on hold at `stations` (one id or several); audited as `actor` (a
        username, or a service name such as "restore-engine"). Returns the hold, or the
        already open hold of the same lot and source."""
        station_list = _stations(stations)
        if not lot_id.strip():
            raise HoldError("a hold needs a lot id")
        if not reason.strip():
            raise HoldError(f"hold of lot {lot_id}: say why the lot is held")
        if not source.strip() or not actor.strip():
            raise HoldError(f"hold of lot {lot_id}: name its source and who places it")
        data = {"lot_id": lot_id, "stations": station_list, "reason": reason,
                "source": source, "actor": actor, "full_name": full_name, "role": role,
                "client_host": client_host, "at": self._clock()}
        if self._recorder is None:
            with self._db.writing() as conn:
                return self._place_in(conn, data)
        kept = [h for h in self._kept() if (h.lot_id, h.source) == (lot_id, source)]
        if kept:  # already waiting on this HMI (an automatic source calls at every sample)
            return kept[0]
        if self._recorder.record(ops=[(PLACE, data)]):
            [hold] = [h for h in self.of_lot(lot_id) if h.active and h.source == source]
            return hold
        return _kept_hold(data)

    def _place_in(self, conn: Connection, data: Mapping[str, Any]) -> LotHold:
        """The hold in the caller's transaction (at once, or at the link's forward), unless
        the lot already has an open hold of that source; audited with the time it was
        placed (on this HMI, if the plant database was away then)."""
        lot_id, source = data["lot_id"], data["source"]
        existing = conn.execute(select(lot_holds).where(
            lot_holds.c.lot_id == lot_id, lot_holds.c.source == source,
            lot_holds.c.released_at.is_(None))).mappings().first()
        if existing is not None:
            return _hold(existing)
        at, actor, stations = data["at"], data["actor"], list(data["stations"])
        result = conn.execute(insert(lot_holds).values(
            lot_id=lot_id, stations=json.dumps(stations), reason=data["reason"],
            source=source, placed_by=actor, placed_at=_ts(at)))
        key = result.inserted_primary_key
        assert key is not None
        hold_id = int(key[0])
        self._audit.append_in(conn, AuditEvent(
            username=actor, full_name=data["full_name"] or actor, role=data["role"],
            action="hold_lot", object_type=RECORD_TYPE, object_id=lot_id, field="stations",
            old_value=None, sent_value=",".join(stations) or "*",
            reason=f"{data['reason']} (hold #{hold_id}, source {source})",
            client_host=data["client_host"]), at)
        return LotHold(hold_id, lot_id, tuple(stations), data["reason"], source, actor, at)

    def _forward_place(self, conn: Connection, data: Mapping[str, Any]) -> None:
        self._place_in(conn, data)

    def _kept(self) -> list[LotHold]:
        """Holds placed on this HMI while the plant database was away, not forwarded yet."""
        if self._recorder is None:
            return []
        return [_kept_hold(data) for _, data in self._recorder.pending_ops(PLACE)]

    def _plant(self, read: Callable[[Connection], list[LotHold]]) -> list[LotHold]:
        """`read` on the plant database, and the holds kept on this HMI (only those while
        the server is away: the plant's open holds are not known then)."""
        found: list[LotHold] = []
        try:
            with self._db.engine.connect() as conn:
                found = read(conn)
        except DBAPIError as exc:
            if self._recorder is None or not unreachable(exc):
                raise
        plant = {(h.lot_id, h.source) for h in found if h.active}
        return found + [h for h in self._kept() if (h.lot_id, h.source) not in plant]

    def active(self, station: str | None = None) -> list[LotHold]:
        """Open holds, oldest first; with `station`, those that name it (or all stations)."""
        holds = self._plant(lambda conn: [_hold(r) for r in conn.execute(
            select(lot_holds).where(lot_holds.c.released_at.is_(None))
            .order_by(lot_holds.c.id)).mappings()])
        if station is None:
            return holds
        return [h for h in holds if not h.stations or station in h.stations]

    def of_lot(self, lot_id: str) -> list[LotHold]:
        """Every hold of the lot, open and released, oldest first."""
        return [h for h in self._plant(lambda conn: _of_lot(conn, lot_id, open_only=False))
                if h.lot_id == lot_id]

    def is_held(self, lot_id: str) -> bool:
        return any(h.active for h in self.of_lot(lot_id))

    def release_hash(self, lot_id: str) -> str:
        """What a release signature signs: the hash of the lot's open holds."""
        with self._db.engine.connect() as conn:
            return _release_hash(lot_id, _of_lot(conn, lot_id, open_only=True))

    def release(self, lot_id: str, by: str, password: str, reason: str, *,
                meaning: Meaning = Meaning.RELEASED, client_host: str = "") -> list[LotHold]:
        """QA releases every open hold of the lot with a signature (`by` re-enters the
        password; needs the product-release permission). Returns the released holds."""
        with self._db.engine.connect() as conn:
            held = _of_lot(conn, lot_id, open_only=True)
        if not held:
            raise HoldError(f"lot {lot_id} is not on hold: nothing to release")
        signed_hash = _release_hash(lot_id, held)
        # Raises (wrong password, no permission, no reason) before anything changes here.
        signature = self._signatures.sign(
            by, password, meaning, RECORD_TYPE, lot_id, signed_hash,
            f"release of lot {lot_id} from hold: {reason}", required_action=RELEASE_ACTION,
            client_host=client_host)
        now = self._clock()
        with self._db.writing() as conn:
            now_held = _of_lot(conn, lot_id, open_only=True)
            if _release_hash(lot_id, now_held) != signed_hash:
                raise HoldError(f"lot {lot_id}: its holds changed while signing (another was "
                                "placed or released); look again and sign again")
            conn.execute(sql_update(lot_holds).where(
                lot_holds.c.id.in_([h.id for h in held])).values(
                    released_by=signature.username, released_at=_ts(now),
                    release_signature_id=signature.id, release_reason=reason))
            self._audit.append_in(conn, AuditEvent(
                username=signature.username, full_name=signature.printed_name,
                role="", action="release_lot", object_type=RECORD_TYPE, object_id=lot_id,
                field="holds", old_value=", ".join(f"#{h.id}" for h in held),
                sent_value="released", reason=reason, client_host=client_host,
                signature_id=signature.id))
        return [LotHold(h.id, h.lot_id, h.stations, h.reason, h.source, h.placed_by,
                        h.placed_at, signature.username, now, signature.id, reason)
                for h in held]


def _kept_hold(data: Mapping[str, Any]) -> LotHold:
    """A hold kept on this HMI: its id negative (the plant numbers it when forwarded)."""
    at: datetime = data["at"]
    return LotHold(-int(at.timestamp() * 1_000_000), data["lot_id"], tuple(data["stations"]),
                   data["reason"], data["source"], data["actor"], at)


def _stations(stations: str | Sequence[str]) -> list[str]:
    items = [stations] if isinstance(stations, str) else list(stations)
    return list(dict.fromkeys(s.strip() for s in items if s.strip() and s.strip() != "*"))


def _of_lot(conn: Connection, lot_id: str, *, open_only: bool) -> list[LotHold]:
    query = select(lot_holds).where(lot_holds.c.lot_id == lot_id).order_by(lot_holds.c.id)
    if open_only:
        query = query.where(lot_holds.c.released_at.is_(None))
    return [_hold(r) for r in conn.execute(query).mappings()]


def _release_hash(lot_id: str, held: Sequence[LotHold]) -> str:
    return content_hash({"lot": lot_id, "holds": [
        {"id": h.id, "stations": list(h.stations), "reason": h.reason, "source": h.source,
         "placed_by": h.placed_by, "placed_at": _ts(h.placed_at)} for h in held]})


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _parse(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _hold(r: RowMapping) -> LotHold:
    stations = json.loads(r["stations"])
    return LotHold(
        id=r["id"], lot_id=r["lot_id"], stations=tuple(str(s) for s in stations),
        reason=r["reason"], source=r["source"], placed_by=r["placed_by"],
        placed_at=_parse(r["placed_at"]), released_by=r["released_by"],
        released_at=_parse(r["released_at"]) if r["released_at"] else None,
        release_signature_id=r["release_signature_id"],
        release_reason=r["release_reason"] or "")

"""ChangeoverJournal: every step of a changeover persisted as it happens, in its own short
transaction, so a crash or kill -9 leaves a record of where it stopped and what the PLC
holds. Events are append-only; parameter rows keep their latest phase and read-back."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, update

from recipes.changeover.record import (
    ChangeoverRecord,
    CheckRecord,
    EventRecord,
    ParamRecord,
    SignatureRecord,
    VarianceRecord,
)
from recipes.changeover.states import TERMINAL, ChangeoverState, ParamPhase
from recipes.changeover.version_guard import recheck_version
from recipes.checklists import ChecklistItem
from recipes.codec import dump_value, load_value, parse_ts, ts, utc_now
from recipes.errors import NotFoundError
from recipes.model import ParamValue
from recipes.signatures import SignatureLike
from recipes.tables import (
    changeover_checks,
    changeover_events,
    changeover_parameters,
    changeover_signatures,
    changeover_variances,
    changeovers,
)
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, loaded, stored, user_text
from recipes.writing import writing

Clock = Callable[[], datetime]


def this_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str) -> bool:
    """Is the process named by `owner` still running (on this host; elsewhere: assume so)?"""
    host, _, pid_text = owner.rpartition(":")
    if host != socket.gethostname():
        return True
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _not_zombie(pid)


def _not_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


class ChangeoverJournal:
    def __init__(self, engine: Engine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._clock = clock

    def create(self, recipe_id: str, version: int, recipe_hash: str, lot_id: str, trial: bool,
               by: str, targets: Sequence[tuple[str, ParamValue]]) -> str:
        co_id = str(uuid.uuid4())
        now = ts(self._clock())
        with writing(self._engine) as conn:
            # Another HMI may have obsoleted it since it was loaded (many writers).
            recheck_version(conn, recipe_id, version, recipe_hash, trial=trial, releasing=False)
            conn.execute(insert(changeovers).values(
                id=co_id, recipe_id=recipe_id, version=version, recipe_hash=recipe_hash,
                lot_id=lot_id, trial=trial, state=ChangeoverState.CREATED.value,
                control_hash=None, started_by=by, started_at=now, updated_at=now,
                finished_at=None, failure="", owner=this_owner()))
            conn.execute(insert(changeover_parameters), [
                {"changeover_id": co_id, "position": i, "tag": tag, "target": dump_value(v),
                 "snapshot": None, "phase": ParamPhase.PENDING.value, "read_back": None,
                 "message": ""} for i, (tag, v) in enumerate(targets)])
            conn.execute(insert(changeover_events).values(
                changeover_id=co_id, at=now, state=ChangeoverState.CREATED.value,
                message=f"changeover to {recipe_id} v{version} for lot {lot_id} started by {by}"
                        + (" (TRIAL: lots are held)" if trial else "")))
        return co_id

    def set_state(self, co_id: str, state: ChangeoverState, message: str | UserText, *,
                  failure: str | UserText | None = None, control_hash: str | None = None
                  ) -> None:
        """A UserText message or failure is stored as its English line with the template
        behind it (recipes.user_text.stored): readers see English, the UI translates."""
        now = ts(self._clock())
        values: dict[str, Any] = {"state": state.value, "updated_at": now}
        if failure is not None:
            values["failure"] = stored(failure)
        if control_hash is not None:
            values["control_hash"] = control_hash
        if state in TERMINAL:
            values["finished_at"] = now
        with writing(self._engine) as conn:
            if state is ChangeoverState.RELEASED:
                row = conn.execute(select(changeovers).where(changeovers.c.id == co_id)).one()
                recheck_version(conn, row.recipe_id, row.version, row.recipe_hash,
                                trial=bool(row.trial), releasing=True)
            conn.execute(update(changeovers).where(changeovers.c.id == co_id).values(**values))
            conn.execute(insert(changeover_events).values(
                changeover_id=co_id, at=now, state=state.value, message=stored(message)))

    def log(self, co_id: str, message: str | UserText) -> None:
        now = ts(self._clock())
        with writing(self._engine) as conn:
            state = conn.execute(select(changeovers.c.state)
                                 .where(changeovers.c.id == co_id)).scalar_one()
            conn.execute(insert(changeover_events).values(
                changeover_id=co_id, at=now, state=state, message=stored(message)))
            conn.execute(update(changeovers).where(changeovers.c.id == co_id)
                         .values(updated_at=now))

    def take_ownership(self, co_id: str) -> None:
        with writing(self._engine) as conn:
            conn.execute(update(changeovers).where(changeovers.c.id == co_id)
                         .values(owner=this_owner()))

    def save_snapshot(self, co_id: str, snapshot: Mapping[str, ParamValue]) -> None:
        c = changeover_parameters.c
        statement = update(changeover_parameters).where(
            c.changeover_id == bindparam("co"), c.tag == bindparam("t")).values(
                snapshot=bindparam("snap"))
        with writing(self._engine) as conn:
            conn.execute(statement, [{"co": co_id, "t": tag, "snap": dump_value(value)}
                                     for tag, value in snapshot.items()])

    def set_phases(self, co_id: str, rows: Iterable[tuple[str, ParamPhase, ParamValue | None,
                                                          str | UserText]]) -> None:
        """(tag, phase, read back, message) for each tag, in one transaction."""
        params = [{"co": co_id, "t": tag, "ph": phase.value, "rb": dump_value(back),
                   "msg": stored(message)} for tag, phase, back, message in rows]
        if not params:
            return
        c = changeover_parameters.c
        # One statement, many parameter sets (executemany): a 200-value batch costs one
        # round of the driver, not 200.
        statement = update(changeover_parameters).where(
            c.changeover_id == bindparam("co"), c.tag == bindparam("t")).values(
                phase=bindparam("ph"), read_back=bindparam("rb"), message=bindparam("msg"))
        with writing(self._engine) as conn:
            conn.execute(statement, params)

    def mark(self, co_id: str, tags: Iterable[str], phase: ParamPhase) -> None:
        with writing(self._engine) as conn:
            conn.execute(update(changeover_parameters).where(
                changeover_parameters.c.changeover_id == co_id,
                changeover_parameters.c.tag.in_(list(tags))).values(phase=phase.value))

    def open_checks(self, co_id: str, items: Sequence[ChecklistItem]) -> None:
        with writing(self._engine) as conn:
            existing = set(conn.execute(select(changeover_checks.c.item_id).where(
                changeover_checks.c.changeover_id == co_id)).scalars())
            rows = [{"changeover_id": co_id, "item_id": i.id, "kind": i.kind,
                     "text": stored(i.text), "status": "open", "by_user": None, "note": "",
                     "at": None}
                    for i in items if i.id not in existing]
            if rows:
                conn.execute(insert(changeover_checks), rows)

    def set_check(self, co_id: str, item_id: str, status: str, by: str | None,
                  note: str | UserText) -> None:
        with writing(self._engine) as conn:
            conn.execute(update(changeover_checks).where(
                changeover_checks.c.changeover_id == co_id,
                changeover_checks.c.item_id == item_id).values(
                    status=status, by_user=by, note=stored(note), at=ts(self._clock())))

    def add_signatures(self, co_id: str, signed: Sequence[tuple[SignatureLike, str]]) -> None:
        with writing(self._engine) as conn:
            conn.execute(insert(changeover_signatures), [
                {"changeover_id": co_id, "meaning": str(s.meaning), "role": role,
                 "signature_id": s.id, "username": s.username, "printed_name": s.printed_name,
                 "signed_at": ts(s.utc_ts), "record_hash": s.record_hash}
                for s, role in signed])

    def add_variance(self, co_id: str, tag: str, downloaded: ParamValue,
                     found: ParamValue | None, by: str | None) -> None:
        self.add_variances([VarianceRecord(co_id, tag, downloaded, found, self._clock(), by)])

    def add_variances(self, rows: Sequence[VarianceRecord]) -> None:
        """Log several variances (of any changeovers) in one transaction."""
        if not rows:
            return
        with writing(self._engine) as conn:
            conn.execute(insert(changeover_variances), [
                {"changeover_id": v.changeover_id, "tag": v.tag,
                 "downloaded": dump_value(v.downloaded), "found": dump_value(v.found),
                 "at": ts(v.at), "by_user": v.by} for v in rows])

    def variances(self, co_id: str) -> list[VarianceRecord]:
        """The changeover's logged variances (and returns), oldest first."""
        c = changeover_variances.c
        with self._engine.connect() as conn:
            return [VarianceRecord(r["changeover_id"], r["tag"], _value(r["downloaded"]),
                                   load_value(r["found"]), parse_ts(r["at"]), r["by_user"])
                    for r in conn.execute(select(changeover_variances)
                                          .where(c.changeover_id == co_id)
                                          .order_by(c.id)).mappings()]

    def latest(self, limit: int = 200, known: Mapping[str, tuple[str, ...]] | None = None
               ) -> list[tuple[str, ChangeoverState, tuple[str, ...]]]:
        """(id, state, parameter tags) of the newest changeovers, newest first: cheap enough
        to ask every few seconds (which changeover is the active one of a station).
        `known`: tags the caller already has (a changeover's tags never change); only the
        others are read."""
        c = changeovers.c
        p = changeover_parameters.c
        known = known or {}
        with self._engine.connect() as conn:
            rows = conn.execute(select(c.id, c.state).order_by(c.started_at.desc())
                                .limit(limit)).all()
            tags: dict[str, list[str]] = {row.id: [] for row in rows if row.id not in known}
            if tags:
                for co_id, tag in conn.execute(select(p.changeover_id, p.tag).where(
                        p.changeover_id.in_(list(tags))).order_by(p.position)):
                    tags[co_id].append(tag)
        return [(row.id, ChangeoverState(row.state),
                 known[row.id] if row.id in known else tuple(tags[row.id])) for row in rows]

    # ---- reading -----------------------------------------------------------------------
    def load(self, co_id: str) -> ChangeoverRecord:
        with self._engine.connect() as conn:
            row = conn.execute(select(changeovers).where(changeovers.c.id == co_id)
                               ).mappings().first()
            if row is None:
                raise NotFoundError(user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "no changeover {id}"), id=co_id))
            c = changeover_parameters.c
            params = tuple(
                ParamRecord(p["tag"], _value(p["target"]), load_value(p["snapshot"]),
                            ParamPhase(p["phase"]), load_value(p["read_back"]),
                            loaded(p["message"]))
                for p in conn.execute(select(changeover_parameters)
                                      .where(c.changeover_id == co_id)
                                      .order_by(c.position)).mappings())
            events = tuple(
                EventRecord(parse_ts(e["at"]), ChangeoverState(e["state"]), loaded(e["message"]))
                for e in conn.execute(select(changeover_events)
                                      .where(changeover_events.c.changeover_id == co_id)
                                      .order_by(changeover_events.c.id)).mappings())
            checks = tuple(
                CheckRecord(k["item_id"], k["kind"], loaded(k["text"]), k["status"], k["by_user"],
                            loaded(k["note"]), parse_ts(k["at"]) if k["at"] else None)
                for k in conn.execute(select(changeover_checks)
                                      .where(changeover_checks.c.changeover_id == co_id)
                                      ).mappings())
            sigs = tuple(
                SignatureRecord(s["meaning"], s["role"], s["signature_id"], s["username"],
                                s["printed_name"], parse_ts(s["signed_at"]), s["record_hash"])
                for s in conn.execute(select(changeover_signatures)
                                      .where(changeover_signatures.c.changeover_id == co_id)
                                      ).mappings())
        return ChangeoverRecord(
            id=row["id"], recipe_id=row["recipe_id"], version=row["version"],
            recipe_hash=row["recipe_hash"], lot_id=row["lot_id"], trial=bool(row["trial"]),
            state=ChangeoverState(row["state"]), control_hash=row["control_hash"],
            started_by=row["started_by"], started_at=parse_ts(row["started_at"]),
            updated_at=parse_ts(row["updated_at"]),
            finished_at=parse_ts(row["finished_at"]) if row["finished_at"] else None,
            failure=loaded(row["failure"]), owner=row["owner"], parameters=params, events=events,
            checks=checks, signatures=sigs)

    def unfinished(self) -> list[ChangeoverRecord]:
        """Changeovers not in a final state, oldest first."""
        with self._engine.connect() as conn:
            ids = conn.execute(select(changeovers.c.id).where(
                changeovers.c.state.not_in([s.value for s in TERMINAL]))
                .order_by(changeovers.c.started_at)).scalars().all()
        return [self.load(i) for i in ids]

    def recent(self, limit: int = 20) -> list[ChangeoverRecord]:
        with self._engine.connect() as conn:
            ids = conn.execute(select(changeovers.c.id).order_by(
                changeovers.c.started_at.desc()).limit(limit)).scalars().all()
        return [self.load(i) for i in ids]


def _value(text: str) -> ParamValue:
    value = load_value(text)
    assert value is not None
    return value

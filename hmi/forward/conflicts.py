"""Conflicts a forward finds: a changeover that ran offline (on the Effective version this
HMI had cached) on a version the plant database has since obsoleted or changed. The record
is forwarded anyway (it happened); the conflict is written beside it for a person.

A person resolves one by signing their decision (`resolve_signed`): re-authentication,
the permission to release (deciding what becomes of a lot made on a withdrawn version is
a release decision: QA by default), the decision in words as the signature's reason, and
an audit entry beside the resolution. The forwarder never resolves anything.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import DBAPIError

from hmi.core.audit_event import AuditEvent
from hmi.core.roles import ALL_STATIONS, Action
from hmi.plantdb import PlantDb
from hmi.plantdb.errors import unreachable
from hmi.plantdb.polling import PollingThread
from hmi.plantdb.tables import forwarded
from hmi.security.services import Security
from hmi.security.signatures import Meaning, Signature
from recipes.model import RecipeStatus
from recipes.tables import recipe_status_log, recipe_versions

STILL_FINE = {RecipeStatus.EFFECTIVE.value, RecipeStatus.SUPERSEDED.value}
RESOLVE_ACTION = Action.RECIPE_RELEASE
log = logging.getLogger(__name__)
RECORD_TYPE = "forwarded"  # what a resolution's signature and audit entry are about


def changeover_conflicts(conn: Connection,
                         rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[str]:
    found = []
    for co in rows.get("changeovers", ()):
        rv = recipe_versions.c
        version = conn.execute(select(rv.id, rv.status, rv.content_hash).where(
            rv.recipe_id == co["recipe_id"], rv.version == co["version"])).first()
        label = f"{co['recipe_id']} v{co['version']}"
        ran = (f"changeover {co['id']} (lot {co['lot_id']}) ran {label} offline, started "
               f"{co['started_at']} by {co['started_by']}")
        if version is None:
            found.append(f"{ran}; the plant database has no such version: review the lot")
            continue
        if version.content_hash != co["recipe_hash"]:
            found.append(f"{ran}; the plant database's {label} has other content: review")
            continue
        if version.status in STILL_FINE:
            continue
        last = conn.execute(
            select(recipe_status_log.c.by_user, recipe_status_log.c.at,
                   recipe_status_log.c.reason)
            .where(recipe_status_log.c.version_pk == version.id)
            .order_by(recipe_status_log.c.id.desc()).limit(1)).first()
        why = f" by {last.by_user} at {last.at} ({last.reason})" if last is not None else ""
        found.append(f"{ran}; it was made {version.status}{why}: review the lot")
    return found


def open_conflicts(conn: Connection) -> list[tuple[str, str, str]]:
    """(key, hmi, what) of forwarded records no person has resolved yet, oldest first."""
    f = forwarded.c
    return [(r.key, r.hmi, r.conflict) for r in conn.execute(
        select(f.key, f.hmi, f.conflict)
        .where(f.conflict.is_not(None), f.resolved_by.is_(None))
        .order_by(f.recorded_at))]


def resolve(conn: Connection, key: str, by: str, resolution: str, at: str) -> None:
    """A person's decision on a conflict, in the caller's transaction (which also carries
    its audit entry): who, when, what was decided. Never done by the forwarder itself."""
    if not resolution.strip():
        raise ValueError("a conflict's resolution needs the decision in words")
    f = forwarded.c
    done = conn.execute(update(forwarded).where(f.key == key, f.conflict.is_not(None),
                                                f.resolved_by.is_(None))
                        .values(resolved_by=by, resolved_at=at, resolution=resolution))
    if done.rowcount != 1:
        raise ValueError(f"no open conflict with key {key}")


@dataclass(frozen=True, slots=True)
class Conflict:
    key: str  # the forwarded record's key
    hmi: str  # where it ran
    what: str  # what the forward found

    @property
    def record_hash(self) -> str:
        """What a resolution's signature is over: this conflict, as it was shown."""
        return hashlib.sha256(f"{self.key}\n{self.hmi}\n{self.what}".encode()).hexdigest()


def conflicts_open(db: PlantDb) -> list[Conflict]:
    with db.engine.connect() as conn:
        return [Conflict(*row) for row in open_conflicts(conn)]


class OpenConflicts:
    """How many conflicts no person has resolved yet (any HMI's, found on either path),
    counted on its own thread every `interval_s`: `count` is read on the GUI thread (the
    header's note, once a second), which must never wait for the database. While the
    server is away the last count stays (nothing can be resolved meanwhile)."""

    def __init__(self, db: PlantDb) -> None:
        self._db = db
        self.count = 0
        self._poller = PollingThread("open-conflicts", self.poll)

    def poll(self) -> int:
        try:
            with self._db.engine.connect() as conn:
                self.count = len(open_conflicts(conn))
        except DBAPIError as exc:
            if not unreachable(exc):
                log.exception("counting the open conflicts failed")
        return self.count

    def start(self, interval_s: float = 2.0) -> None:
        self._poller.start(interval_s)

    def stop(self) -> None:
        self._poller.stop()


def resolve_signed(db: PlantDb, security: Security, key: str, username: str,
                   password: str, decision: str, *, client_host: str = "") -> Signature:
    """A person resolves an open conflict: signs (password again, RESOLVE_ACTION needed,
    the decision as the reason), then the resolution and its audit entry commit together.
    Raises ValueError (no such open conflict, no decision), AuthenticationFailed,
    PermissionDenied or SignatureError, each saying what to do, before anything changes."""
    if not decision.strip():
        raise ValueError("a conflict's resolution needs the decision in words")
    conflict = next((c for c in conflicts_open(db) if c.key == key), None)
    if conflict is None:
        raise ValueError(f"no open conflict with key {key}: `lineside db conflicts` lists "
                         "the open ones")
    signature = security.signatures.sign(
        username, password, Meaning.APPROVED, RECORD_TYPE, key, conflict.record_hash,
        decision, required_action=RESOLVE_ACTION, client_host=client_host)
    user = security.users.get(signature.username)
    role = next((r for r in (user.roles_at(ALL_STATIONS) if user else ())
                 if security.permissions.permits(r, ALL_STATIONS, RESOLVE_ACTION)), "")
    with db.writing() as conn:
        resolve(conn, key, signature.username, decision, signature.utc_ts.isoformat())
        security.audit.append_in(conn, AuditEvent(
            username=signature.username, full_name=signature.printed_name, role=role,
            action="resolve_conflict", object_type=RECORD_TYPE, object_id=key,
            field="conflict", old_value=conflict.what, sent_value=decision, reason=decision,
            client_host=client_host, signature_id=signature.id))
    return signature

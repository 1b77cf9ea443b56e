"""Conflicts a forward finds: a changeover that ran offline (on the Effective version this
HMI had cached) on a version the plant database has since obsoleted or changed. The record
is forwarded anyway (it happened); the conflict is written beside it for a person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select, update

from hmi.plantdb.tables import forwarded
from recipes.model import RecipeStatus
from recipes.tables import recipe_status_log, recipe_versions

STILL_FINE = {RecipeStatus.EFFECTIVE.value, RecipeStatus.SUPERSEDED.value}


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

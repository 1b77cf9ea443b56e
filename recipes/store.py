"""RecipeStore: master recipes and their versions in the plant database (SQLAlchemy Core).

Every change is one transaction that first locks its master recipe's row (SELECT ... FOR
UPDATE: on PostgreSQL, where many HMIs write at once, changes to one recipe queue behind
each other; SQLite already holds its one write lock from BEGIN IMMEDIATE). Version numbers
are allocated by the INSERT itself (MAX+1 in the same statement, with a unique constraint as
the backstop), so two editors never get the same number. Status changes are guarded by the
status they expect (a concurrent change makes the second one fail, not overwrite); two
HMIs making two versions Effective at once cannot leave both Effective. Returns frozen
dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from recipes.codec import dump_value, load_value, parse_ts, ts, utc_now
from recipes.errors import ApprovalError, ImmutableVersionError, NotFoundError, RecipeError
from recipes.hashing import content_hash
from recipes.lifecycle import check_approval, check_transition
from recipes.limits import check_parameters
from recipes.model import (
    EquipmentRequirement,
    Parameter,
    RecipeContent,
    RecipeHeader,
    RecipeStatus,
    RecipeVersion,
    StatusChange,
    VerifyMode,
)
from recipes.signatures import SignatureLike
from recipes.tables import (
    recipe_equipment,
    recipe_parameters,
    recipe_status_log,
    recipe_versions,
    recipes,
)
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, user_text
from recipes.writing import writing

Clock = Callable[[], datetime]
S = RecipeStatus


@dataclass(frozen=True, slots=True)
class RecipeSummary:
    header: RecipeHeader
    latest_version: int
    latest_status: RecipeStatus
    effective_version: int | None


class RecipeStore:
    def __init__(self, engine: Engine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._clock = clock

    # ---- reading -----------------------------------------------------------------------
    def list_recipes(self) -> list[RecipeSummary]:
        with self._engine.connect() as conn:
            out: list[RecipeSummary] = []
            for row in conn.execute(select(recipes).order_by(recipes.c.recipe_id)).mappings():
                header = _header(row)
                rows = conn.execute(
                    select(recipe_versions.c.version, recipe_versions.c.status)
                    .where(recipe_versions.c.recipe_id == header.recipe_id)
                    .order_by(recipe_versions.c.version)
                ).all()
                effective = [v for v, s in rows if s == S.EFFECTIVE]
                last_v, last_s = rows[-1]
                out.append(RecipeSummary(header, last_v, S(last_s),
                                         effective[-1] if effective else None))
            return out

    def get(self, recipe_id: str, version: int | None = None) -> RecipeVersion:
        """One version (None: the newest)."""
        with self._engine.connect() as conn:
            return self._load(conn, recipe_id, version)

    def effective(self, recipe_id: str) -> RecipeVersion:
        with self._engine.connect() as conn:
            number = conn.execute(
                select(recipe_versions.c.version).where(
                    recipe_versions.c.recipe_id == recipe_id,
                    recipe_versions.c.status == S.EFFECTIVE.value)
            ).scalar()
            if number is None:
                raise NotFoundError(user_text(QT_TRANSLATE_NOOP(
                    "RecipeMessages", "recipe {recipe} has no Effective version; approve and "
                    "release one first"), recipe=recipe_id))
            return self._load(conn, recipe_id, int(number))

    def versions(self, recipe_id: str) -> list[RecipeVersion]:
        with self._engine.connect() as conn:
            numbers = conn.execute(
                select(recipe_versions.c.version).where(recipe_versions.c.recipe_id == recipe_id)
                .order_by(recipe_versions.c.version)).scalars().all()
            if not numbers:
                raise NotFoundError(_no_recipe(recipe_id))
            return [self._load(conn, recipe_id, int(n)) for n in numbers]

    # ---- creating and editing ----------------------------------------------------------
    def create(self, header: RecipeHeader, content: RecipeContent, author: str) -> RecipeVersion:
        """A new master recipe with its first version, a Draft."""
        check_parameters(content.parameters)
        with writing(self._engine) as conn:
            return self.create_in(conn, header, content, author)

    def create_in(self, conn: Connection, header: RecipeHeader, content: RecipeContent,
                  author: str, status: RecipeStatus = S.DRAFT) -> RecipeVersion:
        """`create` inside the caller's transaction (imports of several recipes)."""
        check_parameters(content.parameters)
        exists = conn.execute(select(recipes.c.recipe_id)
                              .where(recipes.c.recipe_id == header.recipe_id)).first()
        if exists is None:
            try:
                with conn.begin_nested():
                    conn.execute(insert(recipes).values(
                        recipe_id=header.recipe_id, product=header.product,
                        station_group=header.station_group, description=header.description,
                        created_by=author, created_at=ts(self._clock())))
            except IntegrityError:  # another HMI created it a moment ago: add a version
                pass
        _lock(conn, header.recipe_id)
        return self._insert_version(conn, header, content, author, status)

    def edit(self, recipe_id: str, version: int, content: RecipeContent, by: str
             ) -> RecipeVersion:
        """Edit a Draft in place; editing any other version makes a new Draft version."""
        check_parameters(content.parameters)
        with writing(self._engine) as conn:
            _lock(conn, recipe_id)
            current = self._load(conn, recipe_id, version)
            if current.status is not S.DRAFT:
                return self._insert_version(conn, current.header, content, by, S.DRAFT)
            if current.author != by:
                raise ImmutableVersionError(user_text(QT_TRANSLATE_NOOP(
                    "RecipeMessages", "{version} is {author}'s draft; {user} may start a new "
                    "version from it instead"), version=current.label, author=current.author,
                    user=by))
            digest = content_hash(current.header, version, content)
            pk = self._pk(conn, recipe_id, version)
            changed = conn.execute(
                update(recipe_versions)
                .where(recipe_versions.c.id == pk, recipe_versions.c.status == S.DRAFT.value)
                .values(notes=content.notes, content_hash=digest)).rowcount
            if changed != 1:
                raise ImmutableVersionError(user_text(QT_TRANSLATE_NOOP(
                    "RecipeMessages", "{version} left Draft meanwhile; edit again to make a new "
                    "version"), version=current.label))
            conn.execute(recipe_parameters.delete().where(recipe_parameters.c.version_pk == pk))
            conn.execute(recipe_equipment.delete().where(recipe_equipment.c.version_pk == pk))
            self._insert_content(conn, pk, content)
            return self._load(conn, recipe_id, version)

    def new_version(self, recipe_id: str, content: RecipeContent, author: str) -> RecipeVersion:
        check_parameters(content.parameters)
        with writing(self._engine) as conn:
            _lock(conn, recipe_id)
            header = self._load(conn, recipe_id, None).header
            return self._insert_version(conn, header, content, author, S.DRAFT)

    # ---- life cycle --------------------------------------------------------------------
    def submit(self, recipe_id: str, version: int, by: str) -> RecipeVersion:
        return self._move(recipe_id, version, S.IN_REVIEW, by, "submitted for review")

    def reject(self, recipe_id: str, version: int, by: str, reason: str) -> RecipeVersion:
        if not reason.strip():
            raise ApprovalError(QT_TRANSLATE_NOOP(
                "RecipeMessages", "a rejection needs a reason the author can act on"))
        return self._move(recipe_id, version, S.REJECTED, by, reason)

    def reopen(self, recipe_id: str, version: int, by: str) -> RecipeVersion:
        """Rejected -> Draft, for its author to rework."""
        return self._move(recipe_id, version, S.DRAFT, by, "reopened after rejection")

    def approve(self, recipe_id: str, version: int, signature: SignatureLike,
                reason: str = "approved") -> RecipeVersion:
        with writing(self._engine) as conn:
            _lock(conn, recipe_id)
            current = self._load(conn, recipe_id, version)
            check_approval(current, signature)
            self._set_status(conn, current, S.APPROVED, signature.username, reason, signature)
            return self._load(conn, recipe_id, version)

    def make_effective(self, recipe_id: str, version: int, by: str) -> RecipeVersion:
        """Approved -> Effective; the Effective one before it becomes Superseded, together."""
        with writing(self._engine) as conn:
            _lock(conn, recipe_id)
            current = self._load(conn, recipe_id, version)
            check_transition(current, S.EFFECTIVE)
            old = conn.execute(select(recipe_versions.c.version).where(
                recipe_versions.c.recipe_id == recipe_id,
                recipe_versions.c.status == S.EFFECTIVE.value)).scalars().all()
            for number in old:
                previous = self._load(conn, recipe_id, int(number))
                self._set_status(conn, previous, S.SUPERSEDED, by,
                                 f"superseded by v{version}")
            self._set_status(conn, current, S.EFFECTIVE, by, "released for production")
            return self._load(conn, recipe_id, version)

    def make_obsolete(self, recipe_id: str, version: int, by: str, reason: str
                      ) -> RecipeVersion:
        return self._move(recipe_id, version, S.OBSOLETE, by, reason)

    # ---- internals ---------------------------------------------------------------------
    def _move(self, recipe_id: str, version: int, to: RecipeStatus, by: str, reason: str
              ) -> RecipeVersion:
        with writing(self._engine) as conn:
            _lock(conn, recipe_id)
            current = self._load(conn, recipe_id, version)
            check_transition(current, to)
            self._set_status(conn, current, to, by, reason)
            return self._load(conn, recipe_id, version)

    def _set_status(self, conn: Connection, current: RecipeVersion, to: RecipeStatus, by: str,
                    reason: str, signature: SignatureLike | None = None) -> None:
        now = ts(self._clock())
        pk = self._pk(conn, current.recipe_id, current.version)
        changed = conn.execute(
            update(recipe_versions)
            .where(recipe_versions.c.id == pk,
                   recipe_versions.c.status == current.status.value)
            .values(status=to.value, status_changed_at=now)).rowcount
        if changed != 1:
            raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "{version} changed status meanwhile; look again"),
                version=current.label))
        conn.execute(insert(recipe_status_log).values(
            version_pk=pk, from_status=current.status.value, to_status=to.value, by_user=by,
            at=now, reason=reason,
            signature_id=signature.id if signature else None,
            signer=signature.username if signature else None,
            signer_name=signature.printed_name if signature else None,
            signed_at=ts(signature.utc_ts) if signature else None,
            signed_hash=signature.record_hash if signature else None))

    def _insert_version(self, conn: Connection, header: RecipeHeader, content: RecipeContent,
                        author: str, status: RecipeStatus) -> RecipeVersion:
        now = ts(self._clock())
        rv = recipe_versions.c
        # The number comes from the same statement that inserts it: no gap for a collision.
        next_number = (select(func.coalesce(func.max(rv.version), 0) + 1)
                       .where(rv.recipe_id == header.recipe_id).scalar_subquery())
        placeholder = "0" * 64
        try:
            row = conn.execute(
                insert(recipe_versions).from_select(
                    ["recipe_id", "version", "status", "author", "created_at",
                     "status_changed_at", "notes", "content_hash"],
                    select(literal(header.recipe_id), next_number, literal(status.value),
                           literal(author), literal(now), literal(now),
                           literal(content.notes), literal(placeholder)),
                ).returning(rv.id, rv.version)).one()
        except IntegrityError:
            raise RecipeError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "recipe {recipe}: another version was saved at the same "
                "moment; save again"), recipe=header.recipe_id)) from None
        pk, number = int(row[0]), int(row[1])
        digest = content_hash(header, number, content)
        conn.execute(update(recipe_versions).where(rv.id == pk).values(content_hash=digest))
        self._insert_content(conn, pk, content)
        conn.execute(insert(recipe_status_log).values(
            version_pk=pk, from_status=None, to_status=status.value, by_user=author, at=now,
            reason=f"version {number} created"))
        return self._load(conn, header.recipe_id, number)

    def _insert_content(self, conn: Connection, pk: int, content: RecipeContent) -> None:
        if content.parameters:
            conn.execute(insert(recipe_parameters), [
                {"version_pk": pk, "position": i, "tag": p.tag, "name": p.name, "unit": p.unit,
                 "data_type": p.data_type, "setpoint": dump_value(p.setpoint), "low": p.low,
                 "high": p.high, "warn_low": p.warn_low, "warn_high": p.warn_high,
                 "critical": p.critical, "verify": p.verify.value, "tolerance": p.tolerance}
                for i, p in enumerate(content.parameters)])
        if content.equipment:
            conn.execute(insert(recipe_equipment), [
                {"version_pk": pk, "position": i, "station": e.station,
                 "requirement": e.requirement} for i, e in enumerate(content.equipment)])

    def _pk(self, conn: Connection, recipe_id: str, version: int) -> int:
        pk = conn.execute(select(recipe_versions.c.id).where(
            recipe_versions.c.recipe_id == recipe_id,
            recipe_versions.c.version == version)).scalar()
        if pk is None:
            raise NotFoundError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "recipe {recipe} has no version {version}"),
                recipe=recipe_id, version=str(version)))
        return int(pk)

    def _load(self, conn: Connection, recipe_id: str, version: int | None) -> RecipeVersion:
        head = conn.execute(select(recipes).where(recipes.c.recipe_id == recipe_id)
                            ).mappings().first()
        if head is None:
            raise NotFoundError(_no_recipe(recipe_id))
        rv = recipe_versions.c
        query = select(recipe_versions).where(rv.recipe_id == recipe_id)
        query = (query.where(rv.version == version) if version is not None
                 else query.order_by(rv.version.desc()).limit(1))
        row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFoundError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "recipe {recipe} has no version {version}"),
                recipe=recipe_id, version=str(version)))
        pk = row["id"]
        params = tuple(_parameter(p) for p in conn.execute(
            select(recipe_parameters).where(recipe_parameters.c.version_pk == pk)
            .order_by(recipe_parameters.c.position)).mappings())
        equipment = tuple(EquipmentRequirement(e["station"], e["requirement"]) for e in
                          conn.execute(select(recipe_equipment)
                                       .where(recipe_equipment.c.version_pk == pk)
                                       .order_by(recipe_equipment.c.position)).mappings())
        history = tuple(_change(c) for c in conn.execute(
            select(recipe_status_log).where(recipe_status_log.c.version_pk == pk)
            .order_by(recipe_status_log.c.id)).mappings())
        return RecipeVersion(
            header=_header(head), version=int(row["version"]), status=S(row["status"]),
            content=RecipeContent(params, equipment, row["notes"]), author=row["author"],
            created_at=parse_ts(row["created_at"]),
            status_changed_at=parse_ts(row["status_changed_at"]),
            content_hash=row["content_hash"], status_history=history)


def _lock(conn: Connection, recipe_id: str) -> None:
    """Queue this transaction behind any other change to the same master recipe (a row lock
    until commit on PostgreSQL; SQLAlchemy leaves FOR UPDATE out on SQLite, which is
    serialised by its write lock already)."""
    conn.execute(select(recipes.c.recipe_id).where(recipes.c.recipe_id == recipe_id)
                 .with_for_update()).first()


def _header(row: Any) -> RecipeHeader:
    return RecipeHeader(row["recipe_id"], row["product"], row["station_group"],
                        row["description"])


def _parameter(row: Any) -> Parameter:
    setpoint = load_value(row["setpoint"])
    assert setpoint is not None
    return Parameter(
        tag=row["tag"], name=row["name"], unit=row["unit"], data_type=row["data_type"],
        setpoint=setpoint, low=row["low"], high=row["high"], warn_low=row["warn_low"],
        warn_high=row["warn_high"], critical=bool(row["critical"]),
        verify=VerifyMode(row["verify"]), tolerance=float(row["tolerance"]))


def _change(row: Any) -> StatusChange:
    return StatusChange(
        from_status=S(row["from_status"]) if row["from_status"] else None,
        to_status=S(row["to_status"]), by=row["by_user"], at=parse_ts(row["at"]),
        reason=row["reason"], signer=row["signer"], signature_id=row["signature_id"],
        signed_hash=row["signed_hash"])


def _no_recipe(recipe_id: str) -> UserText:
    return user_text(QT_TRANSLATE_NOOP(
        "RecipeMessages", "no recipe {recipe}; `lineside recipe list` shows the recipes there "
        "are"), recipe=repr(recipe_id))

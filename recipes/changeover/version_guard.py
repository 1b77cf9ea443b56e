"""Is the recipe version a changeover runs still runnable, as the plant database says now?

With many HMIs on one plant database, the version an engine was handed may have been made
Obsolete (or changed) on another HMI a moment ago. The journal calls this inside the
changeover's own transaction when it is created and when it is released, holding a shared
lock on the version's row (FOR SHARE on PostgreSQL; SQLite holds its one write lock): an
obsoletion waits for the check's commit, and a check after the obsoletion sees it.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from recipes.errors import ApprovalError
from recipes.lifecycle import TRIAL_RUNNABLE
from recipes.model import RecipeStatus
from recipes.tables import recipe_status_log, recipe_versions
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, user_text

S = RecipeStatus


def recheck_version(conn: Connection, recipe_id: str, version: int, recipe_hash: str, *,
                    trial: bool, releasing: bool) -> None:
    """Raise ApprovalError naming who changed the version, when and why, if it may no
    longer run (start) or be released (release)."""
    rv = recipe_versions.c
    row = conn.execute(
        select(rv.id, rv.status, rv.content_hash)
        .where(rv.recipe_id == recipe_id, rv.version == version)
        .with_for_update(read=True)).first()
    if row is None:
        # Not in this database: a changeover recorded on its own (a lineage or OEE test, a
        # copied journal). The engine always runs a version it loaded from the store.
        return
    if row.content_hash != recipe_hash:
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "{recipe} v{version} changed since it was loaded; load it "
            "again"), recipe=recipe_id, version=version))
    allowed = {s.value for s in TRIAL_RUNNABLE} if trial else {S.EFFECTIVE.value}
    if releasing and not trial:
        # A newer version made Effective meanwhile supersedes this one: the lot started on
        # it may still be released. Obsolete means withdrawn: it may not.
        allowed.add(S.SUPERSEDED.value)
    if row.status in allowed:
        return
    last = conn.execute(
        select(recipe_status_log.c.by_user, recipe_status_log.c.at, recipe_status_log.c.reason)
        .where(recipe_status_log.c.version_pk == row.id)
        .order_by(recipe_status_log.c.id.desc()).limit(1)).first()
    status = UserText("RecipeStatus", row.status)  # the recipe screen's status words
    what = (QT_TRANSLATE_NOOP("ChangeoverEngine", "this changeover may not be released: "
                              "roll it back") if releasing
            else QT_TRANSLATE_NOOP("ChangeoverEngine", "the changeover was not started"))
    if last is None:
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "{recipe} v{version} was made {status} on the plant database; "
            "{what}"), recipe=recipe_id, version=version, status=status, what=user_text(what)))
    raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
        "ChangeoverEngine", "{recipe} v{version} was made {status} by {user} at {at} "
        "({reason}) on the plant database; {what}"), recipe=recipe_id, version=version,
        status=status, user=last.by_user, at=str(last.at), reason=last.reason,
        what=user_text(what)))

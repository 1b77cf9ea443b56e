"""Version life cycle and approval rules (DOMAIN.md 2.1; GMP change control).

Draft -> InReview -> Approved -> Effective -> Superseded | Obsolete; InReview -> Rejected ->
Draft. Only a Draft may be edited; approval needs an "approved" signature by someone other
than the version's author over the version's content hash; only an Effective version runs in
production, and a Draft (or Approved) only in trial mode, whose lots are held.
"""

from __future__ import annotations

from recipes.errors import ApprovalError
from recipes.model import RecipeStatus, RecipeVersion
from recipes.signatures import SignatureLike
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, joined, user_text

S = RecipeStatus
TRANSITIONS: dict[RecipeStatus, frozenset[RecipeStatus]] = {
    S.DRAFT: frozenset({S.IN_REVIEW}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.REJECTED}),
    S.APPROVED: frozenset({S.EFFECTIVE, S.OBSOLETE}),
    S.EFFECTIVE: frozenset({S.SUPERSEDED, S.OBSOLETE}),
    S.REJECTED: frozenset({S.DRAFT}),
    S.SUPERSEDED: frozenset(),
    S.OBSOLETE: frozenset(),
}
TRIAL_RUNNABLE = frozenset({S.DRAFT, S.APPROVED, S.EFFECTIVE})


def check_transition(version: RecipeVersion, to: RecipeStatus) -> None:
    if to not in TRANSITIONS[version.status]:
        allowed = joined([_status(s) for s in sorted(TRANSITIONS[version.status])], ", ")
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{version} is {status}: it cannot become {to} (from {status} "
            "it may become {allowed})"), version=version.label, status=_status(version.status),
            to=_status(to), allowed=allowed or user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "nothing (final)"))))


def check_approval(version: RecipeVersion, signature: SignatureLike) -> None:
    check_transition(version, S.APPROVED)
    if str(signature.meaning) != "approved":
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{version}: the signature means {means}; approval needs a "
            "signature meaning 'approved'"), version=version.label,
            means=repr(str(signature.meaning))))
    if signature.username == version.author:
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{version}: {user} wrote this version and cannot approve it; "
            "another person must sign (two-person rule)"), version=version.label,
            user=signature.username))
    if signature.record_hash != version.content_hash:
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{version}: the signature was made over content {signed}…, the "
            "version is {content}…; sign the version as it is now"), version=version.label,
            signed=signature.record_hash[:12], content=version.content_hash[:12]))


def check_runnable(version: RecipeVersion, *, trial: bool) -> None:
    """Production runs only Effective versions; trial mode also Drafts (lots are held)."""
    if trial:
        if version.status not in TRIAL_RUNNABLE:
            raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "{version} is {status}: not even a trial may run it"),
                version=version.label, status=_status(version.status)))
        return
    if version.status is S.DRAFT:
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{version} is {status}: only an Effective version may run in "
            "production (a Draft runs only in trial mode)"), version=version.label,
            status=_status(version.status)))
    if version.status is not S.EFFECTIVE:
        raise ApprovalError(user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{version} is {status}: only an Effective version may run in "
            "production"), version=version.label, status=_status(version.status)))


def _status(status: RecipeStatus) -> UserText:
    """A status in the recipe screen's words (context "RecipeStatus", sources its values)."""
    return UserText("RecipeStatus", status.value)

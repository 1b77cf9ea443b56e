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
        allowed = ", ".join(sorted(TRANSITIONS[version.status])) or "nothing (final)"
        raise ApprovalError(f"{version.label} is {version.status}: it cannot become {to} "
                            f"(from {version.status} it may become {allowed})")


def check_approval(version: RecipeVersion, signature: SignatureLike) -> None:
    check_transition(version, S.APPROVED)
    if str(signature.meaning) != "approved":
        raise ApprovalError(f"{version.label}: the signature means {signature.meaning!r}; "
                            "approval needs a signature meaning 'approved'")
    if signature.username == version.author:
        raise ApprovalError(f"{version.label}: {signature.username} wrote this version and "
                            "cannot approve it; another person must sign (two-person rule)")
    if signature.record_hash != version.content_hash:
        raise ApprovalError(f"{version.label}: the signature was made over content "
                            f"{signature.record_hash[:12]}…, the version is "
                            f"{version.content_hash[:12]}…; sign the version as it is now")


def check_runnable(version: RecipeVersion, *, trial: bool) -> None:
    """Production runs only Effective versions; trial mode also Drafts (lots are held)."""
    if trial:
        if version.status not in TRIAL_RUNNABLE:
            raise ApprovalError(f"{version.label} is {version.status}: not even a trial may "
                                "run it")
        return
    if version.status is not S.EFFECTIVE:
        hint = (" (a Draft runs only in trial mode)" if version.status is S.DRAFT else "")
        raise ApprovalError(f"{version.label} is {version.status}: only an Effective version "
                            f"may run in production{hint}")

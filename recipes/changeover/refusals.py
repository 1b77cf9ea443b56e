"""The changeover engine's refusals that name people and roles, said per count of roles.

A refusal is a ChangeoverError carrying a UserText (recipes.user_text): `str()` stays the
English line for the CLI, logs and tests; the changeover screen says it in the operator's
language through hmi.ui.user_text_qt.show.
"""

from __future__ import annotations

from recipes.errors import ChangeoverError
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, joined, user_text

# The signature a refusal names (in two sentences' forms), and the role words: the engine's
# role ids are lower case ("lead"), kept so in the English line the CLI and tests read.
SIGNATURE_WORDS = {
    "performed": UserText("ChangeoverEngine", QT_TRANSLATE_NOOP("ChangeoverEngine",
                                                                "performed-by")),
    "verified": UserText("ChangeoverEngine", QT_TRANSLATE_NOOP("ChangeoverEngine",
                                                               "verified-by")),
}
_NEEDS_WORDS = {
    "performed": UserText("ChangeoverEngine", QT_TRANSLATE_NOOP("ChangeoverEngine",
                                                                "performed by")),
    "verified": UserText("ChangeoverEngine", QT_TRANSLATE_NOOP("ChangeoverEngine",
                                                               "verified by")),
}
_ROLE_WORDS = (QT_TRANSLATE_NOOP("ChangeoverRoles", "operator"),
               QT_TRANSLATE_NOOP("ChangeoverRoles", "lead"),
               QT_TRANSLATE_NOOP("ChangeoverRoles", "qa"))


def role_word(role: str) -> UserText | str:
    """A role the changeover knows, said in the panel's language; another is content."""
    return UserText("ChangeoverRoles", role) if role in _ROLE_WORDS else role


def role_refused(user: str, role: str, meaning: str, allowed: frozenset[str]
                 ) -> ChangeoverError:
    """One sentence per count of allowed roles (a language joins its own "or")."""
    needs = [role_word(r) for r in sorted(allowed)]
    said = {"user": user, "role": role_word(role), "signature": _NEEDS_WORDS[meaning]}
    if len(needs) == 1:
        return ChangeoverError(user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "{user} signs as {role}; {signature} needs {first}"),
            first=needs[0], **said))
    if len(needs) == 2:
        return ChangeoverError(user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "{user} signs as {role}; {signature} needs {first} or "
            "{second}"), first=needs[0], second=needs[1], **said))
    if len(needs) == 3:
        return ChangeoverError(user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "{user} signs as {role}; {signature} needs {first} or "
            "{second} or {third}"), first=needs[0], second=needs[1], third=needs[2], **said))
    return ChangeoverError(user_text(QT_TRANSLATE_NOOP(
        "ChangeoverEngine", "{user} signs as {role}; {signature} needs one of {roles}"),
        roles=joined(needs, ", "), **said))

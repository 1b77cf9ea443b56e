"""Security failures a user can act on: `str()` is one line that says what to do.

Each carries its line as a UserText too (hmi.core.user_text): the panel says it in the
operator's language, the CLI and the audit trail keep the English `str()`.
"""

from __future__ import annotations

from hmi.core.user_text import QT_TRANSLATE_NOOP, Explained, user_text


class SecurityError(Explained):
    """Base of every refusal hmi.security raises."""


class AuthenticationFailed(SecurityError):
    """Wrong user name, password, badge or PIN; deliberately does not say which."""


class AccountLocked(SecurityError):
    pass


class AccountDisabled(SecurityError):
    pass


class PasswordPolicyError(SecurityError):
    pass


class UserError(SecurityError):
    """Unknown user, duplicate name, last administrator, and other account mistakes."""


class FirstAdministratorRequired(SecurityError):
    """The store has no administrator yet: nothing else may happen until one is created."""

    def __init__(self) -> None:
        super().__init__(user_text(QT_TRANSLATE_NOOP(
            "SecurityMessages",
            "no administrator exists yet: create the first one (the HMI asks at start, or "
            "`lineside users init --user NAME --full-name TEXT --password-stdin`)")))


class SignatureError(SecurityError):
    pass


class SessionLocked(SecurityError):
    """Nobody is logged in at this panel, or it is idle-locked: read-only until unlocked."""

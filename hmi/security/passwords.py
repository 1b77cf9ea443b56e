"""argon2id hashing and the password and PIN policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hmi.core.user_text import QT_TRANSLATE_NOOP, user_text
from hmi.security.errors import PasswordPolicyError


class Hasher:
    """argon2id with argon2-cffi's RFC 9106 low-memory profile unless told otherwise.

    Tests pass light parameters; a plant keeps the defaults (about 50 ms per check, which
    also slows guessing).
    """

    def __init__(self, time_cost: int = 3, memory_cost_kib: int = 65_536) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib)

    def hash(self, secret: str) -> str:
        return self._hasher.hash(secret)

    def verify(self, stored: str, secret: str) -> bool:
        try:
            return self._hasher.verify(stored, secret)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(stored)
        except InvalidHashError:
            return True

    def dummy_verify(self, secret: str) -> None:
        """Spend the time of a real check, so an unknown user name is not told by speed."""
        self.verify(self._dummy, secret)

    @property
    def _dummy(self) -> str:
        if not hasattr(self, "_dummy_hash"):
            self._dummy_hash = self._hasher.hash("not a password of anyone")
        return self._dummy_hash


def check_password(password: str, min_length: int, username: str = "") -> None:
    if len(password) < min_length:
        raise PasswordPolicyError(user_text(QT_TRANSLATE_NOOP(
            "SecurityMessages", "the password has {length} characters: use at least {minimum}"),
            length=len(password), minimum=min_length))
    if username and password.strip().lower() == username.strip().lower():
        raise PasswordPolicyError(user_text(QT_TRANSLATE_NOOP(
            "SecurityMessages", "the password must not be the user name")))


def check_pin(pin: str, min_length: int) -> None:
    if not pin.isdigit() or len(pin) < min_length:
        raise PasswordPolicyError(user_text(QT_TRANSLATE_NOOP(
            "SecurityMessages", "a PIN is {minimum} or more digits"), minimum=min_length))

"""What the recipe domain needs of an electronic signature (21 CFR 11.50).

Signatures are made elsewhere (hmi.security re-authenticates and stores them); recipes only
checks them. `SignatureLike` is structural: hmi.security.signatures.Signature satisfies it as
it is, so hmi passes its signatures straight in, no adapter needed. Tests use `SignatureValue`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class SignatureLike(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def username(self) -> str: ...

    @property
    def printed_name(self) -> str: ...

    @property
    def utc_ts(self) -> datetime: ...

    @property
    def meaning(self) -> str: ...  # "performed", "verified", "approved", "released"

    @property
    def record_hash(self) -> str: ...


@dataclass(frozen=True, slots=True)
class SignatureValue:
    """A plain signature (tests, imports): the same fields as hmi.security's."""

    id: int
    username: str
    printed_name: str
    utc_ts: datetime
    meaning: str
    record_hash: str


def describe(sig: SignatureLike) -> str:
    return f"{sig.meaning} by {sig.printed_name} ({sig.username}) at {sig.utc_ts:%Y-%m-%d %H:%M:%S}"

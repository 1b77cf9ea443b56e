"""Electronic signatures (21 CFR 11.50, 11.200): re-authenticate, then sign a record's hash.

Every signature needs the full user id + password again (11.200(a): a non-continuous
session uses all components), is stored with printed name, UTC time and meaning, and links
to the signed record by type, id and content hash, so a later edit of the record shows as a
broken link (`link_intact`). The signature and its audit entry commit together.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from hmi.core.audit_event import AuditEvent
from hmi.core.commands import PermissionDenied
from hmi.core.roles import ALL_STATIONS
from hmi.core.tags import utc_now
from hmi.core.user_text import QT_TRANSLATE_NOOP, UserText, user_text
from hmi.plantdb import PlantDb
from hmi.plantdb.tables import signatures
from hmi.security.audit import AuditTrail, Clock
from hmi.security.errors import SignatureError
from hmi.security.users import UserStore


class Meaning(enum.StrEnum):
    PERFORMED = "performed"
    VERIFIED = "verified"
    APPROVED = "approved"
    RELEASED = "released"
    CHECKED = "checked"  # an I/O checkout point checked against the field (commissioning)


# A signature's meaning in the operator's words (the stored value stays the English id).
_MEANING_WORDS = {
    Meaning.PERFORMED: QT_TRANSLATE_NOOP("SignatureMeaning", "performed"),
    Meaning.VERIFIED: QT_TRANSLATE_NOOP("SignatureMeaning", "verified"),
    Meaning.APPROVED: QT_TRANSLATE_NOOP("SignatureMeaning", "approved"),
    Meaning.RELEASED: QT_TRANSLATE_NOOP("SignatureMeaning", "released"),
    Meaning.CHECKED: QT_TRANSLATE_NOOP("SignatureMeaning", "checked"),
}


def meaning_word(meaning: Meaning) -> UserText:
    return user_text(_MEANING_WORDS[meaning])


@dataclass(frozen=True, slots=True)
class Signature:
    id: int
    username: str
    printed_name: str
    utc_ts: datetime
    meaning: Meaning
    record_type: str
    record_id: str
    record_hash: str
    reason: str

    def manifestation(self) -> str:
        """The line shown and printed with the record (11.50: name, date and time, meaning)."""
        return (
            f"{self.meaning.value} by {self.printed_name} ({self.username}) at "
            f"{self.utc_ts:%Y-%m-%d %H:%M:%S} UTC: {self.reason}"
        )

    def link_intact(self, current_record_hash: str) -> bool:
        """False once the signed record changed after signing."""
        return self.record_hash == current_record_hash


class SignatureService:
    def __init__(
        self, db: PlantDb, users: UserStore, audit: AuditTrail, clock: Clock = utc_now
    ) -> None:
        self._db = db
        self._users = users
        self._audit = audit
        self._clock = clock

    def sign(
        self,
        username: str,
        password: str,
        meaning: Meaning,
        record_type: str,
        record_id: str,
        record_hash: str,
        reason: str,
        *,
        required_action: str | None = None,
        station: str = ALL_STATIONS,
        distinct_from: Sequence[Signature] = (),
        client_host: str = "",
    ) -> Signature:
        """Re-authenticate `username` and sign; raises before anything is stored otherwise.

        `required_action`: the signer must hold a role that may do it (e.g. recipe_approve).
        `distinct_from`: earlier signatures of the same record whose signers may not sign
        again (the two-person rule).
        """
        if len(record_hash) != 64:
            raise SignatureError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages",
                "the record hash must be a SHA-256 hex digest (64 characters)")))
        if not reason.strip():
            raise SignatureError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages", "a signature needs a reason: say what is signed and why")))
        # Wrong passwords count towards the lockout, like any login.
        user = self._users.authenticate(username, password, client_host, audit_success=False)
        require_different_signer(user.username, distinct_from)
        role = ""
        if required_action is not None:
            perms = self._users.permissions
            role = next((r for r in user.roles_at(station)
                         if perms.permits(r, station, required_action)), "")
            if not role:
                raise PermissionDenied(username, user.grants_text, required_action, station)
        now = self._clock()
        with self._db.writing() as conn:
            result = conn.execute(insert(signatures).values(
                user_id=user.id, username=user.username, printed_name=user.full_name,
                utc_ts=now, meaning=meaning.value, record_type=record_type,
                record_id=record_id, record_hash=record_hash, reason=reason,
            ))
            key = result.inserted_primary_key
            assert key is not None
            sig_id = int(key[0])
            self._audit.append_in(conn, AuditEvent(
                username=user.username, full_name=user.full_name,
                role=role or user.grants_text, action="sign", object_type=record_type,
                object_id=record_id, field=meaning.value, sent_value=record_hash,
                reason=reason, client_host=client_host, signature_id=sig_id,
            ))
        return Signature(sig_id, user.username, user.full_name, now, meaning, record_type,
                         record_id, record_hash, reason)

    def signatures_for(self, record_type: str, record_id: str) -> list[Signature]:
        query = (
            select(signatures)
            .where(signatures.c.record_type == record_type, signatures.c.record_id == record_id)
            .order_by(signatures.c.id)
        )
        with self._db.engine.connect() as conn:
            return [
                Signature(r.id, r.username, r.printed_name, r.utc_ts, Meaning(r.meaning),
                          r.record_type, r.record_id, r.record_hash, r.reason)
                for r in conn.execute(query)
            ]

    def broken_links(
        self, record_type: str, record_id: str, current_record_hash: str
    ) -> list[Signature]:
        """Signatures of this record that no longer match what it holds now."""
        return [
            s for s in self.signatures_for(record_type, record_id)
            if not s.link_intact(current_record_hash)
        ]


def require_different_signer(username: str, earlier: Sequence[Signature]) -> None:
    """The two-person rule: raise when `username` already signed one of `earlier`."""
    for signature in earlier:
        if signature.username == username:
            raise SignatureError(user_text(QT_TRANSLATE_NOOP(
                "SecurityMessages",
                "{user} already signed this record as {meaning}: "
                "a second, different person must sign"),
                user=username, meaning=meaning_word(signature.meaning)))

"""Electronic signatures: re-authentication, the record-hash link, the two-person rule."""

from __future__ import annotations

import pytest

from hmi.core.roles import Action, Role
from hmi.security import (
    AccountLocked,
    AuthenticationFailed,
    Meaning,
    PermissionDenied,
    Security,
    SignatureError,
    User,
    content_hash,
)

from .conftest import PASSWORD, add

RECORD = {"recipe": "NMC811-coat", "version": 3, "web_tension_sp_n": 62.5}


def test_sign_reauthenticates_and_links_the_record_hash(security: Security, admin: User) -> None:
    add(security, admin, "quinn", Role.QA)
    record_hash = content_hash(RECORD)
    with pytest.raises(AuthenticationFailed):
        security.signatures.sign("quinn", "not my password", Meaning.APPROVED,
                                 "recipe_version", "NMC811-coat/3", record_hash, "fits spec")
    sig = security.signatures.sign(
        "quinn", PASSWORD, Meaning.APPROVED, "recipe_version", "NMC811-coat/3", record_hash,
        "fits spec", required_action=Action.RECIPE_APPROVE, client_host="qa-laptop",
    )
    assert (sig.printed_name, sig.meaning, sig.record_hash) == (
        "Quinn Person", Meaning.APPROVED, record_hash)
    assert sig.utc_ts.tzinfo is not None
    assert "approved by Quinn Person (quinn)" in sig.manifestation()
    assert security.signatures.signatures_for("recipe_version", "NMC811-coat/3") == [sig]
    # The audit trail carries the signature, its meaning and the hash signed.
    entry = security.audit.entries(action="sign")[0]
    assert (entry.signature_id, entry.field, entry.sent_value, entry.role) == (
        sig.id, "approved", record_hash, "QA")
    # A later edit of the record breaks the link visibly.
    edited = content_hash({**RECORD, "web_tension_sp_n": 70.0})
    assert sig.link_intact(record_hash)
    assert not sig.link_intact(edited)
    assert security.signatures.broken_links("recipe_version", "NMC811-coat/3", edited) == [sig]
    assert security.signatures.broken_links("recipe_version", "NMC811-coat/3",
                                            record_hash) == []


def test_signer_needs_the_role_for_the_meaning(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    with pytest.raises(PermissionDenied, match=r"olga .*may not recipe_approve"):
        security.signatures.sign("olga", PASSWORD, Meaning.APPROVED, "recipe_version", "r/1",
                                 content_hash(RECORD), "ok",
                                 required_action=Action.RECIPE_APPROVE)
    assert security.signatures.signatures_for("recipe_version", "r/1") == []


def test_two_person_rule_second_signer_must_differ(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    add(security, admin, "lena", Role.LEAD)
    record_hash = content_hash(RECORD)
    first = security.signatures.sign("olga", PASSWORD, Meaning.PERFORMED, "changeover", "c-7",
                                     record_hash, "changeover done")
    with pytest.raises(SignatureError, match="a second, different person must sign"):
        security.signatures.sign("olga", PASSWORD, Meaning.VERIFIED, "changeover", "c-7",
                                 record_hash, "checked", distinct_from=[first])
    second = security.signatures.sign("lena", PASSWORD, Meaning.VERIFIED, "changeover", "c-7",
                                      record_hash, "checked", distinct_from=[first],
                                      required_action=Action.RECIPE_VERIFY)
    assert [s.username for s in security.signatures.signatures_for("changeover", "c-7")] == [
        "olga", "lena"]
    assert second.meaning is Meaning.VERIFIED


def test_a_signature_needs_a_reason_and_a_sha256(security: Security, admin: User) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    with pytest.raises(SignatureError, match="reason"):
        security.signatures.sign("olga", PASSWORD, Meaning.PERFORMED, "x", "1",
                                 content_hash(RECORD), "  ")
    with pytest.raises(SignatureError, match="SHA-256"):
        security.signatures.sign("olga", PASSWORD, Meaning.PERFORMED, "x", "1", "abc", "why")


def test_failed_signature_passwords_count_towards_lockout(
    security: Security, admin: User
) -> None:
    add(security, admin, "olga", Role.OPERATOR)
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            security.signatures.sign("olga", "bad password!", Meaning.PERFORMED, "x", "1",
                                     content_hash(RECORD), "why")
    assert security.users.get("olga").locked_until is not None  # type: ignore[union-attr]

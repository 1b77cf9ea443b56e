"""`lineside pki`: init, list, show, trust, reject, password set."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from hmi.commission import pki as pki_command
from hmi.plc.passwords import resolve
from hmi.plc.pki import PkiStore, TrustChange, UntrustedCertificate, generate_certificate

Cli = Callable[..., tuple[int, str, str]]


def test_trust_a_rejected_server_certificate(run_cli: Cli, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(tmp_path)
    code, out, _ = run_cli("pki", "init", "--data-dir", data)
    assert code == 0 and "own certificate" in out
    generate_certificate(tmp_path / "s.der", tmp_path / "s.pem", common_name="PLC 3",
                         uri="urn:plc3", host="plc3", server=True)
    with pytest.raises(UntrustedCertificate) as refused:
        PkiStore(tmp_path / "pki").check_server((tmp_path / "s.der").read_bytes(), "plc3")
    print_ = refused.value.thumbprint
    code, out, _ = run_cli("pki", "list", "--data-dir", data)
    assert code == 0 and f"rejected  {print_}  PLC 3" in out and out.startswith("own ")
    code, out, _ = run_cli("pki", "show", print_[:10], "--data-dir", data)
    assert "uri:         urn:plc3" in out and "RSA 2048 bit" in out

    changes: list[TrustChange] = []
    monkeypatch.setattr(pki_command, "trust_listener", changes.append)
    admin = ("--admin", "ada", "--password-stdin", "--data-dir", data)

    def as_admin(*argv: str, password: str = "admin-password-1") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        return run_cli(*argv)

    code, _, err = as_admin("pki", "trust", print_[:10], *admin)
    assert code == 2 and "no plant database" in err  # no users yet: nobody may trust
    code, _, _ = as_admin("users", "init", "--user", "ada", "--full-name", "Ada Admin",
                          "--password-stdin", "--data-dir", data)
    assert code == 0
    code, _, err = as_admin("pki", "trust", print_[:10], *admin, password="wrong-password-9")
    assert code == 2 and "password" in err and changes == []  # nothing moved
    code, out, _ = as_admin("pki", "trust", print_[:10], *admin, "--reason", "PLC 3 commissioned")
    assert code == 0 and out.startswith(f"trusted: PLC 3 ({print_})")
    assert [c.action for c in changes] == ["trusted"]
    code, _, err = as_admin("pki", "trust", print_[:10], *admin)
    assert code == 2 and "already trusted" in err
    code, out, _ = as_admin("pki", "reject", print_, *admin)
    assert code == 0 and out.startswith("rejected: PLC 3")
    # Who moved which certificate where, and why: in the audit trail.
    from hmi.plantdb import default_url, open_plant_db
    from hmi.security import build_security

    db = open_plant_db(default_url(tmp_path))
    try:
        entries = build_security(db).audit.entries(object_type="certificate")
    finally:
        db.close()
    assert [(e.action, e.username, e.object_id, e.old_value, e.sent_value) for e in entries] == [
        ("certificate_trusted", "ada", print_, "rejected", "trusted"),
        ("certificate_rejected", "ada", print_, "trusted", "rejected"),
    ]
    assert entries[0].reason == "PLC 3 commissioned"


def test_password_set_from_stdin(run_cli: Cli, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    code, out, _ = run_cli("pki", "password", "set", "cell_plc", "--password-stdin",
                           "--data-dir", str(tmp_path))
    assert code == 0 and 'password_ref = "store:cell_plc"' in out
    assert resolve("store:cell_plc", tmp_path) == "s3cret"

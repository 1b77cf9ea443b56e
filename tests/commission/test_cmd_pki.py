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
    code, out, _ = run_cli("pki", "trust", print_[:10], "--data-dir", data)
    assert code == 0 and out.startswith(f"trusted: PLC 3 ({print_})")
    assert [c.action for c in changes] == ["trusted"]
    code, _, err = run_cli("pki", "trust", print_[:10], "--data-dir", data)
    assert code == 2 and "already trusted" in err
    code, out, _ = run_cli("pki", "reject", print_, "--data-dir", data)
    assert code == 0 and out.startswith("rejected: PLC 3")


def test_password_set_from_stdin(run_cli: Cli, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    code, out, _ = run_cli("pki", "password", "set", "cell_plc", "--password-stdin",
                           "--data-dir", str(tmp_path))
    assert code == 0 and 'password_ref = "store:cell_plc"' in out
    assert resolve("store:cell_plc", tmp_path) == "s3cret"

"""The PKI store and the password references, without a server."""

from __future__ import annotations

import shutil
import socket
import stat
from pathlib import Path

import pytest
from asyncua.crypto.cert_gen import (
    generate_app_certificate_signing_request,
    generate_private_key,
    generate_self_signed_app_certificate,
    sign_certificate_request,
)
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from hmi.plc.passwords import PasswordError, PasswordStore, resolve
from hmi.plc.pki import (
    PkiError,
    PkiStore,
    UntrustedCertificate,
    describe,
    generate_certificate,
    thumbprint,
)


@pytest.fixture(scope="module")
def own_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("installation") / "pki"
    PkiStore(root).own()
    return root


@pytest.fixture(scope="module")
def server_der(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("server")
    generate_certificate(folder / "s.der", folder / "s.pem", common_name="PLC 7",
                         uri="urn:plc7", host="plc7", server=True)
    return (folder / "s.der").read_bytes()


def test_first_start_makes_the_installation_certificate(own_pki: Path) -> None:
    store = PkiStore(own_pki)
    before = (own_pki / "own" / "cert.der").read_bytes()
    own = store.own()  # already there: not made again
    assert own.cert_path.read_bytes() == before
    host = socket.gethostname()
    cert = x509.load_der_x509_certificate(before)
    subject, uri = describe(cert)
    assert uri == own.application_uri == f"urn:{host}:lineside"
    assert host in subject
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == [host]
    key = cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey) and key.key_size >= 2048
    assert stat.S_IMODE(own.key_path.stat().st_mode) == 0o600
    assert {p.name for p in own_pki.iterdir()} >= {"own", "trusted", "issuer", "rejected"}
    assert [i.folder for i in store.certificates()] == ["own"]


def test_reject_trust_and_withdraw(tmp_path: Path, own_pki: Path, server_der: bytes) -> None:
    shutil.copytree(own_pki, tmp_path / "pki")
    store = PkiStore(tmp_path / "pki")
    with pytest.raises(UntrustedCertificate) as refused:
        store.check_server(server_der, "plc7 at opc.tcp://plc7:4840/")
    print_ = thumbprint(server_der)
    assert refused.value.thumbprint == print_
    assert refused.value.path.parent == tmp_path / "pki" / "rejected"
    text = str(refused.value)
    assert "refused plc7 at opc.tcp://plc7:4840/" in text and "'PLC 7'" in text
    assert f"lineside pki trust {print_[:12]}" in text
    with pytest.raises(PkiError, match="at least 8 hex"):
        store.trust("abc")
    change = store.trust(print_[:8])
    assert change.action == "trusted" and change.subject == "PLC 7"
    store.check_server(server_der, "plc7")  # trusted now: no exception
    with pytest.raises(PkiError, match="already trusted"):
        store.trust(print_)
    withdrawn = store.reject(print_)
    assert withdrawn.to_path.parent.name == "rejected"
    with pytest.raises(UntrustedCertificate):
        store.check_server(server_der, "plc7")
    assert sorted(i.folder for i in store.certificates()) == ["own", "rejected"]


def test_password_references(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINESIDE_TEST_PW", "s3cret")
    assert resolve("env:LINESIDE_TEST_PW", None) == "s3cret"
    with pytest.raises(PasswordError, match="LINESIDE_TEST_NOPE is not set"):
        resolve("env:LINESIDE_TEST_NOPE", None)
    store = PasswordStore(tmp_path)
    store.set("cell_plc", "pä55 word")
    assert resolve("store:cell_plc", tmp_path) == "pä55 word"
    assert b"word" not in store.path.read_bytes()
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.names() == ["cell_plc"]
    (tmp_path / "secrets" / "machine.key").write_bytes(b"another machine's secret")
    with pytest.raises(PasswordError, match="another machine"):
        resolve("store:cell_plc", tmp_path)


def test_a_server_signed_by_a_trusted_ca_is_trusted(tmp_path: Path) -> None:
    ca_key = generate_private_key()
    ca = generate_self_signed_app_certificate(ca_key, "Plant CA", {}, [], [], days=30)
    server_key = generate_private_key()
    csr = generate_app_certificate_signing_request(
        server_key, "PLC 9", {}, [x509.UniformResourceIdentifier("urn:plc9")],
        [ExtendedKeyUsageOID.SERVER_AUTH])
    server_der = sign_certificate_request(csr, ca, ca_key, days=30).public_bytes(
        serialization.Encoding.DER)
    store = PkiStore(tmp_path / "pki")
    with pytest.raises(UntrustedCertificate):
        store.check_server(server_der, "plc9")
    # An issuer certificate alone is not trust: only a CA in trusted/ is.
    (store.folder("issuer") / "ca.der").write_bytes(ca.public_bytes(serialization.Encoding.DER))
    with pytest.raises(UntrustedCertificate):
        store.check_server(server_der, "plc9")
    (store.folder("issuer") / "ca.der").rename(store.folder("trusted") / "ca.der")
    store.check_server(server_der, "plc9")

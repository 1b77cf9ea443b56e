"""The OPC UA certificate store of one installation (DOMAIN.md 7.2).

Layout under `<data dir>/pki`: `own/` holds this installation's application instance
certificate (`cert.der`) and its private key (`private.pem`, readable by the owner only);
`trusted/` the server and CA certificates an administrator trusts; `issuer/` CA certificates
used to check a chain but not trusted by themselves; `rejected/` every unknown certificate a
server presented, kept so an administrator can inspect it and trust it.

Nothing is trusted by default: a server whose certificate is not in `trusted/` (nor signed by
a CA there) is refused, and the certificate lands in `rejected/`. `trust()` and `reject()`
move it and return a `TrustChange` (also given to `on_change`) for the audit trail.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from asyncua.crypto.cert_gen import generate_self_signed_app_certificate
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

KEY_BITS = 2048  # the floor of every policy we allow (RSA 2048-4096)
VALID_DAYS = 5 * 365
FOLDERS = ("own", "trusted", "issuer", "rejected")
CERT_FILE = "cert.der"
KEY_FILE = "private.pem"
MIN_THUMBPRINT_CHARS = 8  # a prefix this long is enough to name a certificate on the CLI

Folder = Literal["trusted", "issuer", "rejected"]


class PkiError(Exception):
    """A certificate problem a user can meet: one line that says what to do."""


class UntrustedCertificate(PkiError):
    """A server presented a certificate nobody trusted yet (it now sits in rejected/)."""

    def __init__(self, message: str, thumbprint: str, path: Path) -> None:
        super().__init__(message)
        self.thumbprint = thumbprint
        self.path = path


@dataclass(frozen=True, slots=True)
class OwnCertificate:
    cert_path: Path
    key_path: Path
    application_uri: str
    host: str


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    thumbprint: str  # SHA-1 of the DER, hex: what OPC UA tools show
    subject: str
    application_uri: str
    not_after: datetime
    folder: str
    path: Path


@dataclass(frozen=True, slots=True)
class TrustChange:
    """What `trust`/`reject` did, for the audit trail (who did it is the caller's to add)."""

    action: Literal["trusted", "rejected"]
    thumbprint: str
    subject: str
    from_path: Path
    to_path: Path
    at: datetime


TrustListener = Callable[[TrustChange], None]


def application_uri(host: str) -> str:
    return f"urn:{host}:lineside"


def thumbprint(der: bytes) -> str:
    # The OPC UA thumbprint is SHA-1 by definition (Part 6): an identifier, not a signature.
    return hashlib.sha1(der, usedforsecurity=False).hexdigest()


def describe(cert: x509.Certificate) -> tuple[str, str]:
    """The subject's common name (or whole subject) and the SubjectAltName URI."""
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    subject = str(names[0].value) if names else cert.subject.rfc4514_string()
    uri = ""
    with contextlib.suppress(x509.ExtensionNotFound):
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        uris = san.get_values_for_type(x509.UniformResourceIdentifier)
        uri = uris[0] if uris else ""
    return subject, uri


def generate_certificate(
    cert_path: Path, key_path: Path, *, common_name: str, uri: str, host: str,
    server: bool = False,
) -> None:
    """A self-signed OPC UA application instance certificate and its key (RSA 2048)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    usage = [ExtendedKeyUsageOID.CLIENT_AUTH]
    if server:
        usage.append(ExtendedKeyUsageOID.SERVER_AUTH)
    cert = generate_self_signed_app_certificate(
        key, common_name, {"organizationName": "Lineside"},
        [x509.UniformResourceIdentifier(uri), x509.DNSName(host)], usage, days=VALID_DAYS,
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    # The key is written owner-only from the first byte, not chmod-ed after the fact.
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))


class PkiStore:
    def __init__(self, root: Path, host: str | None = None) -> None:
        self.root = root
        self.host = host or socket.gethostname()

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    # ---- this installation's certificate -------------------------------------------------
    def own(self) -> OwnCertificate:
        """The application instance certificate, generated on the first call.

        Made in a private folder and renamed into place: two processes starting at once
        (HMI and a command) never pair one's certificate with the other's key.
        """
        own = self.root / "own"
        if not (own / CERT_FILE).is_file():
            self.root.mkdir(parents=True, exist_ok=True)
            staging = self.root / f".own-{os.getpid()}-{secrets.token_hex(4)}"
            staging.mkdir(mode=0o700)
            try:
                generate_certificate(
                    staging / CERT_FILE, staging / KEY_FILE,
                    common_name=f"Lineside@{self.host}", uri=application_uri(self.host),
                    host=self.host,
                )
                with contextlib.suppress(OSError):  # another process won: use theirs
                    if own.is_dir() and not any(own.iterdir()):
                        own.rmdir()
                    os.rename(staging, own)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        for name in FOLDERS:
            self.folder(name)
        return OwnCertificate(own / CERT_FILE, own / KEY_FILE,
                              application_uri(self.host), self.host)

    # ---- judging a server's certificate ------------------------------------------------
    def check_server(self, der: bytes, server: str) -> None:
        """Return if `der` is trusted; else keep it in rejected/ and raise UntrustedCertificate."""
        cert = x509.load_der_x509_certificate(der)
        print_ = thumbprint(der)
        if self._trusted(cert, print_):
            now = datetime.now(UTC)
            if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
                raise PkiError(
                    f"the certificate of {server} (thumbprint {print_}) is trusted but not "
                    f"valid now (valid {cert.not_valid_before_utc:%Y-%m-%d} to "
                    f"{cert.not_valid_after_utc:%Y-%m-%d}): the server needs a new certificate"
                )
            return
        path = self._store(self.folder("rejected"), cert, der)
        subject, _ = describe(cert)
        raise UntrustedCertificate(
            f"refused {server}: its certificate '{subject}' (thumbprint {print_}) is not "
            f"trusted; it was saved as {path}. An administrator must check it and trust it "
            f"(`lineside pki trust {print_[:12]}`, which moves it to {self.root / 'trusted'})",
            print_, path,
        )

    def _trusted(self, cert: x509.Certificate, print_: str) -> bool:
        trusted = list(self._read("trusted"))
        if any(info.thumbprint == print_ for info, _ in trusted):
            return True
        # Signed by a CA an administrator trusts (directly, or through one issuer cert).
        issuers = [c for _, c in trusted] + [c for _, c in self._read("issuer")]
        trusted_cas = [c for _, c in trusted]
        for issuer in issuers:
            if not _issued_by(cert, issuer):
                continue
            if issuer in trusted_cas or any(_issued_by(issuer, ca) for ca in trusted_cas):
                return True
        return False

    # ---- listing and trust changes ------------------------------------------------------
    def certificates(self) -> list[CertificateInfo]:
        found = [info for name in ("trusted", "issuer", "rejected")
                 for info, _ in self._read(name)]
        own = self.root / "own" / CERT_FILE
        if own.is_file():
            found.insert(0, self._info(own, "own", x509.load_der_x509_certificate(
                own.read_bytes()), own.read_bytes()))
        return found

    def find(self, thumbprint_prefix: str, folder: str | None = None) -> CertificateInfo:
        wanted = thumbprint_prefix.strip().lower().replace(":", "")
        if len(wanted) < MIN_THUMBPRINT_CHARS or not re.fullmatch(r"[0-9a-f]+", wanted):
            raise PkiError(f"{thumbprint_prefix!r}: give at least {MIN_THUMBPRINT_CHARS} hex "
                           "digits of the thumbprint (`lineside pki list` shows them)")
        hits = [i for i in self.certificates() if i.thumbprint.startswith(wanted)
                and i.folder != "own" and (folder is None or i.folder == folder)]
        if not hits:
            where = f"{folder}/" if folder else "trusted/, issuer/ or rejected/"
            raise PkiError(f"no certificate with thumbprint {wanted}... in {where} under "
                           f"{self.root}")
        if len({h.thumbprint for h in hits}) > 1:
            raise PkiError(f"thumbprint {wanted}... names several certificates: give more digits")
        return hits[0]

    def trust(self, thumbprint_prefix: str,
              on_change: TrustListener | None = None) -> TrustChange:
        """Move a rejected (or issuer) certificate to trusted/."""
        info = self.find(thumbprint_prefix)
        if info.folder == "trusted":
            raise PkiError(f"{info.subject} ({info.thumbprint}) is already trusted")
        return self._move(info, "trusted", on_change)

    def reject(self, thumbprint_prefix: str,
               on_change: TrustListener | None = None) -> TrustChange:
        """Withdraw trust: move a trusted certificate to rejected/."""
        info = self.find(thumbprint_prefix)
        if info.folder == "rejected":
            raise PkiError(f"{info.subject} ({info.thumbprint}) is already rejected")
        return self._move(info, "rejected", on_change)

    def _move(self, info: CertificateInfo, to: Literal["trusted", "rejected"],
              on_change: TrustListener | None) -> TrustChange:
        target = self.folder(to) / info.path.name
        os.replace(info.path, target)
        change = TrustChange(to, info.thumbprint, info.subject, info.path, target,
                             datetime.now(UTC))
        if on_change is not None:
            on_change(change)
        return change

    # ---- files ---------------------------------------------------------------------------
    def _store(self, folder: Path, cert: x509.Certificate, der: bytes) -> Path:
        subject, _ = describe(cert)
        safe = re.sub(r"[^A-Za-z0-9_.@-]+", "_", subject)[:60] or "certificate"
        path = folder / f"{safe}_{thumbprint(der)}.der"
        if not path.exists():
            path.write_bytes(der)
        return path

    def _read(self, name: str) -> list[tuple[CertificateInfo, x509.Certificate]]:
        folder = self.root / name
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".der", ".pem", ".crt", ".cer"):
                continue
            try:
                data = path.read_bytes()
                if data.lstrip().startswith(b"-----BEGIN"):
                    cert = x509.load_pem_x509_certificate(data)
                    data = cert.public_bytes(serialization.Encoding.DER)
                else:
                    cert = x509.load_der_x509_certificate(data)
            except (OSError, ValueError):
                continue  # not a certificate: `pki list` will not show it, nothing trusts it
            found.append((self._info(path, name, cert, data), cert))
        return found

    @staticmethod
    def _info(path: Path, folder: str, cert: x509.Certificate, der: bytes) -> CertificateInfo:
        subject, uri = describe(cert)
        return CertificateInfo(thumbprint(der), subject, uri, cert.not_valid_after_utc,
                               folder, path)


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject or cert == issuer:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def pki_root(data_dir: Path) -> Path:
    return data_dir / "pki"

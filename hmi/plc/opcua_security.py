"""Secure channel and user identity for one OPC UA client, from the config and the data dir.

Everything comes from the `OpcUaConnection` and the data folder (the drivers run in the PLC
process, which gets nothing else): the client certificate is the installation's own
(`<data dir>/pki/own`) unless the config names one; the server certificate must be pinned
by the config or trusted in `<data dir>/pki/trusted`, else it goes to `rejected/` and the
connection is refused; the password is fetched through its `password_ref`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from asyncua import ua
from asyncua.client.client import Client
from asyncua.crypto import security_policies, uacrypto
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from hmi.config.schema import OpcUaConnection
from hmi.core.paths import data_dir as default_data_dir
from hmi.plc.driver import PlcError
from hmi.plc.passwords import PasswordError, resolve
from hmi.plc.pki import PkiError, PkiStore, describe, pki_root, thumbprint

log = logging.getLogger(__name__)

POLICIES: dict[str, type[security_policies.SecurityPolicy]] = {
    "Aes256_Sha256_RsaPss": security_policies.SecurityPolicyAes256Sha256RsaPss,
    "Aes128_Sha256_RsaOaep": security_policies.SecurityPolicyAes128Sha256RsaOaep,
    "Basic256Sha256": security_policies.SecurityPolicyBasic256Sha256,
}
MODES = {"Sign": ua.MessageSecurityMode.Sign,
         "SignAndEncrypt": ua.MessageSecurityMode.SignAndEncrypt}
# Refusals a server gives to a user token, and what the user can do about each.
USER_REFUSALS = {"BadUserAccessDenied", "BadIdentityTokenRejected", "BadIdentityTokenInvalid"}
CERT_REFUSALS = {"BadCertificateUntrusted", "BadSecurityChecksFailed", "BadCertificateInvalid",
                 "BadCertificateUriInvalid", "BadCertificateHostNameInvalid"}

# The PLC process warns once per connection and kind, not on every reconnect.
_warned: set[tuple[str, str]] = set()


def is_insecure(conn: OpcUaConnection) -> bool:
    return conn.security_mode == "None"


def _warn_once(conn: OpcUaConnection, message: str) -> None:
    key = (conn.id, message)
    if key not in _warned:
        _warned.add(key)
        log.warning("%s: %s", conn.id, message)


class ClientSecurity:
    """Sets up one asyncua Client for `conn` before connect(), and explains refusals after."""

    def __init__(self, conn: OpcUaConnection, data_dir: Path | None) -> None:
        self._conn = conn
        self._data_dir = data_dir
        self.own_certificate: Path | None = None

    def _pki(self) -> PkiStore:
        return PkiStore(pki_root(self._data_dir or default_data_dir()))

    async def apply(self, client: Client) -> None:
        conn = self._conn
        if is_insecure(conn):
            _warn_once(conn, f"security None at {conn.endpoint}: values and writes travel "
                             "unsigned and unencrypted (the line config says so)")
        else:
            if conn.security_policy == "Basic256Sha256":
                _warn_once(conn, "Basic256Sha256 is deprecated by newer OPC UA stacks; "
                                 "prefer Aes256_Sha256_RsaPss when the PLC offers it")
            await self._secure_channel(client)
        await self._identity(client)

    async def _secure_channel(self, client: Client) -> None:
        conn = self._conn
        policy = POLICIES[conn.security_policy]
        mode = MODES[conn.security_mode]
        if conn.client_certificate and conn.client_private_key:
            cert_path, key_path = Path(conn.client_certificate), Path(conn.client_private_key)
        else:
            try:
                own = self._pki().own()
            except (OSError, PkiError) as exc:
                raise PlcError(f"{conn.id}: cannot make or read this installation's "
                               f"certificate: {exc}") from None
            cert_path, key_path = own.cert_path, own.key_path
        cert_der = _read_der(cert_path, conn.id, "client_certificate")
        self.own_certificate = cert_path
        # asyncua checks that our certificate carries the ApplicationUri we announce.
        _, uri = describe(x509.load_der_x509_certificate(cert_der))
        if uri:
            client.application_uri = uri
        # Judged before any secret is sent: a wrong server never sees our session request.
        server_der = await self._server_certificate(client, policy, mode)
        if conn.server_certificate:
            pinned = _read_der(Path(conn.server_certificate), conn.id, "server_certificate")
            if pinned != server_der:
                raise PlcError(self.explain_pin_mismatch(thumbprint(server_der)))
        else:
            try:
                self._pki().check_server(server_der, f"{conn.id} at {conn.endpoint}")
            except PkiError as exc:
                raise PlcError(f"{conn.id}: {exc}") from None
        # asyncua also checks in CreateSession that the session's server is this one.
        try:
            # Contents, not paths: asyncua opens a path in a worker thread, and a connect
            # cancelled at that moment (a link rebuilt, the HMI closing) leaks the file.
            key = key_path.read_bytes()
            await client.set_security(
                policy, uacrypto.CertProperties(cert_der, extension="der"),
                uacrypto.CertProperties(key, extension=_key_format(key_path)),
                server_certificate=server_der, mode=mode)
        except (OSError, ValueError, TypeError) as exc:
            raise PlcError(f"{conn.id}: cannot load the client certificate {cert_path} or its "
                           f"key {key_path}: {exc}") from None

    async def _server_certificate(self, client: Client,
                                  policy: type[security_policies.SecurityPolicy],
                                  mode: ua.MessageSecurityMode) -> bytes:
        conn = self._conn
        endpoints = await client.connect_and_get_server_endpoints()
        for endpoint in endpoints:
            if endpoint.SecurityMode == mode and endpoint.SecurityPolicyUri == policy.URI:
                chain = bytes(endpoint.ServerCertificate or b"")
                if not chain:
                    break
                # The field may hold a chain: the first certificate is the server's own.
                try:
                    first = x509.load_der_x509_certificate(chain[: _der_length(chain)])
                except ValueError as exc:
                    raise PlcError(f"{conn.id}: {conn.endpoint} sent a certificate that "
                                   f"cannot be read ({exc}): refused") from None
                return first.public_bytes(serialization.Encoding.DER)
        offered = sorted({f"{e.SecurityPolicyUri.rsplit('#', 1)[-1]}/{e.SecurityMode.name}"
                          for e in endpoints})
        raise PlcError(f"{conn.id}: {conn.endpoint} offers no {conn.security_policy}/"
                       f"{conn.security_mode} endpoint with a certificate (it offers "
                       f"{', '.join(offered)}): change security_policy in the line config")

    async def _identity(self, client: Client) -> None:
        conn = self._conn
        if conn.username:
            client.set_user(conn.username)
            if conn.password_ref:
                try:
                    client.set_password(resolve(conn.password_ref, self._data_dir
                                                or default_data_dir(create=False)))
                except PasswordError as exc:
                    raise PlcError(f"{conn.id}: {exc}") from None
        elif conn.user_certificate and conn.user_private_key:
            try:
                await client.load_client_certificate(conn.user_certificate)
                await client.load_private_key(Path(conn.user_private_key))
            except (OSError, ValueError) as exc:
                raise PlcError(f"{conn.id}: cannot read the user certificate "
                               f"{conn.user_certificate} or its key: {exc}") from None

    def explain(self, status_name: str) -> str | None:
        """A refusal named for what the user can fix, or None for any other failure."""
        conn = self._conn
        if status_name in USER_REFUSALS:
            who = (f"user {conn.username!r}" if conn.username else
                   f"the user certificate {conn.user_certificate}" if conn.user_certificate
                   else "an anonymous session")
            hint = (f"check the user and the password kept under {conn.password_ref}"
                    if conn.password_ref else "check the user's rights on the PLC")
            return (f"{conn.id}: {conn.endpoint} refused {who} ({status_name}): {hint}")
        if status_name in CERT_REFUSALS and self.own_certificate is not None:
            der = self.own_certificate.read_bytes()
            return (f"{conn.id}: {conn.endpoint} refused Lineside's certificate "
                    f"{self.own_certificate} (thumbprint {thumbprint(der)}, {status_name}): "
                    "an administrator of the PLC must trust it there")
        return None

    def explain_pin_mismatch(self, presented: str = "") -> str:
        conn = self._conn
        what = f" (thumbprint {presented})" if presented else ""
        return (f"{conn.id}: the server at {conn.endpoint} presented a certificate{what} other "
                f"than the pinned {conn.server_certificate}: refused; if the PLC got a new "
                "certificate, replace the pinned file")


def _read_der(path: Path, conn_id: str, field: str) -> bytes:
    try:
        data = path.expanduser().read_bytes()
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data).public_bytes(serialization.Encoding.DER)
        x509.load_der_x509_certificate(data)
    except (OSError, ValueError) as exc:
        raise PlcError(f"{conn_id}: {field} {path}: not a readable certificate ({exc})") from None
    return data


def _der_length(data: bytes) -> int:
    """Length of the first DER element (a SEQUENCE) in `data`."""
    if len(data) < 2:
        return len(data)
    first = data[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    return 2 + count + int.from_bytes(data[2 : 2 + count], "big")


def _key_format(path: Path) -> str:
    return "der" if path.suffix.lower() == ".der" else "pem"

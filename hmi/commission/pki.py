"""`lineside pki ...`: the OPC UA certificates of this installation, and PLC passwords.

    lineside pki init                     make this installation's certificate (if none yet)
    lineside pki list [--json]            own, trusted, issuer and rejected certificates
    lineside pki show THUMBPRINT|own      one certificate in detail
    lineside pki trust THUMBPRINT --admin NAME [--reason TEXT]   move a rejected certificate
                                          to trusted/ (an administrator, audited)
    lineside pki reject THUMBPRINT --admin NAME [--reason TEXT]  withdraw trust
    lineside pki password set NAME        keep a PLC password in the encrypted store (store:NAME)

Trusting is an administrator's decision: the administrator signs in (password from a prompt
or --password-stdin) and the audit trail records the move with the reason.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from cryptography import x509

from hmi.commission.common import Subparsers, add_json
from hmi.commission.errors import EXIT_OK, RuntimeFailure, UsageError
from hmi.commission.output import emit, emit_json
from hmi.core.audit_event import AuditEvent
from hmi.core.paths import data_dir
from hmi.core.roles import Action
from hmi.plc.passwords import PasswordStore
from hmi.plc.pki import (
    CertificateInfo,
    PkiError,
    PkiStore,
    TrustChange,
    TrustListener,
    describe,
    pki_root,
)
from hmi.security.cli import add_administrator_args, administrator, host

# Also told of every trust change (tests, a future GUI); the audit entry is written anyway.
trust_listener: TrustListener | None = None


def add_parser(subparsers: Subparsers) -> None:
    pki = subparsers.add_parser(
        "pki", help="OPC UA certificates: list, show, trust, reject; PLC passwords",
        description="This installation's OPC UA certificates under <data dir>/pki: its own, "
        "the trusted servers and CAs, and the rejected ones a server presented.",
    )
    actions = pki.add_subparsers(dest="pki_command", metavar="ACTION", required=True)
    parsers = [actions.add_parser(
        "init", help="make this installation's certificate if there is none")]
    listing = actions.add_parser("list", help="every certificate, by folder")
    parsers.append(listing)
    add_json(listing, "the certificates")
    show = actions.add_parser("show", help="one certificate in detail")
    show.add_argument("thumbprint", metavar="THUMBPRINT|own")
    parsers.append(show)
    for name, text in (("trust", "trust a rejected server certificate (moves it to trusted/)"),
                       ("reject", "withdraw trust (moves the certificate to rejected/)")):
        action = actions.add_parser(name, help=text)
        action.add_argument("thumbprint", metavar="THUMBPRINT",
                            help="at least 8 hex digits, as `lineside pki list` shows")
        add_administrator_args(action)  # trust is an administrator's decision, audited
        parsers.append(action)
    password = actions.add_parser("password", help="PLC passwords in the encrypted store")
    password_actions = password.add_subparsers(dest="password_command", metavar="ACTION",
                                               required=True)
    set_password = password_actions.add_parser(
        "set", help="store a password as NAME (a config refers to it as store:NAME)")
    set_password.add_argument("name", metavar="NAME")
    set_password.add_argument("--password-stdin", action="store_true",
                              help="read the password from standard input, not a prompt")
    parsers.append(set_password)
    for parser in parsers:
        parser.add_argument("--data-dir", metavar="DIR",
                            help="the HMI's data folder (default: the per-user one)")
    pki.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    command: str = args.pki_command
    folder = data_dir(args.data_dir, create=command in ("init", "password"))
    store = PkiStore(pki_root(folder))
    try:
        if command == "init":
            own = store.own()
            emit(f"own certificate: {own.cert_path} ({own.application_uri}); give it to the "
                 "PLC's administrator to trust")
        elif command == "list":
            _list(store, args.json)
        elif command == "show":
            _show(store, args.thumbprint)
        elif command in ("trust", "reject"):
            _change_trust(store, command, args)
        else:
            _set_password(folder, args.name, args.password_stdin)
    except PkiError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise RuntimeFailure(f"{store.root}: {exc}") from None
    return EXIT_OK


def _change_trust(store: PkiStore, command: str, args: argparse.Namespace) -> None:
    """Move the certificate as an authenticated administrator; the audit entry says who,
    which certificate, from which folder to which, and why."""
    with administrator(args, Action.MANAGE_CERTIFICATES) as (security, admin):
        change: TrustChange = getattr(store, command)(args.thumbprint,
                                                      on_change=trust_listener)
        security.audit.append(AuditEvent(
            username=admin.username, full_name=admin.full_name, role=admin.grants_text,
            action=f"certificate_{change.action}", object_type="certificate",
            object_id=change.thumbprint, field=change.subject,
            old_value=change.from_path.parent.name, sent_value=change.to_path.parent.name,
            reason=args.reason, client_host=host(),
        ))
    emit(f"{change.action}: {change.subject} ({change.thumbprint}) -> {change.to_path}")


def _list(store: PkiStore, as_json: bool) -> None:
    found = store.certificates()
    if as_json:
        for info in found:
            emit_json({"folder": info.folder, "thumbprint": info.thumbprint,
                       "subject": info.subject, "application_uri": info.application_uri,
                       "not_after": info.not_after, "path": str(info.path)})
        return
    if not found:
        emit(f"no certificates under {store.root} yet (`lineside pki init` makes this "
             "installation's own)")
        return
    for info in found:
        emit(f"{info.folder:<8}  {info.thumbprint}  {info.subject}  "
             f"(until {info.not_after:%Y-%m-%d})")


def _show(store: PkiStore, wanted: str) -> None:
    info: CertificateInfo
    if wanted == "own":
        own = [i for i in store.certificates() if i.folder == "own"]
        if not own:
            raise PkiError(f"no own certificate under {store.root} yet (`lineside pki init`)")
        info = own[0]
    else:
        info = store.find(wanted)
    cert = x509.load_der_x509_certificate(info.path.read_bytes()) \
        if info.path.suffix.lower() == ".der" else x509.load_pem_x509_certificate(
            info.path.read_bytes())
    subject, uri = describe(cert)
    dns: list[str] = []
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns = san.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        pass
    key_bits = getattr(cert.public_key(), "key_size", "?")
    for line in (
        f"folder:      {info.folder}",
        f"file:        {info.path}",
        f"thumbprint:  {info.thumbprint}",
        f"subject:     {cert.subject.rfc4514_string()}",
        f"issuer:      {cert.issuer.rfc4514_string()}",
        f"uri:         {uri or '-'}",
        f"dns:         {', '.join(dns) or '-'}",
        f"valid:       {cert.not_valid_before_utc:%Y-%m-%d} to "
        f"{cert.not_valid_after_utc:%Y-%m-%d}",
        f"key:         RSA {key_bits} bit ({subject})",
    ):
        emit(line)


def _set_password(folder: Path, name: str, from_stdin: bool) -> None:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password for store:{name}: ")
    if not password:
        raise UsageError("an empty password is not stored")
    store = PasswordStore(folder)
    store.set(name, password)
    emit(f"stored as store:{name} in {store.path}; refer to it with "
         f'password_ref = "store:{name}"')

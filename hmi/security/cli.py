"""`lineside users ...` and `lineside audit ...`: headless user administration and audit.

Passwords never come from the command line (it ends up in shell history and `ps`): from
standard input with --password-stdin (one per line: the administrator's first, then a new
password where the command sets one), else from a prompt. Every change is audited by the
store itself. Mistakes come back as one line and exit 2; `audit verify` exits 1 on a broken
chain, naming the first broken entry.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeAlias

from hmi.commission.errors import EXIT_OK, EXIT_RUNTIME, UsageError
from hmi.config import ConfigError, load_line_config
from hmi.config.security import SecurityConfig
from hmi.core.commands import CommandRefused
from hmi.core.paths import data_dir
from hmi.core.roles import ALL_STATIONS, Action, Role
from hmi.plantdb import PLANT_DB_FILE, PlantDbError, default_url, open_plant_db
from hmi.security.accounts import User
from hmi.security.audit_pdf import export_pdf
from hmi.security.errors import SecurityError
from hmi.security.export import export_csv
from hmi.security.services import Security, build_security
from hmi.security.users import UserStore

Subparsers: TypeAlias = "argparse._SubParsersAction[Any]"
Run = Callable[[argparse.Namespace], int]

ROLE_NAMES = ", ".join(r.value for r in Role)


def add_parser(subparsers: Subparsers) -> None:
    _add_users(subparsers)
    _add_audit(subparsers)


# -- parsers ------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR",
                        help="data folder holding plant.sqlite (default: the per-user folder)")
    parser.add_argument("--config", metavar="FILE",
                        help="line config whose [security] table to use (URL, password policy)")


def _add_users(subparsers: Subparsers) -> None:
    users = subparsers.add_parser("users", help="administer users (headless commissioning)")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, run: Run, *, admin: bool = True,
               target: bool = True) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text,
                                                             description=help_text)
        _common(parser)
        if admin:
            parser.add_argument("--admin", required=True, metavar="NAME",
                                help="administrator who does this (asked for a password)")
        if target:
            parser.add_argument("--user", required=True, metavar="NAME", help="user name")
        parser.add_argument("--password-stdin", action="store_true",
                            help="read passwords from standard input, one per line")
        parser.set_defaults(run=run)
        return parser

    init = action("init", "create the first administrator (only when there is none)",
                  _run_init, admin=False)
    init.add_argument("--full-name", required=True, metavar="TEXT")
    add = action("add", "add a user with a role", _run_add)
    add.add_argument("--full-name", required=True, metavar="TEXT")
    _role_args(add)
    action("list", "list users, their roles and state", _run_list, target=False)
    _reason(action("disable", "disable a user (kept for the record, cannot log in)",
                   _run_disable))
    _reason(action("enable", "enable a disabled user again", _run_enable))
    _role_args(action("set-role", "replace a user's role", _run_set_role))
    badge = action("set-badge", "give a user a badge id and PIN for the fast user switch "
                   "(PIN asked like a password)", _run_set_badge)
    badge.add_argument("--badge", required=True, metavar="ID",
                       help="badge id as the reader sends it")
    _reason(badge)
    _reason(action("reset-password", "set a new password (also lifts a lockout)",
                   _run_reset))


def _role_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", required=True, type=_role, metavar="ROLE",
                        help=f"one of {ROLE_NAMES}")
    parser.add_argument("--stations", default=ALL_STATIONS, metavar="IDS",
                        help="comma-separated station ids the role holds at (default: all)")
    _reason(parser)


def _reason(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reason", default="", metavar="TEXT",
                        help="why (kept in the audit trail; required for user changes)")


def _add_audit(subparsers: Subparsers) -> None:
    audit = subparsers.add_parser("audit", help="check and export the audit trail")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="walk the hash chain: exit 0 when intact, 1 naming the first broken entry"
    )
    _common(verify)
    verify.add_argument("--head", metavar="HASH", type=_head_hash,
                        help="a head hash printed by an earlier verify: it must still be in "
                        "the chain (catches the newest entries being cut off)")
    verify.set_defaults(run=_run_verify)
    export = actions.add_parser("export", help="write audit entries as CSV and/or PDF")
    _common(export)
    export.add_argument("--from", dest="since", type=_iso_time, metavar="ISO",
                        help="first time to include, e.g. 2026-11-01T00:00Z (naive = UTC)")
    export.add_argument("--to", dest="until", type=_iso_time, metavar="ISO",
                        help="first time to leave out")
    export.add_argument("--csv", type=Path, metavar="OUT", help="CSV file (for tools)")
    export.add_argument("--pdf", type=Path, metavar="OUT",
                        help="PDF file (for inspectors: entries, chain verdict, page numbers)")
    export.set_defaults(run=_run_export)


def _role(text: str) -> Role:
    for role in Role:
        if role.value.lower() == text.lower():
            return role
    raise argparse.ArgumentTypeError(f"{text!r} is no role; use one of {ROLE_NAMES}")


def _head_hash(text: str) -> str:
    if len(text) < 16 or any(c not in "0123456789abcdef" for c in text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a head hash: give at least 16 hex characters of it"
        )
    return text


def _iso_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO time like 2026-11-26 or 2026-11-26T08:00:00+01:00"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- plumbing -----------------------------------------------------------------------------


@contextmanager
def _security(args: argparse.Namespace, must_exist: bool = False) -> Iterator[Security]:
    config = _security_config(args.config)
    if config.url is not None:
        url = config.url
    else:
        folder = Path(args.data_dir).expanduser() if args.data_dir else data_dir()
        if must_exist and not (folder / PLANT_DB_FILE).is_file():
            raise UsageError(f"no plant database {folder / PLANT_DB_FILE}: check --data-dir")
        if not folder.is_dir():
            raise UsageError(f"--data-dir {folder} does not exist: create it or fix the path")
        url = default_url(folder)
    try:
        db = open_plant_db(url)
    except PlantDbError as exc:
        raise UsageError(str(exc)) from None
    try:
        yield build_security(db, config)
    except (SecurityError, CommandRefused) as exc:
        raise UsageError(_hint(str(exc))) from None
    finally:
        db.close()


def _security_config(path: str | None) -> SecurityConfig:
    if path is None:
        return SecurityConfig()
    try:
        return load_line_config(path).security
    except ConfigError as exc:
        raise UsageError(f"{exc.issues[0]} (see `lineside config check {path}`)") from None


def _hint(message: str) -> str:
    if "needs a reason" in message:
        return "user administration needs a reason: add --reason TEXT"
    return message


class _Secrets:
    """Passwords from stdin (one per line) or a prompt; never from argv."""

    def __init__(self, from_stdin: bool) -> None:
        self._lines: Iterator[str] | None = (
            iter(sys.stdin.read().splitlines()) if from_stdin else None
        )

    def get(self, prompt: str, confirm: bool = False) -> str:
        if self._lines is not None:
            value = next(self._lines, None)
            if value is None:
                raise UsageError(f"--password-stdin: no line for the {prompt} on standard input")
            return value
        if not sys.stdin.isatty():
            raise UsageError(f"no terminal to ask for the {prompt}: use --password-stdin")
        value = getpass.getpass(f"{prompt}: ")
        if confirm and getpass.getpass(f"{prompt} again: ") != value:
            raise UsageError("the two passwords differ: run the command again")
        return value


def _host() -> str:
    return f"cli@{socket.gethostname()}"


def _stations(text: str) -> list[str]:
    stations = [s.strip() for s in text.split(",") if s.strip()]
    if not stations:
        raise UsageError("--stations names no station: give ids like coater,winder or *")
    return stations


def _login(security: Security, args: argparse.Namespace, secrets: _Secrets) -> User:
    if security.users.needs_first_administrator():
        raise UsageError("no administrator exists yet: run `lineside users init` first")
    return security.users.authenticate(args.admin, secrets.get(f"password of {args.admin}"),
                                       _host())


def add_administrator_args(parser: argparse.ArgumentParser) -> None:
    """--admin, --password-stdin, --reason and --config for another command that an
    administrator does (trusting a certificate) and the audit trail records."""
    parser.add_argument("--admin", required=True, metavar="NAME",
                        help="administrator who does this (asked for a password)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input, not a prompt")
    parser.add_argument("--reason", default="", help="why (stored in the audit trail)")
    parser.add_argument("--config", metavar="FILE", help="line config with [security]")


@contextmanager
def administrator(
    args: argparse.Namespace, action: Action
) -> Iterator[tuple[Security, User]]:
    """The plant's security with `args.admin` authenticated and allowed `action` (at every
    station); refusals become one-line usage errors."""
    secrets = _Secrets(args.password_stdin)
    with _security(args, must_exist=True) as security:
        admin = _login(security, args, secrets)
        if not any(action in security.permissions.actions_of(g.role, ALL_STATIONS)
                   for g in admin.grants):
            raise UsageError(f"{admin.username} ({admin.grants_text}) may not {action}")
        yield security, admin


def add_signed_in_args(parser: argparse.ArgumentParser) -> None:
    """--user, --password-stdin, --reason and --data-dir for a command a person does to the
    line (a write): who it was is checked and recorded like a write from a screen."""
    parser.add_argument("--user", required=True, metavar="NAME",
                        help="who writes (asked for a password; their role must allow it)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input, not a prompt")
    parser.add_argument("--reason", default="", help="why (stored in the audit trail)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the data folder with plant.sqlite (default: the per-user one)")


@contextmanager
def signed_in(args: argparse.Namespace) -> Iterator[tuple[Security, User]]:
    """The plant's security with `args.user` authenticated; a refusal anywhere inside
    (permission, reason, password) becomes a one-line usage error."""
    secrets = _Secrets(args.password_stdin)
    with _security(args, must_exist=True) as security:
        user = security.users.authenticate(
            args.user, secrets.get(f"password of {args.user}"), _host())
        yield security, user


def host() -> str:
    """This machine as the audit trail names a command-line client."""
    return _host()


# -- commands -----------------------------------------------------------------------------


@contextmanager
def _admin_session(args: argparse.Namespace) -> Iterator[tuple[UserStore, User, _Secrets]]:
    """What every `users` command but init starts with: the user store, with `args.admin`
    signed in, and the secrets still to read (new passwords, PINs) after the admin's own."""
    secrets = _Secrets(args.password_stdin)
    with _security(args) as security:
        yield security.users, _login(security, args, secrets), secrets


def _run_init(args: argparse.Namespace) -> int:
    secrets = _Secrets(args.password_stdin)
    with _security(args) as security:
        if not security.users.needs_first_administrator():
            raise UsageError("an administrator exists already: use `lineside users add`")
        user = security.users.create_first_administrator(
            args.user, args.full_name, secrets.get(f"new password for {args.user}", True),
            _host(),
        )
    print(f"created the first administrator {user.username} ({user.full_name})")
    return EXIT_OK


def _run_add(args: argparse.Namespace) -> int:
    with _admin_session(args) as (users, admin, secrets):
        user = users.add_user(
            admin, args.user, args.full_name,
            secrets.get(f"new password for {args.user}", True), args.role,
            _stations(args.stations), reason=args.reason, client_host=_host(),
        )
    print(f"added {user.username} ({user.full_name}) as {user.grants_text}")
    return EXIT_OK


def _run_list(args: argparse.Namespace) -> int:
    with _admin_session(args) as (users, _, _):
        now = datetime.now(UTC)
        for user in users.list_users():
            state = "disabled" if user.disabled else "locked" if user.is_locked(now) else "active"
            badge = f"  badge {user.badge_id}" if user.badge_id else ""
            print(f"{user.username:<16} {user.full_name:<24} {user.grants_text:<28} "
                  f"{state}{badge}")
    return EXIT_OK


def _run_disable(args: argparse.Namespace) -> int:
    with _admin_session(args) as (users, admin, _):
        users.disable(admin, args.user, reason=args.reason, client_host=_host())
    print(f"disabled {args.user}")
    return EXIT_OK


def _run_enable(args: argparse.Namespace) -> int:
    with _admin_session(args) as (users, admin, _):
        users.enable(admin, args.user, reason=args.reason, client_host=_host())
    print(f"enabled {args.user}")
    return EXIT_OK


def _run_set_badge(args: argparse.Namespace) -> int:
    with _admin_session(args) as (users, admin, secrets):
        users.set_badge(admin, args.user, args.badge,
                        secrets.get(f"new PIN for {args.user}", True),
                        reason=args.reason, client_host=_host())
    print(f"badge {args.badge} set for {args.user}")
    return EXIT_OK


def _run_set_role(args: argparse.Namespace) -> int:
    with _admin_session(args) as (users, admin, _):
        user = users.set_role(admin, args.user, args.role, _stations(args.stations),
                              reason=args.reason, client_host=_host())
    print(f"{user.username} is now {user.grants_text}")
    return EXIT_OK


def _run_reset(args: argparse.Namespace) -> int:
    with _admin_session(args) as (users, admin, secrets):
        users.reset_password(
            admin, args.user, secrets.get(f"new password for {args.user}", True),
            reason=args.reason, client_host=_host(),
        )
    print(f"new password set for {args.user}")
    return EXIT_OK


def _run_verify(args: argparse.Namespace) -> int:
    with _security(args, must_exist=True) as security:
        check = security.audit.verify_chain(args.head)
    print(check.describe(), file=sys.stdout if check.intact else sys.stderr)
    return EXIT_OK if check.intact else EXIT_RUNTIME


def _run_export(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since >= args.until:
        raise UsageError("--from must be before --to")
    outputs = [(flag, path) for flag, path in (("--csv", args.csv), ("--pdf", args.pdf)) if path]
    if not outputs:
        raise UsageError("say where to write: --csv OUT and/or --pdf OUT")
    for flag, path in outputs:
        if not path.parent.is_dir():
            raise UsageError(f"{flag} {path}: folder {path.parent} does not exist")
    with _security(args, must_exist=True) as security:
        for flag, path in outputs:
            write = export_csv if flag == "--csv" else export_pdf
            count = write(security.audit, path, args.since, args.until)
            print(f"wrote {count} audit entries to {path}")
    return EXIT_OK

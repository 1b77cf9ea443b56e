"""`lineside db upgrade|check`: the plant database for technicians.

    lineside db upgrade [--url URL | --config LINE.toml | --data-dir DIR]
    lineside db check   [--url URL | --config LINE.toml | --data-dir DIR] [--noted-head HASH]
    lineside db conflicts [--url URL ...]
    lineside db conflicts resolve KEY --user U --reason TEXT [--url URL ...]
    lineside db outbox [--data-dir DIR]   (hmi.forward.cli: this HMI's local journal)

upgrade brings the schema to this Lineside's newest revision; check changes nothing: the
schema is at that revision and the audit trail's hash chain verifies. conflicts lists the
records forwarded after an outage that a person must review; resolve records that person's
signed decision (password prompted, or one line on standard input when not a terminal;
refused for a role without the permission). Unreachable server,
wrong password, a database newer than this program: one line each, saying what to do.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from hmi.commission.errors import EXIT_OK, RuntimeFailure, UsageError
from hmi.config import ConfigError, load_line_config
from hmi.core.paths import data_dir
from hmi.plantdb.database import PlantDb, default_url, head_revision, open_plant_db
from hmi.plantdb.errors import PlantDbError


def add_parser(subparsers: Any) -> None:
    db = subparsers.add_parser("db", help="the plant database: upgrade the schema, check it")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", help="migrate the schema to this Lineside's head")
    _add_where(upgrade)
    upgrade.set_defaults(run=run_upgrade)
    check = actions.add_parser("check", help="schema at head and the audit chain intact")
    _add_where(check)
    check.add_argument("--noted-head", metavar="HASH",
                       help="a head hash noted at an earlier check (catches a cut-off tail)")
    check.set_defaults(run=run_check)
    conflicts = actions.add_parser(
        "conflicts", help="records forwarded after an outage that wait for a person")
    _add_where(conflicts)
    conflicts.set_defaults(run=run_conflicts)
    what = conflicts.add_subparsers(dest="conflicts_command", metavar="resolve")
    resolve = what.add_parser("resolve", help="sign a decision on one conflict")
    resolve.add_argument("key", metavar="KEY", help="the key `lineside db conflicts` shows")
    resolve.add_argument("--user", required=True, help="who decides (signs with a password)")
    resolve.add_argument("--reason", required=True,
                         help="the decision in words (e.g. 'lot L-77 re-tested: released')")
    # SUPPRESS: a value given before `resolve` is not overwritten by this parser's default.
    _add_where(resolve, argparse.SUPPRESS)
    resolve.set_defaults(run=run_resolve)
    from hmi.forward.cli import add_outbox_parser  # this HMI's local journal

    add_outbox_parser(actions)


def _add_where(parser: argparse.ArgumentParser, default: Any = None) -> None:
    parser.add_argument("--url", metavar="URL", default=default,
                        help="SQLAlchemy URL, e.g. postgresql+psycopg://lineside@plant-db/plant")
    parser.add_argument("--config", metavar="LINE.toml", default=default,
                        help="take [security] url from it")
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="the HMI's data folder (default: the per-user one)")


def resolve_url(args: argparse.Namespace) -> str:
    if args.url:
        return str(args.url)
    if args.config:
        try:
            url = load_line_config(args.config).security.url
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
        if url:
            return url
    return default_url(data_dir(args.data_dir, create=False))


def _open(url: str, *, upgrade: bool) -> PlantDb:
    try:
        return open_plant_db(url, upgrade=upgrade)
    except PlantDbError as exc:
        raise RuntimeFailure(str(exc)) from None


def run_upgrade(args: argparse.Namespace) -> int:
    url = resolve_url(args)
    before = _open(url, upgrade=False)
    try:
        was = before.revision()
    finally:
        before.close()
    db = _open(url, upgrade=True)
    try:
        now = db.revision()
    finally:
        db.close()
    if was == now:
        print(f"{_shown(db)}: already at {now}")
    else:
        print(f"{_shown(db)}: upgraded from {was or 'an empty database'} to {now}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from hmi.security.audit import AuditTrail  # the chain's rules live with the trail

    db = _open(resolve_url(args), upgrade=False)
    try:
        problems: list[str] = []
        current, head = db.revision(), head_revision()
        if current != head:
            problems.append(f"schema at {current or 'nothing'}, this Lineside's is {head}: "
                            "run `lineside db upgrade`")
            print(f"{_shown(db)}: {problems[-1]}")
        else:
            print(f"{_shown(db)}: schema at head {head}")
            try:
                check = AuditTrail(db).verify_chain(args.noted_head)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
            print(check.describe())
            if not check.intact:
                problems.append(check.describe())
            _show_conflicts(db)
    finally:
        db.close()
    if problems:
        raise RuntimeFailure("; ".join(problems))
    return EXIT_OK


def _show_conflicts(db: PlantDb) -> None:
    """Records forwarded after an outage that a person still has to review."""
    from hmi.forward.conflicts import open_conflicts

    with db.engine.connect() as conn:
        conflicts = open_conflicts(conn)
    if conflicts:
        print(f"{len(conflicts)} forwarded records wait for a person's review:")
    for key, hmi, what in conflicts:
        print(f"  {key} from {hmi}: {what}")


def run_conflicts(args: argparse.Namespace) -> int:
    from hmi.forward.conflicts import conflicts_open

    db = _open(resolve_url(args), upgrade=False)
    try:
        found = conflicts_open(db)
    finally:
        db.close()
    if not found:
        print(f"{_shown(db)}: no conflicts wait for review")
    for conflict in found:
        print(f"{conflict.key} from {conflict.hmi}: {conflict.what}")
    return EXIT_OK


def run_resolve(args: argparse.Namespace) -> int:
    from hmi.core.user_text import Explained
    from hmi.forward.conflicts import resolve_signed
    from hmi.security import build_security

    config = None
    if args.config:
        try:
            config = load_line_config(args.config).security
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
    db = _open(resolve_url(args), upgrade=False)
    try:
        if sys.stdin.isatty():
            password = getpass.getpass(f"password for {args.user} (signs the decision): ")
        else:  # a script: one line on standard input
            password = sys.stdin.readline().rstrip("\n")
        try:
            signature = resolve_signed(db, build_security(db, config), args.key, args.user,
                                       password, args.reason, client_host="lineside db")
        except (Explained, ValueError) as exc:
            raise RuntimeFailure(f"{args.key}: not resolved: {exc}") from None
    finally:
        db.close()
    print(f"{args.key}: resolved, {signature.manifestation()}")
    return EXIT_OK


def _shown(db: PlantDb) -> str:
    return db.engine.url.render_as_string(hide_password=True)

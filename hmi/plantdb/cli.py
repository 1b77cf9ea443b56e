"""`lineside db upgrade|check`: the plant database for technicians.

    lineside db upgrade [--url URL | --config LINE.toml | --data-dir DIR]
    lineside db check   [--url URL | --config LINE.toml | --data-dir DIR] [--noted-head HASH]

upgrade brings the schema to this Lineside's newest revision; check changes nothing: the
schema is at that revision and the audit trail's hash chain verifies. Unreachable server,
wrong password, a database newer than this program: one line each, saying what to do.
"""

from __future__ import annotations

import argparse
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


def _add_where(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", metavar="URL",
                        help="SQLAlchemy URL, e.g. postgresql+psycopg://lineside@plant-db/plant")
    parser.add_argument("--config", metavar="LINE.toml", help="take [security] url from it")
    parser.add_argument("--data-dir", metavar="DIR",
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


def _shown(db: PlantDb) -> str:
    return db.engine.url.render_as_string(hide_password=True)

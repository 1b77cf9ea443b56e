"""`lineside recipe list|show|diff|import|export`: the plant's recipes, headless.

Reads and writes the plant database (plant.sqlite in the data folder, or `--db URL`);
opening it brings its schema up to date. Imports are all-or-nothing and arrive as Drafts
(they go through review and approval here like any other version). Every refusal is one
line naming the file, line, field or recipe, with exit code 2.

Changing data is done by a person who signs in like at the screens: `import --user NAME`
asks for NAME's password (or reads it from standard input with --password-stdin), their
role must allow recipe_edit, and each imported Draft is audited as theirs (refusals too).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hmi.commission.common import Subparsers, add_json
from hmi.commission.errors import EXIT_OK, UsageError
from hmi.commission.output import emit_json
from hmi.config import ConfigError, load_line_config
from hmi.config.security import SecurityConfig
from hmi.core.audit_event import AuditEvent
from hmi.core.commands import Actor, PermissionDenied
from hmi.core.paths import data_dir
from hmi.core.roles import ALL_STATIONS, Action
from hmi.plantdb import PlantDb, PlantDbError, default_url, open_plant_db
from hmi.security import Security, SecurityError, build_security
from recipes import RecipeError, RecipeStore, RecipeVersion
from recipes.diff import diff_contents
from recipes.exchange import export_file, import_files
from recipes.hashing import parameter_dict


def add_parser(subparsers: Subparsers) -> None:
    recipe = subparsers.add_parser("recipe", help="list, show, diff, import or export recipes")
    actions = recipe.add_subparsers(dest="recipe_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="every master recipe with its newest and "
                                              "Effective versions")
    _add_db(listing)
    add_json(listing, "one recipe per line")
    listing.set_defaults(run=run_list)

    show = actions.add_parser("show", help="one version: header, status history, parameters")
    _add_db(show)
    show.add_argument("recipe_id", metavar="RECIPE")
    show.add_argument("--version", type=int, metavar="N", help="default: the newest")
    add_json(show, "the version")
    show.set_defaults(run=run_show)

    diff = actions.add_parser("diff", help="what changes from version A to version B")
    _add_db(diff)
    diff.add_argument("recipe_id", metavar="RECIPE")
    diff.add_argument("old", type=int, metavar="A")
    diff.add_argument("new", type=int, metavar="B")
    diff.set_defaults(run=run_diff)

    imp = actions.add_parser("import", help="JSON or CSV recipe files, all or none, as Drafts")
    _add_db(imp)
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--user", required=True, metavar="NAME",
                     help="who imports (the author of the new Drafts; asked for a password, "
                          "their role must allow recipe_edit)")
    imp.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input, not a prompt (scripts)")
    imp.add_argument("--config", metavar="FILE",
                     help="line config whose [security] permissions apply (default: built-in)")
    imp.set_defaults(run=run_import)

    exp = actions.add_parser("export", help="one version to a JSON or CSV file")
    _add_db(exp)
    exp.add_argument("recipe_id", metavar="RECIPE")
    exp.add_argument("--version", type=int, metavar="N", help="default: the newest")
    exp.add_argument("--out", required=True, metavar="FILE", help="*.json or *.csv")
    exp.set_defaults(run=run_export)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the HMI's data folder (default: the per-user one)")
    parser.add_argument("--db", metavar="URL", help="the plant database's SQLAlchemy URL "
                                                    "(default: plant.sqlite in the data folder)")


@contextlib.contextmanager
def _store(args: argparse.Namespace) -> Iterator[tuple[PlantDb, RecipeStore]]:
    url = args.db or default_url(data_dir(args.data_dir))
    try:
        db = open_plant_db(url)
    except PlantDbError as exc:
        raise UsageError(str(exc)) from None
    try:
        yield db, RecipeStore(db.engine)
    except RecipeError as exc:
        raise UsageError(str(exc)) from None
    finally:
        db.close()


def run_list(args: argparse.Namespace) -> int:
    with _store(args) as (_, store):
        summaries = store.list_recipes()
    for s in summaries:
        row: dict[str, Any] = {
            "recipe_id": s.header.recipe_id, "product": s.header.product,
            "station_group": s.header.station_group, "latest_version": s.latest_version,
            "latest_status": s.latest_status.value, "effective_version": s.effective_version}
        if args.json:
            emit_json(row)
        else:
            effective = f"v{s.effective_version}" if s.effective_version else "none"
            print(f"{s.header.recipe_id:<24} {s.header.product:<10} {s.header.station_group:<26}"
                  f" v{s.latest_version} {s.latest_status.value:<10} effective {effective}")
    if not summaries and not args.json:
        print("no recipes yet (`lineside recipe import FILE --user NAME` adds one)",
              file=sys.stderr)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    with _store(args) as (_, store):
        version = store.get(args.recipe_id, args.version)
    if args.json:
        emit_json(_as_dict(version))
        return EXIT_OK
    h = version.header
    print(f"{version.label}  {version.status.value}  ({h.product}, {h.station_group})")
    print(f"author {version.author}, created {version.created_at:%Y-%m-%d %H:%M} UTC, "
          f"content hash {version.content_hash}")
    for change in version.status_history:
        signed = f" [signed by {change.signer}]" if change.signer else ""
        print(f"  {change.at:%Y-%m-%d %H:%M:%S} {change.to_status.value:<10} by {change.by}: "
              f"{change.reason}{signed}")
    for e in version.content.equipment:
        print(f"  equipment {e.station}: {e.requirement}")
    print(f"{'tag':<40} {'setpoint':>12} {'unit':<8} {'limits':<20} verify")
    for p in version.parameters:
        limits = f"{_n(p.low)}..{_n(p.high)}"
        flag = " CRITICAL" if p.critical else ""
        print(f"{p.tag:<40} {p.setpoint!s:>12} {p.unit:<8} {limits:<20} {p.verify.value}{flag}")
    if version.content.notes:
        print(f"notes: {version.content.notes}")
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    with _store(args) as (_, store):
        old = store.get(args.recipe_id, args.old)
        new = store.get(args.recipe_id, args.new)
    diff = diff_contents(old.content, new.content)
    print(f"{old.label} -> v{new.version}: " + ("no differences" if diff.empty else
                                                 f"{len(diff.lines())} difference(s)"))
    for line in diff.lines():
        print(line)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    config = _security_config(args.config)
    with _store(args) as (db, _):
        security = build_security(db, config)
        actor, role = _sign_in(security, args.user, args.password_stdin, Action.RECIPE_EDIT)
        imported = import_files(db.engine, [Path(f) for f in args.files], actor.username)
        security.audit.append_many([AuditEvent(
            username=actor.username, full_name=actor.full_name, role=role,
            action="recipe_import", object_type="recipe_version", object_id=version.label,
            field="files", sent_value=version.content_hash,
            reason="imported as a Draft from " + ", ".join(Path(f).name for f in args.files),
            client_host=_host()) for version in imported])
    for version in imported:
        print(f"imported {version.label} as a Draft ({len(version.parameters)} parameters, "
              f"hash {version.content_hash[:12]}…)")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".json", ".csv"):
        raise UsageError(f"--out {out}: name a .json or .csv file")
    with _store(args) as (_, store):
        version = store.get(args.recipe_id, args.version)
    try:
        export_file(version, out)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror} (check the --out path)") from None
    print(f"exported {version.label} ({version.status.value}) to {out}", file=sys.stderr)
    return EXIT_OK


def _sign_in(security: Security, username: str, from_stdin: bool, action: Action
             ) -> tuple[Actor, str]:
    """Authenticate `username` (password from a prompt or stdin) and check their role allows
    `action`; returns the actor and the role that allows it. Refusals are audited and
    become one-line errors."""
    if security.users.needs_first_administrator():
        raise UsageError("no users exist in this plant database yet: run `lineside users "
                         "init` and `lineside users add` first")
    password = _password(username, from_stdin)
    host = _host()
    try:
        user = security.users.authenticate(username, password, host)
        actor = security.policy.actor(user.username, ALL_STATIONS, host)
        role = security.policy.permitted_role(actor, ALL_STATIONS, action)
    except (SecurityError, PermissionDenied) as exc:
        raise UsageError(f"--user {username}: {exc}") from None
    if role is None:
        security.audit.append(AuditEvent(
            username=actor.username, full_name=actor.full_name, role="/".join(actor.roles),
            action="refused", object_type="station", object_id=ALL_STATIONS, field=action,
            reason="permission denied: recipe import", client_host=host))
        raise UsageError(f"--user {username} ({user.grants_text}) may not {action}: ask a "
                         "user whose role allows it (a process engineer)")
    return actor, role


def _password(username: str, from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError(f"--password-stdin: no line with the password of {username} on "
                             "standard input")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError(f"no terminal to ask for the password of {username}: use "
                         "--password-stdin")
    return getpass.getpass(f"password of {username}: ")


def _security_config(path: str | None) -> SecurityConfig:
    if path is None:
        return SecurityConfig()
    try:
        return load_line_config(path).security
    except ConfigError as exc:
        raise UsageError(f"{exc.issues[0]} (see `lineside config check {path}`)") from None


def _host() -> str:
    return f"cli@{socket.gethostname()}"


def _n(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _as_dict(version: RecipeVersion) -> dict[str, Any]:
    return {
        "recipe_id": version.recipe_id, "version": version.version,
        "status": version.status.value, "author": version.author,
        "product": version.header.product, "station_group": version.header.station_group,
        "content_hash": version.content_hash, "created_at": version.created_at,
        "notes": version.content.notes,
        "equipment": [{"station": e.station, "requirement": e.requirement}
                      for e in version.content.equipment],
        "parameters": [parameter_dict(p) for p in version.parameters],
        "history": [{"to": c.to_status.value, "by": c.by, "at": c.at, "reason": c.reason,
                     "signer": c.signer} for c in version.status_history],
    }

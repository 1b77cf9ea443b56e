"""`lineside alarms list|journal|kpi`: the alarm journal from the command line (headless).

Reads the plant database the HMI writes (plant.sqlite in the data folder, or the
[security] url of a line config) and never writes to it: `list` shows each alarm's state as
the journal last recorded it (what a restarted engine would rebuild), `journal` the rows,
`kpi` the alarm performance per console against DOMAIN.md 3.2. Mistakes are one line, exit 2.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeAlias

from hmi.alarms.journal import AlarmJournal, JournalRow
from hmi.alarms.kpi import TARGETS, ConsoleKpis, compute_kpis
from hmi.alarms.model import AlarmState
from hmi.commission.errors import EXIT_OK, UsageError
from hmi.commission.output import emit, emit_json, short
from hmi.config import ConfigError, load_line_config
from hmi.core.paths import data_dir
from hmi.plantdb import PLANT_DB_FILE, PlantDb, PlantDbError, default_url, open_plant_db

Subparsers: TypeAlias = "argparse._SubParsersAction[Any]"

_AGO = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86_400}
KPI_DAYS = 30  # the data basis DOMAIN.md 3.2 asks for


def add_parser(subparsers: Subparsers) -> None:
    alarms = subparsers.add_parser("alarms", help="alarm states, journal and KPIs")
    actions = alarms.add_subparsers(dest="alarms_command", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="alarms not normal (or flagged) as the journal last recorded them")
    _common(listing)
    listing.add_argument("--all", action="store_true", help="every alarm the journal knows")
    listing.set_defaults(run=_run_list)
    journal = actions.add_parser("journal", help="journal rows, oldest first")
    _common(journal)
    _period(journal)
    journal.add_argument("--alarm", metavar="ID", help="only this alarm")
    journal.add_argument("--console", metavar="NAME", help="only this operator console")
    journal.add_argument("--limit", type=int, metavar="N", help="at most N rows")
    journal.set_defaults(run=_run_journal)
    kpi = actions.add_parser(
        "kpi", help=f"alarm KPIs per console (default: the last {KPI_DAYS} days)")
    _common(kpi)
    _period(kpi)
    kpi.add_argument("--console", metavar="NAME", help="only this operator console")
    kpi.set_defaults(run=_run_kpi)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", "--data-dir", dest="data_dir", metavar="DIR",
                        help="data folder holding plant.sqlite (default: the per-user one)")
    parser.add_argument("--config", metavar="FILE",
                        help="line config whose [security] url names the plant database")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=when, metavar="WHEN",
                        help="ISO time (naive = UTC) or an age like 30m, 24h, 7d")
    parser.add_argument("--until", type=when, metavar="WHEN", help="end (exclusive)")


def when(text: str, now: datetime | None = None) -> datetime:
    ago = _AGO.match(text.strip())
    if ago:
        return (now or datetime.now(UTC)) - timedelta(seconds=float(ago[1]) * _UNIT_S[ago[2]])
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither an ISO time like 2026-11-26T08:00Z nor an age like 24h"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@contextmanager
def _journal(args: argparse.Namespace) -> Iterator[AlarmJournal]:
    url = None
    if args.config:
        try:
            url = load_line_config(args.config).security.url
        except ConfigError as exc:
            raise UsageError(f"{exc.issues[0]} (see `lineside config check {args.config}`)"
                             ) from None
    if url is None:
        folder = Path(args.data_dir).expanduser() if args.data_dir else data_dir()
        if not (folder / PLANT_DB_FILE).is_file():
            raise UsageError(f"no plant database {folder / PLANT_DB_FILE}: check --data")
        url = default_url(folder)
    try:
        db: PlantDb = open_plant_db(url, upgrade=False)
    except PlantDbError as exc:
        raise UsageError(str(exc)) from None
    try:
        if "alarm_journal" not in _tables(db):
            raise UsageError(f"{url} has no alarm journal yet: the HMI creates it at its "
                             "next start")
        yield AlarmJournal(db)
    finally:
        db.close()


def _tables(db: PlantDb) -> set[str]:
    from sqlalchemy import inspect
    return set(inspect(db.engine).get_table_names())


def _run_list(args: argparse.Namespace) -> int:
    with _journal(args) as journal:
        latest = sorted(journal.latest_per_alarm().values(),
                        key=lambda r: (r.priority, r.alarm_id))
    shown = [r for r in latest if args.all or _notable(r)]
    for row in shown:
        if args.json:
            emit_json({"alarm": row.alarm_id, "state": str(row.after), "active": row.active,
                       "priority": row.priority, "console": row.console, "since": row.since,
                       "changed": row.at, "flags": _flags(row), "value": row.value})
        else:
            since = row.since.strftime("%Y-%m-%d %H:%M:%S") if row.since else "-"
            emit(f"P{row.priority} {row.after:<9} {row.alarm_id:<34} {row.console:<10} "
                 f"{since:<19} {' '.join(_flags(row))}".rstrip())
    if not shown and not args.json:
        emit("no alarm is active, shelved, suppressed or out of service")
    return EXIT_OK


def _notable(row: JournalRow) -> bool:
    return (row.after is not AlarmState.NORMAL or row.shelving is not None or row.suppressed
            or row.out_of_service is not None)


def _flags(row: JournalRow) -> list[str]:
    flags = []
    if row.first_out:
        flags.append("first-out")
    if row.shelving is not None:
        flags.append(f"shelved({row.shelving.kind} by {row.shelving.by} until "
                     f"{row.shelving.until:%Y-%m-%d %H:%M}Z)")
    if row.suppressed:
        flags.append("suppressed")
    if row.out_of_service is not None:
        flags.append(f"out-of-service(by {row.out_of_service.by})")
    return flags


def _run_journal(args: argparse.Namespace) -> int:
    with _journal(args) as journal:
        rows = journal.rows(args.since, args.until, alarm_id=args.alarm, console=args.console,
                            limit=args.limit)
    for row in rows:
        if args.json:
            emit_json({"seq": row.seq, "at": row.at, "alarm": row.alarm_id,
                       "event": str(row.event), "before": str(row.before),
                       "after": str(row.after), "active": row.active,
                       "annunciated": row.annunciated, "priority": row.priority,
                       "console": row.console, "value": row.value, "user": row.username,
                       "reason": row.reason, "flags": _flags(row)})
        else:
            who = f" by {row.username}" if row.username else ""
            why = f": {row.reason}" if row.reason else ""
            emit(f"{row.at:%Y-%m-%d %H:%M:%S.%f}"[:-3] + f"Z {row.alarm_id} {row.event} "
                 f"{row.before}->{row.after} value={short(row.value, 20)}{who}{why}")
    return EXIT_OK


def _run_kpi(args: argparse.Namespace) -> int:
    until = args.until or datetime.now(UTC)
    since = args.since or until - timedelta(days=KPI_DAYS)
    if until <= since:
        raise UsageError("--since must be before --until")
    with _journal(args) as journal:
        rows = journal.rows(since, until, console=args.console)
        latest = {k: v for k, v in journal.latest_per_alarm().items()
                  if args.console in (None, v.console) and v.at < until}
    kpis = compute_kpis(rows, since, until, latest)
    if not kpis and not args.json:
        emit(f"no annunciated alarms between {since:%Y-%m-%d %H:%M}Z and {until:%Y-%m-%d %H:%M}Z")
    for console in kpis.values():
        if args.json:
            emit_json(console.to_dict())
        else:
            _print_kpis(console)
    return EXIT_OK


def _print_kpis(k: ConsoleKpis) -> None:
    met = k.verdicts()
    emit(f"console {k.console}: {k.activations} annunciated alarms, {k.start:%Y-%m-%d %H:%M}Z "
         f"to {k.end:%Y-%m-%d %H:%M}Z"
         + ("" if k.enough_data else f" (under {KPI_DAYS} days of data: indicative only)"))
    for name, value in k.measures().items():
        target, side = TARGETS[name]
        verdict = "-" if name not in met else ("ok" if met[name] else "OVER" if side == "max"
                                               else "UNDER")
        shown = f"{value:.1%}" if name.endswith(("share", "fraction")) else f"{value:.3g}"
        aim = f"{target:.0%}" if name.endswith(("share", "fraction")) else f"{target:g}"
        emit(f"  {name:<22} {shown:>8}  target {'<=' if side == 'max' else '>='} {aim:<5} "
             f"{verdict}")
    emit("  priorities             " + ", ".join(f"P{p} {n}" for p, n in k.by_priority.items()))
    for flood in k.floods:
        emit(f"  flood {flood.start:%Y-%m-%d %H:%M:%S}Z for {flood.duration_s / 60:.1f} min, "
             f"{flood.alarms} alarms" + (" (ongoing)" if flood.ongoing else ""))
    for actor in k.bad_actors:
        emit(f"  bad actor {actor.alarm_id}: {actor.activations} ({actor.share:.0%})")
    for chatter in k.chattering:
        emit(f"  chattering {chatter.alarm_id}: {chatter.most_in_60s} within 60 s")
    for stale in k.stale:
        emit(f"  stale {stale.alarm_id}: active {stale.hours:.1f} h")

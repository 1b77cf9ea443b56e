"""`lineside restore list|check|report`: the restore procedures and record, headless.

    lineside restore list [--config LINE.toml] [--procedures DIR]
    lineside restore check FILE [--config LINE.toml]      # exit 2 with file:line: field: why
    lineside restore report [--data-dir DIR | --db URL] [--days N | --since T --until T]
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hmi.commission.errors import EXIT_OK, UsageError
from hmi.config import ConfigError, LineConfig, load_line_config
from hmi.config.loader import DEMO_LINE
from hmi.core.paths import data_dir
from hmi.plantdb import PlantDbError, default_url, open_plant_db
from hmi.restore.build import PROCEDURES
from hmi.restore.errors import ProcedureError
from hmi.restore.loader import load_procedure, load_procedures
from hmi.restore.report import restore_times


def add_parser(subparsers: Any) -> None:
    restore = subparsers.add_parser("restore", help="loop-restore procedures and restore times")
    actions = restore.add_subparsers(dest="restore_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="the procedures, the faults they serve")
    _add_config(listing)
    listing.add_argument("--procedures", metavar="DIR", default=str(PROCEDURES),
                         help="folder of procedure files (default: the shipped ones)")
    listing.add_argument("--json", action="store_true", help="one procedure per line as JSON")
    listing.set_defaults(run=run_list)

    check = actions.add_parser("check", help="check a procedure file against a line config")
    check.add_argument("file", metavar="FILE")
    _add_config(check)
    check.set_defaults(run=run_check)

    report = actions.add_parser("report", help="restore times per fault kind (median, p90)")
    report.add_argument("--data-dir", metavar="DIR",
                        help="the HMI's data folder (default: the per-user one)")
    report.add_argument("--db", metavar="URL", help="the plant database's SQLAlchemy URL")
    report.add_argument("--days", type=float, default=30.0,
                        help="the period: the last N days (default 30)")
    report.add_argument("--since", type=_when, help="period start, ISO 8601 (UTC if no zone)")
    report.add_argument("--until", type=_when, help="period end, ISO 8601 (default: now)")
    report.add_argument("--json", action="store_true", help="one fault kind per line as JSON")
    report.set_defaults(run=run_report)


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="LINE.toml",
                        help="the line config the procedures run on (default: the demo line)")


def _when(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 time like "
                                         "2026-11-26T08:00") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _config(args: argparse.Namespace) -> LineConfig:
    try:
        return load_line_config(Path(args.config) if args.config else DEMO_LINE)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def run_list(args: argparse.Namespace) -> int:
    try:
        procedures = load_procedures(Path(args.procedures), _config(args))
    except ProcedureError as exc:
        raise UsageError(str(exc)) from None
    for p in sorted(procedures.values(), key=lambda p: p.id):
        if args.json:
            print(json.dumps({"id": p.id, "title": p.title, "faults": list(p.faults),
                              "station": p.station, "steps": len(p.steps),
                              "downtime_reason": p.downtime_reason}))
        else:
            print(f"{p.id:24} {', '.join(p.faults):32} {len(p.steps):3} steps  {p.title}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    try:
        procedure = load_procedure(Path(args.file), _config(args))
    except ProcedureError as exc:
        raise UsageError(str(exc)) from None
    kinds = sorted({s.kind.value for s in procedure.steps})
    print(f"{args.file}: ok: {procedure.id}, {len(procedure.steps)} steps "
          f"({', '.join(kinds)}), serves {', '.join(procedure.faults)}")
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    until = args.until or datetime.now(UTC)
    since = args.since or until - timedelta(days=args.days)
    url = args.db or default_url(data_dir(args.data_dir, create=False))
    try:
        db = open_plant_db(url)
    except PlantDbError as exc:
        raise UsageError(str(exc)) from None
    try:
        rows = restore_times(db, since, until)
    finally:
        db.close()
    if not args.json:
        print(f"restore times (fault to verified running), {since:%Y-%m-%d %H:%M} to "
              f"{until:%Y-%m-%d %H:%M} UTC")
        if not rows:
            print("no verified restores in this period")
    for r in rows:
        if args.json:
            print(json.dumps({"fault_kind": r.fault_kind, "runs": r.runs,
                              "median_s": r.median_s, "p90_s": r.p90_s, "worst_s": r.worst_s,
                              "downtime_reasons": list(r.downtime_reasons)}))
        else:
            print(f"{r.fault_kind:24} {r.runs:4} runs  median {_mmss(r.median_s)}  "
                  f"p90 {_mmss(r.p90_s)}  worst {_mmss(r.worst_s)}")
    return EXIT_OK


def _mmss(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes:d}:{rest:02d}"

"""`lineside lineage LOT [--json] [--export DIR]`: a lot's parameter lineage, headless.

Reads the plant database the HMI keeps (lots, changeovers, audit trail, alarm journal,
restores, holds); `--export DIR` also writes the export bundle for quality people
(hmi.production.lineage_export), with the historian's samples when the history database
is there. Every mistake is one line and exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hmi.commission.common import Subparsers, add_json, load_config
from hmi.commission.errors import EXIT_OK, UsageError
from hmi.commission.output import emit, emit_json
from hmi.config.loader import DEMO_LINE
from hmi.config.schema import LineConfig
from hmi.core.paths import data_dir
from hmi.historian import HistoryError, HistoryReader
from hmi.historian import default_url as history_url
from hmi.plantdb import PlantDb
from hmi.production.cli import open_recorded_db
from hmi.production.lineage import Lineage, LineageReader, alarms_by_station
from hmi.production.lineage_export import export_bundle
from hmi.production.lots import LotError


def add_parser(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "lineage", help="a lot's parameter lineage across all its parents",
        description="For a lot and every lot it was made from: the recipe version and control "
        "recipe hash, variances, manual writes, alarms, restores, dew-point exposure, SPC "
        "holds and holds, from the plant database.")
    parser.add_argument("lot", metavar="LOT", help="the lot id (as scanned or as the HMI "
                        "recorded it, e.g. winder-12)")
    parser.add_argument("--config", metavar="FILE", help="line config (default: the demo line)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the HMI's data folder (default: the per-user one)")
    parser.add_argument("--db", metavar="URL", help="the plant database's SQLAlchemy URL")
    parser.add_argument("--export", metavar="DIR", help="also write the export bundle "
                        "(summary, JSON, timeline, audit extract, history, recipes) into DIR")
    add_json(parser, "the lineage (every lot, link and event) as one object")
    parser.set_defaults(run=run_lineage)




def run_lineage(args: argparse.Namespace) -> int:
    config = load_config(args.config or str(DEMO_LINE))
    db = open_recorded_db(args)
    try:
        try:
            lineage = LineageReader(db, alarm_stations=alarms_by_station(config)).lineage(
                args.lot)
        except LotError as exc:
            raise UsageError(str(exc)) from None
        if args.json:
            emit_json(lineage.as_dict())
        else:
            for line in lineage.summary_lines():
                emit(line)
        if args.export:
            folder = _export(args, lineage, db, config)
            if not args.json:
                emit(f"export bundle written to {folder}")
    finally:
        db.close()
    return EXIT_OK


def _export(args: argparse.Namespace, lineage: Lineage, db: PlantDb, config: LineConfig
            ) -> Path:
    station_tags: dict[str, list[str]] = {}
    for tag in config.tags:
        station_tags.setdefault(tag.station, []).append(tag.id)
    url = config.historian.url or history_url(data_dir(args.data_dir, create=False))
    reader: HistoryReader | None
    try:
        reader = HistoryReader(url)
    except HistoryError:
        reader = None  # the bundle says so in its summary
    try:
        return export_bundle(lineage, Path(args.export), db, history=reader,
                             station_tags=station_tags)
    except OSError as exc:
        raise UsageError(f"--export {args.export}: cannot write there ({exc.strerror}); "
                         "give a folder you may write to") from None
    finally:
        if reader is not None:
            reader.close()

"""`lineside oee` and `lineside spc CHARACTERISTIC`: OEE and SPC, headless.

`oee` reads the OEE record the HMI keeps in the plant database (state changes, output,
stops); `spc` charts a characteristic from what the HMI's SPC monitor recorded in the
plant database (its subgroups and the limits in force), else from the history database's
raw samples (the same subgrouping, limits, rules and capability as the live monitor).
Both take the line config (`--config`, default the demo line) for the shift calendar and
the characteristics.
Every mistake is one line and exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from hmi.commission.common import Subparsers, add_json, load_config
from hmi.commission.errors import EXIT_OK, UsageError
from hmi.commission.output import emit, emit_json
from hmi.config.loader import DEMO_LINE
from hmi.config.production import Characteristic, characteristics
from hmi.config.schema import LineConfig
from hmi.core.paths import data_dir
from hmi.historian import HistoryError, HistoryReader
from hmi.historian import default_url as history_url
from hmi.historian.tables import LIVE_MAX
from hmi.plantdb import PlantDb, PlantDbError, default_url, open_plant_db
from hmi.plantdb.database import PLANT_DB_FILE
from hmi.production.build import build_oee_tracker, calendar_of
from hmi.production.oee import OeeFactors
from hmi.production.oee_tracker import OeeTracker
from hmi.production.reasons import ReasonFileError
from hmi.production.spc_analysis import ChartView, analyse
from hmi.production.spc_store import SpcStore
from hmi.production.subgroups import Point, Subgrouper

PERIOD_HELP = ("shift (the running shift, default), hour (the last hour), day (the last 24 h),"
               " shifts:N (each of the last N shifts) or FROM/TO in ISO 8601")


def add_parser(subparsers: Subparsers) -> None:
    oee = subparsers.add_parser(
        "oee", help="OEE per station and for the line, from the plant database",
        description="Availability, performance, quality and OEE per station and for the line "
        "over a period, with the downtime reasons, minor stops and the stops still waiting "
        "for a reason.")
    _add_sources(oee)
    oee.add_argument("--period", default="shift", metavar="PERIOD", help=PERIOD_HELP)
    add_json(oee, "one object per station, the line, reasons and pending stops")
    oee.set_defaults(run=run_oee)
    spc = subparsers.add_parser(
        "spc", help="an SPC chart's limits, rule violations and capability, from history",
        description="Subgroups of a characteristic from the recorded raw samples, control "
        "limits from the first baseline subgroups, Western Electric and Nelson rules, and "
        "Cp/Cpk/Pp/Ppk (or why they are not computed).")
    spc.add_argument("characteristic", metavar="CHARACTERISTIC")
    _add_sources(spc)
    spc.add_argument("--hours", type=float, default=8.0, metavar="H",
                     help="how far back from now (default 8)")
    add_json(spc, "the chart (points, limits, violations, capability)")
    spc.set_defaults(run=run_spc)


def _add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="line config (default: the demo line)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the HMI's data folder (default: the per-user one)")
    parser.add_argument("--db", metavar="URL", help="the plant database's SQLAlchemy URL")


def _config(args: argparse.Namespace) -> LineConfig:
    return load_config(args.config or str(DEMO_LINE))


def open_recorded_db(args: argparse.Namespace) -> PlantDb:
    """The plant database `--db` or `--data-dir` names, for commands that only read what
    an HMI recorded: a folder without one is named, and nothing is created there."""
    url = args.db
    if url is None:
        folder = data_dir(args.data_dir, create=False)
        if not (folder / PLANT_DB_FILE).is_file():
            raise UsageError(f"no plant database at {folder / PLANT_DB_FILE}: nothing recorded "
                             "there yet (run the HMI with this data folder, or give the right "
                             "--data-dir or --db)")
        url = default_url(folder)
    try:
        return open_plant_db(url)
    except PlantDbError as exc:
        raise UsageError(str(exc)) from None


@contextmanager
def _tracker(args: argparse.Namespace, config: LineConfig) -> Iterator[OeeTracker]:
    db = open_recorded_db(args)
    try:
        yield build_oee_tracker(config, None, db, None)
    except ReasonFileError as exc:
        raise UsageError(str(exc)) from None
    finally:
        db.close()


def periods(text: str, config: LineConfig, now: datetime) -> list[tuple[str, datetime, datetime]]:
    calendar = calendar_of(config)
    if text == "shift":
        window = calendar.shift_at(now)
        if window is None:
            raise UsageError("no shift is running now; use --period hour, day or FROM/TO")
        return [(window.label, window.start, window.end)]
    if text in ("hour", "day"):
        span = timedelta(hours=1 if text == "hour" else 24)
        return [(f"last {text}", now - span, now)]
    if text.startswith("shifts:") and text[7:].isdigit() and int(text[7:]) > 0:
        return [(w.label, w.start, w.end) for w in calendar.last_shifts(now, int(text[7:]))]
    if "/" in text:
        start, end = (_iso(part) for part in text.split("/", 1))
        if end <= start:
            raise UsageError(f"--period {text}: the end must be after the start")
        return [(f"{start:%Y-%m-%d %H:%M}..{end:%Y-%m-%d %H:%M}", start, end)]
    raise UsageError(f"--period {text!r}: use {PERIOD_HELP}")


def _iso(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{text!r} is not an ISO 8601 time like 2026-11-26T06:00Z") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def run_oee(args: argparse.Namespace) -> int:
    config = _config(args)
    now = datetime.now(UTC)
    chosen = periods(args.period, config, now)
    with _tracker(args, config) as tracker:
        for label, start, end in chosen:
            rows = [tracker.factors(s, start, end) for s in tracker.stations]
            line = tracker.factors(None, start, end)
            reasons = tracker.top_reasons(start, end, limit=10)
            micro = tracker.micro_stops(start, min(end, now))
            if args.json:
                emit_json({"period": label, "line": line.as_dict(),
                           "stations": [r.as_dict() for r in rows],
                           "top_reasons": [_reason_dict(r) for r in reasons],
                           "micro_stops": {s: {"count": c, "seconds": round(sec, 1)}
                                           for s, (c, sec) in micro.items()}})
                continue
            emit(f"OEE {label}")
            emit(f"  {'station':<12} {'A':>6} {'P':>6} {'Q':>6} {'OEE':>6}  downtime  minor")
            for f in [*rows, line]:
                emit(_row(f))
            if not any(f.planned_s for f in rows):
                emit("  nothing recorded in this period (is the HMI running on this line?)")
            for r in reasons:
                emit(f"  reason {r.text:<40} {r.count:>3} x {r.seconds / 60:7.1f} min")
        pending = tracker.pending_reasons()
    for p in pending:
        if args.json:
            emit_json({"pending": p.event.id, "station": p.event.station,
                       "start": p.event.start.isoformat(),
                       "candidates": [c.code for c in p.candidates[:5]]})
        else:
            emit(f"  needs a reason: #{p.event.id} {p.event.describe(now)}; likely "
                 f"{', '.join(c.text for c in p.candidates[:3])}")
    return EXIT_OK


def _reason_dict(reason: Any) -> dict[str, Any]:
    return {k: getattr(reason, k) for k in ("code", "text", "loss", "count", "seconds")}


def _row(f: OeeFactors) -> str:
    def pct(value: float | None) -> str:
        return f"{value * 100:5.1f}%" if value is not None else "    - "
    name = f.station or "LINE"
    return (f"  {name:<12} {pct(f.availability)} {pct(f.performance)} {pct(f.quality)} "
            f"{pct(f.oee)} {f.downtime_s / 60:7.1f}m {f.minor_stops:5d}")


def run_spc(args: argparse.Namespace) -> int:
    config = _config(args)
    chars = {c.id: c for c in characteristics(config)}
    char = chars.get(args.characteristic)
    if char is None:
        raise UsageError(f"no characteristic {args.characteristic!r}; known: "
                         f"{', '.join(chars) or 'none (add [[production.characteristics]])'}")
    if args.hours <= 0:
        raise UsageError("--hours must be above 0")
    end = datetime.now(UTC)
    start = end - timedelta(hours=args.hours)
    view = _recorded_chart(args, char, start, end)
    source = "the plant database's SPC record"
    if view is None:
        view = _history_chart(args, config, char, start, end)
        source = "the history's raw samples"
    if args.json:
        emit_json({**view.as_dict(), "source": source})
    else:
        _print_chart(view, args.hours, source)
    return EXIT_OK


def _recorded_chart(args: argparse.Namespace, char: Characteristic, start: datetime,
                    end: datetime) -> ChartView | None:
    """The subgroups the running HMI charted and the limits it had in force; None when
    there is no plant database or nothing recorded for `char` in the period."""
    url = args.db
    if url is None:
        folder = data_dir(args.data_dir, create=False)
        if not (folder / PLANT_DB_FILE).is_file():
            return None
        url = default_url(folder)
    try:
        db = open_plant_db(url)
    except PlantDbError as exc:
        raise UsageError(str(exc)) from None
    try:
        store = SpcStore(db)
        points = store.points(char.id, start, end)
        stored = store.latest_limits([char.id]).get(char.id) if points else None
    finally:
        db.close()
    if not points:
        return None
    if stored is None:
        return analyse(char, points)
    return analyse(char, points, stored.limits,
                   f"{stored.baseline}, set {stored.set_at:%Y-%m-%d %H:%M} UTC")


def _history_chart(args: argparse.Namespace, config: LineConfig, char: Characteristic,
                   start: datetime, end: datetime) -> ChartView:
    url = config.historian.url or history_url(data_dir(args.data_dir, create=False))
    try:
        with HistoryReader(url) as reader:
            series = reader.read_raw(list(char.tags), start, end)
    except HistoryError as exc:
        raise UsageError(str(exc)) from None
    samples = sorted(
        (int(t), tag, float(v)) for tag, s in series.items()
        for t, v, q in zip(s.t_ms, s.value, s.quality, strict=True)
        if q <= LIVE_MAX and v == v)
    grouper = Subgrouper(char)
    points: list[Point] = []
    for t_ms, tag, value in samples:
        point = grouper.add(tag, value, datetime.fromtimestamp(t_ms / 1000, UTC))
        if point is not None:
            points.append(point)
    return analyse(char, points)


def _print_chart(view: ChartView, hours: float, source: str) -> None:
    char = view.characteristic
    emit(f"{char.id} at {char.station} ({char.chart}, {char.lanes} per subgroup): "
         f"{len(view.points)} subgroups in the last {hours:g} h, from {source}")
    lim = view.limits
    if lim is None:
        emit("  no control limits: fewer than 2 subgroups recorded")
        return
    emit(f"  limits from {view.baseline}: center {lim.center:.5g}, UCL {lim.ucl:.5g}, "
         f"LCL {lim.lcl:.5g}; spread center {lim.spread_center:.4g}, UCL "
         f"{lim.spread_ucl:.4g}")
    for v in view.violations[-10:]:
        at = view.points[v.index].at
        emit(f"  {v.rule:<4} at {at:%Y-%m-%d %H:%M:%S} UTC: {v.description}")
    cap = view.capability
    if cap is not None:
        def fmt(x: float | None) -> str:
            return f"{x:.2f}" if x is not None else "-"
        emit(f"  Cp {fmt(cap.cp)}  Cpk {fmt(cap.cpk)}  Pp {fmt(cap.pp)}  Ppk {fmt(cap.ppk)}"
             f"  ({cap.verdict})")
        for reason in cap.refused:
            emit(f"  not computed: {reason}")

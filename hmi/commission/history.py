"""`lineside history export|stats`: the recorded history, from the command line.

Reads the history database the HMI writes (history.sqlite in the data folder, or the
[historian] url of a line config) through HistoryReader, so it can run while the HMI
records. Every mistake (unknown tag, bad time, no database) is one line and exit 2.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TextIO

from hmi.commission.common import Subparsers, load_config
from hmi.commission.errors import EXIT_OK, UsageError
from hmi.commission.output import emit
from hmi.core.paths import data_dir
from hmi.historian import HistoryError, HistoryReader, default_url, export_csv, history_stats
from hmi.historian.stats import HistoryStats

ISO_EXAMPLE = "2024-05-01T06:00:00Z"


def add_parser(subparsers: Subparsers) -> None:
    history = subparsers.add_parser(
        "history", help="export or summarise the recorded tag history"
    )
    actions = history.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write tags' history between two times to CSV",
        description="Write the history of the given tags to CSV: time (ISO 8601, UTC), tag, "
        "value, quality. By default one row per second per tag (value is the mean; min, max "
        "and count follow; one row per minute where 1 s buckets have expired); with --raw "
        "every recorded sample.",
    )
    _add_source(export)
    export.add_argument(
        "--tag", action="append", required=True, metavar="ID", help="a tag id (repeatable)"
    )
    export.add_argument(
        "--from", dest="start", required=True, type=iso_time, metavar="ISO",
        help=f"start, e.g. {ISO_EXAMPLE} (UTC unless an offset is given)",
    )
    export.add_argument(
        "--to", dest="end", required=True, type=iso_time, metavar="ISO", help="end (exclusive)"
    )
    export.add_argument("--raw", action="store_true", help="every recorded sample")
    export.add_argument("--csv", required=True, metavar="OUT", help="output file ('-': stdout)")
    export.set_defaults(run=run_export)
    stats = actions.add_parser(
        "stats",
        help="rows per tier, time span and size on disk",
        description="Summarise the history database: tags, rows and time span of the raw "
        "samples and of the 1 s and 1 min rollups, and its size on disk.",
    )
    _add_source(stats)
    stats.set_defaults(run=run_stats)


def _add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR", help="the HMI's data folder (default: the per-user one)"
    )
    parser.add_argument(
        "--config", metavar="FILE", help="a line config whose [historian] url names the database"
    )


def iso_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 time like {ISO_EXAMPLE}"
        ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _url(args: argparse.Namespace) -> str:
    if args.config:
        url = load_config(args.config).historian.url
        if url:
            return url
    return default_url(data_dir(args.data_dir, create=False))


@contextlib.contextmanager
def _reader(args: argparse.Namespace) -> Iterator[HistoryReader]:
    try:
        reader = HistoryReader(_url(args))
    except HistoryError as exc:
        raise UsageError(str(exc)) from None
    try:
        yield reader
    finally:
        reader.close()


def run_export(args: argparse.Namespace) -> int:
    if args.end <= args.start:
        raise UsageError(
            f"--to {args.end.isoformat()} is not after --from {args.start.isoformat()}"
        )
    with _reader(args) as reader:
        known = reader.tag_ids()
        for tag in args.tag:
            if tag not in known:
                raise UsageError(_unknown_tag(tag, known, reader.url))
        tier = "raw" if args.raw else reader.rollup_tier_for(args.tag, args.start)
        with _output(args.csv) as out:
            result = export_csv(reader, args.tag, args.start, args.end, out, tier)
    what = {"raw": "samples", "1s": "1 s buckets", "1m": "1 min buckets"}[result.tier]
    target = "stdout" if args.csv == "-" else args.csv
    print(f"exported {result.rows} {what} of {len(args.tag)} tag(s) to {target}",
          file=sys.stderr)
    return EXIT_OK


@contextlib.contextmanager
def _output(name: str) -> Iterator[TextIO]:
    if name == "-":
        yield sys.stdout
        return
    try:
        out = open(name, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UsageError(f"cannot write {name}: {exc.strerror} (check the --csv path)") from None
    with out:
        yield out


def _unknown_tag(tag: str, known: tuple[str, ...], url: str) -> str:
    close = difflib.get_close_matches(tag, known, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "`lineside history stats` counts them"
    if not known:
        hint = "it holds no tags yet"
    return f"unknown tag {tag!r}: no history of it in {url} ({hint})"


def run_stats(args: argparse.Namespace) -> int:
    with _reader(args) as reader:
        stats = history_stats(reader)
    for line in stats_lines(stats):
        emit(line)
    return EXIT_OK


def stats_lines(stats: HistoryStats) -> list[str]:
    size = "" if stats.size_bytes is None else f", {_mib(stats.size_bytes)} on disk"
    lines = [f"history: {stats.url}{size}", f"tags: {stats.tags}"]
    lines.append(f"{'tier':<5} {'rows':>14}  {'from':<24}  {'to':<24}")
    for tier in stats.tiers:
        first = _when(tier.first)
        last = _when(tier.last)
        lines.append(f"{tier.tier:<5} {tier.rows:>14,}  {first:<24}  {last:<24}")
    if stats.size_bytes is not None and stats.raw_rows:
        lines.append(f"bytes per raw sample (all tiers): {stats.size_bytes / stats.raw_rows:.1f}")
    return lines


def _when(ts: datetime | None) -> str:
    return "-" if ts is None else ts.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"

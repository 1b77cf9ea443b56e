"""CSV export: one row per sample (raw) or per bucket (rollups), ISO 8601 UTC times.

Columns: time, tag, value, quality; rollup rows add min, max and count, with value the
bucket's mean and quality its worst. An empty value is no value (a gap marker, or a bucket
without live samples). Floats are written with repr(), which reads back exactly.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

import numpy as np

from hmi.historian.reader import HistoryReader
from hmi.historian.tables import from_ms, quality_name

RAW_COLUMNS = ("time", "tag", "value", "quality")
ROLLUP_COLUMNS = (*RAW_COLUMNS, "min", "max", "count")


@dataclass(frozen=True, slots=True)
class ExportResult:
    rows: int
    tier: str


def iso(ms: int) -> str:
    """2024-05-01T12:00:00.123Z: millisecond ISO 8601 in UTC, the stored precision."""
    return from_ms(ms).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(value: float) -> str:
    return "" if np.isnan(value) else repr(float(value))


def export_csv(
    reader: HistoryReader,
    tag_ids: Sequence[str],
    start: datetime,
    end: datetime,
    out: TextIO,
    tier: str = "raw",
) -> ExportResult:
    """Write the tags' history between start and end, tag after tag, in time order."""
    writer = csv.writer(out, lineterminator="\n")
    rows = 0
    if tier == "raw":
        writer.writerow(RAW_COLUMNS)
        for tag_id in tag_ids:
            for chunk in reader.iter_raw(tag_id, start, end):
                writer.writerows(
                    (iso(int(t)), tag_id, _number(v), quality_name(int(q)))
                    for t, v, q in zip(chunk.t_ms, chunk.value, chunk.quality, strict=True)
                )
                rows += len(chunk)
        return ExportResult(rows, tier)
    writer.writerow(ROLLUP_COLUMNS)
    for tag_id in tag_ids:
        for part in reader.iter_rollup(tag_id, tier, start, end):
            writer.writerows(
                (
                    iso(int(t)), tag_id, _number(mean), quality_name(int(worst)),
                    _number(vmin), _number(vmax), int(n),
                )
                for t, mean, worst, vmin, vmax, n in zip(
                    part.t_ms, part.mean, part.worst, part.vmin, part.vmax, part.n, strict=True
                )
            )
            rows += len(part)
    return ExportResult(rows, tier)

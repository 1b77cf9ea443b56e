"""A lot's export bundle for quality people: one folder `lineage_<lot>` with

- `summary.txt`: the lineage summary and its timeline, readable without tools;
- `lineage.json`: the whole lineage (every lot, link and event);
- `timeline.csv`: every event of every lot (time, lot, station, kind, text, by);
- `audit.csv`: the audit trail's entries on the lots' stations' tags within each lot's
  window, and every entry about one of the lots (holds, releases), in chain order with
  their hashes (check them against `lineside audit verify`);
- `history.csv`: the historian's raw samples of each lot's station tags in its window
  (time, tag, value, quality; the historian's own CSV format), when a history database
  is given;
- `recipe_<id>_v<version>.json`: each recipe version the lots ran with, in the recipe
  exchange format (importable elsewhere).

Everything is read from the plant and history databases (blocking: off the GUI thread).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from hmi.historian import HistoryReader, export_csv
from hmi.historian.export import RAW_COLUMNS
from hmi.plantdb import PlantDb
from hmi.production.lineage import Lineage
from hmi.security.audit import AuditEntry, AuditTrail
from recipes import RecipeStore
from recipes.errors import RecipeError
from recipes.exchange import export_json

AUDIT_COLUMNS = ("seq", "utc_ts", "username", "role", "action", "object_type", "object_id",
                 "field", "old_value", "sent_value", "read_back", "reason", "signature_id",
                 "entry_hash")


def bundle_name(lot_id: str) -> str:
    return "lineage_" + re.sub(r"[^A-Za-z0-9._-]+", "_", lot_id)


def export_bundle(lineage: Lineage, into: Path, db: PlantDb, *,
                  history: HistoryReader | None = None,
                  station_tags: Mapping[str, Sequence[str]] | None = None) -> Path:
    """Write the bundle into `into/lineage_<lot>/` (made, or refreshed if there) and
    return that folder. Raises OSError for a folder that cannot be written."""
    folder = into / bundle_name(lineage.lot_id)
    folder.mkdir(parents=True, exist_ok=True)
    notes = list(lineage.notes)
    _write_json(folder / "lineage.json", lineage.as_dict())
    with (folder / "timeline.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("time", "lot", "station", "kind", "text", "by"))
        writer.writerows((e.at.isoformat(), e.lot_id, e.station, e.kind, e.text, e.by)
                         for e in lineage.timeline())
    entries = _audit_extract(lineage, AuditTrail(db))
    with (folder / "audit.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(AUDIT_COLUMNS)
        writer.writerows(tuple("" if getattr(a, c) is None else str(getattr(a, c))
                               for c in AUDIT_COLUMNS) for a in entries)
    notes.extend(_recipes(lineage, db, folder))
    if history is not None and station_tags is not None:
        rows = _history(lineage, history, station_tags, folder / "history.csv")
        notes.append(f"history.csv: {rows} raw samples of the lots' station tags")
    else:
        notes.append("no history database given: history.csv not written")
    lines = [*lineage.summary_lines(), *(f"note: {n}" for n in notes[len(lineage.notes):]),
             "", "Timeline (UTC):"]
    lines += [f"{e.at:%Y-%m-%d %H:%M:%S} {e.lot_id:<16} {e.kind:<9} {e.text}"
              + (f" [{e.by}]" if e.by else "") for e in lineage.timeline()]
    (folder / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _audit_extract(lineage: Lineage, audit: AuditTrail) -> list[AuditEntry]:
    ids = {x.lot.lot_id for x in lineage.lots}
    found: dict[int, AuditEntry] = {}
    for x in lineage.lots:
        start, end = x.lot.window(lineage.built_at)
        for a in audit.entries(start, end):
            if (a.object_type == "tag" and a.object_id.split(".", 1)[0] == x.lot.station) \
                    or a.object_id in ids:
                found[a.seq] = a
    for a in audit.entries(object_type="lot"):  # holds and releases, whenever they were
        if a.object_id in ids:
            found[a.seq] = a
    return [found[k] for k in sorted(found)]


def _recipes(lineage: Lineage, db: PlantDb, folder: Path) -> list[str]:
    store = RecipeStore(db.engine)
    notes = []
    for run in {(x.recipe.recipe_id, x.recipe.version) for x in lineage.lots if x.recipe}:
        recipe_id, version = run
        name = f"recipe_{bundle_name(recipe_id)[8:]}_v{version}.json"
        try:
            (folder / name).write_text(export_json(store.get(recipe_id, version)),
                                       encoding="utf-8")
        except RecipeError as exc:
            notes.append(f"recipe {recipe_id} v{version} not exported: {exc}")
    return notes


def _history(lineage: Lineage, reader: HistoryReader,
             station_tags: Mapping[str, Sequence[str]], path: Path) -> int:
    rows = 0
    known = set(reader.tag_ids())
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write(",".join(RAW_COLUMNS) + "\n")  # one header; each lot's part drops its own
        for x in lineage.lots:
            tags = [t for t in station_tags.get(x.lot.station, ()) if t in known]
            if tags:
                start, end = x.lot.window(lineage.built_at)
                part = io.StringIO()
                rows += export_csv(reader, tags, start, end, part).rows
                out.write(part.getvalue().partition("\n")[2])  # without its own header
    return rows

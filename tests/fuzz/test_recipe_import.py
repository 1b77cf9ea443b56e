"""Fuzzed recipe imports: the shipped NMC811 recipe (JSON, and its CSV export) broken.

read_file either returns a file whose parameters pass the limit checks and whose hash
matches, or raises ImportRefused as `file:line: field: message`. import_files into a real
SQLite plant database either stores every file as a Draft or changes nothing at all
(the database dump hashes the same before and after a refusal).

Structural mutants are re-signed (content_hash recomputed) where the mutated values still
hash, so they get past the tamper check to the field checks behind it.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import math
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine

from hmi.core.paths import resources_dir
from hmi.plantdb import open_plant_db
from hmi.plantdb.dialect import configure_engine
from recipes import ImportRefused, RecipeStatus
from recipes.exchange import (
    CSV_COLUMNS,
    SCHEMA,
    RecipeFile,
    export_csv,
    import_files,
    read_file,
)
from recipes.hashing import content_hash
from recipes.limits import check_parameters
from recipes.model import (
    EquipmentRequirement,
    Parameter,
    RecipeContent,
    RecipeHeader,
    RecipeVersion,
    VerifyMode,
)

from .mutate import (
    Broken,
    Deep,
    Digits,
    Mutant,
    Source,
    assert_located,
    encode,
    fuzz_settings,
    mutated_bytes,
    mutated_tree,
    outcome,
    pinned,
)

DEMO_RECIPE = resources_dir() / "recipes" / "nmc811_cathode.json"
DEMO_JSON = DEMO_RECIPE.read_text(encoding="utf-8")
DEMO_TREE = json.loads(DEMO_JSON)


def _demo_version() -> RecipeVersion:
    loaded = read_file(DEMO_RECIPE)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return RecipeVersion(loaded.header, loaded.version, RecipeStatus.DRAFT, loaded.content,
                         loaded.author, now, now, loaded.content_hash)


DEMO_CSV = export_csv(_demo_version())
JSON_SOURCE = Source("nmc811_cathode.json", DEMO_JSON, DEMO_TREE)
CSV_SOURCE = Source("nmc811_cathode.csv", DEMO_CSV)


# ---- writers --------------------------------------------------------------------------------
def _json_value(value: Any, ascii_only: bool) -> str:
    if isinstance(value, Digits):
        return str.__str__(value)
    if isinstance(value, Deep):
        return value.text()
    if isinstance(value, list):
        return "[" + ", ".join(_json_value(v, ascii_only) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=ascii_only)}: "
                               f"{_json_value(v, ascii_only)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=ascii_only)  # NaN/Infinity as Python writes them


def json_text(tree: Any, ascii_only: bool = False) -> str:
    """The exporter's layout: one key per line, one parameter per line."""
    if not isinstance(tree, dict):
        return _json_value(tree, ascii_only)
    lines = ["{"]
    items = list(tree.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(str(key))}: [")
            lines += [f"    {_json_value(v, ascii_only)}{',' if i < len(value) - 1 else ''}"
                      for i, v in enumerate(value)]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(str(key))}: {_json_value(value, ascii_only)}{comma}")
    return "\n".join([*lines, "}", ""])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Deep):
        return value.text()
    return str(value) if not isinstance(value, (list, dict)) else json.dumps(value)


def csv_text(tree: Any) -> str:
    """The CSV exporter's layout for a (mutated) tree: meta rows, equipment, hash, table."""
    if not isinstance(tree, dict):
        return _cell(tree) + "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for key in ("schema", "recipe_id", "product", "station_group", "description", "version",
                "status", "author", "notes"):
        if key in tree:
            writer.writerow([key, _cell(tree[key])])
    equipment = tree.get("equipment")
    for item in equipment if isinstance(equipment, list) else [equipment]:
        if isinstance(item, dict):
            writer.writerow(["equipment", *(_cell(v) for v in item.values())])
    if "content_hash" in tree:
        writer.writerow(["content_hash", _cell(tree["content_hash"])])
    writer.writerow([])
    writer.writerow(CSV_COLUMNS)
    params = tree.get("parameters")
    for p in params if isinstance(params, list) else [params]:
        if isinstance(p, dict):
            writer.writerow([_cell(p.get(c)) for c in p])
        else:
            writer.writerow([_cell(p)])
    return out.getvalue()


def resign(tree: Any) -> Any:
    """Recompute content_hash over the mutated values where they still hash (no checks)."""
    try:
        header = RecipeHeader(tree["recipe_id"], tree["product"], tree["station_group"],
                              tree.get("description", ""))
        names = [f.name for f in fields(Parameter)]
        params = tuple(Parameter(**{**{k: p[k] for k in names if k in p},
                                    "verify": VerifyMode(p["verify"])})
                       for p in tree["parameters"])
        equipment = tuple(EquipmentRequirement(e["station"], e["requirement"])
                          for e in tree["equipment"])
        digest = content_hash(header, tree["version"],
                              RecipeContent(params, equipment, tree["notes"]))
    except Exception:
        return tree
    return {**tree, "content_hash": digest}


# ---- oracle ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated plant database file holding the demo recipe; each example imports into
    a copy of it (the database stays small, so its dump hash stays cheap)."""
    path = tmp_path_factory.mktemp("plant") / "plant.sqlite"
    db = open_plant_db(f"sqlite:///{path}")
    import_files(db.engine, [DEMO_RECIPE], "seed")  # a recipe already there
    db.close()
    return path


@contextlib.contextmanager
def _copy_of(pristine: Path) -> Iterator[tuple[Engine, Path]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plant.sqlite"
        shutil.copyfile(pristine, path)
        engine = create_engine(f"sqlite:///{path}")
        configure_engine(engine)  # WAL, foreign keys, BEGIN IMMEDIATE: as the HMI opens it
        try:
            yield engine, path
        finally:
            engine.dispose()


def _dump_hash(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
    conn.close()
    return digest.hexdigest()


def _strings(node: object) -> Iterator[object]:
    if isinstance(node, (list, tuple)):
        for v in node:
            yield from _strings(v)
    elif hasattr(node, "__slots__") or hasattr(node, "__dataclass_fields__"):
        for f in fields(node):  # type: ignore[arg-type]
            yield from _strings(getattr(node, f.name))
    else:
        yield node


def _check_loaded(loaded: RecipeFile) -> None:
    """What read_file returns passes the model's own checks and can be stored."""
    check_parameters(loaded.content.parameters)
    assert content_hash(loaded.header, loaded.version, loaded.content) == loaded.content_hash
    for value in _strings((loaded.header, loaded.content, loaded.author)):
        if isinstance(value, str):
            value.encode("utf-8")  # storable: no lone surrogate
        elif isinstance(value, float):
            assert math.isfinite(value)


def check_import(raw: bytes, suffix: str, plant: Path) -> None:
    with tempfile.TemporaryDirectory() as folder, _copy_of(plant) as (engine, db_path):
        path = Path(folder) / f"recipe{suffix}"
        path.write_bytes(raw)
        loaded: RecipeFile | None = None
        try:
            loaded = read_file(path)
        except ImportRefused as exc:
            outcome(f"refused: {exc.field.rsplit('.', 1)[-1]}")
            assert exc.field, str(exc)
            assert_located(str(exc), str(path), raw.count(b"\n") + 1)
        else:
            outcome("loaded")
            _check_loaded(loaded)
        # The good demo file first: a refusal of the second must not keep the first either.
        before = _dump_hash(db_path)
        try:
            stored = import_files(engine, [DEMO_RECIPE, path], "fuzz")
        except ImportRefused:
            assert loaded is None, "read_file accepted what import_files refused"
            assert _dump_hash(db_path) == before, "a refused import changed the database"
            return
        assert loaded is not None, "import_files accepted what read_file refused"
        assert [v.status for v in stored] == [RecipeStatus.DRAFT] * 2
        assert stored[1].content == loaded.content


# ---- the tests ------------------------------------------------------------------------------
@fuzz_settings(120)
@given(mutant=mutated_tree(JSON_SOURCE, toml=False), sign=st.booleans(), ascii_only=st.booleans())
# A list as description reached SQLite (ProgrammingError) after a re-signed hash.
@example(mutant=pinned(JSON_SOURCE, (("description",), ["a"])), sign=True, ascii_only=False)
# A 400-digit setpoint: OverflowError in float(); 5000 digits: ValueError in json.
@example(mutant=pinned(JSON_SOURCE, (("parameters", 0, "setpoint"), Digits("9" * 400))),
         sign=False, ascii_only=False)
@example(mutant=pinned(JSON_SOURCE, (("version",), Digits("9" * 5000))), sign=False,
         ascii_only=False)
# "\ud800" in the notes: UnicodeEncodeError while hashing; nesting 3000 deep: RecursionError.
@example(mutant=pinned(JSON_SOURCE, (("notes",), "\ud800")), sign=False, ascii_only=True)
@example(mutant=pinned(JSON_SOURCE, (("notes",), Deep(3000))), sign=False, ascii_only=False)
def test_structurally_mutated_json(mutant: Mutant, sign: bool, ascii_only: bool,
                                   plant: Path) -> None:
    tree = resign(mutant.tree) if sign else mutant.tree
    check_import(encode(json_text(tree, ascii_only)), ".json", plant)


@fuzz_settings(120)
@given(mutant=mutated_tree(JSON_SOURCE, toml=False), sign=st.booleans())
# A cell over csv's 128 kB field limit: csv.Error from the reader.
@example(mutant=pinned(JSON_SOURCE, (("notes",), "x" * 200_000)), sign=False)
def test_structurally_mutated_csv(mutant: Mutant, sign: bool,
                                  plant: Path) -> None:
    tree = resign(mutant.tree) if sign else mutant.tree
    check_import(encode(csv_text(tree)), ".csv", plant)


@fuzz_settings(120)
@given(case=mutated_bytes(JSON_SOURCE))
# Notepad's BOM: refused as "Unexpected UTF-8 BOM"; now read as the UTF-8 it is.
@example(case=Broken(b"\xef\xbb\xbf" + DEMO_JSON.encode(), "BOM"))
def test_textually_mutated_json(case: Broken, plant: Path) -> None:
    check_import(case.data, ".json", plant)


@fuzz_settings(120)
@given(case=mutated_bytes(CSV_SOURCE))
# A NUL byte: csv.Error "line contains NUL" from the reader.
@example(case=Broken(DEMO_CSV.replace("NMC811,", "NMC\x00811,", 1).encode(), "NUL"))
def test_textually_mutated_csv(case: Broken, plant: Path) -> None:
    check_import(case.data, ".csv", plant)


def test_the_writers_keep_the_demo_recipe_importable(plant: Path) -> None:
    for text, suffix in ((json_text(DEMO_TREE), ".json"), (csv_text(DEMO_TREE), ".csv"),
                         (DEMO_CSV, ".csv")):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"r{suffix}"
            path.write_text(text, encoding="utf-8")
            assert read_file(path).content == read_file(DEMO_RECIPE).content
    assert DEMO_TREE["schema"] == SCHEMA


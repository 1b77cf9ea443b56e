"""Recipe files: JSON and CSV with a schema version and the content hash.

Export writes one version per file. Import reads every file first and checks each whole
(schema, fields, limits, content hash against the content: a tampered file is refused), and
only then stores them all in one transaction, each as a new Draft (an imported recipe goes
through review and approval here like any other). A refusal names file, line and field.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from recipes.codec import TextFileError, has_surrogates, loads_json, read_text_file
from recipes.errors import ImportRefused, LimitError
from recipes.hashing import content_hash, parameter_dict
from recipes.limits import check_parameter
from recipes.model import (
    DATA_TYPES,
    EquipmentRequirement,
    Parameter,
    ParamValue,
    RecipeContent,
    RecipeHeader,
    RecipeVersion,
    VerifyMode,
)
from recipes.store import RecipeStore
from recipes.user_text import QT_TRANSLATE_NOOP, Source, UserText, said, user_text
from recipes.writing import writing

SCHEMA = "lineside.recipe/1"
FILE_START = 1  # where a refusal about the file as a whole (a key it lacks) points
MAX_VERSION = 2**31 - 1
PLC_INT = 2**63  # an int setpoint beyond 64 bits fits no PLC register
CSV_COLUMNS = ("tag", "name", "unit", "data_type", "setpoint", "low", "high", "warn_low",
               "warn_high", "critical", "verify", "tolerance")


@dataclass(frozen=True, slots=True)
class RecipeFile:
    """One checked file: what it holds, ready to store."""

    path: str
    header: RecipeHeader
    version: int
    author: str
    content: RecipeContent
    content_hash: str


# ---- export -----------------------------------------------------------------------------
def export_json(version: RecipeVersion) -> str:
    """One parameter per line, so an import error can name the line a person can find."""
    head = {
        "schema": SCHEMA, "recipe_id": version.header.recipe_id,
        "product": version.header.product, "station_group": version.header.station_group,
        "description": version.header.description, "version": version.version,
        "status": version.status.value, "author": version.author, "notes": version.content.notes,
        "content_hash": version.content_hash,
    }
    lines = ["{"]
    lines += [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('  "equipment": [')
    equipment = [json.dumps({"station": e.station, "requirement": e.requirement},
                            ensure_ascii=False) for e in version.content.equipment]
    lines += [f"    {e}," for e in equipment[:-1]] + [f"    {e}" for e in equipment[-1:]]
    lines.append("  ],")
    lines.append('  "parameters": [')
    params = [json.dumps(parameter_dict(p), ensure_ascii=False) for p in version.parameters]
    lines += [f"    {p}," for p in params[:-1]] + [f"    {p}" for p in params[-1:]]
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def export_csv(version: RecipeVersion) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["schema", SCHEMA])
    for key, value in (("recipe_id", version.header.recipe_id),
                       ("product", version.header.product),
                       ("station_group", version.header.station_group),
                       ("description", version.header.description),
                       ("version", version.version), ("status", version.status.value),
                       ("author", version.author), ("notes", version.content.notes)):
        writer.writerow([key, value])
    for e in version.content.equipment:
        writer.writerow(["equipment", e.station, e.requirement])
    writer.writerow(["content_hash", version.content_hash])
    writer.writerow([])
    writer.writerow(CSV_COLUMNS)
    for p in version.parameters:
        d = parameter_dict(p)
        writer.writerow(["" if d[c] is None else _csv_cell(d[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _csv_cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def export_file(version: RecipeVersion, path: Path) -> None:
    text = export_csv(version) if path.suffix.lower() == ".csv" else export_json(version)
    path.write_text(text, encoding="utf-8")


# ---- import -----------------------------------------------------------------------------
def read_file(path: Path) -> RecipeFile:
    """Parse and check one file; raises ImportRefused naming file, line and field."""
    name = str(path)
    try:
        text = read_text_file(path)
    except OSError as exc:
        raise ImportRefused(name, None, "file", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "cannot be read ({why})"), why=exc.strerror)) from None
    except TextFileError as exc:
        raise ImportRefused(name, exc.line, "file", said(exc)) from None
    if path.suffix.lower() == ".csv":
        return _parse_csv(name, text)
    return _parse_json(name, text)


def import_files(engine: Engine, paths: Sequence[Path], by: str) -> list[RecipeVersion]:
    """Check every file, then store them all as new Drafts in one transaction, or none."""
    files = [read_file(p) for p in paths]
    store = RecipeStore(engine)
    with writing(engine) as conn:
        return [store.create_in(conn, f.header, f.content, by) for f in files]


def _line_of(text: str, needle: str, start_line: int = 1) -> int | None:
    for number, line in enumerate(text.split("\n"), start=1):  # as json counts lines
        if number >= start_line and needle in line:
            return number
    return None


def _parse_json(name: str, text: str) -> RecipeFile:
    try:
        data = loads_json(text)
    except TextFileError as exc:
        raise ImportRefused(name, exc.line, "JSON", said(exc)) from None
    if not isinstance(data, dict):
        raise ImportRefused(name, FILE_START, "file", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "must be one JSON object")))

    def line(key: str) -> int:
        return _line_of(text, json.dumps(key) + ":") or FILE_START

    def field(key: str, kind: type) -> Any:
        if key not in data:
            raise ImportRefused(name, FILE_START, key, user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "missing: a recipe file has {key} (export the recipe again)"),
                key=json.dumps(key)))
        value = data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ImportRefused(name, line(key), key, _not_valid(value, _KIND_WORDS[kind]))
        _storable(name, line(key), key, value)
        return value

    _check_schema(name, line("schema"), field("schema", str))
    header = RecipeHeader(field("recipe_id", str), field("product", str),
                          field("station_group", str),
                          field("description", str) if "description" in data else "")
    equipment_raw = field("equipment", list)
    equipment: list[EquipmentRequirement] = []
    for item in equipment_raw:
        if not isinstance(item, dict) or not isinstance(item.get("station"), str) \
                or not isinstance(item.get("requirement"), str):
            raise ImportRefused(name, line("equipment"), "equipment", user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "{value} needs station and requirement"), value=_show(item)))
        _storable(name, line("equipment"), "equipment", item["station"] + item["requirement"])
        equipment.append(EquipmentRequirement(item["station"], item["requirement"]))
    params: list[Parameter] = []
    seen: set[str] = set()
    first_param_line = line("parameters") or 1
    for index, raw in enumerate(field("parameters", list)):
        tag = raw.get("tag") if isinstance(raw, dict) else None
        at = (_line_of(text, f'"tag": {json.dumps(tag)}', first_param_line)
              if isinstance(tag, str) else None) or first_param_line + 1 + index
        if not isinstance(raw, dict):
            raise ImportRefused(name, at, f"parameters[{index}]", user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "must be an object")))
        p = _parameter(name, at, raw, f"parameters[{index}]")
        if p.tag in seen:
            raise ImportRefused(name, at, f"{p.tag}.tag", user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "listed twice; keep one")))
        seen.add(p.tag)
        params.append(p)
    content = RecipeContent(tuple(params), tuple(equipment), field("notes", str))
    version = field("version", int)
    if not 1 <= version <= MAX_VERSION:
        raise ImportRefused(name, line("version"), "version", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{value} is not a version number (1 and up)"),
            value=_show(version)))
    digest = field("content_hash", str)
    _check_hash(name, line("content_hash"), header, version, content, digest)
    return RecipeFile(name, header, version, field("author", str), content, digest)


def _csv_rows(name: str, text: str) -> list[tuple[int, list[str]]]:
    """(line, cells) per record; an over-long cell is refused at its line."""
    reader = csv.reader(io.StringIO(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        # line_num already counts the line the reader stopped in (3.11 reads NUL as text;
        # the error left is a cell over csv's field limit, or a quoted one running on)
        raise ImportRefused(name, max(reader.line_num, 1), "CSV", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "not readable CSV: {detail}"), detail=str(exc))) from None
    return rows


def _parse_csv(name: str, text: str) -> RecipeFile:
    rows = _csv_rows(name, text)
    meta: dict[str, tuple[int, list[str]]] = {}
    equipment: list[EquipmentRequirement] = []
    table_at = None
    for index, (number, row) in enumerate(rows):
        if not row or not any(cell.strip() for cell in row):
            continue
        if row[0] == "tag":
            table_at = index
            break
        if row[0] == "equipment":
            if len(row) != 3:
                raise ImportRefused(name, number, "equipment", user_text(QT_TRANSLATE_NOOP(
                    "RecipeMessages", "needs station and requirement")))
            equipment.append(EquipmentRequirement(row[1], row[2]))
            continue
        if len(row) != 2:
            raise ImportRefused(name, number, row[0], user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "needs one value, found {count}"), count=len(row) - 1))
        meta[row[0]] = (number, row)

    def field(key: str) -> str:
        if key not in meta:
            raise ImportRefused(name, FILE_START, key, user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "missing: a recipe file has a {key} row (export the recipe "
                "again)"), key=key))
        return meta[key][1][1]

    def at(key: str) -> int:
        return meta[key][0] if key in meta else FILE_START

    _check_schema(name, at("schema"), field("schema"))
    if table_at is None:
        raise ImportRefused(name, FILE_START, "parameters", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "missing the header row {columns}"),
            columns=",".join(CSV_COLUMNS)))
    table_line, header_row = rows[table_at]
    if tuple(header_row) != CSV_COLUMNS:
        raise ImportRefused(name, table_line, "columns", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "must be {columns}"), columns=",".join(CSV_COLUMNS)))
    params: list[Parameter] = []
    seen: set[str] = set()
    for number, row in rows[table_at + 1:]:
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            raise ImportRefused(name, number, "row", user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "has {count} cells, needs {needed}"),
                count=len(row), needed=len(CSV_COLUMNS)))
        cells = dict(zip(CSV_COLUMNS, row, strict=True))
        raw = _csv_types(name, number, cells)
        p = _parameter(name, number, raw, cells["tag"] or f"row {number}")
        if p.tag in seen:
            raise ImportRefused(name, number, f"{p.tag}.tag", user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "listed twice; keep one")))
        seen.add(p.tag)
        params.append(p)
    header = RecipeHeader(field("recipe_id"), field("product"), field("station_group"),
                          field("description"))
    try:
        version = int(field("version"))
    except ValueError:
        raise ImportRefused(name, at("version"), "version", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "is not a whole number"))) from None
    if not 1 <= version <= MAX_VERSION:
        raise ImportRefused(name, at("version"), "version", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "is not a version number (1 and up)")))
    content = RecipeContent(tuple(params), tuple(equipment), field("notes"))
    digest = field("content_hash")
    _check_hash(name, at("content_hash"), header, version, content, digest)
    return RecipeFile(name, header, version, field("author"), content, digest)


def _csv_types(name: str, line: int, cells: dict[str, str]) -> dict[str, Any]:
    raw: dict[str, Any] = dict(cells)
    kind = cells["data_type"]
    who = cells["tag"] or f"row {line}"
    for key in ("low", "high", "warn_low", "warn_high", "tolerance"):
        text = cells[key].strip()
        try:
            raw[key] = float(text) if text else (0.0 if key == "tolerance" else None)
        except ValueError:
            raise ImportRefused(name, line, f"{who}.{key}", user_text(QT_TRANSLATE_NOOP(
                "RecipeMessages", "{value} is not a number"), value=_show(text))) from None
    raw["critical"] = _bool_cell(name, line, f"{who}.critical", cells["critical"])
    text = cells["setpoint"].strip()
    try:
        if kind == "bool":
            raw["setpoint"] = _bool_cell(name, line, f"{who}.setpoint", text)
        elif kind == "int":
            raw["setpoint"] = int(text)
        else:
            raw["setpoint"] = float(text)
    except ValueError:
        # float() was tried for every type but int (a data type not one of the choices is
        # refused by name in _parameter once the setpoint reads)
        raise ImportRefused(name, line, f"{who}.setpoint", _not_valid(
            text, _KIND_WORDS[int] if kind == "int" else _expected((float,)))) from None
    return raw


def _bool_cell(name: str, line: int, field: str, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise ImportRefused(name, line, field, user_text(QT_TRANSLATE_NOOP(
        "RecipeMessages", "{value} is not true/false"), value=_show(text)))


def _parameter(name: str, line: int, raw: dict[str, Any], where: str) -> Parameter:
    tag = raw.get("tag")
    if not isinstance(tag, str) or "." not in tag:
        raise ImportRefused(name, line, f"{where}.tag", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{value} is not a `station.signal` tag"), value=_show(tag)))
    _storable(name, line, f"{where}.tag", tag)

    def need(key: str, kinds: tuple[type, ...], optional: bool = False) -> Any:
        value = raw.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise ImportRefused(name, line, f"{tag}.{key}", _not_valid(value, _expected(kinds)))
        if isinstance(value, int | float) and not isinstance(value, bool):
            _finite(name, line, f"{tag}.{key}", value)
        _storable(name, line, f"{tag}.{key}", value)
        return value

    data_type = need("data_type", (str,))
    if data_type not in DATA_TYPES:
        raise ImportRefused(name, line, f"{tag}.data_type", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{value} is not one of {choices}"),
            value=_show(data_type), choices=", ".join(DATA_TYPES)))
    verify_text = need("verify", (str,))
    try:
        verify = VerifyMode(verify_text)
    except ValueError:
        raise ImportRefused(name, line, f"{tag}.verify", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{value} is not one of {choices}"),
            value=_show(verify_text), choices=", ".join(m.value for m in VerifyMode))) from None
    setpoint_kinds: tuple[type, ...] = (bool,) if data_type == "bool" else (int, float)
    setpoint: ParamValue = need("setpoint", setpoint_kinds)
    if data_type == "float":
        setpoint = float(setpoint)
    elif data_type == "int" and isinstance(setpoint, int) and not -PLC_INT <= setpoint < PLC_INT:
        raise ImportRefused(name, line, f"{tag}.setpoint", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "is too large for a PLC integer")))
    number = (int, float)
    limits = [need(k, number, optional=True) for k in ("low", "high", "warn_low", "warn_high")]
    p = Parameter(
        tag=tag, name=need("name", (str,)), unit=need("unit", (str,)), data_type=data_type,
        setpoint=setpoint, low=_float(limits[0]), high=_float(limits[1]),
        warn_low=_float(limits[2]), warn_high=_float(limits[3]),
        critical=need("critical", (bool,)), verify=verify,
        tolerance=float(need("tolerance", number)),
    )
    try:
        check_parameter(p)
    except LimitError as exc:
        raise ImportRefused(name, line, f"{tag}.setpoint", said(exc)) from None
    return p


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _not_valid(value: object, expected: Source) -> UserText:
    """'x is not valid here: give a number': what to write, in operator words."""
    return user_text(QT_TRANSLATE_NOOP("RecipeMessages", "{value} is not valid here: give "
                                       "{expected}"), value=_show(value),
                     expected=user_text(expected))


# What a JSON file's top-level key needs, said as an operator says it (not Python's names)
_KIND_WORDS: dict[type, Source] = {
    str: QT_TRANSLATE_NOOP("RecipeMessages", "a text"),
    int: QT_TRANSLATE_NOOP("RecipeMessages", "a whole number"),
    list: QT_TRANSLATE_NOOP("RecipeMessages", "a list"),
}


def _expected(kinds: tuple[type, ...]) -> Source:
    if kinds == (bool,):
        return QT_TRANSLATE_NOOP("RecipeMessages", "true or false")
    return (QT_TRANSLATE_NOOP("RecipeMessages", "a text") if kinds == (str,)
            else QT_TRANSLATE_NOOP("RecipeMessages", "a number"))


def _finite(name: str, line: int, field: str, value: float) -> None:
    """NaN, inf and numbers past float range (1e400 written out as an int) are refused."""
    try:
        ok = math.isfinite(value)
    except OverflowError:
        ok = False
    if not ok:
        raise ImportRefused(name, line, field, user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{value} is not a finite number"), value=_show(value)))


def _storable(name: str, line: int, field: str, value: object) -> None:
    """A lone surrogate (JSON "\\ud800") cannot be hashed or stored as UTF-8."""
    if isinstance(value, str) and has_surrogates(value):
        raise ImportRefused(name, line, field, user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "holds a lone UTF-16 surrogate (a broken \\uXXXX escape): "
            "retype that text")))


def _show(value: object) -> str:
    """A value as the message quotes it: a pasted megabyte is cut, not echoed whole."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**40:
        return "a number of more than 40 digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_schema(name: str, line: int | None, schema: str) -> None:
    if schema != SCHEMA:
        raise ImportRefused(name, line, "schema", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "{schema} is not {expected} (a file from a newer Lineside, or "
            "no recipe file)"), schema=repr(schema), expected=repr(SCHEMA)))


def _check_hash(name: str, line: int | None, header: RecipeHeader, version: int,
                content: RecipeContent, digest: str) -> None:
    actual = content_hash(header, version, content)
    if actual != digest:
        raise ImportRefused(name, line, "content_hash", user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "does not match the content: the file was changed after export "
            "(tampered or edited by hand); export it again from its source")))

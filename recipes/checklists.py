"""Verification checklists (resources/checklists/*.toml), per product and station.

Automatic items hold a condition on live tag values for a time ("die gap within 2 um of its
setpoint for 30 s", "dew point below -40 C"); manual items are confirmed by a person with a
note (roll id scanned, die shim checked). A file that cannot be used is refused naming the
file, the item and the field.

    schema = 1
    id = "nmc811-electrode"
    product = "NMC811"             # "*" for every product
    stations = ["coater", "calender"]
    [[items]]
    id = "die_gap_stable"
    kind = "auto"                  # or "manual"
    text = "Die gap within 2 um of setpoint for 30 s"
    tag = "coater.die_gap_um"
    within = 2.0                   # with `of` (a recipe parameter or tag) or `value`
    of = "coater.die_gap_sp_um"
    hold_s = 30
    # or: below = -40.0 / above = 10.0
    [[items]]
    id = "coater_first_article"
    kind = "spc"                   # the first article passes the station's SPC checks
    text = "First coat-weight subgroup after the download in control and in spec"
    station = "coater"
    subgroups = 1                  # recipes.first_article: judged by the hmi's SPC monitor
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn

from recipes.codec import TextFileError, loads_toml, read_text_file
from recipes.errors import ChecklistError
from recipes.model import ParamValue
from recipes.user_text import QT_TRANSLATE_NOOP, Param, Said, Source, UserText, user_text

SCHEMA = 1
ItemKind = Literal["auto", "manual", "spc"]


@dataclass(frozen=True, slots=True)
class Condition:
    tag: str
    below: float | None = None
    above: float | None = None
    within: float | None = None
    of: str | None = None  # reference: the control recipe's value of this tag, else live
    value: float | None = None

    def reference_tags(self) -> tuple[str, ...]:
        return (self.tag,) + ((self.of,) if self.of else ())

    def judge(self, live: Mapping[str, ParamValue | None],
              targets: Mapping[str, ParamValue]) -> tuple[bool, str]:
        """(holds now, one line saying what was seen). The line is a Said: its English for
        the journal's readers, its template for the changeover screen (tag and values are
        content; the words around them are said in the panel's language)."""
        seen = live.get(self.tag)
        if seen is None or isinstance(seen, bool):
            return False, _seen(QT_TRANSLATE_NOOP("ChecklistCondition",
                                                  "{tag} has no good value"), tag=self.tag)
        x = float(seen)
        if self.below is not None and not x < self.below:
            return False, _seen(QT_TRANSLATE_NOOP(
                "ChecklistCondition", "{tag} = {value:g}, needs below {limit:g}"),
                tag=self.tag, value=x, limit=self.below)
        if self.above is not None and not x > self.above:
            return False, _seen(QT_TRANSLATE_NOOP(
                "ChecklistCondition", "{tag} = {value:g}, needs above {limit:g}"),
                tag=self.tag, value=x, limit=self.above)
        if self.within is not None:
            ref: ParamValue | None = self.value
            if self.of is not None:
                ref = targets.get(self.of, live.get(self.of))
            if ref is None or isinstance(ref, bool):
                return False, _seen(QT_TRANSLATE_NOOP(
                    "ChecklistCondition", "{tag}: no reference value for {of}"),
                    tag=self.tag, of=str(self.of))
            if abs(x - float(ref)) > self.within:
                return False, _seen(QT_TRANSLATE_NOOP(
                    "ChecklistCondition", "{tag} = {value:g}, needs {ref:g} ± {within:g}"),
                    tag=self.tag, value=x, ref=float(ref), within=self.within)
        return True, _seen(QT_TRANSLATE_NOOP("ChecklistCondition", "{tag} = {value:g}"),
                           tag=self.tag, value=x)


def _seen(template: Source, **params: Param) -> str:
    return Said.of(user_text(template, **params))


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    kind: ItemKind
    text: str
    station: str
    condition: Condition | None = None  # auto items
    hold_s: float = 0.0
    subgroups: int = 1  # spc items: the first subgroups after the download that must pass


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    product: str
    stations: tuple[str, ...]
    items: tuple[ChecklistItem, ...]
    source: str

    def applies_to(self, product: str, stations: Iterable[str]) -> bool:
        return self.product in ("*", product) and bool(set(self.stations) & set(stations))


def load_checklist(path: Path) -> Checklist:
    """Read and check one file; every refusal is `file:line: item X: field: message`.
    Each refusal carries its UserText (context RecipeMessages): a screen that shows it says
    the words in the panel's language; file, line, item id, field and value stay as written."""
    name = str(path)
    try:
        text = read_text_file(path)
        data = loads_toml(text)
    except OSError as exc:
        raise ChecklistError(_at(name, user_text(QT_TRANSLATE_NOOP(
            "RecipeMessages", "cannot be read ({why})"), why=str(exc)))) from None
    except TextFileError as exc:
        raise ChecklistError(_at(f"{name}:{exc.line}", exc.user_text)) from None
    line_of = _Lines(text)
    index = -1  # the item being read (-1: the file's top-level keys)

    def fail(at_key: str, template: Source, **params: Param) -> NoReturn:
        raise ChecklistError(_at(f"{name}:{line_of(index, at_key)}",
                                 user_text(template, **params)))

    def need(table: Mapping[str, Any], key: str, kind: type, where: Param) -> Any:
        value = table.get(key)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            fail(key, QT_TRANSLATE_NOOP("RecipeMessages",
                                        "{where}{key}: {value} is missing or not {kind}"),
                 where=where, key=key, value=_show(value),
                 kind=user_text(_WORDS[kind]) if kind in _WORDS else kind.__name__)
        return value

    if data.get("schema") != SCHEMA:
        fail("schema", QT_TRANSLATE_NOOP("RecipeMessages", "schema: must be {schema}"),
             schema=SCHEMA)
    stations = tuple(need(data, "stations", list, ""))
    if not all(isinstance(s, str) for s in stations):
        fail("stations", QT_TRANSLATE_NOOP("RecipeMessages",
                                           "stations: list station ids as strings"))
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(need(data, "items", list, "")):
        where: Param = f"items[{index}]."
        if not isinstance(raw, dict):
            fail("", QT_TRANSLATE_NOOP("RecipeMessages",
                                       "items[{index}]: write each item as an [[items]] table"),
                 index=index)
        item_id = need(raw, "id", str, where)
        where = user_text(QT_TRANSLATE_NOOP("RecipeMessages", "item {item}: "), item=item_id)
        if item_id in seen:
            fail("id", QT_TRANSLATE_NOOP("RecipeMessages", "{where}id: listed twice"),
                 where=where)
        seen.add(item_id)
        kind = need(raw, "kind", str, where)
        text = need(raw, "text", str, where)
        station = raw.get("station", stations[0] if stations else "")
        if not isinstance(station, str):
            fail("station", QT_TRANSLATE_NOOP(
                "RecipeMessages", "{where}station: {value} is not a station id"),
                where=where, value=_show(station))
        if kind == "manual":
            items.append(ChecklistItem(item_id, "manual", text, station))
            continue
        if kind == "spc":
            subgroups = raw.get("subgroups", 1)
            if isinstance(subgroups, bool) or not isinstance(subgroups, int) or not (
                    1 <= subgroups <= 100):
                fail("subgroups", QT_TRANSLATE_NOOP(
                    "RecipeMessages",
                    "{where}subgroups: {value} is not a whole number from 1 to 100"),
                    where=where, value=_show(subgroups))
            items.append(ChecklistItem(item_id, "spc", text, station, subgroups=subgroups))
            continue
        if kind != "auto":
            fail("kind", QT_TRANSLATE_NOOP(
                "RecipeMessages", "{where}kind: {value} is not auto, manual or spc"),
                where=where, value=_show(kind))
        numbers = {k: raw.get(k) for k in ("below", "above", "within", "value", "hold_s")}
        for key, value in numbers.items():
            if value is not None and (isinstance(value, bool)
                                      or not isinstance(value, int | float)
                                      or not _finite(value)):
                fail(key, QT_TRANSLATE_NOOP(
                    "RecipeMessages", "{where}{key}: {value} is not a finite number"),
                    where=where, key=key, value=_show(value))
        if (numbers["hold_s"] or 0) < 0 or (numbers["within"] or 0) < 0:
            fail("hold_s" if (numbers["hold_s"] or 0) < 0 else "within", QT_TRANSLATE_NOOP(
                "RecipeMessages", "{where}hold_s and within must be 0 or more"), where=where)
        if all(numbers[k] is None for k in ("below", "above", "within")):
            fail("", QT_TRANSLATE_NOOP("RecipeMessages", "{where}needs below, above or within"),
                 where=where)
        if numbers["within"] is not None and raw.get("of") is None and numbers["value"] is None:
            fail("within", QT_TRANSLATE_NOOP(
                "RecipeMessages", "{where}within needs `of` (a tag) or `value`"), where=where)
        if raw.get("of") is not None and not isinstance(raw.get("of"), str):
            fail("of", QT_TRANSLATE_NOOP("RecipeMessages", "{where}of: {value} is not a tag id"),
                 where=where, value=_show(raw.get("of")))
        condition = Condition(
            tag=need(raw, "tag", str, where), below=_f(numbers["below"]),
            above=_f(numbers["above"]), within=_f(numbers["within"]), of=raw.get("of"),
            value=_f(numbers["value"]))
        items.append(ChecklistItem(item_id, "auto", text, station, condition,
                                   float(numbers["hold_s"] or 0.0)))
    index = -1
    return Checklist(need(data, "id", str, ""), need(data, "product", str, ""), stations,
                     tuple(items), name)


class _Lines:
    """Line numbers of `key =` in the file's top level (item -1) or its k-th [[items]]
    table; the table's header line when the key is absent, else line 1."""

    def __init__(self, text: str) -> None:
        self._lines = text.split("\n")  # as TOML counts lines
        self._items = [n for n, line in enumerate(self._lines, start=1)
                       if re.match(r"\s*\[\[\s*items\s*\]\]", line)]

    def __call__(self, item: int, key: str) -> int:
        start = self._items[item] if 0 <= item < len(self._items) else 1
        end = (self._items[item + 1] if item + 1 < len(self._items)
               else len(self._lines) + 1) if item >= 0 else (self._items or [10**9])[0]
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=") if key else None
        for number in range(start, min(end, len(self._lines) + 1)):
            if pattern is not None and pattern.match(self._lines[number - 1]):
                return number
        return start


_WORDS: dict[type, Source] = {str: QT_TRANSLATE_NOOP("RecipeMessages", "a text"),
                               list: QT_TRANSLATE_NOOP("RecipeMessages", "a list [ ... ]")}


def _at(where: str, message: UserText) -> UserText:
    """`file:line: message`: the place stays as written, the message is said (the glue
    template, context "", is no catalogue string, like user_text.joined)."""
    return UserText("", "{where}: {message}", {"where": where, "message": message})


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int past 1e308
        return False


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**40 else "a huge number"
    return text if len(text) <= 60 else text[:57] + "..."


def _f(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def checklists_for(folder: Path, product: str, stations: Iterable[str]) -> list[Checklist]:
    wanted = tuple(stations)
    found = [load_checklist(p) for p in sorted(folder.glob("*.toml"))]
    return [c for c in found if c.applies_to(product, wanted)]


def merged_items(checklists: Iterable[Checklist]) -> tuple[ChecklistItem, ...]:
    items: dict[str, ChecklistItem] = {}
    for checklist in checklists:
        for item in checklist.items:
            items.setdefault(item.id, item)
    return tuple(items.values())

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

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from recipes.errors import ChecklistError
from recipes.model import ParamValue

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
        """(holds now, one line saying what was seen)."""
        seen = live.get(self.tag)
        if seen is None or isinstance(seen, bool):
            return False, f"{self.tag} has no good value"
        x = float(seen)
        if self.below is not None and not x < self.below:
            return False, f"{self.tag} = {x:g}, needs below {self.below:g}"
        if self.above is not None and not x > self.above:
            return False, f"{self.tag} = {x:g}, needs above {self.above:g}"
        if self.within is not None:
            ref: ParamValue | None = self.value
            if self.of is not None:
                ref = targets.get(self.of, live.get(self.of))
            if ref is None or isinstance(ref, bool):
                return False, f"{self.tag}: no reference value for {self.of}"
            if abs(x - float(ref)) > self.within:
                return False, f"{self.tag} = {x:g}, needs {float(ref):g} ± {self.within:g}"
        return True, f"{self.tag} = {x:g}"


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
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ChecklistError(f"{name}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError(f"{name}: {exc}") from None

    def need(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
        value = table.get(key)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise ChecklistError(f"{name}: {where}{key}: {value!r} is missing or not a "
                                 f"{kind.__name__}")
        return value

    if data.get("schema") != SCHEMA:
        raise ChecklistError(f"{name}: schema: must be {SCHEMA}")
    stations = tuple(need(data, "stations", list, ""))
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(need(data, "items", list, "")):
        where = f"items[{index}]."
        item_id = need(raw, "id", str, where)
        where = f"item {item_id}: "
        if item_id in seen:
            raise ChecklistError(f"{name}: {where}id: listed twice")
        seen.add(item_id)
        kind = need(raw, "kind", str, where)
        text = need(raw, "text", str, where)
        station = raw.get("station", stations[0] if stations else "")
        if kind == "manual":
            items.append(ChecklistItem(item_id, "manual", text, station))
            continue
        if kind == "spc":
            subgroups = raw.get("subgroups", 1)
            if isinstance(subgroups, bool) or not isinstance(subgroups, int) or not (
                    1 <= subgroups <= 100):
                raise ChecklistError(f"{name}: {where}subgroups: {subgroups!r} is not a whole "
                                     "number from 1 to 100")
            items.append(ChecklistItem(item_id, "spc", text, station, subgroups=subgroups))
            continue
        if kind != "auto":
            raise ChecklistError(f"{name}: {where}kind: {kind!r} is not auto, manual or spc")
        numbers = {k: raw.get(k) for k in ("below", "above", "within", "value", "hold_s")}
        for key, value in numbers.items():
            if value is not None and (isinstance(value, bool)
                                      or not isinstance(value, int | float)):
                raise ChecklistError(f"{name}: {where}{key}: {value!r} is not a number")
        if all(numbers[k] is None for k in ("below", "above", "within")):
            raise ChecklistError(f"{name}: {where}needs below, above or within")
        if numbers["within"] is not None and raw.get("of") is None and numbers["value"] is None:
            raise ChecklistError(f"{name}: {where}within needs `of` (a tag) or `value`")
        condition = Condition(
            tag=need(raw, "tag", str, where), below=_f(numbers["below"]),
            above=_f(numbers["above"]), within=_f(numbers["within"]), of=raw.get("of"),
            value=_f(numbers["value"]))
        items.append(ChecklistItem(item_id, "auto", text, station, condition,
                                   float(numbers["hold_s"] or 0.0)))
    return Checklist(need(data, "id", str, ""), need(data, "product", str, ""), stations,
                     tuple(items), name)


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

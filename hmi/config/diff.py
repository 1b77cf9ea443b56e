"""What changed between two line configs, in the line's own terms, and what must restart.

A text diff of two TOML files says which lines moved; the commissioning engineer needs to
know that tag `coater.web_tension_n` changed its `opcua.node_id`, that alarm `x` is new,
and which PLC connections an apply would restart. `diff_configs` answers both: the changes
item by item (connections, stations, tags, alarms, loops, trends, enums, line settings),
and `restart`: the connections whose driver must be rebuilt. A driver is built from its
connection and its tags, so a connection restarts when its own settings changed, or when a
tag it reads was added, removed or changed in a field the driver uses. A tag's description,
unit, alarm limits or history settings never restart a link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from hmi.config.schema import LineConfig, TagConfig

ChangeKind = Literal["added", "removed", "changed"]

# Tag fields only the HMI side uses (display, alarms, historian, write checks in the
# service): changing them never needs the driver rebuilt.
TAG_FIELDS_WITHOUT_RESTART = frozenset(
    {"description", "unit", "alarm", "history", "range", "read_back_tolerance"}
)

# Sections of [[...]] tables keyed by id, in the order a reader expects them.
_SECTIONS: tuple[tuple[str, str], ...] = (
    ("connections", "connection"),
    ("stations", "station"),
    ("tags", "tag"),
    ("alarms", "alarm"),
    ("loops", "loop"),
    ("trends", "trend"),
)
# Whole tables compared as one item each.
_SETTINGS = ("line", "historian", "security", "production")


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    section: str  # connection, station, tag, alarm, loop, trend, enum, setting
    item_id: str
    fields: tuple[str, ...] = ()  # for "changed": the fields that differ (dotted paths)

    def __str__(self) -> str:
        if self.kind == "changed":
            return f"{self.section} {self.item_id} changed: {', '.join(self.fields)}"
        return f"{self.section} {self.item_id} {self.kind}"


@dataclass(frozen=True, slots=True)
class ConfigDiff:
    changes: tuple[Change, ...]
    restart: tuple[str, ...]  # connection ids whose link is (re)started, sorted
    removed_connections: tuple[str, ...]  # links stopped for good
    kept: tuple[str, ...]  # connection ids left running untouched

    @property
    def empty(self) -> bool:
        return not self.changes

    def of(self, section: str) -> list[Change]:
        return [c for c in self.changes if c.section == section]

    def summary(self) -> str:
        """One line for the audit trail and the status line."""
        if self.empty:
            return "no change"
        counts: dict[tuple[str, str], int] = {}
        for change in self.changes:
            key = (change.section, change.kind)
            counts[key] = counts.get(key, 0) + 1
        parts = [f"{n} {section}{'s' if n > 1 else ''} {kind}"
                 for (section, kind), n in counts.items()]
        restart = ", ".join(self.restart) if self.restart else "none"
        return f"{'; '.join(parts)}; restarts: {restart}"

    def lines(self) -> list[str]:
        """Every change, one line each, then what an apply restarts and keeps."""
        out = [str(c) for c in self.changes]
        out.append(f"restarts: {', '.join(self.restart) or 'no connection'}")
        if self.removed_connections:
            out.append(f"stops: {', '.join(self.removed_connections)}")
        out.append(f"keeps running: {', '.join(self.kept) or 'no connection'}")
        return out


def diff_configs(running: LineConfig, new: LineConfig) -> ConfigDiff:
    changes: list[Change] = []
    for section, noun in _SECTIONS:
        changes.extend(_diff_items(noun, getattr(running, section), getattr(new, section)))
    changes.extend(_diff_enums(running.enums, new.enums))
    for name in _SETTINGS:
        fields = _changed_fields(getattr(running, name), getattr(new, name))
        if fields:
            changes.append(Change("changed", "setting", name, tuple(fields)))
    restart = restart_set(running, new)
    old_ids = [c.id for c in running.connections]
    new_ids = {c.id for c in new.connections}
    removed = tuple(c for c in old_ids if c not in new_ids)
    kept = tuple(c for c in old_ids if c in new_ids and c not in restart)
    return ConfigDiff(tuple(changes), tuple(sorted(restart)), removed, kept)


def restart_set(running: LineConfig, new: LineConfig) -> set[str]:
    """Connections of `new` whose link must be built again to serve `new`."""
    old_conns = {c.id: c for c in running.connections}
    restart: set[str] = set()
    for conn in new.connections:
        if old_conns.get(conn.id) != conn:
            restart.add(conn.id)  # new, or its own settings changed
    old_tags = {t.id: (running.tag_connection(t), t) for t in running.tags}
    new_tags = {t.id: (new.tag_connection(t), t) for t in new.tags}
    for tag_id in old_tags.keys() | new_tags.keys():
        before, after = old_tags.get(tag_id), new_tags.get(tag_id)
        if (before is not None and after is not None and before[0] == after[0]
                and _driver_fields(before[1]) == _driver_fields(after[1])):
            continue
        for side in (before, after):
            if side is not None:
                restart.add(side[0])
    new_ids = {c.id for c in new.connections}
    return restart & new_ids  # a removed connection stops; it does not restart


def _driver_fields(tag: TagConfig) -> dict[str, object]:
    return tag.model_dump(exclude=set(TAG_FIELDS_WITHOUT_RESTART))


def _diff_items(noun: str, old: Sequence[BaseModel], new: Sequence[BaseModel]) -> list[Change]:
    before = {str(getattr(item, "id")): item for item in old}  # noqa: B009 - every item has id
    after = {str(getattr(item, "id")): item for item in new}  # noqa: B009
    changes: list[Change] = []
    for item_id in _ordered(before, after):
        if item_id not in after:
            changes.append(Change("removed", noun, item_id))
        elif item_id not in before:
            changes.append(Change("added", noun, item_id))
        else:
            fields = _changed_fields(before[item_id], after[item_id])
            if fields:
                changes.append(Change("changed", noun, item_id, tuple(fields)))
    return changes


def _diff_enums(old: dict[str, dict[int, str]], new: dict[str, dict[int, str]]) -> list[Change]:
    changes: list[Change] = []
    for name in _ordered(old, new):
        if name not in new:
            changes.append(Change("removed", "enum", name))
        elif name not in old:
            changes.append(Change("added", "enum", name))
        elif old[name] != new[name]:
            keys = sorted(k for k in old[name].keys() | new[name].keys()
                          if old[name].get(k) != new[name].get(k))
            changes.append(Change("changed", "enum", name, tuple(str(k) for k in keys)))
    return changes


def _ordered(before: Iterable[str], after: Iterable[str]) -> list[str]:
    """The running order first, then what is new, in the new file's order."""
    seen = list(before)
    known = set(seen)  # once: a set per item made this quadratic (minutes for 20,000 tags)
    return seen + [k for k in after if k not in known]


def _changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    return _dict_diff(old.model_dump(), new.model_dump(), "")


def _dict_diff(old: object, new: object, prefix: str) -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in list(old) + [k for k in new if k not in old]:
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in old or key not in new:
                out.append(path)
            else:
                out.extend(_dict_diff(old[key], new[key], path))
        return out
    return [] if old == new else [prefix]

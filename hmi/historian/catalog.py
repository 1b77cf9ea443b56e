"""Tag names <-> the small integers the sample tables are keyed by."""

from __future__ import annotations

from sqlalchemy import Connection, select

from hmi.historian.tables import tags_table


class TagCatalog:
    """The writer's map; new tags get the next id and are inserted with the batch that
    first uses them (`take_new`), so an id never reaches disk without its name."""

    def __init__(self, known: dict[str, int]) -> None:
        self._ids = dict(known)
        self._next = max(known.values(), default=0) + 1
        self._new: list[tuple[int, str]] = []

    @classmethod
    def load(cls, conn: Connection) -> TagCatalog:
        return cls(load_tag_ids(conn))

    def id_of(self, name: str) -> int:
        key = self._ids.get(name)
        if key is None:
            key = self._ids[name] = self._next
            self._next += 1
            self._new.append((key, name))
        return key

    def take_new(self) -> list[tuple[int, str]]:
        new, self._new = self._new, []
        return new

    def restore_new(self, new: list[tuple[int, str]]) -> None:
        """Their insert failed: insert them with the next batch instead."""
        self._new = [*new, *self._new]

    @property
    def ids(self) -> dict[str, int]:
        return dict(self._ids)


def load_tag_ids(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(tags_table.c.name, tags_table.c.id))
    return {name: key for name, key in rows}

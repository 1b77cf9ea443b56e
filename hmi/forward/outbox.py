"""The local journal: what happened while the plant database was away, in order, chained.

Each item's hash covers the previous item's hash and its own canonical JSON, so an item
edited, removed or inserted in the file before it is forwarded is found (the forwarder
refuses to send a broken segment and says where it breaks).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    insert,
    select,
    update,
)

from hmi.plantdb.dialect import WRITE_OPTION, configure_engine

OUTBOX_FILE = "outbox.sqlite"
GENESIS = "0" * 64

_meta = MetaData()
items = Table(
    "outbox", _meta,
    Column("seq", Integer, primary_key=True),  # the local order, forwarded in it
    Column("key", String(36), nullable=False, unique=True),  # the idempotency key
    Column("kind", String(20), nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON (datetimes tagged)
    Column("prev_hash", String(64), nullable=False),
    Column("item_hash", String(64), nullable=False),
    Column("forwarded_at", String(40)),  # NULL: still to forward
    Column("conflict", Text),
)
state = Table(
    "outbox_state", _meta,
    Column("name", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    seq: int
    key: str
    kind: str
    recorded_at: datetime
    payload: dict[str, Any]
    prev_hash: str
    item_hash: str


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    raise TypeError(f"cannot journal a {type(value).__name__}")


def _hook(obj: dict[str, Any]) -> object:
    if obj.keys() == {"$dt"}:
        return datetime.fromisoformat(obj["$dt"])
    return obj


def encode(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_default)


def decode(text: str) -> dict[str, Any]:
    value = json.loads(text, object_hook=_hook)
    assert isinstance(value, dict)
    return value


def item_hash(prev_hash: str, seq: int, key: str, kind: str, recorded_at: str,
              payload_json: str) -> str:
    head = json.dumps([seq, key, kind, recorded_at], separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{head}\n{payload_json}".encode()).hexdigest()


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine = create_engine(f"sqlite:///{path}")
        configure_engine(self._engine)  # WAL, BEGIN IMMEDIATE for writers
        _meta.create_all(self._engine)

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def add(self, kind: str, payload: Mapping[str, Any], at: datetime) -> OutboxItem:
        body = encode(payload)
        with self._writing() as conn:
            last = conn.execute(select(items.c.seq, items.c.item_hash)
                                .order_by(items.c.seq.desc()).limit(1)).first()
            seq, prev = (last.seq + 1, last.item_hash) if last is not None else (1, GENESIS)
            key, when = str(uuid.uuid4()), at.isoformat()
            digest = item_hash(prev, seq, key, kind, when, body)
            conn.execute(insert(items).values(seq=seq, key=key, kind=kind, recorded_at=when,
                                              payload=body, prev_hash=prev, item_hash=digest))
        return OutboxItem(seq, key, kind, at, decode(body), prev, digest)

    def pending(self, limit: int | None = None) -> list[OutboxItem]:
        query = select(items).where(items.c.forwarded_at.is_(None)).order_by(items.c.seq)
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as conn:
            return [OutboxItem(r.seq, r.key, r.kind, datetime.fromisoformat(r.recorded_at),
                               decode(r.payload), r.prev_hash, r.item_hash)
                    for r in conn.execute(query)]

    def pending_count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(items)
                                    .where(items.c.forwarded_at.is_(None))).scalar_one())

    def mark_forwarded(self, seqs: list[int], at: datetime,
                       conflicts: Mapping[int, str] | None = None) -> None:
        with self._writing() as conn:
            conn.execute(update(items).where(items.c.seq.in_(seqs))
                         .values(forwarded_at=at.isoformat()))
            for seq, text in (conflicts or {}).items():
                conn.execute(update(items).where(items.c.seq == seq).values(conflict=text))

    def conflicts(self) -> list[tuple[str, str]]:
        """(key, what) of forwarded records a person has to look at."""
        with self._engine.connect() as conn:
            return [(r.key, r.conflict) for r in conn.execute(
                select(items.c.key, items.c.conflict).where(items.c.conflict.is_not(None))
                .order_by(items.c.seq))]

    def verify(self) -> str:
        """"" when the whole journal chains; else where it breaks and how."""
        prev, expected = GENESIS, 1
        with self._engine.connect() as conn:
            for r in conn.execute(select(items).order_by(items.c.seq)):
                if r.seq != expected:
                    return f"local journal: item {expected} is missing (next is {r.seq})"
                if r.prev_hash != prev or r.item_hash != item_hash(
                        prev, r.seq, r.key, r.kind, r.recorded_at, r.payload):
                    return f"local journal: item {r.seq} was changed after it was recorded"
                prev, expected = r.item_hash, expected + 1
        return ""

    # ---- offline-since, kept across a restart of the HMI ---------------------------------
    def offline_since(self) -> datetime | None:
        with self._engine.connect() as conn:
            value = conn.execute(select(state.c.value)
                                 .where(state.c.name == "offline_since")).scalar()
        return datetime.fromisoformat(value) if value else None

    def set_offline_since(self, since: datetime | None) -> None:
        with self._writing() as conn:
            conn.execute(state.delete().where(state.c.name == "offline_since"))
            if since is not None:
                conn.execute(insert(state).values(name="offline_since",
                                                  value=since.isoformat()))

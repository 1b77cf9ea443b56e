"""The plant database's tables as SQLAlchemy Core objects, for the stores' queries.

The schema itself is made by the Alembic migrations in hmi/plantdb/migrations; this module
mirrors the newest revision (tests check that the two agree).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class UtcDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (portable across dialects), always returned tz-aware UTC."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("plant database times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("full_name", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("pin_hash", String(255)),
    Column("badge_id", String(64), unique=True),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", UtcDateTime()),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("password_changed_at", UtcDateTime(), nullable=False),
)

role_assignments = Table(
    "role_assignments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="RESTRICT"), nullable=False),
    Column("role", String(32), nullable=False),
    Column("station", String(64), nullable=False),  # a station id, or "*" for all
    Column("granted_by", String(64), nullable=False),
    Column("granted_at", UtcDateTime(), nullable=False),
    UniqueConstraint("user_id", "role", "station", name="uq_role_assignment"),
)

signatures = Table(
    "signatures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="RESTRICT"), nullable=False),
    Column("username", String(64), nullable=False),
    Column("printed_name", String(200), nullable=False),
    Column("utc_ts", UtcDateTime(), nullable=False),
    Column("meaning", String(32), nullable=False),
    Column("record_type", String(64), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("record_hash", String(64), nullable=False),
    Column("reason", Text, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("utc_ts", UtcDateTime(), nullable=False),
    Column("username", String(64), nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("action", String(64), nullable=False),
    Column("object_type", String(64), nullable=False),
    Column("object_id", String(200), nullable=False),
    Column("field", String(200), nullable=False),
    Column("old_value", Text, nullable=False),  # canonical JSON of the value
    Column("sent_value", Text, nullable=False),
    Column("read_back", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("client_host", String(200), nullable=False),
    Column("signature_id", Integer, ForeignKey("signatures.id", ondelete="RESTRICT")),
    Column("prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
)

# Store-and-forward (migration 0010_forwarded): a record journaled offline, once forwarded.
forwarded = Table(
    "forwarded",
    metadata,
    Column("key", String(36), primary_key=True),
    Column("hmi", String(200), nullable=False),
    Column("local_seq", Integer, nullable=False),
    Column("local_hash", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Column("forwarded_at", String(40), nullable=False),
    Column("audit_seqs", Text, nullable=False),
    Column("conflict", Text),
    Column("resolved_by", String(64)),
    Column("resolved_at", String(40)),
    Column("resolution", Text),
)

"""The recipe and changeover tables (SQLAlchemy Core, own MetaData) in the plant database.

hmi/plantdb/migrations carries the same schema as an Alembic revision; `create_schema` is
for tests and tools that use a database of their own. Times are ISO 8601 UTC text and values
JSON text, so a value keeps its type (1 stays an int, 1.0 a float) in any SQL dialect.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

TS = String(40)  # ISO 8601 with offset

recipes = Table(
    "recipes", metadata,
    Column("recipe_id", String(100), primary_key=True),
    Column("product", String(100), nullable=False),
    Column("station_group", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", TS, nullable=False),
)

recipe_versions = Table(
    "recipe_versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recipe_id", String(100), ForeignKey("recipes.recipe_id", ondelete="RESTRICT"),
           nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("author", String(64), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("status_changed_at", TS, nullable=False),
    Column("notes", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    UniqueConstraint("recipe_id", "version", name="uq_recipe_versions_number"),
)

recipe_parameters = Table(
    "recipe_parameters", metadata,
    Column("version_pk", Integer, ForeignKey("recipe_versions.id", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("tag", String(200), nullable=False),
    Column("name", String(200), nullable=False),
    Column("unit", String(40), nullable=False),
    Column("data_type", String(10), nullable=False),
    Column("setpoint", Text, nullable=False),  # JSON
    Column("low", Float),
    Column("high", Float),
    Column("warn_low", Float),
    Column("warn_high", Float),
    Column("critical", Boolean, nullable=False),
    Column("verify", String(10), nullable=False),
    Column("tolerance", Float, nullable=False),
    UniqueConstraint("version_pk", "tag", name="uq_recipe_parameters_tag"),
)

recipe_equipment = Table(
    "recipe_equipment", metadata,
    Column("version_pk", Integer, ForeignKey("recipe_versions.id", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("station", String(100), nullable=False),
    Column("requirement", Text, nullable=False),
)

# Append-only: every status change with who, when, why and the signature that allowed it.
recipe_status_log = Table(
    "recipe_status_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version_pk", Integer, ForeignKey("recipe_versions.id", ondelete="RESTRICT"),
           nullable=False),
    Column("from_status", String(20)),
    Column("to_status", String(20), nullable=False),
    Column("by_user", String(64), nullable=False),
    Column("at", TS, nullable=False),
    Column("reason", Text, nullable=False),
    Column("signature_id", Integer),
    Column("signer", String(64)),
    Column("signer_name", String(200)),
    Column("signed_at", TS),
    Column("signed_hash", String(64)),
)

changeovers = Table(
    "changeovers", metadata,
    Column("id", String(36), primary_key=True),
    Column("recipe_id", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("recipe_hash", String(64), nullable=False),
    Column("lot_id", String(100), nullable=False),
    Column("trial", Boolean, nullable=False),
    Column("state", String(20), nullable=False),  # a ChangeoverState value
    Column("control_hash", String(64)),
    Column("started_by", String(64), nullable=False),
    Column("started_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    Column("finished_at", TS),
    Column("failure", Text, nullable=False),
    Column("owner", String(100), nullable=False),  # host:pid that runs it (for resume)
)

changeover_parameters = Table(
    "changeover_parameters", metadata,
    Column("changeover_id", String(36), ForeignKey("changeovers.id", ondelete="RESTRICT"),
           primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("tag", String(200), nullable=False),
    Column("target", Text, nullable=False),  # JSON: the control recipe's value
    Column("snapshot", Text),  # JSON: what the PLC held before (the rollback point)
    Column("phase", String(20), nullable=False),  # pending, sending, written, refused, ...
    Column("read_back", Text),  # JSON: the last value read back from the PLC
    Column("message", Text, nullable=False),
    # Phases are updated by tag at every step: the unique index makes that a lookup.
    UniqueConstraint("changeover_id", "tag", name="uq_changeover_parameters_tag"),
)

changeover_events = Table(
    "changeover_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("changeover_id", String(36), ForeignKey("changeovers.id", ondelete="RESTRICT"),
           nullable=False),
    Column("at", TS, nullable=False),
    Column("state", String(20), nullable=False),
    Column("message", Text, nullable=False),
)

changeover_checks = Table(
    "changeover_checks", metadata,
    Column("changeover_id", String(36), ForeignKey("changeovers.id", ondelete="RESTRICT"),
           primary_key=True),
    Column("item_id", String(100), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(10), nullable=False),  # open, passed, failed
    Column("by_user", String(64)),
    Column("note", Text, nullable=False),
    Column("at", TS),
)

changeover_signatures = Table(
    "changeover_signatures", metadata,
    Column("changeover_id", String(36), ForeignKey("changeovers.id", ondelete="RESTRICT"),
           primary_key=True),
    Column("meaning", String(20), primary_key=True),
    Column("role", String(40), nullable=False),
    Column("signature_id", Integer, nullable=False),
    Column("username", String(64), nullable=False),
    Column("printed_name", String(200), nullable=False),
    Column("signed_at", TS, nullable=False),
    Column("record_hash", String(64), nullable=False),
)

# Variance monitoring after release: a recipe parameter that later differs at the PLC.
changeover_variances = Table(
    "changeover_variances", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("changeover_id", String(36), ForeignKey("changeovers.id", ondelete="RESTRICT"),
           nullable=False),
    Column("tag", String(200), nullable=False),
    Column("downloaded", Text, nullable=False),
    Column("found", Text),
    Column("at", TS, nullable=False),
    Column("by_user", String(64)),
)


def create_schema(engine: Engine) -> None:
    """Create the recipe and changeover tables (tests, tools); plants use the migration."""
    metadata.create_all(engine)

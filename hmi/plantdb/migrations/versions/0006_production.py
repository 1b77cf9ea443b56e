"""Production: PackML state changes, count buckets and downtime events for OEE
(hmi.production.oee_store, the same schema).

Revision ID: 0006_production
Revises: 0002_recipes
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hmi.plantdb.dialect import append_only_ddl, drop_append_only_ddl

revision = "0006_production"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The state history is the record OEE is computed from: append-only, as the audit log.
    op.create_table(
        "production_state_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("station", sa.String(100), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),  # ISO 8601 UTC, microseconds
        sa.Column("state", sa.Integer),  # PackML state; NULL: unknown from here on
        sa.Column("plc_reason", sa.Integer),
    )
    op.create_index("ix_production_state_events_station_at", "production_state_events",
                    ["station", "at"])
    for statement in append_only_ddl(op.get_bind().dialect.name, "production_state_events"):
        op.execute(statement)
    # Output per station and minute (bucket start); added to while the minute runs.
    op.create_table(
        "production_counts",
        sa.Column("station", sa.String(100), primary_key=True),
        sa.Column("bucket", sa.String(40), primary_key=True),
        sa.Column("total", sa.Float, nullable=False),
        sa.Column("good", sa.Float, nullable=False),
    )
    # A stop: downtime (longer than the minor-stop threshold, needs a reason) or minor.
    op.create_table(
        "downtime_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("station", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),  # downtime | minor
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40)),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("plc_reason", sa.Integer),
        sa.Column("hints", sa.Text, nullable=False),  # JSON list, most telling first
        sa.Column("reason_code", sa.String(100)),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("assigned_by", sa.String(64)),
        sa.Column("assigned_at", sa.String(40)),
    )
    op.create_index("ix_downtime_events_station_start", "downtime_events",
                    ["station", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_downtime_events_station_start", "downtime_events")
    op.drop_table("downtime_events")
    op.drop_table("production_counts")
    for statement in drop_append_only_ddl(op.get_bind().dialect.name, "production_state_events"):
        op.execute(statement)
    op.drop_index("ix_production_state_events_station_at", "production_state_events")
    op.drop_table("production_state_events")

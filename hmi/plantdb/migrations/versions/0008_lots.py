"""Lots and rolls: one row per station run (a mixer batch, a coated roll, a slit roll set,
a cell lot) with its start and end, and the parent/child links between them
(hmi.production.lots, the same schema).

Revision ID: 0008_lots
Revises: 0002_recipes
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_lots"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A lot is opened once and closed at most once (ended_at filled then).
    op.create_table(
        "lots",
        sa.Column("lot_id", sa.String(100), primary_key=True),
        sa.Column("station", sa.String(100), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),  # plc, scan
        sa.Column("plc_value", sa.String(100)),  # the PLC's lot tag value it came from
        sa.Column("started_by", sa.String(64), nullable=False),
        sa.Column("started_at", sa.String(40), nullable=False),  # ISO 8601 UTC
        sa.Column("ended_at", sa.String(40)),
    )
    op.create_index("ix_lots_station_start", "lots", ["station", "started_at"])
    # Many-to-many: a coated roll takes several mixer batches, a calendered roll is slit
    # into several slit rolls.
    op.create_table(
        "lot_links",
        sa.Column("parent_id", sa.String(100), sa.ForeignKey("lots.lot_id", ondelete="RESTRICT"),
                  primary_key=True),
        sa.Column("child_id", sa.String(100), sa.ForeignKey("lots.lot_id", ondelete="RESTRICT"),
                  primary_key=True),
        sa.Column("linked_at", sa.String(40), nullable=False),
        sa.Column("linked_by", sa.String(64), nullable=False),
    )
    op.create_index("ix_lot_links_child", "lot_links", ["child_id"])


def downgrade() -> None:
    op.drop_index("ix_lot_links_child", "lot_links")
    op.drop_table("lot_links")
    op.drop_index("ix_lots_station_start", "lots")
    op.drop_table("lots")

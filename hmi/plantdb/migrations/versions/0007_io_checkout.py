"""I/O checkout: a checkout of one station's tags against the field, and its points, each
signed "checked" (hmi.commission.io_checkout, the same schema).

Revision ID: 0007_io_checkout
Revises: 0002_recipes
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_io_checkout"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "io_checkouts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("line_id", sa.String(100), nullable=False),
        sa.Column("station", sa.String(100), nullable=False),
        sa.Column("config_hash", sa.String(64), nullable=False),
        sa.Column("started_by", sa.String(64), nullable=False),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_by", sa.String(64)),
        sa.Column("finished_at", sa.String(40)),
    )
    op.create_index("ix_io_checkouts_station", "io_checkouts", ["station", "started_at"])
    # A point is re-checked in place (a new signature each time; the old one's link to the
    # point's hash then shows broken), so the table is not append-only: the signatures and
    # the hash-chained audit trail keep the history.
    op.create_table(
        "io_checkout_points",
        sa.Column("checkout_id", sa.String(36),
                  sa.ForeignKey("io_checkouts.id", ondelete="RESTRICT"), primary_key=True),
        sa.Column("tag_id", sa.String(200), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("expected", sa.Text, nullable=False),
        sa.Column("test_value", sa.Text, nullable=False),
        sa.Column("observed", sa.Text, nullable=False),
        sa.Column("write_ok", sa.Boolean),
        sa.Column("write_message", sa.Text, nullable=False),
        sa.Column("result", sa.String(10), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("checked_by", sa.String(64)),
        sa.Column("checked_at", sa.String(40)),
        sa.Column("signature_id", sa.Integer),
    )


def downgrade() -> None:
    op.drop_table("io_checkout_points")
    op.drop_index("ix_io_checkouts_station", table_name="io_checkouts")
    op.drop_table("io_checkouts")

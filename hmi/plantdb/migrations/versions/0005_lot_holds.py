"""Lot holds: a lot placed on hold (trial changeover, dew-point excursion, restore) and its
release by a QA signature (hmi.production.holds, the same schema).

Revision ID: 0005_lot_holds
Revises: 0002_recipes
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_lot_holds"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A row is placed once and released at most once (released_* columns filled then);
    # the audit trail holds both facts too, hash-chained.
    op.create_table(
        "lot_holds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("lot_id", sa.String(100), nullable=False),
        sa.Column("stations", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("placed_by", sa.String(64), nullable=False),
        sa.Column("placed_at", sa.String(40), nullable=False),
        sa.Column("released_by", sa.String(64)),
        sa.Column("released_at", sa.String(40)),
        sa.Column("release_signature_id", sa.Integer),
        sa.Column("release_reason", sa.Text),
    )
    op.create_index("ix_lot_holds_lot", "lot_holds", ["lot_id"])
    op.create_index("ix_lot_holds_open", "lot_holds", ["released_at"])


def downgrade() -> None:
    op.drop_index("ix_lot_holds_open", "lot_holds")
    op.drop_index("ix_lot_holds_lot", "lot_holds")
    op.drop_table("lot_holds")

"""Store-and-forward: one row per record an HMI journaled while the plant database was away
and forwarded later (hmi.plantdb.forward, the same schema as hmi.plantdb.tables.forwarded).

The key makes forwarding exactly-once: the row is inserted in the same transaction as the
records it stands for, so a forward repeated after a crash finds it and skips. The local
hash ties the server's entries to the HMI's own chained segment; a conflict (a changeover
ran offline on a version obsoleted meanwhile) waits here for a person to resolve it.

Revision ID: 0010_forwarded
Revises: 0002_recipes
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_forwarded"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forwarded",
        sa.Column("key", sa.String(36), primary_key=True),
        sa.Column("hmi", sa.String(200), nullable=False),
        sa.Column("local_seq", sa.Integer, nullable=False),
        sa.Column("local_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("forwarded_at", sa.String(40), nullable=False),
        sa.Column("audit_seqs", sa.Text, nullable=False),  # JSON list: where they joined
        sa.Column("conflict", sa.Text),
        sa.Column("resolved_by", sa.String(64)),
        sa.Column("resolved_at", sa.String(40)),
        sa.Column("resolution", sa.Text),
    )
    op.create_index("ix_forwarded_hmi_seq", "forwarded", ["hmi", "local_seq"])


def downgrade() -> None:
    op.drop_index("ix_forwarded_hmi_seq", "forwarded")
    op.drop_table("forwarded")

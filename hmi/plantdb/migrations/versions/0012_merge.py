"""Merge: the feature branches that each started from 0002_recipes (alarms, restores, lot
holds, production, I/O checkout, lots, SPC, store-and-forward) join here, so the
plant schema has one head again and the next migration has one parent:
down_revision = "0012_merge". Nothing changes in the database: every branch's tables are
already there; Alembic only replaces the branches' rows in alembic_version with this one.

Revision ID: 0012_merge
Revises: 0003_alarms, 0004_restores, 0005_lot_holds, 0006_production, 0007_io_checkout,
    0008_lots, 0009_spc, 0010_forwarded
Create Date: 2026-11-27
"""

from __future__ import annotations

revision = "0012_merge"
down_revision = (
    "0003_alarms",
    "0004_restores",
    "0005_lot_holds",
    "0006_production",
    "0007_io_checkout",
    "0008_lots",
    "0009_spc",
    "0010_forwarded",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to create: a merge point."""


def downgrade() -> None:
    """Back to the open branches: nothing to drop."""

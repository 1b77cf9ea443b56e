"""SPC: every charted subgroup and every set of control limits, so a restart keeps the
charts and their limits (hmi.production.spc_store, the same schema).

Revision ID: 0009_spc
Revises: 0002_recipes
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hmi.plantdb.dialect import append_only_ddl, drop_append_only_ddl

revision = "0009_spc"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A measured subgroup is a quality record (lineage shows it): append-only.
    op.create_table(
        "spc_points",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("characteristic", sa.String(100), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),  # ISO 8601 UTC, microseconds
        sa.Column("vals", sa.Text, nullable=False),  # JSON list: the subgroup's values
    )
    op.create_index("ix_spc_points_char_at", "spc_points", ["characteristic", "at"])
    # Limits in force: the newest row per characteristic; older rows say which limits
    # judged the points of their time.
    op.create_table(
        "spc_limits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("characteristic", sa.String(100), nullable=False),
        sa.Column("set_at", sa.String(40), nullable=False),
        sa.Column("set_by", sa.String(64), nullable=False),
        sa.Column("baseline", sa.Text, nullable=False),  # where they came from
        sa.Column("chart", sa.String(10), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("center", sa.Float, nullable=False),
        sa.Column("ucl", sa.Float, nullable=False),
        sa.Column("lcl", sa.Float, nullable=False),
        sa.Column("spread_center", sa.Float, nullable=False),
        sa.Column("spread_ucl", sa.Float, nullable=False),
        sa.Column("spread_lcl", sa.Float, nullable=False),
        sa.Column("sigma_within", sa.Float, nullable=False),
    )
    op.create_index("ix_spc_limits_char", "spc_limits", ["characteristic", "id"])
    for table in ("spc_points", "spc_limits"):
        for statement in append_only_ddl(op.get_bind().dialect.name, table):
            op.execute(statement)


def downgrade() -> None:
    for table in ("spc_limits", "spc_points"):
        for statement in drop_append_only_ddl(op.get_bind().dialect.name, table):
            op.execute(statement)
    op.drop_index("ix_spc_limits_char", "spc_limits")
    op.drop_table("spc_limits")
    op.drop_index("ix_spc_points_char_at", "spc_points")
    op.drop_table("spc_points")

"""Loop-restore runs, their steps and lot exposure (hmi.restore.tables, the same schema).

Revision ID: 0004_restores
Revises: 0002_recipes
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_restores"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "restore_runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("procedure_id", sa.String(100), nullable=False),
        sa.Column("procedure_title", sa.Text, nullable=False),
        sa.Column("procedure_text", sa.Text, nullable=False),
        sa.Column("fault_kind", sa.String(100), nullable=False),
        sa.Column("fault_station", sa.String(100), nullable=False),
        sa.Column("first_out", sa.Text, nullable=False),
        sa.Column("fault_detail", sa.Text, nullable=False),
        sa.Column("fault_at", sa.String(40), nullable=False),
        sa.Column("started_by", sa.String(64), nullable=False),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("step_index", sa.Integer, nullable=False),
        sa.Column("step_status", sa.String(20), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("verified_at", sa.String(40)),
        sa.Column("mttr_s", sa.Float),
        sa.Column("downtime_reason", sa.String(200), nullable=False),
        sa.Column("baseline", sa.Text, nullable=False),
        sa.Column("open_lots", sa.Text, nullable=False),
    )
    op.create_index("ix_restore_runs_fault", "restore_runs", ["fault_kind", "fault_at"])
    op.create_table(
        "restore_steps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(36),
                  sa.ForeignKey("restore_runs.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("step_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("values_before", sa.Text, nullable=False),
        sa.Column("values_after", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("signature_id", sa.Integer),
    )
    op.create_index("ix_restore_steps_run", "restore_steps", ["run_id", "id"])
    op.create_table(
        "restore_lot_exposure",
        sa.Column("run_id", sa.String(36),
                  sa.ForeignKey("restore_runs.id", ondelete="RESTRICT"), primary_key=True),
        sa.Column("lot_id", sa.String(100), primary_key=True),
        sa.Column("budget_min", sa.Float, nullable=False),
        sa.Column("used_before_min", sa.Float, nullable=False),
        sa.Column("minutes_above", sa.Float, nullable=False),
        sa.Column("held", sa.Boolean, nullable=False),
        sa.Column("hold_ref", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("restore_lot_exposure")
    op.drop_index("ix_restore_steps_run", "restore_steps")
    op.drop_table("restore_steps")
    op.drop_index("ix_restore_runs_fault", "restore_runs")
    op.drop_table("restore_runs")

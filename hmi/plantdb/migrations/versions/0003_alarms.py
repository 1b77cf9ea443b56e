"""The alarm journal (hmi.alarms.journal, the same schema): append-only.

Revision ID: 0003_alarms
Revises: 0002_recipes
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hmi.plantdb.dialect import append_only_ddl, drop_append_only_ddl

revision = "0003_alarms"
down_revision = "0002_recipes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alarm_journal",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("utc_ts", sa.DateTime(), nullable=False),
        sa.Column("alarm_id", sa.String(100), nullable=False),
        sa.Column("console", sa.String(100), nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("event", sa.String(30), nullable=False),
        sa.Column("state_before", sa.String(20), nullable=False),
        sa.Column("state_after", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("annunciated", sa.Boolean, nullable=False),
        sa.Column("suppressed", sa.Boolean, nullable=False),
        sa.Column("first_out", sa.Boolean, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("since", sa.DateTime()),
        sa.Column("shelve_kind", sa.String(10)),
        sa.Column("shelved_until", sa.DateTime()),
        sa.Column("shelved_by", sa.String(64), nullable=False),
        sa.Column("shelve_reason", sa.Text, nullable=False),
        sa.Column("oos_since", sa.DateTime()),
        sa.Column("oos_by", sa.String(64), nullable=False),
        sa.Column("oos_reason", sa.Text, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_alarm_journal_alarm", "alarm_journal", ["alarm_id", "seq"])
    op.create_index("ix_alarm_journal_ts", "alarm_journal", ["utc_ts"])
    for statement in append_only_ddl(op.get_bind().dialect.name, "alarm_journal"):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_append_only_ddl(op.get_bind().dialect.name, "alarm_journal"):
        op.execute(statement)
    op.drop_index("ix_alarm_journal_ts", "alarm_journal")
    op.drop_index("ix_alarm_journal_alarm", "alarm_journal")
    op.drop_table("alarm_journal")

"""Recipes, versions, status log and changeovers (recipes.tables, the same schema).

Revision ID: 0002_recipes
Revises: 0001_security
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_recipes"
down_revision = "0001_security"
branch_labels = None
depends_on = None

TABLES = ("changeovers", "recipes", "changeover_checks", "changeover_events",
          "changeover_parameters", "changeover_signatures", "changeover_variances",
          "recipe_versions", "recipe_equipment", "recipe_parameters", "recipe_status_log")



def _fk(target: str, ondelete: str = "RESTRICT") -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete=ondelete)


def upgrade() -> None:
    # A ForeignKey object belongs to one column: make a fresh one per use.

    op.create_table(
        "changeovers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("recipe_id", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("recipe_hash", sa.String(64), nullable=False),
        sa.Column("lot_id", sa.String(100), nullable=False),
        sa.Column("trial", sa.Boolean, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("control_hash", sa.String(64)),
        sa.Column("started_by", sa.String(64), nullable=False),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40)),
        sa.Column("failure", sa.Text, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
    )
    op.create_table(
        "recipes",
        sa.Column("recipe_id", sa.String(100), primary_key=True),
        sa.Column("product", sa.String(100), nullable=False),
        sa.Column("station_group", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "changeover_checks",
        sa.Column("changeover_id", sa.String(36), _fk("changeovers.id"), primary_key=True),
        sa.Column("item_id", sa.String(100), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("by_user", sa.String(64)),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("at", sa.String(40)),
    )
    op.create_table(
        "changeover_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("changeover_id", sa.String(36), _fk("changeovers.id"), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_table(
        "changeover_parameters",
        sa.Column("changeover_id", sa.String(36), _fk("changeovers.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("tag", sa.String(200), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("snapshot", sa.Text),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("read_back", sa.Text),
        sa.Column("message", sa.Text, nullable=False),
        sa.UniqueConstraint("changeover_id", "tag", name="uq_changeover_parameters_tag"),
    )
    op.create_table(
        "changeover_signatures",
        sa.Column("changeover_id", sa.String(36), _fk("changeovers.id"), primary_key=True),
        sa.Column("meaning", sa.String(20), primary_key=True),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("signature_id", sa.Integer, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("printed_name", sa.String(200), nullable=False),
        sa.Column("signed_at", sa.String(40), nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "changeover_variances",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("changeover_id", sa.String(36), _fk("changeovers.id"), nullable=False),
        sa.Column("tag", sa.String(200), nullable=False),
        sa.Column("downloaded", sa.Text, nullable=False),
        sa.Column("found", sa.Text),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("by_user", sa.String(64)),
    )
    op.create_table(
        "recipe_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recipe_id", sa.String(100), _fk("recipes.recipe_id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("status_changed_at", sa.String(40), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("recipe_id", "version", name="uq_recipe_versions_number"),
    )
    op.create_table(
        "recipe_equipment",
        sa.Column("version_pk", sa.Integer, _fk("recipe_versions.id", "CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("station", sa.String(100), nullable=False),
        sa.Column("requirement", sa.Text, nullable=False),
    )
    op.create_table(
        "recipe_parameters",
        sa.Column("version_pk", sa.Integer, _fk("recipe_versions.id", "CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("tag", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("data_type", sa.String(10), nullable=False),
        sa.Column("setpoint", sa.Text, nullable=False),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("warn_low", sa.Float),
        sa.Column("warn_high", sa.Float),
        sa.Column("critical", sa.Boolean, nullable=False),
        sa.Column("verify", sa.String(10), nullable=False),
        sa.Column("tolerance", sa.Float, nullable=False),
        sa.UniqueConstraint("version_pk", "tag", name="uq_recipe_parameters_tag"),
    )
    op.create_table(
        "recipe_status_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version_pk", sa.Integer, _fk("recipe_versions.id"), nullable=False),
        sa.Column("from_status", sa.String(20)),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("by_user", sa.String(64), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("signature_id", sa.Integer),
        sa.Column("signer", sa.String(64)),
        sa.Column("signer_name", sa.String(200)),
        sa.Column("signed_at", sa.String(40)),
        sa.Column("signed_hash", sa.String(64)),
    )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)

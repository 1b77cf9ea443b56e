"""The restore record's tables (the same schema as migration 0004_restores; a test checks)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

restore_runs = Table(
    "restore_runs", metadata,
    Column("id", String(36), primary_key=True),
    Column("procedure_id", String(100), nullable=False),
    Column("procedure_title", Text, nullable=False),
    Column("procedure_text", Text, nullable=False),  # the version run, for resume and audit
    Column("fault_kind", String(100), nullable=False),
    Column("fault_station", String(100), nullable=False),
    Column("first_out", Text, nullable=False),
    Column("fault_detail", Text, nullable=False),
    Column("fault_at", String(40), nullable=False),  # ISO 8601 UTC
    Column("started_by", String(64), nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("state", String(20), nullable=False),  # running, verified, abandoned
    Column("step_index", Integer, nullable=False),
    Column("step_status", String(20), nullable=False),  # ready, refused, sent_back
    Column("message", Text, nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("verified_at", String(40)),
    Column("mttr_s", Float),
    Column("downtime_reason", String(200), nullable=False),
    Column("baseline", Text, nullable=False),  # JSON: setpoints when the run started
    Column("open_lots", Text, nullable=False),  # JSON: lots open in the area at the fault
)

restore_steps = Table(
    "restore_steps", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(36), ForeignKey("restore_runs.id", ondelete="RESTRICT"),
           nullable=False),
    Column("position", Integer, nullable=False),
    Column("step_id", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("outcome", String(20), nullable=False),  # done, refused, sent_back, abandoned
    Column("actor", String(64), nullable=False),
    Column("role", String(40), nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40), nullable=False),
    Column("note", Text, nullable=False),
    Column("values_before", Text, nullable=False),  # JSON tag -> value
    Column("values_after", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("signature_id", Integer),
)

restore_lot_exposure = Table(
    "restore_lot_exposure", metadata,
    Column("run_id", String(36), ForeignKey("restore_runs.id", ondelete="RESTRICT"),
           primary_key=True),
    Column("lot_id", String(100), primary_key=True),
    Column("budget_min", Float, nullable=False),
    Column("used_before_min", Float, nullable=False),
    Column("minutes_above", Float, nullable=False),
    Column("held", Boolean, nullable=False),
    Column("hold_ref", Text, nullable=False),  # "lot_holds #12", or why it is recorded here
    Column("updated_at", String(40), nullable=False),
)

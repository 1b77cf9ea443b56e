"""Retention: each tier loses exactly its rows older than its limit, in small deletes."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from hmi.historian.retention import RetentionSweeper, apply_retention, cutoffs
from hmi.historian.tables import create_schema, open_engine

from .conftest import MakeHistorian
from .helpers import sample_at, table_rows

DAY_S = 86_400


def test_a_pass_deletes_only_rows_before_each_cutoff_in_chunks(url: str) -> None:
    engine = open_engine(url, writer=True)
    create_schema(engine)
    rows = [(tag, t) for tag in (1, 2) for t in range(0, 100)]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO tags (id, name) VALUES (1, 'a.x'), (2, 'b.y')"))
        conn.execute(
            text("INSERT INTO samples (tag, t, value, quality) VALUES (:tag, :t, 1.0, 0)"),
            [{"tag": tag, "t": t} for tag, t in rows],
        )
        for table in ("rollup_1s", "rollup_1m"):
            conn.execute(
                text(
                    f"INSERT INTO {table} (tag, t, n, vsum, worst, qlast) "
                    "VALUES (:tag, :t, 1, 1.0, 0, 0)"
                ),
                [{"tag": tag, "t": t} for tag, t in rows],
            )
    with engine.connect() as conn:
        deleted = apply_retention(conn, [1, 2], {"raw": 50, "1s": 20, "1m": 0}, chunk_rows=7)
    assert deleted == {"raw": 100, "1s": 40, "1m": 0}
    with engine.connect() as conn:
        for table, cutoff in (("samples", 50), ("rollup_1s", 20), ("rollup_1m", 0)):
            kept = conn.execute(text(f"SELECT tag, t FROM {table} ORDER BY tag, t")).all()
            assert [tuple(r) for r in kept] == [(tag, t) for tag, t in rows if t >= cutoff]
    engine.dispose()


def test_the_writer_applies_retention_per_tier_in_the_background(
    make_historian: MakeHistorian, url: str
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    ages_days = [3.5, 2.5, 1.5, 0.5]  # oldest first
    historian = make_historian(
        clock=lambda: now.timestamp(),
        raw_days=1,
        rollup_1s_days=2,
        rollup_1m_days=3,
        retention_chunk_rows=2,
        retention_interval_s=0.0,  # a pass after every batch
        flush_interval_s=0.02,
    )
    historian.record(
        [
            sample_at("a.x", float(i * 10 + k), now - timedelta(days=age) + timedelta(seconds=k))
            for i, age in enumerate(ages_days)
            for k in range(5)
        ]
    )
    assert historian.flush()

    def ages(table: str) -> list[float]:
        rows = table_rows(url, table, "a.x")
        return sorted({round((now.timestamp() - r[1] / 1000) / DAY_S, 1) for r in rows})  # type: ignore[operator]

    def kept() -> tuple[list[float], ...]:
        return ages("samples"), ages("rollup_1s"), ages("rollup_1m")

    want = ([0.5], [0.5, 1.5], [0.5, 1.5, 2.5])
    deadline = time.monotonic() + 10
    while kept() != want and time.monotonic() < deadline:
        time.sleep(0.02)
    assert kept() == want


def test_cutoffs_are_now_minus_the_days_kept() -> None:
    assert cutoffs(10 * DAY_S * 1000, {"raw": 1, "1s": 2.5}) == {
        "raw": 9 * DAY_S * 1000,
        "1s": int(7.5 * DAY_S * 1000),
    }


def test_later_passes_skip_tags_whose_oldest_row_is_not_due_yet(url: str) -> None:
    engine = open_engine(url, writer=True)
    create_schema(engine)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO samples (tag, t, value, quality) VALUES (:tag, :t, 1.0, 0)"),
            [{"tag": tag, "t": t} for tag in (1, 2) for t in (100, 200)],
        )
    sweeper = RetentionSweeper(chunk_rows=10)
    with engine.connect() as conn:
        sweeper.plan([1, 2], {"raw": 150})
        while sweeper.busy:
            sweeper.step(conn, budget_s=1.0)
        assert sweeper.deleted["raw"] == 2
        sweeper.plan([1, 2], {"raw": 150})  # both checked again: their oldest was unknown
        assert sweeper.busy
        while sweeper.busy:
            sweeper.step(conn, budget_s=1.0)
        sweeper.plan([1, 2], {"raw": 180})  # oldest rows (200) not due: nothing to visit
        assert not sweeper.busy
        sweeper.plan([1, 2], {"raw": 201})
        assert sweeper.busy
        while sweeper.busy:
            sweeper.step(conn, budget_s=1.0)
        assert conn.execute(text("SELECT count(*) FROM samples")).scalar() == 0
    engine.dispose()

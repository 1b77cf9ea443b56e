"""Rollups agree with the raw rows they summarise, whatever the data and batching."""

from __future__ import annotations

import math
import tempfile
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hmi.core.tags import Quality
from hmi.historian import Historian, HistorianSettings, TagPolicy, default_url
from hmi.historian.rollups import pack

from .helpers import sample, table_rows

QUALITIES = [Quality.GOOD, Quality.GOOD, Quality.GOOD, Quality.UNCERTAIN, Quality.BAD,
             Quality.STALE, Quality.COMM_LOST]

samples_strategy = st.lists(
    st.tuples(
        st.sampled_from(["r.a", "r.b"]),
        st.integers(min_value=0, max_value=180_000),  # ms: three minutes
        st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False), st.integers(-5, 5)),
        st.sampled_from(QUALITIES),
    ),
    min_size=1,
    max_size=300,
)


def expected_buckets(raw: list[tuple[object, ...]], bucket_ms: int) -> dict[int, dict[str, object]]:
    buckets: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    for row in raw:
        t = row[1]
        assert isinstance(t, int)
        buckets[t - t % bucket_ms].append(row)
    out = {}
    for start, rows in buckets.items():
        live = [r[2] for r in rows if r[3] in (0, 1) and r[2] is not None]
        out[start] = {
            "n": len(live),
            "vmin": min(live) if live else None,  # type: ignore[type-var]
            "vmax": max(live) if live else None,  # type: ignore[type-var]
            "vfirst": live[0] if live else None,
            "vlast": live[-1] if live else None,
            "vsum": math.fsum(live),  # type: ignore[arg-type]
            "worst": max(r[3] for r in rows),  # type: ignore[type-var]
            "qlast": rows[-1][3],
        }
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    samples=samples_strategy,
    batch_samples=st.integers(min_value=1, max_value=50),
    deadband=st.sampled_from([0.0, 0.5]),
)
def test_rollups_agree_with_raw_rows(
    samples: list[tuple[str, int, float | int | None, Quality]],
    batch_samples: int,
    deadband: float,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = default_url(Path(folder))
        historian = Historian(
            HistorianSettings(
                url=url,
                batch_samples=batch_samples,
                flush_interval_s=0.01,
                default_policy=TagPolicy(deadband=deadband),
            )
        )
        historian.start()
        try:
            for i in range(0, len(samples), 7):  # batches of 7 from the producer's side
                historian.record(
                    [sample(tag, value, t / 1000, q) for tag, t, value, q in samples[i : i + 7]]
                )
            assert historian.flush()
        finally:
            historian.stop()
        for tag in ("r.a", "r.b"):
            raw = table_rows(url, "samples", tag)
            for table, bucket_ms in (("rollup_1s", 1000), ("rollup_1m", 60_000)):
                stored = {
                    row[1]: dict(zip(("n", "vmin", "vmax", "vfirst", "vlast", "vsum", "worst",
                                      "qlast"), row[2:], strict=True))
                    for row in table_rows(url, table, tag)
                }
                expected = expected_buckets(raw, bucket_ms)
                assert stored.keys() == expected.keys()
                for start, want in expected.items():
                    got = stored[start]
                    assert got["n"] == want["n"], (table, start)
                    for key in ("vmin", "vmax", "vfirst", "vlast", "worst", "qlast"):
                        assert got[key] == want[key], (table, start, key)
                    assert math.isclose(got["vsum"], want["vsum"], rel_tol=1e-9, abs_tol=1e-6)  # type: ignore[arg-type]


def test_pack_makes_many_row_statements_and_leaves_the_rest_row_by_row() -> None:
    columns = [[1, 2, 3, 4, 5, 6, 7], [10, 20, 30, 40, 50, 60, 70]]
    many, rest = pack(columns, 3)
    assert many == [(1, 10, 2, 20, 3, 30), (4, 40, 5, 50, 6, 60)]
    assert rest == [(7, 70)]
    assert pack([[], []], 3) == ([], [])
    assert pack([[1], [2]], 1) == ([(1, 2)], [])

"""What the historian needs from a line config, as plain frozen values.

The writer takes `HistorianSettings` rather than a `LineConfig` so tests and benchmarks can
build one directly; `settings_from_config` is the one place that reads the config.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from hmi.config.schema import HistorianConfig, LineConfig
from hmi.historian.tables import default_url, writer_cache_kib


@dataclass(frozen=True, slots=True)
class TagPolicy:
    """When to record a tag: see TagHistory in the config schema."""

    deadband: float = 0.0
    heartbeat_s: float = 60.0
    record: bool = True


_DEFAULTS = HistorianConfig()


@dataclass(frozen=True, slots=True)
class HistorianSettings:
    url: str
    raw_days: float = _DEFAULTS.raw_days
    rollup_1s_days: float = _DEFAULTS.rollup_1s_days
    rollup_1m_days: float = _DEFAULTS.rollup_1m_days
    queue_samples: int = _DEFAULTS.queue_samples
    batch_samples: int = _DEFAULTS.batch_samples
    flush_interval_s: float = _DEFAULTS.flush_interval_s
    default_policy: TagPolicy = TagPolicy(heartbeat_s=_DEFAULTS.heartbeat_s)
    policies: Mapping[str, TagPolicy] = field(default_factory=lambda: MappingProxyType({}))
    retention_interval_s: float = 60.0  # how often a retention pass starts
    retention_chunk_rows: int = 5_000  # rows per delete: each is a short write transaction
    retention_step_budget_s: float = 0.05  # retention time between two batches at most
    writer_cache_kib: int = 32 * 1024  # the writer's SQLite page cache (tables.writer_cache_kib)

    def keep_days(self) -> dict[str, float]:
        """Days kept per tier name (raw, 1s, 1m)."""
        return {"raw": self.raw_days, "1s": self.rollup_1s_days, "1m": self.rollup_1m_days}

    def policy(self, tag_id: str) -> TagPolicy:
        return self.policies.get(tag_id, self.default_policy)


def settings_from_config(config: LineConfig, data_dir: Path) -> HistorianSettings:
    """The line's `[historian]` table and each tag's `history`; the database defaults to
    history.sqlite in the data folder. A tag's deadband defaults to its own `deadband`."""
    hist = config.historian
    policies = {
        tag.id: TagPolicy(
            deadband=tag.history.deadband if tag.history.deadband is not None else tag.deadband,
            heartbeat_s=tag.history.heartbeat_s or hist.heartbeat_s,
            record=tag.history.record,
        )
        for tag in config.tags
    }
    return HistorianSettings(
        url=hist.url or default_url(data_dir),
        raw_days=hist.raw_days,
        rollup_1s_days=hist.rollup_1s_days,
        rollup_1m_days=hist.rollup_1m_days,
        queue_samples=hist.queue_samples,
        batch_samples=hist.batch_samples,
        flush_interval_s=hist.flush_interval_s,
        default_policy=TagPolicy(heartbeat_s=hist.heartbeat_s),
        policies=MappingProxyType(policies),
        writer_cache_kib=writer_cache_kib(sum(p.record for p in policies.values())),
    )

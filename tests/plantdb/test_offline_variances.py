"""Variances after an offline release lose nothing: the monitor of a line that changes over
on its copy logs into the copy and, for a changeover already handed to the plant, through
PlantLink (journaled behind the changeover's unit while the server is away, straight in
when it answers); on a real PostgreSQL that the test stops."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from hmi.core.tags import Quality, TagValue, utc_now
from hmi.core.tagstore import TagStore
from hmi.forward.offline_changeover import PlantCheckedJournal
from hmi.production.changeover_glue import attach_variance_monitor
from hmi.production.variance import UNKNOWN
from recipes.changeover import ChangeoverJournal, ChangeoverState
from recipes.changeover.record import VarianceRecord
from recipes.tables import changeover_variances
from tests.plantdb.offline_setup import line_hmi
from tests.plantdb.pg_server import PgCluster
from tests.recipes.helpers import content_for
from tests.recipes.twin_setup import line_config

CONTENT = content_for(line_config(), ("coater",))


def _until(done: object, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_variance_logged_while_the_server_is_away_is_forwarded_after_its_changeover(
        pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    with line_hmi(pg_url, tmp_path, CONTENT) as hmi:
        hmi.cache.refresh(hmi.plant)
        [cached] = hmi.cache.versions()
        v = cached.version
        param = v.parameters[0]
        journal = PlantCheckedJournal(hmi.offline)
        co_id = journal.create(v.recipe_id, v.version, v.content_hash, "LOT-V", False,
                               "olga", [(p.tag, p.setpoint) for p in v.parameters])
        journal.set_state(co_id, ChangeoverState.VERIFIED, "read back")
        store = TagStore({p.tag: 0.1 for p in v.parameters})
        pg_cluster.stop()
        try:
            journal.set_state(co_id, ChangeoverState.RELEASED, "released")
            hmi.offline.wait_sent()
            assert hmi.link.status().pending == 1  # the changeover's unit
            monitor = attach_variance_monitor(store, hmi.cache.db, hmi.local.audit,
                                              refresh_s=0.05,
                                              record=hmi.offline.record_variances)
            try:
                _until(lambda: monitor.active() == {param.station: co_id})
                off = float(param.setpoint) + 100 * float(param.tolerance or 1.0) + 1.0
                now = utc_now()
                store.update([TagValue(param.tag, off, Quality.GOOD, now, now)])
                _until(lambda: hmi.link.status().pending == 2)  # journaled behind its unit
            finally:
                monitor.stop()
            [logged] = ChangeoverJournal(hmi.cache.db.engine).variances(co_id)
            assert (logged.found, logged.by) == (off, UNKNOWN)
        finally:
            pg_cluster.start()
        result = hmi.link.poll()
        assert result is not None and (result.forwarded, result.problem) == (2, "")
        # Once forwarded, the next one goes straight in.
        back = VarianceRecord(co_id, param.tag, param.setpoint, param.setpoint, utc_now(),
                              "olga")
        hmi.offline.record_variances([back])
        assert hmi.link.status().pending == 0
        with hmi.plant.engine.connect() as conn:
            rows = conn.execute(select(changeover_variances)
                                .order_by(changeover_variances.c.id)).all()
        assert [(r.changeover_id, r.tag, r.by_user) for r in rows] == [
            (co_id, param.tag, UNKNOWN), (co_id, param.tag, "olga")]
        assert len(ChangeoverJournal(hmi.cache.db.engine).variances(co_id)) == 2

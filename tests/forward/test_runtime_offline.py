"""The running HMI on a PostgreSQL plant database that the test stops mid-shift: the line
keeps running and recording (setpoint writes, an alarm raised and acknowledged, the OEE
state changes), and after the restart everything is in PostgreSQL exactly once, the audit
chain intact."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hmi.alarms import AlarmState
from hmi.alarms.journal import alarm_journal
from hmi.app import LineRuntime
from hmi.cli import main
from hmi.core.tags import utc_now
from hmi.plantdb.tables import audit_log, forwarded
from hmi.production.oee_store import state_events
from hmi.ui.panel import Panel, build_panel
from hmi.ui.security_gate import SecurityGate
from tests.forward.conftest import OPERATOR
from tests.plantdb.pg_server import PgCluster

TAG = "coater.web_tension_sp_n"
WEB_BREAK = "coater_web_break"


def write(runtime: LineRuntime, value: float) -> None:
    assert runtime.commands is not None
    [outcome] = runtime.io.run(runtime.commands.write("op", [(TAG, value)], reason="test"),
                               timeout=10)
    assert outcome.ok and outcome.read_back == value, outcome


def count(runtime: LineRuntime, query: object) -> int:
    assert runtime.plant_db is not None
    with runtime.plant_db.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())  # type: ignore[call-overload]


@pytest.fixture
def panel(qtbot, pg_line: LineRuntime, tmp_path: Path) -> Iterator[Panel]:  # type: ignore[no-untyped-def]
    """The panel `lineside run` builds, the operator signed in."""
    assert pg_line.security is not None
    gate = SecurityGate(pg_line.security, idle_lock_s=900)
    gate.session.login(OPERATOR[0], OPERATOR[2])
    panel = build_panel(pg_line, tmp_path, gate)
    qtbot.addWidget(panel.window)
    panel.window.show()
    try:
        yield panel
    finally:
        panel.close()


def test_the_plant_database_stops_mid_shift_and_the_line_records_on(
        qtbot, pg_line: LineRuntime, panel: Panel, pg_cluster: PgCluster) -> None:  # type: ignore[no-untyped-def]
    runtime, link = pg_line, pg_line.plant_link
    banner = panel.window.header.plant_banner
    assert link is not None and link.status().online
    assert banner.isHidden()
    assert runtime.alarms is not None and runtime.plant_db is not None
    write(runtime, 63.0)  # online: straight into the plant database
    assert count(runtime, select(func.count()).select_from(forwarded)) == 0
    pg_cluster.stop()
    went: datetime = utc_now()
    try:
        write(runtime, 64.0)  # the operator's action succeeds; its audit entry waits
        status = link.status()
        assert not status.online and status.offline_since is not None
        assert status.pending == 1
        runtime.inject_fault("web_break", "coater")
        qtbot.waitUntil(lambda: runtime.alarms.view(WEB_BREAK).state  # type: ignore[union-attr]
                        is AlarmState.UNACK, timeout=10_000)
        assert runtime.alarms.acknowledge("op", [WEB_BREAK]) == [WEB_BREAK]
        assert runtime.alarms.view(WEB_BREAK).state is AlarmState.ACKED
        waiting = link.status().pending
        assert waiting >= 3  # the write, the raise, the acknowledgement (and maybe more)
        # The header says so, in the operator's local time, counting what waits.
        since = f"{link.status().offline_since.astimezone():%H:%M}"  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: banner.isVisible() and banner.text() == (
            f"Plant database offline since {since} · {link.status().pending} records "
            "waiting"), timeout=3_000)  # (re-read once a second: records keep coming)
        # Screens that read the plant database show what this HMI kept meanwhile.
        [kept] = runtime.security.audit.entries(action="write_setpoint")  # type: ignore[union-attr]
        assert (kept.sent_value, kept.seq, kept.entry_hash) == (64.0, 0, "")
        panel.window.show_screen("alarm_history")
        view = panel.window.alarm_history_screen.journal_view  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: "ack" in view.texts("Event"), timeout=5_000)
        assert view.texts("User")[view.texts("Event").index("ack")] == "op"
        # A restore is recorded on this HMI's copy (hmi.forward.offline_restore): it
        # answers without the server (tests/forward/test_offline_restore.py runs one).
        assert runtime.restore.unfinished() == []  # type: ignore[union-attr]
        qtbot.wait(2500)  # an OEE flush fails meanwhile: its records stay queued
    finally:
        pg_cluster.start()
    back = utc_now()
    qtbot.waitUntil(lambda: link.status().online and link.status().pending == 0,
                    timeout=10_000)
    qtbot.waitUntil(banner.isHidden, timeout=3_000)  # gone once everything is forwarded
    # Exactly once: each journaled unit is in `forwarded` once, the audit entries and the
    # alarm rows once each.
    assert count(runtime, select(func.count()).select_from(forwarded)) >= waiting
    audit = audit_log.c
    sent = [e for e in runtime.security.audit.entries(action="write_setpoint")]  # type: ignore[union-attr]
    assert [float(e.sent_value) for e in sent] == [63.0, 64.0]  # type: ignore[arg-type]
    assert count(runtime, select(func.count()).select_from(audit_log).where(
        audit.action == "alarm_ack", audit.object_id == WEB_BREAK)) == 1
    j = alarm_journal.c
    assert count(runtime, select(func.count()).select_from(alarm_journal).where(
        j.alarm_id == WEB_BREAK, j.event == "ack", j.username == "op")) == 1
    # The OEE state changes of the outage, written once by the flush after it.
    s = state_events.c
    qtbot.waitUntil(lambda: count(runtime, select(func.count()).select_from(state_events)
                                  .where(s.station == "coater", s.at > went.isoformat(),
                                         s.at < back.isoformat())) > 0, timeout=5_000)
    assert count(runtime, select(func.count()).select_from(
        select(s.station, s.at).group_by(s.station, s.at).having(func.count() > 1)
        .subquery())) == 0
    # The plant chain verifies (the technician's check).
    assert main(["db", "check", "--url", runtime.plant_db.url]) == 0
    write(runtime, 62.0)  # and the next record goes straight in again
    assert link.status().pending == 0

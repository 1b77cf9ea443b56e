"""The running HMI (LineRuntime, as `lineside run` builds it) on a PostgreSQL plant
database the test stops: its changeover engine runs on the copy of the Effective
versions, the recipe list comes from the copy, the changeover ends (here: rolled back by
the operator) and is forwarded once the server is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select

from hmi.app import LineRuntime
from hmi.config import DEMO_LINE, load_line_config
from hmi.core.packml import PackMLState
from hmi.core.roles import Action, Role
from hmi.forward.conflicts import resolve_signed
from hmi.plantdb.tables import forwarded
from hmi.security import Meaning
from hmi.sim.plc import Reason
from hmi.ui.changeover_screen import ChangeoverScreen
from hmi.ui.conflict_view import ConflictView
from hmi.ui.panel import build_panel
from hmi.ui.security_gate import SecurityGate
from recipes.changeover import ChangeoverState
from recipes.exchange import import_files
from recipes.tables import changeovers
from tests.plantdb.pg_server import PgCluster
from widgets.theme import metrics

SAMPLE = DEMO_LINE.parent.parent / "recipes" / "nmc811_cathode.json"
PASSWORD = "line side password 1"


@pytest.fixture
def line(pg_url: str, tmp_path: Path) -> Iterator[LineRuntime]:
    config = load_line_config(DEMO_LINE)
    config = config.model_copy(update={"security": config.security.model_copy(
        update={"url": pg_url})})
    runtime = LineRuntime(line_config=config, data_dir=tmp_path, secure=True,
                          link_poll_s=0.3)
    try:
        runtime.start()
        security, store = runtime.security, runtime.recipes
        assert security is not None and store is not None and runtime.plant_db is not None
        admin = security.users.create_first_administrator("ada", "Ada Admin", PASSWORD)
        for name, role in (("otto", Role.OPERATOR), ("quinn", Role.QA),
                           ("ed", Role.PROCESS_ENGINEER)):
            security.users.add_user(admin, name, name.title(), PASSWORD, role, reason="test")
        [draft] = import_files(runtime.plant_db.engine, [SAMPLE], by="ed")
        store.submit(draft.recipe_id, draft.version, "ed")
        approval = security.signatures.sign(
            "quinn", PASSWORD, Meaning.APPROVED, "recipe_version", "NMC811/v1",
            draft.content_hash, "ok", required_action=Action.RECIPE_APPROVE)
        store.approve(draft.recipe_id, draft.version, approval)
        store.make_effective(draft.recipe_id, draft.version, "quinn")

        async def stop() -> None:  # the demo runs; a changeover needs the stations stopped
            assert runtime.twin is not None
            for station in ("coater", "calender"):
                runtime.twin.station(station).plc.force(PackMLState.STOPPED, Reason.NONE)

        runtime.twin_io.run(stop(), timeout=10)
        yield runtime
    finally:
        runtime.stop()


def test_the_running_hmi_changes_over_on_its_copy_while_the_server_is_away(
        line: LineRuntime, pg_cluster: PgCluster) -> None:
    offline, link, store = line.offline, line.plant_link, line.recipes
    assert offline is not None and link is not None and store is not None
    assert line.plant_db is not None
    offline.cache.refresh(line.plant_db)  # the keeper would, within its poll
    pg_cluster.stop()
    try:
        [summary] = store.list_recipes()  # from the copy: the server is away
        version = store.get(summary.header.recipe_id, summary.effective_version)
        engine = line.changeover_engine(version)
        record = line.io.run(engine.start(version, "LOT-R1", "otto"), timeout=60)
        assert record.state is ChangeoverState.VERIFIED, record.failure
        record = line.io.run(engine.roll_back(record.id, "operator stopped it"), timeout=60)
        assert record.state is ChangeoverState.ROLLED_BACK
        offline.changeovers.wait_sent()
        assert link.status().pending >= 1  # kept on this HMI with its rows
    finally:
        pg_cluster.start()
    result = link.poll()  # the link's own poll would do the same within 0.3 s
    assert result is None or result.problem == ""
    with line.plant_db.engine.connect() as conn:
        rows = conn.execute(select(changeovers.c.id, changeovers.c.state)).all()
    assert [(r.id, r.state) for r in rows] == [(record.id, "rolled_back")]


def test_the_panel_offers_the_copy_marked_cached_and_a_conflicts_screen(
        qtbot: QtBot, line: LineRuntime, pg_cluster: PgCluster, tmp_path: Path) -> None:
    assert line.security is not None and line.offline is not None
    assert line.plant_db is not None
    panel = build_panel(line, tmp_path, SecurityGate(line.security, idle_lock_s=900))
    qtbot.addWidget(panel.window)
    try:
        assert isinstance(panel.screens["conflicts"], ConflictView)
        changeover = panel.screens["changeover"]
        assert isinstance(changeover, ChangeoverScreen)
        line.offline.cache.refresh(line.plant_db)
        pg_cluster.stop()
        try:
            changeover.refresh()

            def offered() -> str:
                item = changeover.version_list.item(0)
                return item.text() if item is not None else ""

            qtbot.waitUntil(lambda: "(plant database offline)" in offered(), timeout=15_000)
            assert offered().startswith("NMC811-CATHODE v1")
            assert ": cached at " in offered()
        finally:
            pg_cluster.start()
    finally:
        panel.close()


def test_the_header_counts_the_open_conflicts_and_one_touch_shows_them(
        qtbot: QtBot, line: LineRuntime, tmp_path: Path) -> None:
    """Counted on the plant database (a conflict another HMI's forward found too, which
    this HMI's journal never saw), off the GUI thread; gone once a person resolved it."""
    assert line.security is not None and line.offline is not None
    assert line.plant_db is not None and line.plant_link is not None
    panel = build_panel(line, tmp_path, SecurityGate(line.security, idle_lock_s=900))
    qtbot.addWidget(panel.window)
    try:
        button = panel.window.header.conflicts_button
        assert not button.isVisibleTo(panel.window)
        now = "2026-01-01T00:00:00+00:00"
        with line.plant_db.writing() as conn:
            conn.execute(insert(forwarded).values(
                key="k-other-hmi", hmi="line-2", local_seq=1, local_hash="0" * 64,
                kind="unit", recorded_at=now, forwarded_at=now, audit_seqs="[]",
                conflict="changeover c-9 (lot L-9) ran NMC811-CATHODE v1 offline; "
                         "it was made Obsolete: review the lot"))
        qtbot.waitUntil(lambda: button.isVisibleTo(panel.window), timeout=10_000)
        assert "1" in button.text()
        assert line.plant_link.status().conflicts == 0  # the journal's count misses it
        assert button.height() >= metrics().button_px(button)  # a touch target
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert panel.window.current_screen() == "conflicts"
        resolve_signed(line.plant_db, line.security, "k-other-hmi", "quinn", PASSWORD,
                       "lot L-9 re-tested and released")
        qtbot.waitUntil(lambda: not button.isVisibleTo(panel.window), timeout=10_000)
    finally:
        panel.close()


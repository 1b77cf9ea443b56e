"""The changeover wizard on the twin: an Effective recipe into the PLCs, verified, checked,
signed by two people and released, through the screen's own buttons and dialogs."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from hmi.app import LineRuntime
from hmi.config import DEMO_LINE
from hmi.core.packml import PackMLState
from hmi.core.roles import Action, Role
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.security import Meaning
from hmi.sim.plc import Reason
from hmi.ui.changeover_screen import ChangeoverScreen
from hmi.ui.security_gate import SecurityGate
from recipes.changeover import (
    ChangeoverEngine,
    ChangeoverJournal,
    ChangeoverOptions,
    ChangeoverState,
)
from recipes.exchange import import_files
from tests.recipes.twin_setup import CHECKLIST

SAMPLE = DEMO_LINE.parent.parent / "recipes" / "nmc811_cathode.json"
PASSWORDS = {"otto": "operator-password-1", "lena": "lead-password-01",
             "quinn": "quality-password-1", "ed": "engineer-password-1"}
St = ChangeoverState


@pytest.fixture
def line(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    runtime = LineRuntime(data_dir=tmp_path, secure=True)
    runtime.start()
    try:
        security = runtime.security
        assert security is not None and runtime.plant_db is not None
        admin = security.users.create_first_administrator("ada", "Ada Admin", "admin-password-1")
        for name, role in (("otto", Role.OPERATOR), ("lena", Role.LEAD), ("quinn", Role.QA),
                           ("ed", Role.PROCESS_ENGINEER)):
            security.users.add_user(admin, name, name.title(), PASSWORDS[name], role,
                                    reason="test")
        engine = runtime.plant_db.engine
        store = runtime.recipes
        assert store is not None
        [draft] = import_files(engine, [SAMPLE], by="ed")
        store.submit(draft.recipe_id, draft.version, "ed")
        signature = security.signatures.sign(
            "quinn", PASSWORDS["quinn"], Meaning.APPROVED, "recipe_version", "NMC811/v1",
            draft.content_hash, "ok", required_action=Action.RECIPE_APPROVE)
        store.approve(draft.recipe_id, draft.version, signature)
        store.make_effective(draft.recipe_id, draft.version, "quinn")

        async def stop() -> None:  # the demo runs; a changeover needs the stations stopped
            assert runtime.twin is not None
            for station in ("coater", "calender"):
                runtime.twin.station(station).plc.force(PackMLState.STOPPED, Reason.NONE)

        runtime.twin_io.run(stop(), timeout=10)
        service, config = runtime.service, runtime.config
        assert service is not None and config is not None
        options = ChangeoverOptions(check_poll_s=0.05, auto_check_timeout_s=20.0)

        def engine_for(_version: object) -> ChangeoverEngine:
            return ChangeoverEngine(engine, PlcParameterIO(service), PlcLineStatus(service),
                                    handshakes=handshakes_of(config), checklist=CHECKLIST,
                                    options=options)

        gate = SecurityGate(security, idle_lock_s=900)
        assert runtime.commands is not None
        # The lot holds and the variance monitor LineRuntime wires (hmi.production).
        screen = ChangeoverScreen(store, engine_for, gate, runtime.io, runtime.commands,
                                  ChangeoverJournal(engine), holds=runtime.holds,
                                  variance=runtime.variance)
        qtbot.addWidget(screen)
        screen.resize(1400, 900)
        screen.show()
        try:
            yield runtime, screen
        finally:
            screen.close()
            gate.close()
    finally:
        runtime.stop()


def state(screen: ChangeoverScreen) -> St | None:
    return screen.record.state if screen.record is not None else None


def sign_as(qtbot, screen: ChangeoverScreen, meaning: Meaning, name: str) -> object:  # type: ignore[no-untyped-def]
    dialog = screen.sign(meaning)
    assert dialog is not None
    dialog.user_edit.setText(name)
    dialog.password_edit.setText(PASSWORDS[name])
    dialog.reason_edit.setText(f"{meaning.value} the NMC811 changeover")
    dialog.request_signature()
    return dialog


def test_a_changeover_ends_verified_signed_and_released(qtbot, line) -> None:  # type: ignore[no-untyped-def]
    runtime, screen = line
    screen._gate.session.login("otto", PASSWORDS["otto"])
    qtbot.waitUntil(lambda: screen.version_list.count() == 1, timeout=5000)
    screen.lot_edit.setText("LOT-0001")
    screen.start()
    qtbot.waitUntil(lambda: state(screen) is St.VERIFIED, timeout=20_000)
    assert screen.param_table.rowCount() == 11
    assert {screen.param_table.item(r, 4).text() for r in range(11)} == {"verified"}
    assert runtime.twin.station("coater").sp.get("web_tension_sp_n") == pytest.approx(62.0)

    screen.run_checks()
    qtbot.waitUntil(lambda: screen.record is not None and sum(
        c.status == "passed" for c in screen.record.checks) == 2, timeout=20_000)
    assert state(screen) is St.VERIFIED  # the manual item is still open
    screen.check_list.setCurrentRow(2)
    screen.note_edit.setText("roll AL15-0042 scanned")
    screen.confirm_selected()
    qtbot.waitUntil(lambda: state(screen) is St.CHECKED, timeout=5000)

    sign_as(qtbot, screen, Meaning.PERFORMED, "otto")
    qtbot.waitUntil(lambda: screen.performed is not None, timeout=5000)
    dialog = sign_as(qtbot, screen, Meaning.VERIFIED, "otto")  # the same person again
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=5000)  # type: ignore[attr-defined]
    assert state(screen) is St.CHECKED
    dialog.close()  # type: ignore[attr-defined]
    sign_as(qtbot, screen, Meaning.VERIFIED, "lena")
    qtbot.waitUntil(lambda: state(screen) is St.RELEASED, timeout=5000)
    assert {(s.meaning, s.username) for s in screen.record.signatures} == {
        ("performed", "otto"), ("verified", "lena")}
    assert screen.wizard.current() == 4 and "released" in screen.result_label.text()
    # Every value sent is in the audit trail with who, before, sent and read back.
    downloads = runtime.security.audit.entries(action="recipe_download")
    assert len(downloads) == 11 and {e.username for e in downloads} == {"otto"}
    tension = next(e for e in downloads if e.object_id == "coater.web_tension_sp_n")
    assert float(tension.sent_value) == 62.0 and float(tension.read_back) == 62.0
    assert "LOT-0001" in tension.reason


def test_a_viewer_cannot_start_a_changeover(qtbot, line) -> None:  # type: ignore[no-untyped-def]
    runtime, screen = line
    users = runtime.security.users
    users.add_user(users.get("ada"), "vic", "Vic Viewer", "viewer-password-1", Role.VIEWER,
                   reason="visitor")
    screen._gate.session.login("vic", "viewer-password-1")
    said: list[str] = []
    screen.said.connect(said.append)
    qtbot.waitUntil(lambda: screen.version_list.count() == 1, timeout=5000)
    screen.lot_edit.setText("LOT-0002")
    screen.start()
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert "Viewer" in said[-1] and screen.record is None and screen.engine is None


def test_an_interrupted_changeover_is_offered_first_and_resumes(qtbot, line) -> None:  # type: ignore[no-untyped-def]
    runtime, screen = line
    engine = runtime.plant_db.engine
    version = runtime.recipes.effective("NMC811-CATHODE")
    journal = ChangeoverJournal(engine)
    co_id = journal.create(version.recipe_id, version.version, version.content_hash, "LOT-0003",
                           False, "otto", [(p.tag, p.setpoint) for p in version.parameters])
    with engine.begin() as conn:  # its process died (kill -9, power cut)
        conn.exec_driver_sql("UPDATE changeovers SET owner = ? WHERE id = ?",
                             (f"{socket.gethostname()}:999999", co_id))
    screen._gate.session.login("otto", PASSWORDS["otto"])
    screen.refresh()
    qtbot.waitUntil(lambda: screen.resume_button.isVisibleTo(screen), timeout=5000)
    assert "LOT-0003" in screen.interrupted_label.text()
    screen.recover(resume=True)
    qtbot.waitUntil(lambda: state(screen) is St.VERIFIED, timeout=20_000)
    assert screen.record is not None and screen.record.id == co_id
    assert not screen.resume_button.isVisibleTo(screen)


def test_a_trial_runs_a_draft_under_a_banner_and_marks_the_record(qtbot, line) -> None:  # type: ignore[no-untyped-def]
    runtime, screen = line
    store = runtime.recipes
    effective = store.effective("NMC811-CATHODE")
    draft = store.edit(effective.recipe_id, effective.version, effective.content, "ed")
    assert draft.status.value == "Draft" and draft.version == 2
    screen._gate.session.login("otto", PASSWORDS["otto"])
    qtbot.waitUntil(lambda: screen.version_list.count() == 1, timeout=5000)
    assert "v1" in screen.version_list.item(0).text()  # production: the Effective one only
    screen.trial_button.setChecked(True)
    assert screen.trial_banner.isVisibleTo(screen) and "TRIAL" in screen.trial_banner.text()
    qtbot.waitUntil(lambda: screen.version_list.count() == 1
                    and "v2" in screen.version_list.item(0).text(), timeout=5000)
    screen.lot_edit.setText("TRIAL-0001")
    screen.start()
    qtbot.waitUntil(lambda: state(screen) is St.VERIFIED, timeout=20_000)
    assert screen.record is not None and screen.record.trial and screen.record.version == 2
    assert not screen.trial_button.isEnabled()

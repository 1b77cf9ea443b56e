"""The recipe screen's workflow on a real plant database: import, submit, approve and
release with electronic signatures, each step checked against the signed-in user's role."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hmi.config import DEMO_LINE
from hmi.core.commands import CommandService
from hmi.core.roles import Role
from hmi.plantdb import PlantDb, default_url, open_plant_db
from hmi.security import Hasher, Security, build_security
from hmi.ui.recipe_screen import RecipeScreen
from hmi.ui.security_gate import SecurityGate
from recipes import RecipeStatus, RecipeStore

SAMPLES = DEMO_LINE.parent.parent / "recipes"
PASSWORDS = {"ed": "engineer-password-1", "quinn": "quality-password-1",
             "otto": "operator-password-1"}
USERS = {"ed": ("Ed Engineer", Role.PROCESS_ENGINEER), "quinn": ("Quinn QA", Role.QA),
         "otto": ("Otto Operator", Role.OPERATOR)}


@contextmanager
def recipe_screen_on(qtbot, db: PlantDb, security: Security, folders: list[Path],  # type: ignore[no-untyped-def]
                     users: tuple[str, ...] = ("ed",)) -> Iterator[RecipeScreen]:
    """The recipe screen on this plant database, importing from `folders`, every action
    through a real command service; an administrator "ada" and `users` (of USERS, with
    PASSWORDS) exist, nobody is signed in (screen._gate.session.login). Closed after."""
    admin = security.users.create_first_administrator("ada", "Ada Admin", "admin-password-1")
    for name in users:
        full, role = USERS[name]
        security.users.add_user(admin, name, full, PASSWORDS[name], role, reason="test")
    gate = SecurityGate(security, idle_lock_s=900)
    commands = CommandService(None, security.policy, security.audit)  # type: ignore[arg-type]
    made = RecipeScreen(RecipeStore(db.engine), db.engine, gate, commands, folders)
    qtbot.addWidget(made)
    try:
        yield made
    finally:
        made.close()
        gate.close()


@pytest.fixture
def screen(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    try:
        with recipe_screen_on(qtbot, db, security, [SAMPLES], ("ed", "quinn", "otto")) as made:
            made.resize(1400, 800)
            made.show()
            yield made
    finally:
        db.close()


def sign_in(screen: RecipeScreen, name: str) -> None:
    screen._gate.session.login(name, PASSWORDS[name])


def status(screen: RecipeScreen) -> RecipeStatus | None:
    version = screen.selected()
    return version.status if version is not None else None


def test_import_submit_approve_release_with_signatures(qtbot, screen: RecipeScreen) -> None:
    sign_in(screen, "otto")
    screen.import_recipes()
    qtbot.waitUntil(lambda: "✗" in screen.message.text(), timeout=5000)
    assert "Operator" in screen.message.text()  # an operator may not author recipes

    sign_in(screen, "ed")
    screen.import_recipes()
    qtbot.waitUntil(lambda: status(screen) is RecipeStatus.DRAFT, timeout=5000)
    assert "NMC811-CATHODE v1" in screen.message.text()
    assert screen.table.rowCount() == 11 and screen.submit_button.isEnabled()
    screen.submit()
    qtbot.waitUntil(lambda: status(screen) is RecipeStatus.IN_REVIEW, timeout=5000)

    dialog = screen.approve()  # the author tries to approve their own version
    assert dialog is not None and "Recipe NMC811-CATHODE version 1" in dialog.findChildren(
        type(dialog.meaning_label))[1].text()
    dialog.password_edit.setText(PASSWORDS["ed"])
    dialog.reason_edit.setText("looks right")
    dialog.request_signature()
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=5000)
    assert dialog.isVisible() and status(screen) is RecipeStatus.IN_REVIEW

    dialog.user_edit.setText("quinn")  # QA at the same panel signs
    dialog.password_edit.setText(PASSWORDS["quinn"])
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.request_signature()
    qtbot.waitUntil(lambda: status(screen) is RecipeStatus.APPROVED, timeout=5000)
    assert "approved by Quinn QA" in screen.message.text()

    release = screen.make_effective()
    assert release is not None
    release.user_edit.setText("quinn")
    release.password_edit.setText(PASSWORDS["quinn"])
    release.reason_edit.setText("first production lot")
    with qtbot.waitSignal(release.accepted, timeout=5000):
        release.request_signature()
    qtbot.waitUntil(lambda: status(screen) is RecipeStatus.EFFECTIVE, timeout=5000)

    security = screen._gate.security
    signatures = security.signatures.signatures_for("recipe_version", "NMC811-CATHODE/v1")
    assert [(s.username, s.meaning.value) for s in signatures] == [
        ("quinn", "approved"), ("quinn", "released")]
    assert all(s.record_hash == screen.selected().content_hash for s in signatures)  # type: ignore[union-attr]
    actions = [e.action for e in security.audit.entries()]
    assert "recipe_import" in actions and "recipe_submit" in actions


def test_a_setpoint_change_keeps_the_limits_and_makes_a_new_draft_of_a_fixed_version(
    qtbot, screen: RecipeScreen
) -> None:
    sign_in(screen, "ed")
    screen.import_recipes()
    qtbot.waitUntil(lambda: status(screen) is RecipeStatus.DRAFT, timeout=5000)
    screen.table.setCurrentCell(1, 0)  # coater.web_tension_sp_n, limits 10..150 N
    keypad = screen.edit_setpoint()
    assert keypad is not None
    for key in "500":
        keypad.press(key)
    assert not keypad.can_accept() and "above high limit 150" in keypad.error_text()
    keypad.press("clear")
    for key in "64":
        keypad.press(key)
    keypad.accept()
    qtbot.waitUntil(lambda: "64" in screen.message.text(), timeout=5000)
    qtbot.waitUntil(lambda: screen.selected() is not None
                    and screen.selected().parameters[1].setpoint == 64.0, timeout=5000)
    assert screen.selected().version == 1  # a Draft is edited in place
    screen.submit()
    qtbot.waitUntil(lambda: status(screen) is RecipeStatus.IN_REVIEW, timeout=5000)
    screen.table.setCurrentCell(1, 0)
    keypad = screen.edit_setpoint()
    assert keypad is not None
    for key in "66":
        keypad.press(key)
    keypad.accept()
    qtbot.waitUntil(lambda: screen.selected() is not None
                    and screen.selected().version == 2, timeout=5000)
    assert status(screen) is RecipeStatus.DRAFT  # v1 stays as it was submitted
    assert "setpoint: 64.0 → 66.0" in screen.diff_label.text()


def test_compare_with_the_plcs_and_teach_in_on_the_twin(qtbot, tmp_path: Path) -> None:
    from hmi.app import LineRuntime
    from hmi.plc.parameter_io import PlcParameterIO

    runtime = LineRuntime(data_dir=tmp_path, secure=True)
    runtime.start()
    try:
        security, db = runtime.security, runtime.plant_db
        assert security is not None and db is not None and runtime.service is not None
        admin = security.users.create_first_administrator("ada", "Ada Admin", "admin-password-1")
        security.users.add_user(admin, "ed", "Ed Engineer", PASSWORDS["ed"],
                                Role.PROCESS_ENGINEER, reason="test")
        gate = SecurityGate(security, idle_lock_s=900)
        made = RecipeScreen(RecipeStore(db.engine), db.engine, gate, runtime.commands,  # type: ignore[arg-type]
                            [SAMPLES], plc=(runtime.io, PlcParameterIO(runtime.service)))
        qtbot.addWidget(made)
        made.show()
        try:
            gate.session.login("ed", PASSWORDS["ed"])
            made.import_recipes()
            qtbot.waitUntil(lambda: status(made) is RecipeStatus.DRAFT, timeout=5000)
            result = runtime.io.run(runtime.service.write("coater.web_tension_sp_n", 70.0), 10)
            assert result.ok
            made.compare_with_plc()
            qtbot.waitUntil(lambda: "coater.web_tension_sp_n: recipe 62.0, PLC 70.0"
                            in made.diff_label.text(), timeout=10_000)
            made.teach_in()
            qtbot.waitUntil(lambda: made.selected() is not None
                            and made.selected().version == 2, timeout=10_000)  # type: ignore[union-attr]
            taught = {p.tag: p.setpoint for p in made.selected().parameters}  # type: ignore[union-attr]
            assert taught["coater.web_tension_sp_n"] == 70.0
            assert "taught from the PLCs" in made.message.text()
        finally:
            made.close()
            gate.close()
    finally:
        runtime.stop()

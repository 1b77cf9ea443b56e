"""The changeover's result page on the twin: a released trial shows its lot held and QA
releases it with a signature; a change at the PLC after release shows with who made it."""

from __future__ import annotations

from hmi.production.variance import UNKNOWN
from hmi.security import Meaning
from hmi.ui.changeover_screen import ChangeoverScreen
from recipes.changeover import ChangeoverJournal, ChangeoverState
from tests.ui.test_changeover_screen import PASSWORDS, line, sign_as, state  # noqa: F401

St = ChangeoverState
TENSION = "coater.web_tension_sp_n"


def _release_trial(qtbot, runtime, screen) -> None:  # type: ignore[no-untyped-def]
    store = runtime.recipes
    effective = store.effective("NMC811-CATHODE")
    store.edit(effective.recipe_id, effective.version, effective.content, "ed")  # a Draft v2
    screen._gate.session.login("otto", PASSWORDS["otto"])
    screen.trial_button.setChecked(True)
    qtbot.waitUntil(lambda: screen.version_list.count() == 1
                    and "v2" in screen.version_list.item(0).text(), timeout=5000)
    screen.lot_edit.setText("TRIAL-0007")
    screen.start()
    qtbot.waitUntil(lambda: state(screen) is St.VERIFIED, timeout=20_000)
    screen.run_checks()
    qtbot.waitUntil(lambda: screen.record is not None and sum(
        c.status == "passed" for c in screen.record.checks) == 2, timeout=20_000)
    screen.check_list.setCurrentRow(2)
    screen.note_edit.setText("roll AL15-0042 scanned")
    screen.confirm_selected()
    qtbot.waitUntil(lambda: state(screen) is St.CHECKED, timeout=5000)
    sign_as(qtbot, screen, Meaning.PERFORMED, "otto")
    qtbot.waitUntil(lambda: screen.performed is not None, timeout=5000)
    sign_as(qtbot, screen, Meaning.VERIFIED, "lena")
    qtbot.waitUntil(lambda: state(screen) is St.RELEASED, timeout=5000)


def test_a_released_trial_holds_its_lot_until_qa_signs_its_release(qtbot, line) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    runtime, screen = line
    _release_trial(qtbot, runtime, screen)
    page = screen.result
    assert "TRIAL" in page.result_label.text()
    qtbot.waitUntil(lambda: page.release_lot_button.isVisibleTo(screen), timeout=5000)
    assert "HELD" in page.hold_label.text() and "TRIAL-0007" in page.hold_label.text()
    # A screen opened later (after a restart) offers the active changeover and its hold.
    later = ChangeoverScreen(runtime.recipes, runtime.changeover_engine, screen._gate,
                             runtime.io, runtime.commands,
                             ChangeoverJournal(runtime.plant_db.engine), holds=runtime.holds,
                             variance=runtime.variance)
    qtbot.addWidget(later)
    later.show()
    try:
        qtbot.waitUntil(lambda: later.active_button.isVisibleTo(later), timeout=5000)
        later.active_button.click()
        qtbot.waitUntil(lambda: later.result.release_lot_button.isVisibleTo(later),
                        timeout=5000)
        assert "TRIAL-0007" in later.result.result_label.text()
    finally:
        later.close()
    # An operator cannot release it: the signature needs QA's permission.
    dialog = page.release_lot()
    assert dialog is not None
    dialog.user_edit.setText("otto")
    dialog.password_edit.setText(PASSWORDS["otto"])
    dialog.reason_edit.setText("looks fine to me")
    dialog.request_signature()
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=5000)
    assert "may not recipe_release" in dialog.error_label.text()
    dialog.close()
    assert screen._holds.is_held("TRIAL-0007")
    dialog = page.release_lot()
    assert dialog is not None
    dialog.user_edit.setText("quinn")
    dialog.password_edit.setText(PASSWORDS["quinn"])
    dialog.reason_edit.setText("trial coat weight within spec (QC-0815)")
    dialog.request_signature()
    qtbot.waitUntil(lambda: not screen._holds.is_held("TRIAL-0007"), timeout=5000)
    qtbot.waitUntil(lambda: not page.release_lot_button.isVisibleTo(screen), timeout=5000)
    assert "released by quinn" in page.hold_label.text()
    entry = runtime.security.audit.entries(action="release_lot")[-1]
    assert entry.username == "quinn" and entry.signature_id is not None


def test_a_change_at_the_plc_after_release_shows_with_who(qtbot, line) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    runtime, screen = line
    _release_trial(qtbot, runtime, screen)
    record = screen.record
    downloaded = record.targets[TENSION]

    async def change_as_otto() -> None:
        await runtime.commands.write("otto", [(TENSION, downloaded + 4.0)], reason="try")

    runtime.io.run(change_as_otto(), timeout=10)
    page = screen.result
    qtbot.waitUntil(lambda: page.variance_list.count() == 1, timeout=10_000)
    assert TENSION in page.variance_list.item(0).text()
    assert page.variance_list.item(0).text().endswith("by otto")

    async def change_at_the_plc() -> None:
        runtime.twin.station("coater").write("web_tension_sp_n", downloaded, runtime.twin.line)

    runtime.twin_io.run(change_at_the_plc(), timeout=10)
    qtbot.waitUntil(lambda: page.variance_list.count() == 2, timeout=10_000)
    assert "back at the downloaded" in page.variance_list.item(1).text()
    assert page.variance_list.item(1).text().endswith(f"by {UNKNOWN}")
    assert "2 changes" in page.variance_title.text()

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from widgets.step_wizard import StepState, StepWizard


def make(qtbot) -> StepWizard:  # type: ignore[no-untyped-def]
    wizard = StepWizard("Changeover: coater to NMC811 v4")
    qtbot.addWidget(wizard)
    for name in ("Pre-checks", "Download", "Verify", "Sign"):
        wizard.add_step(name, QLabel(name))
    return wizard


def test_steps_show_state_as_glyph_and_word_and_next_waits_for_completion(qtbot) -> None:
    wizard = make(qtbot)
    assert wizard.count() == 4 and wizard.current() == 0
    assert wizard.step_text(0).startswith("▶") and "(now)" in wizard.step_text(0)
    assert wizard.step_text(1).startswith("○") and "(to do)" in wizard.step_text(1)
    assert not wizard.next_button.isEnabled() and not wizard.back_button.isEnabled()
    wizard.set_state(0, StepState.DONE, "state Idle, no P1 alarm, dew point -48 °C")
    assert wizard.next_button.isEnabled()
    assert "✓" in wizard.step_text(0) and "dew point -48" in wizard.step_text(0)
    with qtbot.waitSignal(wizard.next_requested) as asked:
        wizard.next_button.click()
    assert asked.args == [0]
    wizard.show_step(1)
    assert wizard.pages.currentIndex() == 1 and wizard.back_button.isEnabled()
    wizard.set_state(1, StepState.FAILED, "coater.die_gap_um refused: BadOutOfRange")
    assert wizard.step_text(1).startswith("✗") and "(failed)" in wizard.step_text(1)
    assert not wizard.next_button.isEnabled()


def test_the_last_step_finishes_and_abort_is_always_offered(qtbot) -> None:
    wizard = make(qtbot)
    wizard.show_step(3)
    assert wizard.next_button.text() == "Finish"
    wizard.set_complete(3, True)
    assert wizard.next_button.isEnabled()
    with qtbot.waitSignal(wizard.abort_requested):
        wizard.abort_button.click()

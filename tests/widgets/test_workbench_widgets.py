"""NumberField (typed or on the keypad) and AgeHistogram, the workbench screens' widgets."""

from __future__ import annotations

import pytest

from widgets.age_histogram import AgeHistogram
from widgets.number_field import NumberField


def test_number_field_takes_the_keypad_value_within_its_limits(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = NumberField("start address", 0, 65535, 10)
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.value_changed) as changed:
        field.set_value(20)
    assert changed.args == [20] and field.value() == 20
    field.keypad_button.click()
    keypad = field.keypad
    assert keypad is not None and keypad.isVisible()
    assert keypad.limits_text() == "Limits 0 … 65535"
    for key in "70000":
        keypad.press(key)
    assert not keypad.can_accept() and "above high limit 65535" in keypad.error_text()
    keypad.press("back")
    assert keypad.can_accept()
    keypad.press("ok")
    assert field.value() == 7000 and not keypad.isVisible()


def test_age_histogram_counts_and_paints(qtbot) -> None:  # type: ignore[no-untyped-def]
    bars = AgeHistogram()
    qtbot.addWidget(bars)
    bars.resize(400, 200)
    bars.grab()  # paints the empty state
    bars.set_buckets(["<1 s", "<5 s", "not live"], [5, 0, 2], old_from=2)
    assert bars.counts() == (5, 0, 2)
    image = bars.grab().toImage()
    assert image.width() == 400
    with pytest.raises(ValueError, match="one count per label"):
        bars.set_buckets(["<1 s"], [1, 2], old_from=1)

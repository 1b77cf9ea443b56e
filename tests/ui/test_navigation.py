"""The side bar: top-level screens, groups that open one at a time, the shown screen marked."""

from __future__ import annotations

from hmi.ui.navigation import CLOSED_MARK, OPEN_MARK, NavigationBar, NavItem

ITEMS = [
    NavItem("overview", "Overview"),
    NavItem("coater", "Coater", "Stations"),
    NavItem("winder", "Winder", "Stations"),
    NavItem("recipes", "Recipes", "Production"),
    NavItem("alarms", "Alarms"),
]


def _visible(bar: NavigationBar) -> set[str]:
    return {name for name, button in bar.buttons.items() if not button.isHidden()}


def test_groups_start_closed_and_open_one_at_a_time(qtbot) -> None:
    bar = NavigationBar(ITEMS)
    qtbot.addWidget(bar)
    assert _visible(bar) == {"overview", "alarms"}
    assert bar.group_buttons["Stations"].text() == f"{CLOSED_MARK} Stations"
    bar.group_buttons["Stations"].click()
    assert _visible(bar) == {"overview", "alarms", "coater", "winder"}
    assert bar.group_buttons["Stations"].text() == f"{OPEN_MARK} Stations"
    bar.group_buttons["Production"].click()  # opening one closes the other
    assert _visible(bar) == {"overview", "alarms", "recipes"}
    bar.group_buttons["Production"].click()  # a second touch closes it
    assert bar.open_group is None and _visible(bar) == {"overview", "alarms"}


def test_a_touch_requests_its_screen_and_select_opens_the_group(qtbot) -> None:
    bar = NavigationBar(ITEMS)
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.screen_requested) as blocker:
        bar.buttons["overview"].click()
    assert blocker.args == ["overview"]
    bar.select("winder")  # e.g. reached from an overview tile
    assert bar.open_group == "Stations" and bar.buttons["winder"].isChecked()
    assert not bar.buttons["overview"].isChecked()

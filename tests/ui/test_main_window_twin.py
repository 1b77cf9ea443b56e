"""The whole HMI on the embedded twin, over real OPC UA and Modbus sockets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hmi.core.tags import Quality


def live(window, tag_id: str) -> bool:  # type: ignore[no-untyped-def]
    value = window.latest.get(tag_id)
    return value is not None and value.quality is Quality.GOOD


def test_overview_tiles_follow_the_twin(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    _, window = running_line
    tile = window.overview.tiles["coater"].tiles["coater.web_tension_n"]
    qtbot.waitUntil(lambda: tile.value_text() not in ("—", "BAD"), timeout=10_000)
    first = tile.value_text()
    qtbot.waitUntil(lambda: tile.value_text() != first, timeout=5_000)  # it is live
    assert not tile.is_greyed()
    dew = window.overview.tiles["dry_room"].tiles["dry_room.dew_point_c"]  # over Modbus
    qtbot.waitUntil(lambda: dew.value_text() not in ("—", "BAD"), timeout=10_000)
    assert -60 < float(dew.value_text()) < -20
    assert window.overview.tiles["coater"].state.text().startswith("Execute")


def test_setpoint_from_the_coater_screen_reaches_the_twin(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    runtime, window = running_line
    window.show_screen("coater")
    tag = "coater.web_tension_sp_n"
    qtbot.waitUntil(lambda: live(window, tag), timeout=10_000)
    keypad = window.request_setpoint(tag)
    for key in "70":
        keypad.press(key)
    assert keypad.old_new_text().startswith("62") and "→ 70" in keypad.old_new_text()
    with qtbot.waitSignal(window.bridge.write_finished, timeout=10_000) as done:
        keypad.accept()
    result = done.args[0]
    assert result.ok and result.read_back == 70.0
    assert window.feedback.ok and "read back 70" in window.feedback.text()
    assert runtime.twin.station("coater").read("web_tension_sp_n") == 70.0
    screen_tile = window.stations["coater"].faceplates[0].tiles["sp"]
    qtbot.waitUntil(lambda: screen_tile.value_text() == "70.0", timeout=5_000)
    # The audit trail says who, what, old, sent and what the PLC read back.
    entry = runtime.security.audit.entries(action="write_setpoint")[-1]
    assert (entry.username, entry.object_id) == ("op", tag)
    assert float(entry.sent_value) == 70.0 and float(entry.read_back) == 70.0
    assert entry.old_value is not None and float(entry.old_value) != 70.0


def test_a_locked_panel_and_a_viewer_write_nothing(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    from hmi.core.roles import Role

    runtime, window = running_line
    tag = "coater.web_tension_sp_n"
    qtbot.waitUntil(lambda: live(window, tag), timeout=10_000)
    before = runtime.twin.station("coater").read("web_tension_sp_n")
    window.gate.session.logout()
    with qtbot.waitSignal(window.bridge.write_finished, timeout=5_000):
        window.request_write(tag, 66.0)
    assert window.feedback.ok is False and "Not written" in window.feedback.text()
    assert "log in" in window.feedback.text()
    users = runtime.security.users
    users.add_user(users.get("admin"), "vic", "Vic Viewer", "viewer-password-1", Role.VIEWER,
                   reason="a visitor")
    window.gate.session.login("vic", "viewer-password-1")
    with qtbot.waitSignal(window.bridge.write_finished, timeout=5_000) as done:
        window.request_write(tag, 66.0)
    assert "Viewer" in str(done.args[0]) and "Not written" in window.feedback.text()
    assert runtime.twin.station("coater").read("web_tension_sp_n") == before
    refused = runtime.security.audit.entries(username="vic")[-1]
    assert "refused" in refused.action or "denied" in (refused.reason + refused.action)


def test_keypad_refuses_out_of_limit_and_the_plc_refuses_too(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    _, window = running_line
    tag = "coater.web_tension_sp_n"
    qtbot.waitUntil(lambda: live(window, tag), timeout=10_000)
    keypad = window.request_setpoint(tag)
    for key in "500":
        keypad.press(key)
    assert not keypad.can_accept() and "above high limit 150" in keypad.error_text()
    keypad.reject()
    # A write that bypasses the keypad meets the PLC's own range check, and says so.
    with qtbot.waitSignal(window.bridge.write_finished, timeout=10_000) as done:
        window.request_write(tag, 500.0)
    assert not done.args[0].ok
    assert window.feedback.ok is False and "BadOutOfRange" in window.feedback.text()


def test_window_survives_a_plc_restart(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    runtime, window = running_line
    tag = "coater.web_tension_n"
    qtbot.waitUntil(lambda: live(window, tag), timeout=10_000)
    runtime.inject_fault("plc_restart", duration_s=3.0)
    tile = window.overview.tiles["coater"].tiles[tag]
    qtbot.waitUntil(
        lambda: window.header.lost_banner.isVisible() or tile.is_greyed(), timeout=5_000
    )
    # STALE may come first (values stop before the link is declared lost); then COMM_LOST.
    qtbot.waitUntil(lambda: window.latest[tag].quality is Quality.COMM_LOST, timeout=5_000)
    assert tile.is_greyed() and "lost" in tile.caption_text().lower()
    # Back by itself, values live again, and the UI kept painting all along.
    qtbot.waitUntil(lambda: live(window, tag) and not tile.is_greyed(), timeout=15_000)
    qtbot.waitUntil(lambda: not window.header.lost_banner.isVisible(), timeout=5_000)


def test_double_click_opens_the_values_trend(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    _, window = running_line
    tile = window.overview.tiles["coater"].tiles["coater.web_tension_n"]
    qtbot.waitUntil(lambda: live(window, "coater.web_tension_n"), timeout=10_000)
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.trend_dialogs) == 1, timeout=2_000)
    dialog = window.trend_dialogs[0]
    pen = dialog.plot.pen("coater.web_tension_n")
    qtbot.waitUntil(lambda: len(pen.ring) >= 5, timeout=5_000)  # live samples keep coming
    _, values = pen.ring.view()
    assert 40 < values[-1] < 90
    dialog.close()
    qtbot.waitUntil(lambda: not window.trend_dialogs, timeout=2_000)


def test_the_touch_layout_fits_a_1024_by_600_panel(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    from hmi.ui.main_window import MainWindow
    from widgets.theme import TouchMetrics, metrics, set_metrics

    runtime, window = running_line
    before = metrics()
    set_metrics(TouchMetrics.touch())
    try:
        touch = MainWindow(runtime.config, window.bridge)
        qtbot.addWidget(touch)
    finally:
        set_metrics(before)
    hint = touch.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600, hint
    touch.resize(1024, 600)
    touch.show()
    qtbot.waitExposed(touch)
    header = touch.header
    assert header.alarm_banner.width() >= 100  # the banner keeps room beside the PLC lamps
    assert all(lamp.width() > 0 for lamp in header.lamps.values())
    touch.close()


def test_night_theme_from_the_header_and_back(qtbot, running_line) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from widgets.theme import DAY, NIGHT, palette

    _, window = running_line
    app = QApplication.instance()
    before = app.styleSheet()
    try:
        window.header.theme_button.click()
        assert palette() is NIGHT and NIGHT.window in app.styleSheet()
        window.header.theme_button.click()
        assert palette() is DAY and DAY.window in app.styleSheet()
    finally:
        app.setStyleSheet(before)


def test_every_screen_of_the_panel_is_in_the_side_bar(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import alarm_panel

    with alarm_panel(qtbot, tmp_path) as (_, panel):
        window = panel.window
        assert set(window.nav.buttons) == set(window.screens)
        assert {"diagnostics", "opcua", "modbus", "config_editor", "io_checkout", "alarms",
                "restore", "oee", "spc", "lineage"} <= set(window.screens)
        for name in ("coater", "recipes", "diagnostics"):
            window.show_screen(name)
            assert window.nav.buttons[name].isChecked()
            assert not window.nav.buttons[name].isHidden()  # its group opened
        window.header.show_reasons_needed(2)  # what the OEE screen says of waiting stops
        assert window.header.reason_button.text() == "2 stops need a reason"
        window.header.reason_button.click()
        assert window.current_screen() == "oee"
        window.header.show_reasons_needed(0)
        assert window.header.reason_button.isHidden()

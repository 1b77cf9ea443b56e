"""Connection diagnostics on the whole line: the demo line on the twin over loopback, the
PLC service, a plant database with users, and write-to-echo through the command service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hmi.app import LineRuntime
from hmi.core.roles import Role
from hmi.ui.diagnostics_screen import DiagnosticsScreen

from .workbench_shots import grab

OPERATOR = ("op", "Otto Operator", "operator-password-1")
MAINTAINER = ("max", "Max Maintenance", "maintenance-password-1")


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LineRuntime]:
    runtime = LineRuntime(data_dir=tmp_path_factory.mktemp("diagnostics"), secure=True)
    runtime.start()
    try:
        users = runtime.security.users  # type: ignore[union-attr]
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        users.add_user(admin, *MAINTAINER, Role.MAINTENANCE, reason="test line")
        assert runtime.io.run(runtime.service.wait_connected(20), timeout=25)  # type: ignore[union-attr]
        yield runtime
    finally:
        runtime.stop()


def _screen(qtbot, runtime: LineRuntime, user: str) -> DiagnosticsScreen:  # type: ignore[no-untyped-def]
    assert runtime.config and runtime.store and runtime.service
    screen = DiagnosticsScreen(runtime.config, runtime.store, runtime.service, runtime.io,
                               security=runtime.security, acting_user=lambda: user,
                               client_host="test-panel")
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_read_round_trip_and_values_per_second(qtbot, runtime: LineRuntime) -> None:  # type: ignore[no-untyped-def]
    screen = _screen(qtbot, runtime, OPERATOR[0])
    try:
        screen.select("opcua_electrode")
        screen.measure_read()
        qtbot.waitUntil(lambda: "opcua_electrode" in screen.read_stats, timeout=10000)
        stats = screen.read_stats["opcua_electrode"]
        assert stats.count == 20 and stats.failures == 0
        assert stats.p50_ms is not None and 0 < stats.p50_ms < 500
        assert "read round trip p50" in screen.status.text()
        row = 0
        qtbot.waitUntil(lambda: screen.table.item(row, 7).text() not in ("", "0"), timeout=5000)
        assert float(screen.table.item(row, 7).text()) > 0  # the twin's values keep coming
        assert screen.table.item(row, 3).text().endswith(" ms")  # the supervisor's keep-alive
        assert sum(screen.histogram.counts()) > 0
    finally:
        screen.close()


def test_write_to_echo_is_audited_and_refused_without_the_right(qtbot,  # type: ignore[no-untyped-def]
                                                                runtime: LineRuntime,
                                                                tmp_path: Path) -> None:
    screen = _screen(qtbot, runtime, OPERATOR[0])
    try:
        screen.select("opcua_electrode")
        index = screen.setpoint_combo.findData("coater.web_tension_sp_n")
        assert index >= 0
        screen.setpoint_combo.setCurrentIndex(index)
        (before,) = runtime.io.run(runtime.service.read(["coater.web_tension_sp_n"]))  # type: ignore[union-attr]
        screen.measure_echo()
        qtbot.waitUntil(lambda: "opcua_electrode" in screen.echo_runs, timeout=15000)
        run = screen.echo_runs["opcua_electrode"]
        assert run.stats.count == 4 and run.restored and run.original == before.value
        assert run.stats.max_ms is not None and 0 < run.stats.max_ms < 1000
        assert "write-to-echo p50" in screen.status.text()
        entries = runtime.security.audit.entries(username=OPERATOR[0])  # type: ignore[union-attr]
        echo = [e for e in entries if "write-to-echo" in e.reason]
        assert len(echo) == 4 and all(e.read_back == e.sent_value for e in echo)
        assert echo[-1].sent_value == before.value and echo[-1].client_host == "test-panel"
        grab(screen, tmp_path, "diagnostics_screen")
    finally:
        screen.close()
    screen = _screen(qtbot, runtime, MAINTAINER[0])
    try:
        screen.select("opcua_electrode")
        screen.setpoint_combo.setCurrentIndex(index)
        screen.measure_echo()
        qtbot.waitUntil(lambda: screen.status.abnormal, timeout=10000)
        assert "may not write_setpoint" in screen.status.text()
    finally:
        screen.close()


def test_a_plc_restart_shows_as_a_reconnect_with_its_cause(qtbot, runtime: LineRuntime,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    screen = _screen(qtbot, runtime, OPERATOR[0])
    try:
        screen.select("modbus_dryroom")
        before = runtime.service.health()["modbus_dryroom"].reconnects  # type: ignore[union-attr]
        runtime.inject_fault("plc_restart", duration_s=1.0)
        row = 2  # modbus_dryroom, the third connection of the demo line
        assert screen.table.item(row, 0).text() == "modbus_dryroom"
        qtbot.waitUntil(lambda: screen.table.item(row, 2).text() == "✗ lost", timeout=10000)
        qtbot.waitUntil(lambda: screen.table.item(row, 6).text() == str(before + 1),
                        timeout=15000)
        assert screen.table.item(row, 2).text() == "connected"
        causes = [screen.losses.item(i).text() for i in range(screen.losses.count())]
        assert causes and "no loss" not in causes[0], causes
        assert f"Reconnects of modbus_dryroom: {before + 1}" in screen.losses_title.text()
        grab(screen, tmp_path, "diagnostics_screen_reconnect")
    finally:
        screen.close()


def test_with_the_plc_process_as_the_gui_runs_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The GUI's drivers live in a PLC process: reads cross the pipe, and the echo arrives
    # in the mirror store on the link's reader thread, not on the IoThread.
    runtime = LineRuntime(data_dir=tmp_path, secure=True, plc_process=True)
    runtime.start()
    try:
        users = runtime.security.users  # type: ignore[union-attr]
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        assert runtime.io.run(runtime.service.wait_connected(20), timeout=25)  # type: ignore[union-attr]
        screen = _screen(qtbot, runtime, OPERATOR[0])
        try:
            screen.select("modbus_welder")
            screen.measure_read()
            qtbot.waitUntil(lambda: "modbus_welder" in screen.read_stats, timeout=10000)
            assert screen.read_stats["modbus_welder"].count == 20
            screen.setpoint_combo.setCurrentIndex(
                screen.setpoint_combo.findData("tab_welder.laser_power_sp_w"))
            screen.measure_echo()
            qtbot.waitUntil(lambda: "modbus_welder" in screen.echo_runs, timeout=15000)
            run = screen.echo_runs["modbus_welder"]
            assert run.stats.count == 4 and run.restored, run
        finally:
            screen.close()
    finally:
        runtime.stop()

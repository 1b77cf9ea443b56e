"""The Modbus scanner against the line twin's real Modbus TCP server on loopback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.iothread import IoThread
from hmi.sim.twin import LineTwin
from hmi.ui.modbus_screen import REGISTER_COLUMNS, ModbusScreen

from .workbench_shots import grab

COLUMN = {title: index for index, (title, *_rest) in enumerate(REGISTER_COLUMNS)}


@pytest.fixture
def screen(qtbot, twin: LineTwin, tmp_path: Path) -> Iterator[ModbusScreen]:  # type: ignore[no-untyped-def]
    config = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, config)
    with IoThread() as io:
        widget = ModbusScreen(io, config, port=twin.modbus_port)
        qtbot.addWidget(widget)
        widget.show()
        try:
            yield widget
        finally:
            widget.close()


def _scan(qtbot, screen: ModbusScreen, unit: int, start: int, count: int,  # type: ignore[no-untyped-def]
          table: str = "holding") -> None:
    screen.unit_field.set_value(unit)
    screen.start_field.set_value(start)
    screen.count_field.set_value(count)
    screen.table_combo.setCurrentIndex(screen.table_combo.findData(table))
    before = screen.bus_log.blockCount()
    screen.scan()
    qtbot.waitUntil(lambda: screen.scan_button.isEnabled() and screen.bus_log.blockCount()
                    > before, timeout=5000)


def test_both_word_orders_decode_the_twins_floats(qtbot, screen: ModbusScreen,  # type: ignore[no-untyped-def]
                                                  twin: LineTwin, tmp_path: Path) -> None:
    # Dry room (unit 1) holds floats high word first; the laser welder (unit 2) low first.
    _scan(qtbot, screen, unit=1, start=10, count=2)
    dew_sp = twin.tags.read("dry_room.dew_point_sp_c")
    assert screen.model.cell_text(0, COLUMN["float32 ABCD"]) == f"{dew_sp:.7g}"
    assert screen.model.cell_text(0, COLUMN["float32 CDAB"]) != f"{dew_sp:.7g}"
    log = screen.bus_log.toPlainText()
    assert "→ FC3 read holding 10..11 (2) unit 1" in log and "← 2 registers" in log
    _scan(qtbot, screen, unit=2, start=10, count=4)
    power_sp = twin.tags.read("tab_welder.laser_power_sp_w")
    assert screen.model.cell_text(0, COLUMN["float32 CDAB"]) == f"{power_sp:.7g}"
    assert screen.model.cell_text(0, COLUMN["float32 ABCD"]) != f"{power_sp:.7g}"
    _scan(qtbot, screen, unit=1, start=10, count=12, table="input")
    screen.pick(0, COLUMN["float32 ABCD"])
    grab(screen, tmp_path, "modbus_screen")


def test_unmapped_registers_and_exceptions_show_in_the_log(qtbot, screen: ModbusScreen  # type: ignore[no-untyped-def]
                                                           ) -> None:
    _scan(qtbot, screen, unit=1, start=8, count=6)
    texts = [screen.model.cell_text(r, 0) + " " + screen.model.cell_text(r, 2)
             for r in range(screen.model.rowCount())]
    assert any(t.endswith(" --") for t in texts), texts  # holes read around, shown as --
    assert "ILLEGAL DATA ADDRESS" in screen.bus_log.toPlainText()
    assert "unmapped (--)" in screen.status.text()
    screen.port_field.set_value(1)  # nothing listens there
    _scan(qtbot, screen, unit=1, start=0, count=2)
    assert screen.status.abnormal and "cannot connect to Modbus TCP 127.0.0.1:1" in \
        screen.status.text()


def test_add_to_config_writes_a_checked_entry_or_refuses(qtbot, screen: ModbusScreen,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    config = tmp_path / "line.toml"
    _scan(qtbot, screen, unit=1, start=10, count=4)
    screen.pick(0, COLUMN["float32 ABCD"])
    assert "holding 10 of unit 1 as float32 ABCD" in screen.add_panel.picked.text()
    panel = screen.add_panel
    assert panel.connection_combo.currentData() == "modbus_dryroom"  # the scanned device
    before = config.read_bytes()
    panel.tag_field.setText("nowhere.dew_copy_c")  # no such station: the checker says so
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.status.abnormal, timeout=5000)
    assert "station 'nowhere' is not in [[stations]]" in panel.status.text()
    assert f"not added, {config} is unchanged" in panel.status.text()
    assert config.read_bytes() == before
    panel.tag_field.setText("dry_room.dew_point_sp_copy_c")
    panel.add_button.click()
    qtbot.waitUntil(lambda: "added to" in panel.status.text(), timeout=5000)
    tag = load_line_config(config).tag("dry_room.dew_point_sp_copy_c")
    assert tag.modbus is not None and tag.connection is None  # the station's own connection
    assert (tag.modbus.table, tag.modbus.address, tag.modbus.type, tag.modbus.word_order) == (
        "holding", 10, "float32", "big")
    panel.add_button.click()  # the same id again: a duplicate the checker refuses
    qtbot.waitUntil(lambda: panel.status.abnormal, timeout=5000)
    assert "dry_room.dew_point_sp_copy_c" in panel.status.text()
    assert load_line_config(config).tag("dry_room.dew_point_sp_copy_c")


def test_only_workbench_roles_may_scan(qtbot, twin: LineTwin, security) -> None:  # type: ignore[no-untyped-def]
    from hmi.core.roles import Role
    from hmi.ui.security_gate import SecurityGate

    users = security.users
    admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
    users.add_user(admin, "op", "Otto Operator", "operator-password-1", Role.OPERATOR,
                   reason="test")
    users.add_user(admin, "pe", "Petra Engineer", "engineer-password-1",
                   Role.PROCESS_ENGINEER, reason="test")
    gate = SecurityGate(security, idle_lock_s=900)
    try:
        with IoThread() as io:
            screen = ModbusScreen(io, gate=gate, port=twin.modbus_port)
            qtbot.addWidget(screen)
            try:
                screen.scan()
                assert screen.status.abnormal
                assert "Scan: sign in as a Process Engineer or Maintenance user" in \
                    screen.status.text()
                gate.session.login("op", "operator-password-1")
                screen.scan()
                assert "op (Operator" in screen.status.text()
                assert "is not a Process Engineer or Maintenance user" in screen.status.text()
                gate.session.login("pe", "engineer-password-1")
                _scan(qtbot, screen, unit=1, start=10, count=2)
                assert not screen.status.abnormal and screen.model.rowCount() == 2
            finally:
                screen.close()
    finally:
        gate.close()

"""AddToConfigPanel reads its file only when shown (on its worker), never at build: the
big line's start built two of them, each loading and checking all 20,000 tags."""

from __future__ import annotations

import shutil
from pathlib import Path

from hmi.commission.config_snippet import TagEntry
from hmi.config import DEMO_LINE, load_line_config
from hmi.ui.add_to_config import AddToConfigPanel

HOLDING_10 = TagEntry("", "float", modbus_table="holding", modbus_address=10,
                      modbus_type="float32", word_order="big")


def test_the_panel_builds_without_its_file_and_adds_once_shown(qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
                                                               ) -> None:
    config = tmp_path / "line.toml"  # not there while the panel is built
    panel = AddToConfigPanel(config, "modbus")
    qtbot.addWidget(panel)
    try:
        assert panel.connection_combo.count() == 0 and not panel.status.isVisible()
        shutil.copy(DEMO_LINE, config)  # there by the time the workbench opens the panel
        panel.set_pick("holding 10", HOLDING_10)
        panel.prefer_connection(lambda conn: conn.id == "modbus_dryroom")  # before the read
        panel.show()
        qtbot.waitUntil(lambda: panel.connection_combo.count() > 0, timeout=5000)
        assert panel.connection_combo.currentData() == "modbus_dryroom"  # applied once read
        panel.tag_field.setText("dry_room.dew_point_sp_copy_c")
        panel.add_button.click()
        qtbot.waitUntil(lambda: "added to" in panel.status.text(), timeout=5000)
        tag = load_line_config(config).tag("dry_room.dew_point_sp_copy_c")
        assert tag.modbus is not None and tag.connection is None  # the station's own
    finally:
        panel.close()


def test_a_pick_right_after_the_show_waits_for_the_read(qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
                                                        ) -> None:
    config = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, config)
    panel = AddToConfigPanel(config, "modbus")
    qtbot.addWidget(panel)
    try:
        panel.show()  # the read starts on the worker
        panel.prefer_connection(lambda conn: conn.id == "modbus_dryroom")  # no event loop yet
        assert panel.connection_combo.currentData() == "modbus_dryroom"
        qtbot.wait(50)  # the worker's own answer arrives later and changes nothing
        assert panel.connection_combo.currentData() == "modbus_dryroom"
    finally:
        panel.close()


def test_a_file_missing_when_shown_is_said_with_what_to_do(qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
                                                           ) -> None:
    config = tmp_path / "gone.toml"
    panel = AddToConfigPanel(config, "opcua")
    qtbot.addWidget(panel)
    try:
        panel.show()
        qtbot.waitUntil(lambda: panel.status.abnormal, timeout=5000)
        assert "no such file" in panel.status.text()
        assert f"lineside config check {config}" in panel.status.text()
    finally:
        panel.close()

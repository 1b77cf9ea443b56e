"""The I/O checkout screen on the running demo line (embedded twin over loopback, real plant
database, a maintenance technician signed in through a real SecurityGate): a test write
through the command service, points signed in the signature dialog, progress, reports."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from hmi.app import LineRuntime
from hmi.commission.io_checkout import IoCheckoutStore
from hmi.config import DEMO_LINE, load_line_config
from hmi.config.security import PermissionRule, SecurityConfig
from hmi.core.roles import Action, Role
from hmi.ui.io_checkout_screen import IoCheckoutScreen
from hmi.ui.security_gate import SecurityGate
from widgets.theme import TouchMetrics, app_stylesheet, metrics, set_metrics

TECH = ("max", "Max Maintenance", "maintenance-password-1")
OPERATOR = ("op", "Otto Operator", "operator-password-1")
RULES = SecurityConfig(permissions=(PermissionRule(
    role=Role.MAINTENANCE, actions=(Action.VIEW, Action.WRITE_SETPOINT, Action.COMMAND,
                                    Action.ACK_ALARM, Action.BYPASS, Action.RESTORE)),))


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LineRuntime]:
    config = load_line_config(DEMO_LINE).model_copy(update={"security": RULES})
    runtime = LineRuntime(line_config=config, data_dir=tmp_path_factory.mktemp("checkout"),
                          secure=True)
    runtime.start()
    try:
        users = runtime.security.users  # type: ignore[union-attr]
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *TECH, Role.MAINTENANCE, reason="commissioning")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        assert runtime.io.run(runtime.service.wait_connected(20), timeout=25)  # type: ignore[union-attr]
        yield runtime
    finally:
        runtime.stop()


def _screen(qtbot, runtime: LineRuntime, who: tuple[str, str, str], folder: Path):  # type: ignore[no-untyped-def]
    gate = SecurityGate(runtime.security, idle_lock_s=900)  # type: ignore[arg-type]
    gate.session.login(who[0], who[2])
    assert runtime.plant_db and runtime.security and runtime.config and runtime.store
    screen = IoCheckoutScreen(
        runtime.config, runtime.store,
        IoCheckoutStore(runtime.plant_db, runtime.security.signatures), runtime.io,
        runtime.commands, gate=gate, export_dir=folder, client_host="test-panel")
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    return screen, gate


def _sign(qtbot, screen: IoCheckoutScreen, passed: bool) -> str:  # type: ignore[no-untyped-def]
    dialog = screen.sign_point(passed)
    assert dialog is not None
    dialog.password_edit.setText(TECH[2])
    dialog.request_signature()
    qtbot.waitUntil(lambda: not dialog.isVisible() or bool(dialog.error_label.text()),
                    timeout=15_000)
    error = dialog.error_label.text()
    dialog.close()
    return error


def test_write_sign_progress_and_reports(qtbot, runtime: LineRuntime, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen, gate = _screen(qtbot, runtime, TECH, tmp_path)
    try:
        screen.select_station("dry_room")
        screen.start()
        qtbot.waitUntil(lambda: len(screen.points) == 16, timeout=10_000)
        qtbot.waitUntil(lambda: screen.table.item(0, 2).text() not in ("", "no value yet"),
                        timeout=10_000)
        # A write point: written through the command service and read back.
        screen.select_point("dry_room.room_temp_sp_c")
        assert screen.write_button.isEnabled() and screen.test_value.text() == "24"
        screen.test_value.setText("23.5")
        screen.write_point()
        qtbot.waitUntil(lambda: any(p.tag_id == "dry_room.room_temp_sp_c" and p.write_ok
                                    for p in screen.points), timeout=15_000)
        (entry,) = [e for e in runtime.security.audit.entries()  # type: ignore[union-attr]
                    if e.action == "write_setpoint" and e.object_id == "dry_room.room_temp_sp_c"]
        assert entry.username == TECH[0] and entry.read_back == pytest.approx(23.5)
        assert entry.sent_value == pytest.approx(23.5) and entry.client_host == "test-panel"
        screen.select_point("dry_room.room_temp_sp_c")
        assert _sign(qtbot, screen, True) == ""
        qtbot.waitUntil(lambda: screen.progress.get("dry_room") is not None
                        and screen.progress["dry_room"].checked == 1, timeout=10_000)
        # A read-only point failed: refused without a note, signed with one.
        screen.select_point("dry_room.dew_point_c")
        assert not screen.write_button.isEnabled()
        screen.note.setText("")
        assert "needs a note" in _sign(qtbot, screen, False)
        screen.note.setText("transmitter reads 2 K high against the reference")
        assert _sign(qtbot, screen, False) == ""
        qtbot.waitUntil(lambda: screen.progress["dry_room"].checked == 2, timeout=10_000)
        assert "2/16 checked, 1 pass, 1 fail" in screen.progress_label.text()
        assert screen.station_combo.currentText() == "dry_room  (2/16)"
        row = [p.tag_id for p in screen.points].index("dry_room.dew_point_c")
        assert screen.table.item(row, 3).text() == "✗ FAIL"
        # Reports: every point, the two signatures.
        screen.export("csv")
        qtbot.waitUntil(lambda: "report written" in screen.status.text(), timeout=10_000)
        (out_csv,) = tmp_path.glob("io_checkout_dry_room_*.csv")
        with out_csv.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == 16
        signed = [r for r in rows if r["signature"]]
        assert [r["tag"] for r in signed] == ["dry_room.dew_point_c", "dry_room.room_temp_sp_c"] \
            or sorted(r["tag"] for r in signed) == ["dry_room.dew_point_c",
                                                    "dry_room.room_temp_sp_c"]
        assert all("checked by Max Maintenance" in r["signature"] for r in signed)
        screen.export("pdf")
        qtbot.waitUntil(lambda: len(list(tmp_path.glob("*.pdf"))) == 1, timeout=10_000)
        pdf = next(tmp_path.glob("*.pdf")).read_bytes()
        assert all(r["tag"].encode() in pdf for r in rows)
        screen.finish()
        qtbot.waitUntil(lambda: "14 point(s) not checked" in screen.status.text(),
                        timeout=10_000)
    finally:
        screen.close()
        gate.close()


def test_an_operator_is_turned_away(qtbot, runtime: LineRuntime, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen, gate = _screen(qtbot, runtime, OPERATOR, tmp_path)
    try:
        screen.start()
        assert screen.status.abnormal
        assert "is not a Process Engineer or Maintenance user" in screen.status.text()
    finally:
        screen.close()
        gate.close()


def _grab(widget: QWidget, size: tuple[int, int], name: str, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(app_stylesheet())
    try:
        widget.resize(*size)
        app.processEvents()
        image = widget.grab()
    finally:
        app.setStyleSheet(before)
    assert image.save(str(tmp_path / f"{name}.png"))
    if shots := os.environ.get("LINESIDE_SHOTS"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(shots) / f"{name}.png"))
    assert (image.width(), image.height()) == size


def test_screenshots_laptop_and_touch_panel(qtbot, runtime: LineRuntime, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    previous = metrics()
    for metric, size, name in ((TouchMetrics.laptop(), (1280, 800), "io_checkout_1280x800"),
                               (TouchMetrics.touch(), (1024, 600), "io_checkout_1024x600")):
        set_metrics(metric)
        try:
            screen, gate = _screen(qtbot, runtime, TECH, tmp_path)
        finally:
            set_metrics(previous)
        try:
            screen.select_station("tab_welder")
            screen.start()
            qtbot.waitUntil(lambda s=screen: len(s.points) == 15, timeout=10_000)
            hint = screen.minimumSizeHint()
            assert hint.width() <= size[0] and hint.height() <= size[1], hint
            _grab(screen, size, name, tmp_path)
        finally:
            screen.close()
            gate.close()

"""The line config editor on the running demo line (embedded twin over loopback, real plant
database, users signed in through a real SecurityGate): the checker's problems at their
lines, draft save, backup, apply of only the difference, audited as the signed-in user."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from hmi.app import LineRuntime
from hmi.config import DEMO_LINE, ConfigError, load_line_config
from hmi.core.roles import Role
from hmi.plc.service import PlcService
from hmi.ui.config_editor_screen import ConfigEditorScreen
from hmi.ui.security_gate import SecurityGate
from widgets.theme import TouchMetrics, app_stylesheet, metrics, set_metrics

ENGINEER = ("eng", "Erin Engineer", "engineer-password-1")
OPERATOR = ("op", "Otto Operator", "operator-password-1")
TENSION = 'id = "coater.web_tension_n"\ndescription = "Web tension (unwind span)"\n'


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LineRuntime]:
    runtime = LineRuntime(data_dir=tmp_path_factory.mktemp("config-editor"), secure=True)
    runtime.start()
    try:
        users = runtime.security.users  # type: ignore[union-attr]
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *ENGINEER, Role.PROCESS_ENGINEER, reason="test line")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        assert runtime.io.run(runtime.service.wait_connected(20), timeout=25)  # type: ignore[union-attr]
        yield runtime
    finally:
        runtime.stop()


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, path)
    return path


@pytest.fixture
def screen(qtbot, runtime: LineRuntime, config_file: Path) -> Iterator[ConfigEditorScreen]:  # type: ignore[no-untyped-def]
    gate = SecurityGate(runtime.security, idle_lock_s=900)  # type: ignore[arg-type]
    gate.session.login(ENGINEER[0], ENGINEER[2])
    editor = ConfigEditorScreen(config_file, runtime, gate=gate, client_host="test-panel")
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    qtbot.waitUntil(lambda: editor.last_check is not None, timeout=10_000)
    try:
        yield editor
    finally:
        editor.close()
        gate.close()


def _edit(qtbot, screen: ConfigEditorScreen, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    text = screen.editor.toPlainText()
    assert old in text, old
    before = screen.last_check
    screen.editor.setPlainText(text.replace(old, new, 1))
    qtbot.waitUntil(lambda: screen.last_check is not before
                    and not screen._debounce.isActive(), timeout=10_000)


def test_refuses_what_the_checker_refuses_at_the_same_line(qtbot, screen, config_file) -> None:  # type: ignore[no-untyped-def]
    assert screen.last_check.ok and screen.problems.count() == 0
    original = config_file.read_text(encoding="utf-8")
    _edit(qtbot, screen, "rate_ms = 200", "rate_ms = 2")
    broken = original.replace("rate_ms = 200", "rate_ms = 2", 1)
    probe = config_file.with_name("probe.toml")
    probe.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_line_config(probe)
    expected = [str(i).replace(str(probe), str(config_file)) for i in refused.value.issues]
    shown = [screen.problems.item(i).text().removeprefix("✗ ")
             for i in range(screen.problems.count())]
    assert shown == expected and len(expected) == 1
    line = refused.value.issues[0].line
    assert line is not None and screen.editor.markers().keys() == {line}
    assert "rate_ms" in screen.editor.marker_text(line)
    screen.editor.go_to_line(1)
    screen.problems.itemClicked.emit(screen.problems.item(0))
    assert screen.editor.current_line() == line
    screen.apply()
    assert screen.status.abnormal and "the checker refuses this config" in screen.status.text()
    assert str(line) in screen.status.text()
    screen.save()
    draft = config_file.with_name("line.draft.toml")
    qtbot.waitUntil(lambda: "saved as draft" in screen.status.text(), timeout=10_000)
    assert draft.read_text(encoding="utf-8") == broken
    assert config_file.read_text(encoding="utf-8") == original  # never over the file


def test_save_keeps_a_backup_and_clears_the_draft(qtbot, screen, config_file) -> None:  # type: ignore[no-untyped-def]
    original = config_file.read_text(encoding="utf-8")
    config_file.with_name("line.draft.toml").write_text("stale draft", encoding="utf-8")
    _edit(qtbot, screen, TENSION, TENSION.replace("(unwind span)", "unwind"))
    assert screen.last_check.ok
    screen.save()
    qtbot.waitUntil(lambda: "saved line.toml" in screen.status.text(), timeout=10_000)
    (backup,) = config_file.parent.glob("line.*.bak.toml")
    assert backup.read_text(encoding="utf-8") == original
    assert "unwind\"" in config_file.read_text(encoding="utf-8")
    assert not config_file.with_name("line.draft.toml").exists()
    assert backup.name in screen.status.text()


def _links(service: PlcService) -> dict[str, tuple[object, object, int]]:
    return {cid: (s, s.driver, s.health().reconnects)
            for cid, s in service._supervisors.items()}


def test_apply_restarts_only_the_changed_connection_and_is_audited(  # type: ignore[no-untyped-def]
        qtbot, screen, runtime, config_file) -> None:
    service = runtime.service
    assert isinstance(service, PlcService)
    before = _links(service)
    _edit(qtbot, screen, TENSION, TENSION + "rate_ms = 250\n")
    assert screen.diff is not None and screen.diff.restart == ("opcua_electrode",)
    changes = [screen.changes.item(i).text() for i in range(screen.changes.count())]
    assert changes[0] == "tag coater.web_tension_n changed: rate_ms"
    assert "restarts opcua_electrode" in screen.scope.text()
    assert "modbus_dryroom" in screen.scope.text()  # kept running, said before applying
    try:
        screen.apply()
        qtbot.waitUntil(lambda: "applied" in screen.status.text()
                        or screen.status.abnormal, timeout=30_000)
        assert not screen.status.abnormal, screen.status.text()
        after = _links(service)
        for cid in ("opcua_cell", "modbus_dryroom", "modbus_welder"):
            assert after[cid] == before[cid], f"{cid} was restarted"
        assert after["opcua_electrode"][0] is not before["opcua_electrode"][0]
        (entry,) = [e for e in runtime.security.audit.entries() if e.action == "apply_config"]
        assert entry.username == "eng" and entry.full_name == "Erin Engineer"
        assert entry.sent_value == "1 tag changed; restarts: opcua_electrode"
        assert entry.field == str(config_file)
        qtbot.waitUntil(lambda: screen.diff is not None and screen.diff.empty, timeout=10_000)
    finally:
        from hmi.reconfigure import apply_config, plan
        demo = load_line_config(DEMO_LINE)
        if not plan(runtime, demo).empty:
            apply_config(runtime, demo, username="test")


def test_an_operator_may_not_apply(qtbot, runtime, config_file) -> None:  # type: ignore[no-untyped-def]
    gate = SecurityGate(runtime.security, idle_lock_s=900)
    gate.session.login(OPERATOR[0], OPERATOR[2])
    editor = ConfigEditorScreen(config_file, runtime, gate=gate)
    qtbot.addWidget(editor)
    try:
        qtbot.waitUntil(lambda: editor.last_check is not None, timeout=10_000)
        editor.apply()
        assert editor.status.abnormal
        assert "is not a Process Engineer or Maintenance user" in editor.status.text()
    finally:
        editor.close()
        gate.close()


def _grab(widget: QWidget, size: tuple[int, int], name: str, tmp_path: Path) -> Path:
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
    path = tmp_path / f"{name}.png"
    assert image.save(str(path))
    if shots := os.environ.get("LINESIDE_SHOTS"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(shots) / f"{name}.png"))
    assert (image.width(), image.height()) == size
    return path


def test_screenshots_laptop_and_touch_panel(qtbot, runtime, config_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    previous = metrics()
    for metric, size, name in ((TouchMetrics.laptop(), (1280, 800), "config_editor_1280x800"),
                               (TouchMetrics.touch(), (1024, 600), "config_editor_1024x600")):
        set_metrics(metric)
        try:
            editor = ConfigEditorScreen(config_file, runtime)
        finally:
            set_metrics(previous)
        qtbot.addWidget(editor)
        editor.show()
        try:
            qtbot.waitUntil(lambda e=editor: e.last_check is not None, timeout=10_000)
            text = editor.editor.toPlainText().replace("rate_ms = 200", "rate_ms = 2", 1)
            editor.editor.setPlainText(text)
            editor.check_now()
            qtbot.waitUntil(lambda e=editor: e.problems.count() == 1, timeout=10_000)
            editor.editor.go_to_line(int(next(iter(editor.editor.markers()))))
            hint = editor.minimumSizeHint()
            assert hint.width() <= size[0] and hint.height() <= size[1], hint
            _grab(editor, size, name, tmp_path)
        finally:
            editor.close()

"""Fixtures for the HMI: a config-only window model, and a whole line on the twin."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hmi.config import DEMO_LINE, LineConfig, load_line_config
from hmi.core.iothread import IoThread
from hmi.core.tags import Quality, Scalar, TagValue, utc_now
from hmi.sim.twin import LineTwin
from tests.fits import language_switch

# The audit and users screens test on what the security tests use: a real plant database,
# Security with light argon2 parameters, and a clock the test moves.
from tests.security.conftest import clock, db, security  # noqa: F401  (pytest fixtures)


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp) -> None:  # type: ignore[no-untyped-def]
    """The screens in English as the app shows them: with English's plural forms ("2 stops",
    not "2 stop(s)"), installed for every test, not only after a MainWindow was built."""
    from hmi.ui.i18n import translations

    translations(qapp).install_default()


@pytest.fixture
def speak(qapp) -> Iterator[Callable[[str], None]]:  # type: ignore[no-untyped-def]
    """speak(code): the app's language; English again after the test."""
    with language_switch(qapp) as to:
        yield to


@pytest.fixture
def switch(qapp) -> Iterator[Callable[[str], None]]:  # type: ignore[no-untyped-def]
    """switch(code): the app's language as the header's picker installs it, with the
    LanguageChange events Qt posts to every widget delivered; English again afterwards."""
    with language_switch(qapp, QApplication.sendPostedEvents) as to:
        yield to


@pytest.fixture(scope="session")
def demo_config() -> LineConfig:
    return load_line_config(DEMO_LINE)


def tv(
    tag_id: str,
    value: Scalar,
    quality: Quality = Quality.GOOD,
    age_s: float = 0.0,
    status: str = "Good",
) -> TagValue:
    now = utc_now()
    return TagValue(tag_id, value, quality, now - timedelta(seconds=age_s), now, status)


OPERATOR = ("op", "Otto Operator", "operator-password-1")


@contextmanager
def secure_panel(qtbot, tmp_path: Path, sign_in: tuple[str, str, str] | None = OPERATOR):  # type: ignore[no-untyped-def]
    """The demo line on the embedded twin with a plant database, and the main window with
    its sign-in gate and every write through the command service, for real. With
    `sign_in`: an administrator and that operator exist, and the operator is signed in;
    without: nobody exists yet (a first start). Yields (runtime, window)."""
    from hmi.app import LineRuntime
    from hmi.core.roles import Role
    from hmi.ui.bridge import PlcBridge
    from hmi.ui.main_window import MainWindow
    from hmi.ui.security_gate import SecurityGate

    runtime = LineRuntime(data_dir=tmp_path, secure=True)
    try:
        runtime.start()  # inside: a start that times out still stops what it started
        users = runtime.security.users  # type: ignore[union-attr]
        if sign_in is not None:
            admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
            users.add_user(admin, *sign_in, Role.OPERATOR, reason="test line")
        gate = SecurityGate(runtime.security, idle_lock_s=900)  # type: ignore[arg-type]
        if sign_in is not None:
            gate.session.login(sign_in[0], sign_in[2])
        bridge = PlcBridge(runtime.store, runtime.service, runtime.io,  # type: ignore[arg-type]
                           commands=runtime.commands, acting_user=gate.acting_user)
        window = MainWindow(runtime.config, bridge, gate=gate)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        window.show()
        try:
            yield runtime, window
        finally:
            bridge.close()
            window.close()
            gate.close()
    finally:
        runtime.stop()


@contextmanager
def main_window_on(qtbot, config: LineConfig, bridge):  # type: ignore[no-untyped-def]
    """The main window on this bridge at 1280 x 800, shown offscreen; closed after, and the
    bridge closed even when the window could not be built."""
    from hmi.ui.main_window import MainWindow

    try:
        window = MainWindow(config, bridge)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        yield window
        window.close()
    finally:
        bridge.close()


@pytest.fixture
def running_line(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """The whole HMI on the twin with an operator signed in (see secure_panel)."""
    with secure_panel(qtbot, tmp_path) as line:
        yield line


@contextmanager
def alarm_panel(qtbot, tmp_path: Path, role: str = "Operator", time_scale: float = 1.0):  # type: ignore[no-untyped-def]
    """The panel `lineside run` builds (hmi.ui.panel: alarm engine, alarm and restore
    screens) on the demo twin (`time_scale` times faster than the wall) with a real plant
    database, a user of `role` signed in as "op". Yields (runtime, panel)."""
    from hmi.app import LineRuntime
    from hmi.core.roles import Role
    from hmi.ui.panel import build_panel
    from hmi.ui.security_gate import SecurityGate

    runtime = LineRuntime(data_dir=tmp_path, secure=True, time_scale=time_scale)
    try:
        runtime.start()  # inside: a start that times out still stops what it started
        users = runtime.security.users  # type: ignore[union-attr]
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *OPERATOR, Role(role), reason="test line")
        gate = SecurityGate(runtime.security, idle_lock_s=900)  # type: ignore[arg-type]
        gate.session.login(OPERATOR[0], OPERATOR[2])
        panel = build_panel(runtime, tmp_path, gate)
        qtbot.addWidget(panel.window)
        panel.window.resize(1600, 1000)
        panel.window.show()
        try:
            yield runtime, panel
        finally:
            panel.close()
    finally:
        runtime.stop()


def coater_running_as_the_hmi_sees_it(qtbot, runtime):  # type: ignore[no-untyped-def]
    """The twin's coater forced to Execute, waited for until the HMI's own value says so
    (a changeover's pre-check reads the HMI's value, not the twin's)."""
    from hmi.core.packml import PackMLState
    from hmi.sim.plc import Reason

    async def run_coater() -> None:
        runtime.twin.station("coater").plc.force(PackMLState.EXECUTE, Reason.NONE)

    runtime.twin_io.run(run_coater(), timeout=10)

    def hmi_sees_execute() -> None:
        value = runtime.store.get("coater.state")
        assert value is not None and value.value == PackMLState.EXECUTE

    qtbot.waitUntil(hmi_sees_execute, timeout=10_000)


def estop_restore_at_its_second_step(qtbot, runtime, panel):  # type: ignore[no-untyped-def]
    """An E-stop on the coater, its restore opened from the alarm and started, the first
    step (the coater stopped) done: returns the restore screen at "resolve_cause"."""
    window = panel.window
    alarms, screen = window.alarm_screen, window.restore_screen
    runtime.inject_fault("estop", "coater")
    qtbot.waitUntil(lambda: any(v.id == "coater_estop" for v in alarms.views()),
                    timeout=5_000)
    window.show_screen("alarms")
    alarms.select("coater_estop")
    alarms.restore_button.click()
    with qtbot.waitSignal(screen.said, timeout=10_000):
        screen.start_button.click()
    qtbot.waitUntil(lambda: screen.run is not None, timeout=5_000)
    for _ in range(20):  # the first step checks the coater stopped: done when it holds
        if screen.run.step_index == 1:
            break
        screen.do_button.click()
        qtbot.waitUntil(lambda: not screen.performing, timeout=30_000)
    assert screen.run.step.id == "resolve_cause"
    return screen


@pytest.fixture(scope="module")
def twin() -> Iterator[LineTwin]:
    """The demo line's twin without security, one per test module (workbench screens)."""
    with IoThread("twin") as io:
        twin = LineTwin(load_line_config(DEMO_LINE), secure=False)
        io.run(twin.start(), timeout=30)
        try:
            yield twin
        finally:
            io.run(twin.stop(), timeout=30)

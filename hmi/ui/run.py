"""Start the HMI: Qt application, the runtime (twin and PLC service), the main window.

`--screenshot PATH --quit-after S` runs headless smoke checks: after S seconds it saves a
PNG of the window and exits 0, or non-zero if anything failed on the way (an exception, a
Qt warning, a PLC connection that never came up).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QInputDevice
from PySide6.QtWidgets import QApplication

from hmi.app import LineRuntime
from hmi.config import ConfigError
from hmi.core.logs import log_to_file
from hmi.core.paths import data_dir
from hmi.core.tags import TagValue
from hmi.diag.sampler import StackSampler
from hmi.plantdb import PlantDbError
from hmi.sim.faults import FaultError
from hmi.ui.bridge import PlcBridge
from hmi.ui.gc_policy import GuiThreadCollector
from hmi.ui.i18n import LanguageError, save_language, saved_language, translations
from hmi.ui.main_window import MainWindow
from hmi.ui.panel import build_panel
from widgets.theme import TouchMetrics, apply_theme, set_metrics

log = logging.getLogger(__name__)

# The UI thread shares the GIL with the IoThread, whose protocol decoding runs in long pure
# Python stretches; a shorter switch interval lets a paint get the GIL back sooner.
# tests/bench/ui.py on a loaded 2-core machine: frame p99 30-46 ms at 1 ms against 42-48 ms
# at Python's default 5 ms; a small gain, near the noise, at no measurable cost.
UI_SWITCH_INTERVAL_S = 0.001

# Said by platform plugins about what they cannot do (offscreen, some X servers); harmless.
QT_PLATFORM_NOISE = ("does not support propagateSizeHints",)


class FailureWatch:
    """Counts what must fail a smoke run: Python exceptions in Qt slots and Qt warnings."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self._previous_hook = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self._on_exception
        qInstallMessageHandler(self._on_qt_message)

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        qInstallMessageHandler(None)

    def _on_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        self.failures.append(f"{kind.__name__}: {error}")
        # The operator gets one line; the log keeps the traceback for the engineer.
        log.error("unexpected error: %s\n%s", error, "".join(traceback.format_tb(tb)))
        print(f"lineside: unexpected error: {kind.__name__}: {error}", file=sys.stderr)

    def _on_qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if any(noise in message for noise in QT_PLATFORM_NOISE):
            return
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.failures.append(f"Qt: {message}")
            print(f"lineside: Qt: {message}", file=sys.stderr)


def run_gui(args: argparse.Namespace) -> int:
    log_path = log_to_file(data_dir(args.data_dir), verbose=getattr(args, "verbose", False))
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    log.info("Lineside HMI starting; log file %s", log_path)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    set_metrics(TouchMetrics.touch() if wants_touch(args) else TouchMetrics.laptop())
    apply_theme(getattr(args, "theme", "day"), app)
    folder = data_dir(args.data_dir)
    # --lang for this run; else the language last chosen at this panel; else English.
    language = getattr(args, "lang", None) or saved_language(folder) or "en"
    try:
        translations(app).switch(language)
    except LanguageError as exc:
        print(f"lineside run: {exc}", file=sys.stderr)
        return 2
    runtime = LineRuntime(
        config_path=Path(args.config) if args.config else None,
        embedded_twin=args.config is None or args.twin,
        faults=tuple(args.fault),
        plc_process=True,  # decoding never competes with painting for the GIL
        data_dir=data_dir(args.data_dir),
        history=True,
        secure=True,
    )
    # Before runtime.start() starts the worker threads: from here on only the GUI thread
    # collects cyclic garbage, so no worker frees a Qt wrapper (issue 11, hmi/ui/gc_policy).
    collector = GuiThreadCollector(app)
    collector.install()
    sampler = _start_sampler()
    watch = FailureWatch()
    watch.install()
    try:
        try:
            runtime.start(wait_for_plc=False)  # the PLC process spawns while the panel builds
        except ConfigError as exc:
            print("\n".join(str(issue) for issue in exc.issues), file=sys.stderr)
            return 2
        except FaultError as exc:
            print(f"lineside run: --fault: {exc}", file=sys.stderr)
            return 2
        except PlantDbError as exc:
            print(f"lineside run: plant database: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"lineside run: cannot start: {exc}", file=sys.stderr)
            return 1
        panel = build_panel(runtime, data_dir(args.data_dir))
        try:
            try:
                runtime.wait_for_plc()  # before the first frame, as before: nothing changes
            except OSError as exc:  # (StartTimeout, a spawn that failed)
                print(f"lineside run: cannot start: {exc}", file=sys.stderr)
                return 1
            window, bridge = panel.window, panel.bridge
            app.installEventFilter(panel.gate)  # any touch or key keeps the panel awake
            window.language_chosen.connect(
                lambda code: switch_language(app, window, folder, code))
            if args.screen:
                try:
                    window.show_screen(args.screen)
                except KeyError as exc:
                    print(f"lineside run: {exc.args[0]}", file=sys.stderr)
                    return 2
            _show(window, args.kiosk)
            _freeze_startup_objects()
            log.info("panel shown")  # tests/bench/startup.py times the start by this line
            if args.quit_after is not None:
                _announce_first_live_frame(bridge, window)
            result = {"code": 0}
            if args.quit_after is not None:
                shot = Path(args.screenshot) if args.screenshot else None
                QTimer.singleShot(
                    int(args.quit_after * 1000),
                    lambda: _finish(app, window, shot, watch, result),
                )
            code = app.exec()
            return code or result["code"]
        finally:
            panel.close()  # on every way out, before the runtime it listens to stops
    finally:
        runtime.stop()
        watch.uninstall()
        collector.uninstall()  # after the workers stopped: the normal collector is safe
        if sampler is not None:
            sampler.stop()


def _start_sampler() -> StackSampler | None:
    """LINESIDE_SAMPLE=FILE: sample every thread's stack every 10 ms, report to FILE at
    exit (a developer's tool: where the UI process's time goes, hmi/diag/sampler.py)."""
    out = os.environ.get("LINESIDE_SAMPLE")
    if not out:
        return None
    sampler = StackSampler(Path(out))
    sampler.start()
    return sampler


def switch_language(app: QApplication, window: MainWindow, folder: Path, code: str) -> bool:
    """The picker's choice: every screen retranslates now, and this panel remembers it.
    A failure is said in the feedback strip (the language stays as it was)."""
    try:
        translations(app).switch(code)
    except LanguageError as exc:
        window.feedback.show_note(f"✗ {exc}")
        return False
    try:
        save_language(folder, code)
    except OSError as exc:
        window.feedback.show_note(f"✗ {exc}")
    return True


def _freeze_startup_objects() -> None:
    """Move everything built at start-up (modules, widgets, configs: hundreds of thousands
    of objects that live as long as the app) out of the collector's reach. A full
    collection otherwise walks them all: tests/bench/ui.py measured gen-2 pauses of 246 and
    708 ms (a frozen start: 2.5 ms at most). The collection runs here, on the GUI thread,
    like every other one while the app runs (GuiThreadCollector): Qt objects must die on
    their own thread."""
    gc.collect()
    gc.freeze()


def _announce_first_live_frame(bridge: PlcBridge, window: MainWindow) -> None:
    """Say on stderr when the first live value has been painted: the installer's smoke test
    times start-up to this line from outside the process (interpreter and imports included)."""

    def on_tags(batch: dict[str, TagValue]) -> None:
        if not any(value.quality.is_live for value in batch.values()):
            return
        bridge.tags_updated.disconnect(on_tags)
        window.repaint()  # paint now, so the line below follows a frame that shows the value
        print("lineside run: first live frame painted", file=sys.stderr, flush=True)

    bridge.tags_updated.connect(on_tags)


def wants_touch(args: argparse.Namespace) -> bool:
    """Touch sizes on a kiosk or a machine with a touchscreen, unless told otherwise."""
    if args.touch or args.laptop:
        return bool(args.touch)
    touchscreen = any(
        device.type() == QInputDevice.DeviceType.TouchScreen for device in QInputDevice.devices()
    )
    return bool(args.kiosk) or touchscreen


def _show(window: MainWindow, kiosk: bool) -> None:
    if kiosk:
        # A line-side panel: nothing to drag, close or minimise by accident.
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
        return
    window.resize(1920, 1080)
    window.show()


def _finish(
    app: QApplication,
    window: MainWindow,
    screenshot: Path | None,
    watch: FailureWatch,
    result: dict[str, int],
) -> None:
    try:
        if screenshot is not None:
            try:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                saved = window.grab().save(str(screenshot))
            except OSError as exc:
                saved, why = False, f": {exc}"
            else:
                why = ""
            if not saved:
                watch.failures.append(f"could not save the screenshot to {screenshot}{why}")
        health = window.health()
        never = [cid for cid, h in health.items() if h.state != "connected"]
        if not health:
            never = ["(no connection health reported)"]
        if never:
            watch.failures.append(f"PLC connection not up: {', '.join(never)}")
        for failure in watch.failures:
            print(f"lineside run: {failure}", file=sys.stderr)
        result["code"] = 1 if watch.failures else 0
    finally:
        app.quit()  # a smoke run ends, whatever happened

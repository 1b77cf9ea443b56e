"""Worker: answers come back on the GUI thread, and an answer arriving after the Worker is
gone (a screen closed while the PLC was still answering) is dropped, not emitted on a
deleted QObject (that was a segfault in the diagnostics screen's tests)."""

from __future__ import annotations

import asyncio
import threading

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from hmi.core.iothread import IoThread
from hmi.ui.worker import Worker


def test_an_answer_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    worker = Worker("test")
    got: list[tuple[object, bool]] = []

    def done(result: object) -> None:
        got.append((result, threading.current_thread() is threading.main_thread()))

    worker.run(lambda: 42, done)
    qtbot.waitUntil(lambda: bool(got))
    assert got == [(42, True)]
    worker.close()
    worker.deleteLater()


def test_an_answer_after_the_worker_is_deleted_is_dropped(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    parent = QObject()
    worker = Worker("test", parent)
    release = threading.Event()
    answered: list[object] = []

    async def slow_plc() -> str:
        await asyncio.get_running_loop().run_in_executor(None, release.wait, 5)
        return "late"

    with IoThread("worker-test") as io:
        worker.await_on(io, slow_plc(), answered.append)
        worker.close()
        with qtbot.waitSignal(worker.destroyed, timeout=2000):
            parent.deleteLater()  # the screen goes, and its Worker with it
        release.set()  # the PLC answers now
        qtbot.wait(300)
    assert answered == []
    assert not [r for r in caplog.records if r.levelname == "ERROR"], caplog.text


def test_a_call_after_close_is_dropped_not_an_error(qtbot: QtBot) -> None:
    """A closed screen still gets LanguageChange (a switch re-says it and reloads): its
    worker is shut, and a submit there raised "cannot schedule new futures after shutdown"
    out of Qt's event filter."""
    worker = Worker("test")
    worker.close()
    answered: list[object] = []
    worker.run(lambda: 42, answered.append)

    async def plc() -> str:
        return "never"

    with IoThread("worker-test") as io:
        worker.await_on(io, plc(), answered.append)
        qtbot.wait(100)
    assert answered == []
    worker.deleteLater()

"""Test-wide rules: offscreen Qt, free loopback ports, and nothing left running.

The leak check imitates pymodbus's test setup: a test that leaves a thread or a visible
top-level window behind fails, because in a long-running HMI those leaks are the bugs.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from hmi.core.net import free_tcp_port

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def free_port() -> int:
    return free_tcp_port()


def _threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive()}


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = _threads()
    yield
    deadline = time.monotonic() + 5.0
    leaked: set[threading.Thread] = set()
    while time.monotonic() < deadline:
        # Executor workers and Qt-owned dummies come and go on their own; judge real threads.
        leaked = {
            t
            for t in _threads() - before
            if not isinstance(t, threading._DummyThread)  # type: ignore[attr-defined]
            and not t.name.startswith(("ThreadPoolExecutor", "asyncio_"))
        }
        if not leaked:
            break
        time.sleep(0.05)
    assert not leaked, f"test left threads running: {sorted(t.name for t in leaked)}"


@pytest.fixture(autouse=True)
def no_leaked_windows() -> Iterator[None]:
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for window in windows:
        window.close()
    assert not windows, f"test left windows open: {[type(w).__name__ for w in windows]}"

"""Test-wide rules: offscreen Qt, free loopback ports, and nothing left running.

The leak check imitates pymodbus's test setup: a test that leaves a thread or a visible
top-level window behind fails, because in a long-running HMI those leaks are the bugs.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import os
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator

import pytest

from hmi.core.net import free_tcp_port

# The private PostgreSQL server (session per worker) and the plant_db_url parametrisation.
from tests.plantdb.pg_fixtures import pg_cluster, pg_url, plant_db_url  # noqa: F401

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def free_port() -> int:
    return free_tcp_port()


def _threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive()}


@pytest.fixture(autouse=True)
def qt_garbage_collected_on_the_main_thread() -> Iterator[None]:
    """A test's cyclic garbage (Qt wrappers among it) is collected here, on the GUI thread.
    Left for later, Python's collector runs on whichever thread allocates next: an IoThread
    of the next test freeing a QWidget is a segfault (a CI run died so, in asyncua's
    decoder, while the main thread built a window)."""
    yield
    if "PySide6.QtCore" in sys.modules:
        gc.collect()


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
def no_leaked_processes() -> Iterator[None]:
    """A PLC process (or any child) left running outlives the HMI that started it."""
    yield
    import multiprocessing

    children = multiprocessing.active_children()  # also reaps the ones that ended
    assert not children, f"test left processes running: {[p.name for p in children]}"


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


@pytest.fixture
async def no_leaked_tasks() -> AsyncIterator[None]:
    """Runs in the test's own loop, so it sees what the test left before pytest-asyncio
    cancels it quietly: a task nobody awaits or cancels is a leak in a long-running HMI."""
    before = asyncio.all_tasks()
    yield
    deadline = asyncio.get_running_loop().time() + 2.0
    leaked: set[asyncio.Task[object]] = set()
    while asyncio.get_running_loop().time() < deadline:
        leaked = {t for t in asyncio.all_tasks() - before if t is not asyncio.current_task()}
        if not leaked:
            break
        await asyncio.sleep(0.02)
    names = sorted(f"{t.get_name()} ({t.get_coro().__qualname__})" for t in leaked)
    assert not leaked, f"test left asyncio tasks running: {names}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and inspect.iscoroutinefunction(function):
            # First in, last out: it judges after every other fixture has cleaned up.
            item.fixturenames.insert(0, "no_leaked_tasks")  # type: ignore[attr-defined]


"""Worker: one background thread for a screen's blocking calls (database, argon2), whose
answers come back on the GUI thread.

`run(call, done)`: `call()` runs on the worker; `done(result)` runs on the GUI thread with
what it returned, or with the exception it raised (a refusal to say on the screen in one
line, never a traceback). One thread: calls stay in order and SQLite sees one writer.
`await_on(io, coro, done)`: the same for PLC work, run on the IoThread.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from hmi.core.iothread import IoThread
from hmi.ui.user_text_qt import show


class _Gate:
    """Open while the Worker's C++ object lives. An answer arriving on another thread (the
    IoThread, long after a screen closed) must not emit on a deleted QObject: that is a
    segfault, not an exception. The lock makes "still alive? then post" one step against
    the GUI thread's deletion (`destroyed` shuts the gate before the object goes)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = True

    def shut(self, *_: object) -> None:
        with self.lock:
            self.open = False


class Worker(QObject):
    _returned = Signal(object, object)  # (done, result or exception): queued to the GUI

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gate = _Gate()
        self.destroyed.connect(self._gate.shut)
        # "ThreadPoolExecutor" first: the test-wide thread-leak check knows these come and go.
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"ThreadPoolExecutor-{name}"
        )
        self._returned.connect(self._on_returned)
        self.closed = False

    def run(self, call: Callable[[], object], done: Callable[[object], None]) -> None:
        if self.closed:  # a closed screen re-said after a language switch: nothing to show
            return

        def work() -> None:
            try:
                result = call()
            except Exception as exc:
                result = exc
            self._answer(done, result)

        self._executor.submit(work)

    def await_on(self, io: IoThread, coro: Coroutine[Any, Any, object],
                 done: Callable[[object], None]) -> None:
        """Run a coroutine on the IoThread (PLC work); `done` gets its result or exception
        on the GUI thread, like `run`."""
        if self.closed:
            coro.close()  # never awaited: closed here so Python does not warn of it
            return
        future = io.submit(coro)

        def finished(fut: concurrent.futures.Future[object]) -> None:
            error = fut.exception()
            self._answer(done, error if error is not None else fut.result())

        future.add_done_callback(finished)

    def close(self) -> None:
        """Waits for a call under way; its answer is still delivered if the loop runs.
        Later calls are dropped: the screen is gone from the operator's view."""
        self.closed = True
        self._executor.shutdown(wait=True)

    def _answer(self, done: Callable[[object], None], result: object) -> None:
        gate = self._gate  # read before the emit: the wrapper may be all that is left
        with gate.lock:
            if gate.open:
                self._returned.emit(done, result)

    def _on_returned(self, done: Callable[[object], None], result: object) -> None:
        done(result)


class ScreenRunner:
    """The executor that runs a screen's blocking calls (audit, users): the one given, or a
    single worker thread the screen owns. Once closed, nothing more is submitted and the
    screen drops answers still arriving (`closed`); an owned thread ends, waiting for a call
    under way and cancelling the queued ones."""

    def __init__(self, name: str, runner: concurrent.futures.Executor | None = None) -> None:
        self._owned = runner is None
        # "ThreadPoolExecutor" first: the test-wide thread-leak check knows these come and go.
        self._executor = runner or concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"ThreadPoolExecutor-{name}"
        )
        self.closed = False

    def submit(self, call: Callable[..., object], *args: object) -> None:
        if not self.closed:
            self._executor.submit(call, *args)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if self._owned:
                self._executor.shutdown(wait=True, cancel_futures=True)


class WorkerScreen(QWidget):
    """A screen whose blocking calls run on its own Worker (ended with the screen) and whose
    outcome, done or refused, is said in one line (the recipe and changeover screens)."""

    said = Signal(str)  # one line for the feedback strip: what was done or refused

    def __init__(self, worker_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = Worker(worker_name, self)

    def _run(self, call: Callable[[], object], done: Callable[[object], None]) -> None:
        self._worker.run(call, done)

    def _await(self, io: IoThread, coro: Coroutine[Any, Any, object],
               done: Callable[[object], None]) -> None:
        self._worker.await_on(io, coro, done)

    def _refused(self, result: object) -> bool:
        """Says a refusal (the worker hands back the exception) and tells the caller to stop."""
        if isinstance(result, Exception):
            self._say(f"✗ {show(result)}")  # in the operator's language
            return True
        return False

    def _say(self, text: str) -> None:
        self.said.emit(text)

    def close(self) -> bool:  # Qt slot override: the worker ends with the screen
        self._worker.close()
        return super().close()

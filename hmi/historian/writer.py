"""The Historian: a bounded queue in front of one writer thread that owns the database.

Threads: `record` (and the TagStore callback `attach` installs) runs on whatever thread
produces samples, normally the IoThread, and only queues. The writer thread filters
(deadband, heartbeat), writes raw rows and rollups in one transaction per batch, and runs
retention in small steps between batches. `status`, `flush` and `stop` are for any thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from hmi.config.schema import LineConfig
from hmi.core.tags import TagValue
from hmi.core.tagstore import TagStore
from hmi.historian.catalog import TagCatalog
from hmi.historian.errors import HistoryError
from hmi.historian.record_filter import RecordFilter, Rows
from hmi.historian.retention import RetentionSweeper, cutoffs
from hmi.historian.rollups import SortedBatch, aggregate, upsert_sql
from hmi.historian.sample_queue import DropMark, SampleQueue
from hmi.historian.settings import HistorianSettings, settings_from_config
from hmi.historian.status import HistorianStatus
from hmi.historian.tables import (
    RAW,
    ROLLUP_1M,
    ROLLUP_1S,
    create_schema,
    open_engine,
    placeholders,
    sqlite_path,
)

log = logging.getLogger(__name__)

RETRY_MAX_S = 5.0  # a failing database is retried at most this far apart
STOP_ATTEMPTS = 3  # retries of a failing write once stop() was asked


@dataclass(slots=True)
class _Payload:
    """One transaction's worth: kept whole across retries."""

    new_tags: list[tuple[int, str]]
    rows: Rows
    samples: int  # queued samples this payload settles (for flush())


class Historian:
    """Records TagValue batches into the history database (see the package docstring)."""

    def __init__(
        self, settings: HistorianSettings, clock: Callable[[], float] = time.time
    ) -> None:
        self.settings = settings
        self._clock = clock  # wall-clock seconds: heartbeats, retention, session markers
        self._queue = SampleQueue(settings.queue_samples)
        self._engine: Engine | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._flush_now = False
        self._unsubscribes: list[Callable[[], None]] = []
        self._progress = threading.Condition()
        self._settled = 0  # queued samples taken and committed (or dropped for good)
        self._written = 0
        self._lost = 0
        self._last_flush: datetime | None = None
        self._last_error: str | None = None
        self._last_error_at: datetime | None = None
        self._failing = False
        self._catalog = TagCatalog({})
        self._filter = RecordFilter(settings.policy, self._catalog.id_of)
        self._sweeper = RetentionSweeper(settings.retention_chunk_rows)
        self._sql: dict[str, str] = {}

    @classmethod
    def from_config(
        cls, config: LineConfig, data_dir: Path, clock: Callable[[], float] = time.time
    ) -> Historian:
        return cls(settings_from_config(config, data_dir), clock)

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> None:
        """Open (or create) the database and start the writer thread. Raises HistoryError
        when the database cannot be opened; the caller decides whether to run without."""
        if self._thread is not None:
            raise RuntimeError("the historian is already started")
        path = sqlite_path(self.settings.url)
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._engine = open_engine(self.settings.url, writer=True)
            create_schema(self._engine)
            self._prepare_sql(self._engine)
            with self._engine.connect() as conn:
                self._catalog = TagCatalog.load(conn)
                self._filter = RecordFilter(self.settings.policy, self._catalog.id_of)
                rows = self._resume(conn)
                conn.commit()  # ends the read transaction SQLAlchemy began; _write begins its own
                self._write(conn, _Payload(self._catalog.take_new(), rows, 0))
        except (SQLAlchemyError, OSError) as exc:
            if self._engine is not None:
                self._engine.dispose()
            raise HistoryError(
                f"cannot open the history database {self.settings.url}: {_short(exc)} "
                "(check the [historian] url and that the folder is writable)"
            ) from None
        self._thread = threading.Thread(target=self._run, name="historian-writer", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        """Detach from stores, write everything queued, close live tags with a gap marker
        (the time until the next start is unknown), and end the writer thread."""
        for unsubscribe in self._unsubscribes:
            unsubscribe()
        self._unsubscribes.clear()
        if self._thread is None:
            return
        self._stopping.set()
        self._queue.wake()
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            log.error("historian writer did not finish within %.0f s", timeout_s)
            return
        self._thread = None
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Historian:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- producers (any thread) ----------------------------------------------------------
    def record(self, batch: Sequence[TagValue]) -> None:
        """Queue a batch; never blocks. When the queue is full the excess is counted as
        dropped, logged (rate-limited), shown by status() and marked as a gap."""
        if not self._stopping.is_set():
            self._queue.put(batch)

    def attach(self, store: TagStore) -> Callable[[], None]:
        """Record everything this store fans out; returns the detach function (stop()
        also detaches). The callback runs on the store's (I/O) thread: it only queues."""
        unsubscribe = store.subscribe(self.record)
        self._unsubscribes.append(unsubscribe)
        return unsubscribe

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until every sample queued before this call is committed; False on
        timeout. For tests and orderly shutdown: the writer flushes by itself."""
        target = self._queue.accepted
        self._flush_now = True
        self._queue.wake()
        deadline = time.monotonic() + timeout_s
        with self._progress:
            while self._settled < target:
                left = deadline - time.monotonic()
                if left <= 0 or self._thread is None or not self._thread.is_alive():
                    return False
                self._progress.wait(min(left, 0.1))
        return True

    def status(self) -> HistorianStatus:
        queue = self._queue
        return HistorianStatus(
            running=self._thread is not None
            and self._thread.is_alive()
            and not self._stopping.is_set(),
            queue_depth=queue.depth,
            queue_capacity=queue.capacity,
            queue_high_water=queue.high_water,
            received_samples=queue.accepted,
            dropped_samples=queue.dropped,
            written_rows=self._written,
            lost_rows=self._lost,
            last_flush=self._last_flush,
            last_error=self._last_error,
            last_error_at=self._last_error_at,
            failing=self._failing,
        )

    # -- the writer thread ---------------------------------------------------------------
    def _run(self) -> None:
        assert self._engine is not None
        settings = self.settings
        # Not at once: a start (often with a backlog) is the worst time for a full pass.
        next_retention = self._clock() + settings.retention_interval_s
        try:
            with self._engine.connect() as conn:
                while True:
                    stopping = self._stopping.is_set()
                    wait = 0.0 if stopping or self._flush_now else settings.flush_interval_s
                    self._flush_now = False
                    taken = self._queue.take(settings.batch_samples, settings.batch_samples, wait)
                    rows = Rows()
                    for item in taken.items:
                        if isinstance(item, DropMark):
                            for tag_id, since in item.since.items():
                                self._filter.no_data(tag_id, since, rows)
                        else:
                            self._filter.accept(item, rows)
                    now_ms = round(self._clock() * 1000)
                    self._filter.due_heartbeats(now_ms, rows)
                    last = stopping and self._queue.depth == 0
                    if last:
                        self._filter.end_session(now_ms, rows)
                    self._write_until_done(
                        conn, _Payload(self._catalog.take_new(), rows, taken.samples)
                    )
                    if last:
                        return
                    if self._clock() >= next_retention:
                        next_retention = self._clock() + settings.retention_interval_s
                        self._sweeper.plan(
                            self._catalog.ids.values(),
                            cutoffs(now_ms, settings.keep_days()),
                        )
                    if self._sweeper.busy:
                        self._retention_step(conn)
        except Exception as exc:  # the thread must say why it ended
            log.exception("historian writer stopped by an unexpected error")
            self._note_error(exc)
            with self._progress:
                self._progress.notify_all()

    def _write_until_done(self, conn: Connection, payload: _Payload) -> None:
        """Commit the payload; a busy, locked or full database is retried with backoff
        (the queue meanwhile fills, then drops and marks gaps); a refusal that retrying
        cannot fix loses the rows, counted and logged."""
        delay = 0.1
        attempts_while_stopping = 0
        while True:
            try:
                self._write(conn, payload)
                break
            except OperationalError as exc:
                self._note_error(exc)
                self._failing = True
                log.error("historian: writing failed, retrying in %.1f s: %s", delay,
                          _short(exc))
                if self._stopping.is_set():
                    attempts_while_stopping += 1
                    if attempts_while_stopping > STOP_ATTEMPTS:
                        # Still failing at shutdown: give up rather than hang it.
                        self._lose(payload, exc)
                        break
                    time.sleep(delay)
                else:
                    self._stopping.wait(delay)
                delay = min(delay * 2, RETRY_MAX_S)
            except SQLAlchemyError as exc:
                self._note_error(exc)
                self._lose(payload, exc)
                break
        self._failing = False
        with self._progress:
            self._settled += payload.samples
            self._progress.notify_all()

    def _lose(self, payload: _Payload, exc: BaseException) -> None:
        self._lost += len(payload.rows)
        self._catalog.restore_new(payload.new_tags)  # the next batch inserts them
        log.error("historian: %d samples could not be stored: %s", len(payload.rows),
                  _short(exc))

    def _write(self, conn: Connection, payload: _Payload) -> None:
        if not payload.rows and not payload.new_tags:
            return
        batch = SortedBatch.of(payload.rows)
        sql = self._sql
        with conn.begin():
            if payload.new_tags:
                conn.exec_driver_sql(sql["tags"], payload.new_tags)
            if len(batch):
                conn.exec_driver_sql(sql[RAW.name], batch.raw_rows())
                for tier in (ROLLUP_1S, ROLLUP_1M):
                    conn.exec_driver_sql(sql[tier.name], aggregate(batch, tier.bucket_ms))
        self._written += len(batch)
        self._last_flush = datetime.now(UTC)

    def _retention_step(self, conn: Connection) -> None:
        try:
            self._sweeper.step(conn, self.settings.retention_step_budget_s)
        except OperationalError as exc:  # busy or locked: the next pass tries again
            self._note_error(exc)
            log.warning("historian: retention step failed (will retry): %s", _short(exc))

    def _resume(self, conn: Connection) -> Rows:
        """Continue after the rows already stored, and close the previous session where it
        ended without a marker (a crash, kill -9, power cut): from 1 ms after a tag's last
        row its value is unknown, so it is a NO_DATA gap, never a held value."""
        rows = Rows()
        query = text(
            f"SELECT t, quality, value FROM {RAW.table} WHERE tag = :tag ORDER BY t DESC LIMIT 1"
        )
        for name, key in self._catalog.ids.items():
            last = conn.execute(query, {"tag": key}).first()
            if last is not None:
                self._filter.seed(name, int(last[0]), int(last[1]), last[2])
        self._filter.close_unended(rows)
        return rows

    def _prepare_sql(self, engine: Engine) -> None:
        self._sql = {
            "tags": f"INSERT INTO tags (id, name) VALUES ({placeholders(engine, 2)})",
            RAW.name: f"INSERT INTO {RAW.table} (tag, t, value, quality, lag_ms) "
            f"VALUES ({placeholders(engine, 5)})",
            ROLLUP_1S.name: upsert_sql(engine, ROLLUP_1S),
            ROLLUP_1M.name: upsert_sql(engine, ROLLUP_1M),
        }

    def _note_error(self, exc: BaseException) -> None:
        self._last_error = _short(exc)
        self._last_error_at = datetime.now(UTC)


def _short(exc: BaseException) -> str:
    """The driver's message without SQLAlchemy's statement dump and help link."""
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]

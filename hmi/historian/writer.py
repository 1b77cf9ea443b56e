"""The Historian: a bounded queue in front of one writer thread that owns the database.

Threads: `record` (and the TagStore callback `attach` installs) runs on whatever thread
produces samples, normally the IoThread, and only queues. The writer thread filters
(deadband, heartbeat), writes raw rows and rollups in one transaction per batch, and runs
retention in small steps between batches. With a backlog (a full batch already waiting)
it hands each COMMIT to a helper thread ("historian-commit"; SQLite runs it without the
GIL) and judges the next batch meanwhile, so one core runs Python while another runs
SQLite. Only one of the two uses the connection at a time.
`status`, `flush` and `stop` are for any thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from hmi.config.schema import LineConfig
from hmi.core.tags import TagValue
from hmi.core.tagstore import TagStore
from hmi.historian.catalog import TagCatalog
from hmi.historian.errors import HistoryError
from hmi.historian.record_filter import RecordFilter, Rows
from hmi.historian.retention import RetentionSweeper, cutoffs
from hmi.historian.rollups import SortedBatch, aggregate_columns, pack, upsert_sql, values_sql
from hmi.historian.sample_queue import DropMark, SampleQueue, Taken
from hmi.historian.settings import HistorianSettings, settings_from_config
from hmi.historian.status import HistorianStatus
from hmi.historian.tables import (
    RAW,
    ROLLUPS,
    create_schema,
    open_engine,
    placeholders,
    sqlite_path,
)

log = logging.getLogger(__name__)

RETRY_MAX_S = 5.0  # a failing database is retried at most this far apart
STOP_ATTEMPTS = 3  # retries of a failing write once stop() was asked
# Rows per INSERT statement: one statement of many rows costs SQLite about half as much
# per row as one per row. Kept under 999 parameters (the limit of older SQLite builds).
RAW_ROWS_PER_STATEMENT = 50
ROLLUP_ROWS_PER_STATEMENT = 25
RAW_COLUMNS = ("tag", "t", "value", "quality", "lag_ms")


Params = list[tuple[Any, ...]]


@dataclass(slots=True)
class _Payload:
    """One transaction's worth: kept whole across retries."""

    new_tags: list[tuple[int, str]]
    rows: int
    samples: int  # queued samples this payload settles (for flush())
    # Per table (RAW/tier name): parameters of the many-row statement, of the one-row one.
    tables: list[tuple[str, tuple[Params, Params]]]
    last: bool = False  # the session's end marker: the writer ends after it


def _payload(new_tags: list[tuple[int, str]], rows: Rows, samples: int) -> _Payload:
    """The statements' parameters, built before the transaction begins (and once, not
    again on a retry)."""
    batch = SortedBatch.of(rows)
    tables = []
    if len(batch):
        tables.append((RAW.name, pack(batch.raw_columns(), RAW_ROWS_PER_STATEMENT)))
        for tier in ROLLUPS:
            columns = aggregate_columns(batch, tier.bucket_ms)
            tables.append((tier.name, pack(columns, ROLLUP_ROWS_PER_STATEMENT)))
    return _Payload(new_tags, len(batch), samples, tables)


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
        # With a backlog, commits run here while the writer judges the next batch: SQLite
        # releases the GIL for the whole COMMIT (WAL write, checkpoint), a third of a batch.
        self._committer: ThreadPoolExecutor | None = None
        self._ahead: _Payload | None = None  # the next payload, judged during a commit

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
            self._engine = open_engine(self.settings.url, writer=True,
                                       cache_kib=self.settings.writer_cache_kib)
            create_schema(self._engine)
            self._prepare_sql(self._engine)
            with self._engine.connect() as conn:
                self._catalog = TagCatalog.load(conn)
                self._filter = RecordFilter(self.settings.policy, self._catalog.id_of)
                rows = self._resume(conn)
                conn.commit()  # ends the read transaction SQLAlchemy began; _write begins its own
                self._write(conn, _payload(self._catalog.take_new(), rows, 0))
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
            with (
                self._engine.connect() as conn,
                ThreadPoolExecutor(1, thread_name_prefix="historian-commit") as committer,
            ):
                self._committer = committer
                while True:
                    payload, self._ahead = self._ahead, None
                    if payload is None:
                        stopping = self._stopping.is_set()
                        wait = 0.0 if stopping or self._flush_now else settings.flush_interval_s
                        self._flush_now = False
                        bs = settings.batch_samples
                        payload = self._judge(self._queue.take(bs, bs, wait), stopping)
                    self._write_until_done(conn, payload)
                    if payload.last:
                        return
                    if self._clock() >= next_retention:
                        next_retention = self._clock() + settings.retention_interval_s
                        self._sweeper.plan(
                            self._catalog.ids.values(),
                            cutoffs(round(self._clock() * 1000), settings.keep_days()),
                        )
                    if self._sweeper.busy:
                        self._retention_step(conn)
        except Exception as exc:  # the thread must say why it ended
            log.exception("historian writer stopped by an unexpected error")
            self._note_error(exc)
            with self._progress:
                self._progress.notify_all()
        finally:
            self._committer = None  # shut down with the pool: a restart commits inline

    def _judge(self, taken: Taken, stopping: bool) -> _Payload:
        """Filter what was taken into the next transaction's rows (writer thread)."""
        rows = Rows()
        joined: list[TagValue] = []  # batches between drop marks are judged at once
        for item in taken.items:
            if isinstance(item, DropMark):
                self._filter.accept(joined, rows)
                joined = []
                for tag_id, since in item.since.items():
                    self._filter.no_data(tag_id, since, rows)
            else:
                joined.extend(item)
        self._filter.accept(joined, rows)
        now_ms = round(self._clock() * 1000)
        self._filter.due_heartbeats(now_ms, rows)
        last = stopping and self._queue.depth == 0
        if last:
            self._filter.end_session(now_ms, rows)
        payload = _payload(self._catalog.take_new(), rows, taken.samples)
        payload.last = last
        return payload

    def _backlog(self) -> bool:
        """A full batch is waiting and not judged yet. Only then is a commit handed to the
        committer thread: without a backlog there is nothing to do meanwhile, and a commit
        on another core costs more CPU (the pages just written are in this core's cache)."""
        return self._ahead is None and self._queue.depth >= self.settings.batch_samples

    def _judge_ahead(self) -> None:
        """Runs while a commit is in flight: with a backlog, judge the next batch now, on
        this core, instead of after the commit."""
        if self._backlog():
            bs = self.settings.batch_samples
            self._ahead = self._judge(self._queue.take(bs, bs, 0.0), self._stopping.is_set())

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
        self._lost += payload.rows
        # The next transaction inserts them (the one judged ahead, if there is one).
        if self._ahead is not None:
            self._ahead.new_tags[:0] = payload.new_tags
        else:
            self._catalog.restore_new(payload.new_tags)
        log.error("historian: %d samples could not be stored: %s", payload.rows,
                  _short(exc))

    def _write(self, conn: Connection, payload: _Payload) -> None:
        if not payload.rows and not payload.new_tags:
            return
        sql = self._sql
        with conn.begin() as transaction:
            if payload.new_tags:
                conn.exec_driver_sql(sql["tags"], payload.new_tags)
            for name, (many, rest) in payload.tables:
                if many:
                    conn.exec_driver_sql(sql[f"{name}*"], many)
                if rest:
                    conn.exec_driver_sql(sql[name], rest)
            if self._committer is not None and self._backlog():
                # Nothing else touches the connection until the commit is done. Wait until
                # the committer runs: it needs the GIL to get to SQLite's COMMIT, and a
                # busy thread gives it up only every switch interval (5 ms).
                started = threading.Event()

                def commit() -> None:
                    started.set()
                    transaction.commit()

                done = self._committer.submit(commit)
                try:
                    started.wait()
                    self._judge_ahead()
                finally:
                    done.result()  # the commit's own error, if any, is raised here
        self._written += payload.rows
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
        """Each table's INSERT of one row, and of many ("name*") for full chunks."""
        raw = f"INSERT INTO {RAW.table} ({', '.join(RAW_COLUMNS)}) "
        self._sql = {
            "tags": f"INSERT INTO tags (id, name) VALUES ({placeholders(engine, 2)})",
            RAW.name: raw + values_sql(engine, len(RAW_COLUMNS), 1),
            f"{RAW.name}*": raw + values_sql(engine, len(RAW_COLUMNS), RAW_ROWS_PER_STATEMENT),
        }
        for tier in ROLLUPS:
            self._sql[tier.name] = upsert_sql(engine, tier)
            self._sql[f"{tier.name}*"] = upsert_sql(engine, tier, ROLLUP_ROWS_PER_STATEMENT)

    def _note_error(self, exc: BaseException) -> None:
        self._last_error = _short(exc)
        self._last_error_at = datetime.now(UTC)


def _short(exc: BaseException) -> str:
    """The driver's message without SQLAlchemy's statement dump and help link."""
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]

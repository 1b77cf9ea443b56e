"""The OEE record through the plant link: durable while the plant database is away.

With a plant database on a server, the tracker hands every flush to the link
(hmi.forward.PlantLink.record) as one op instead of writing it itself. While the server
answers the op is written at once; while it is away (or older records still wait) it is kept
in the link's journal (outbox.sqlite): it survives a restart of the HMI and is forwarded
exactly once, in order, when the server is back. A stop is named by its station and start
(not by the plant's row id, which does not exist yet while it is away); `event_id` finds
the row again when the op is written. A downtime reason given while the server is away is an
op too, with its audit entry in the same unit.

Why ops and not the link's plain row INSERTs: a stop is opened while it lasts and closed
later, output per minute adds to the minute's row, a hint is added to an open stop: those
are UPDATEs of rows written earlier, possibly before the outage.

While the server is away the operator still sees the stops that need a reason: those kept
in the journal (`offline_events`, each with a negative id that encodes its station and start,
so it stays valid after the forward) and those the plant database listed last.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from hmi.core.packml import PackMLState
from hmi.production.oee_store import DOWNTIME, DowntimeEvent, Pending, ProductionStore
from hmi.production.recorder import Recorder

log = logging.getLogger(__name__)

FLUSH = "oee.flush"  # state changes, output, stops opened / closed / re-hinted
REASON = "oee.reason"  # a downtime reason given
CLOSE_RUN = "oee.close_run"  # a run that ended without stop(): unknown after its last state
BY_KEY = 0  # a stop's event_id once opened through the link: found by station and start


OeeRecorder = Recorder  # the plant link, as production sees it


# ---- ids of stops kept on this HMI --------------------------------------------------------
def offline_id(stations: Sequence[str], station: str, start: datetime) -> int:
    """Negative, never a plant row id: the start's microseconds and the station's index."""
    micros = int((start - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(microseconds=1))
    return -(micros * 1024 + stations.index(station) + 1)


def key_of(stations: Sequence[str], event_id: int) -> tuple[str, datetime] | None:
    if event_id >= 0:
        return None
    micros, index = divmod(-event_id, 1024)
    if not 1 <= index <= len(stations):
        return None
    start = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)
    return stations[index - 1], start


# ---- writing an op (at once, or at the forward) -------------------------------------------
def register(recorder: OeeRecorder, store: ProductionStore) -> None:
    recorder.on_forward(FLUSH, lambda conn, data: apply_flush(store, conn, data))
    recorder.on_forward(REASON, lambda conn, data: apply_reason(store, conn, data))
    recorder.on_forward(CLOSE_RUN, lambda conn, data: close_run(store, conn, data["stations"]))


def close_run(store: ProductionStore, conn: Connection, stations: Sequence[str]) -> None:
    """A run that ended without stop() left its last state and maybe an open stop: what
    happened after its last record is unknown (its heartbeat bounds the gap)."""
    for station in stations:
        last = store.last_state(station, conn)
        if last is None or last[1] is None:
            continue
        at = last[0] + timedelta(microseconds=1)
        store.write(conn, Pending(states=[(station, at, None, None)]))
        store.close_open_stops(conn, station, at)


def _state(value: int | None) -> PackMLState | None:
    return None if value is None else PackMLState(value)


def apply_flush(store: ProductionStore, conn: Connection, data: Mapping[str, Any]) -> None:
    store.write(conn, Pending(
        states=[(s, at, _state(st), r) for s, at, st, r in data["states"]],
        counts={(s, bucket): [total, good] for s, bucket, total, good in data["counts"]}))
    for station, start, hints, plc in data["rehinted"]:
        if (event_id := _found(store, conn, station, start)) is not None:
            store.set_hints(conn, event_id, hints, plc)
    for station, start, end, opened, kind, state, plc, hints in data["ended"]:
        if not opened:
            store.add_stop(conn, station, kind, start, end, PackMLState(state), plc, hints)
        elif (event_id := _found(store, conn, station, start)) is not None:
            store.close_stop(conn, event_id, end)
    for station, start, state, plc, hints in data["opened"]:
        store.add_stop(conn, station, DOWNTIME, start, None, PackMLState(state), plc, hints)


def apply_reason(store: ProductionStore, conn: Connection, data: Mapping[str, Any]) -> None:
    event_id = _found(store, conn, data["station"], data["start"])
    if event_id is not None:
        store.assign(conn, event_id, data["code"], data["user"], data["at"], data["note"])


def _found(store: ProductionStore, conn: Connection, station: str, start: datetime
           ) -> int | None:
    event_id = store.event_id(conn, station, start)
    if event_id is None:  # never written (a journal edited by hand is refused before this)
        log.error("OEE: no stop of %s started at %s in the plant database: its close, "
                  "hints or reason is not recorded", station, start)
    return event_id


# ---- what the operator sees while the server is away --------------------------------------
def offline_events(recorder: OeeRecorder, stations: Sequence[str]) -> list[DowntimeEvent]:
    """The downtime events kept on this HMI, not forwarded yet, oldest first, each with
    the reason given here (if one was)."""
    events: dict[tuple[str, datetime], DowntimeEvent] = {}
    for _, data in recorder.pending_ops(FLUSH):
        for station, start, end, opened, kind, state, plc, hints in data["ended"]:
            key = (station, start)
            if key in events:
                events[key] = _with(events[key], end=end)
            elif not opened and kind == DOWNTIME:
                events[key] = _event(stations, station, start, end, state, plc, hints)
        for station, start, state, plc, hints in data["opened"]:
            events[(station, start)] = _event(stations, station, start, None, state, plc,
                                              hints)
        for station, start, hints, plc in data["rehinted"]:
            if (station, start) in events:
                events[(station, start)] = _with(events[(station, start)],
                                                 hints=tuple(hints), plc_reason=plc)
    for key, given in reasons_given(recorder).items():
        if key in events:
            events[key] = _with(events[key], reason_code=given["code"], note=given["note"],
                                assigned_by=given["user"], assigned_at=given["at"])
    return sorted(events.values(), key=lambda e: e.start)


def reasons_given(recorder: OeeRecorder) -> dict[tuple[str, datetime], dict[str, Any]]:
    """The reasons given on this HMI, not forwarded yet, by (station, start)."""
    return {(data["station"], data["start"]): data
            for _, data in recorder.pending_ops(REASON)}


def _event(stations: Sequence[str], station: str, start: datetime, end: datetime | None,
           state: int, plc: int | None, hints: Sequence[str]) -> DowntimeEvent:
    return DowntimeEvent(offline_id(stations, station, start), station, DOWNTIME, start, end,
                         PackMLState(state), plc, tuple(hints))


def _with(event: DowntimeEvent, **changes: Any) -> DowntimeEvent:
    return replace(event, **changes)

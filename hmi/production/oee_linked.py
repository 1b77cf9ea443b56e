"""LinkedOeeTracker: the OEE tracker of an HMI whose plant database is on a server.

Every flush, hint and downtime reason goes through the plant link as an op (oee_offline):
written at once while the server answers, kept in the link's journal while it is away, and
forwarded exactly once, in order, when it is back, so a restart of the HMI during an outage
loses nothing. Stops are named by station and start; those kept on this HMI are listed for a
reason with the ones the plant database listed last (see oee_offline).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import DBAPIError

from hmi.core.audit_event import AuditEvent
from hmi.plantdb.errors import unreachable
from hmi.production import oee_offline
from hmi.production.oee_offline import BY_KEY, CLOSE_RUN, FLUSH, REASON, OeeRecorder
from hmi.production.oee_store import DOWNTIME, MINOR, DowntimeEvent, Pending, ts
from hmi.production.oee_tracker import OeeTracker, ReasonError, _plc, _Stop

log = logging.getLogger(__name__)


class LinkedOeeTracker(OeeTracker):
    def __init__(self, *args: Any, recorder: OeeRecorder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._recorder = recorder
        self._last_unassigned: list[DowntimeEvent] = []  # shown while the server is away
        oee_offline.register(recorder, self.db)

    def _close_last_run(self) -> None:
        # In order behind what the last run journaled (its stop() may still be there).
        try:
            self._recorder.record(ops=[(CLOSE_RUN, {"stations": list(self.stations)})])
        except Exception:  # as the base tracker: the line runs on, its OEE still recorded
            log.exception("OEE: the last run's open state could not be closed")

    def _write(self, pending: Pending, ended: list[_Stop], rehinted: list[_Stop],
               to_open: list[_Stop], extra: dict[int, list[str]],
               opened: list[tuple[_Stop, int]]) -> None:
        """The flush as one op: stops named by station and start; nothing recorded for a
        flush with nothing in it (one every flush_s while the server is away)."""
        data: dict[str, list[list[object]]] = {
            "states": [[s, at, None if st is None else int(st), r]
                       for s, at, st, r in pending.states],
            "counts": [[s, bucket, total, good]
                       for (s, bucket), (total, good) in pending.counts.items()],
            "rehinted": [[stop.station, stop.start, stop.hints, _plc(stop.hints)]
                         for stop in rehinted],
            "ended": [], "opened": []}
        for stop in ended:
            assert stop.end is not None
            long = (stop.end - stop.start).total_seconds() >= self.minor_stop_s(stop.station)
            hints = self._hints_for(stop) if long and stop.event_id is None else stop.hints
            data["ended"].append([stop.station, stop.start, stop.end,
                                  stop.event_id is not None, DOWNTIME if long else MINOR,
                                  int(stop.state), _plc(hints), hints])
        for stop in to_open:
            hints = extra[id(stop)]
            data["opened"].append([stop.station, stop.start, int(stop.state), _plc(hints),
                                   hints])
            opened.append((stop, BY_KEY))
        if any(data.values()):
            self._recorder.record(ops=[(FLUSH, data)])

    def _hints_to_last(self, station: str, hints: Sequence[str]) -> DowntimeEvent | None:
        now = self._clock()
        events = [e for e in oee_offline.offline_events(self._recorder, self.stations)
                  if e.station == station]
        with _unless_away():
            events += self.db.stops(now - timedelta(days=1), now + timedelta(seconds=1),
                                    station=station, kind=DOWNTIME)
        if not events:
            return None
        event = max(events, key=lambda e: e.start)
        merged = list(dict.fromkeys([*hints, *event.hints]))
        self._recorder.record(ops=[(FLUSH, {
            "states": [], "counts": [], "ended": [], "opened": [],
            "rehinted": [[station, event.start, merged, None]]})])
        return replace(event, hints=tuple(merged))

    def _unassigned(self) -> list[DowntimeEvent]:
        """The plant database's, and those kept on this HMI, without the ones given a
        reason here (what the plant database listed last while the server is away)."""
        with _unless_away():
            self._last_unassigned = self.db.unassigned()
        given = oee_offline.reasons_given(self._recorder)
        kept = oee_offline.offline_events(self._recorder, self.stations)
        skip = given.keys() | {(e.station, e.start) for e in kept}
        return sorted([*(e for e in self._last_unassigned if (e.station, e.start) not in skip),
                       *(e for e in kept if e.reason_code is None)], key=lambda e: e.start)

    def _history(self, station: str) -> dict[str, int]:
        with _unless_away():
            return self.db.reason_history(station)
        return {}  # the buttons in their plain order while the server is away

    def _assign(self, event_id: int, code: str, user: str, note: str, full_name: str,
                role: str, client_host: str) -> DowntimeEvent:
        """The reason and its audit entry as one unit through the link."""
        event = next((e for e in self._unassigned() if e.id == event_id), None)
        if event is None:  # a correction, or forwarded since it was listed
            key = oee_offline.key_of(self.stations, event_id)
            with _unless_away():
                if key is not None:
                    with self.db.db.engine.connect() as conn:
                        event_id = self.db.event_id(conn, *key) or event_id
                event = self.db.stop(event_id) if event_id > 0 else None
        if event is None:
            raise ReasonError(f"no downtime event #{event_id} among those waiting for a "
                              "reason (while the plant database is away, only those listed "
                              "can be given one)")
        reason = self._reason_for(event, code)
        at = self._clock()
        self._recorder.record(audit=[AuditEvent(
            username=user, full_name=full_name or user, role=role,
            action="assign_downtime_reason", object_type="downtime_event",
            object_id=f"{event.station}@{ts(event.start)}", field="reason_code",
            old_value=event.reason_code, sent_value=code,
            reason=f"{event.describe(at)}: {reason.text}" + (f" ({note})" if note else ""),
            client_host=client_host)], ops=[(REASON, {
                "station": event.station, "start": event.start, "code": code, "user": user,
                "at": at, "note": note})])
        return replace(event, reason_code=code, note=note, assigned_by=user, assigned_at=at)


@contextmanager
def _unless_away() -> Iterator[None]:
    """A read of the plant database that the server being away merely skips."""
    try:
        yield
    except DBAPIError as exc:
        if not unreachable(exc):
            raise

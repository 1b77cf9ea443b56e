"""A bus monitor for the Modbus scanner: every request, response and exception, timed.

qModMaster's bus monitor is what a commissioning engineer reads when a device answers
strangely: which request went out, what came back, how long it took. `LoggedClient` wraps
the client `hmi.plc.scan.read_table` talks to, so the scan itself stays the one in scan.py
(its request splitting and unmapped-address halving are what gets logged). pymodbus
objects stay in this module; the log holds plain frozen dataclasses.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from hmi.core.tags import utc_now
from hmi.plc.scan import (
    _EXCEPTION_NAMES,
    ScanError,
    Table,
    TableRead,
    UnmappedAddress,
    modbus_session,
    read_table,
)

BusKind = Literal["request", "response", "exception", "no answer", "error"]

_FUNCTIONS = {  # method -> (function code, table) as the protocol names them
    "read_holding_registers": (3, "holding"),
    "read_input_registers": (4, "input"),
    "read_coils": (1, "coil"),
    "read_discrete_inputs": (2, "discrete"),
}


@dataclass(frozen=True, slots=True)
class BusEvent:
    at: datetime  # UTC
    kind: BusKind
    text: str  # "FC3 read holding 0..99 (100) unit 1", "100 registers", "ILLEGAL DATA ..."
    duration_ms: float | None = None  # answers only: since the request left


class LoggedClient:
    """The scan's client, with each read written to `log` before and after."""

    def __init__(self, client: Any, log: Callable[[BusEvent], None]) -> None:
        self._client = client
        self._log = log

    def __getattr__(self, name: str) -> Any:
        if name in _FUNCTIONS:
            return self._logged(name, getattr(self._client, name))
        return getattr(self._client, name)

    def _logged(self, name: str, call: Callable[..., Awaitable[Any]]
                ) -> Callable[..., Awaitable[Any]]:
        code, table = _FUNCTIONS[name]

        async def read(address: int, *, count: int = 1, device_id: int = 1) -> Any:
            what = f"FC{code} read {table} {address}..{address + count - 1} ({count})"
            self._log(BusEvent(utc_now(), "request", f"{what} unit {device_id}"))
            started = time.perf_counter()
            try:
                response = await call(address, count=count, device_id=device_id)
            except Exception as exc:
                self._log(BusEvent(utc_now(), "no answer", f"{what}: {type(exc).__name__}: "
                                   f"{exc}", _since(started)))
                raise
            elapsed = _since(started)
            if response.isError():
                exception = getattr(response, "exception_code", 0)
                name_text = _EXCEPTION_NAMES.get(exception, f"exception code {exception}")
                self._log(BusEvent(utc_now(), "exception", f"{what}: {name_text}", elapsed))
            else:
                size = (len(response.bits[:count]) if table in ("coil", "discrete")
                        else len(response.registers))
                unit = "bit" if table in ("coil", "discrete") else "register"
                unit += "" if size == 1 else "s"
                self._log(BusEvent(utc_now(), "response", f"{size} {unit}", elapsed))
            return response

        return read


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000.0, 3)


@dataclass(frozen=True, slots=True)
class LoggedScan:
    read: TableRead | None  # None when the scan failed
    problem: str  # one line, "" when the scan worked
    events: tuple[BusEvent, ...]


async def scan_logged(
    host: str, port: int, table: Table, start: int, count: int, unit: int,
    timeout_s: float = 2.0, *, skip_unmapped: bool = True,
) -> LoggedScan:
    """One scan with its bus log; a failure is the problem line beside what was logged."""
    events: list[BusEvent] = []
    events.append(BusEvent(utc_now(), "request", f"connect {host}:{port}"))
    started = time.perf_counter()
    try:
        async with modbus_session(host, port, timeout_s) as client:
            events.append(BusEvent(utc_now(), "response", "connected", _since(started)))
            read = await read_table(LoggedClient(client, events.append), table, start, count,
                                    unit, skip_unmapped=skip_unmapped)
    except UnmappedAddress as exc:
        return LoggedScan(None, f"{exc}; read around the holes to see the rest", tuple(events))
    except ScanError as exc:
        events.append(BusEvent(utc_now(), "error", str(exc), _since(started)))
        return LoggedScan(None, str(exc), tuple(events))
    return LoggedScan(read, "", tuple(events))

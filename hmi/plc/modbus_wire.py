"""What was wrong with a Modbus TCP answer, in words, for the per-tag status and the logs.

pymodbus drops an answer with the wrong transaction id, a frame whose protocol id is not 0
or one cut short, and lets the request time out: all the HMI would say is "no answer".
A device that answers, but wrongly, needs another fix (a gateway mapping two clients onto
one transaction counter, a device speaking RTU-over-TCP) than one that is off, so
`FrameWatch` looks at each answer's header as it arrives and keeps what it found.
An answer whose body pymodbus cannot decode (a byte count promising more registers than
were sent) raises inside the socket callback, where asyncio logs a traceback and drops the
connection; the watch fails just that request instead, with the reason.
"""

from __future__ import annotations

import logging
import struct
from typing import Any

from pymodbus.exceptions import ModbusException, ModbusIOException

EXCEPTION_TEXT = {
    1: "illegal function",
    2: "illegal data address",
    3: "illegal data value",
    4: "device failure",
    5: "acknowledge (busy with a long command)",
    6: "device busy",
    8: "memory parity error",
    10: "gateway path unavailable",
    11: "gateway target did not respond",
}
# The device behind a gateway is out of reach: its values are as lost as a dropped link.
GATEWAY_CODES = frozenset({10, 11})
# Busy with something else: the value was not refreshed, but nothing says it is wrong.
BUSY_CODES = frozenset({5, 6})
_REFERENCE_BASE = {"coil": 0, "discrete": 100_000, "input": 300_000, "holding": 400_000}
_SHORT_BASE = {"coil": 0, "discrete": 10_000, "input": 30_000, "holding": 40_000}

# pymodbus's own lines for what FrameWatch reports in the tag's status and the supervisor's
# log: at ERROR, once per poll (10 a second), they would bury everything else in the log.
_ECHOES = (
    "ERROR: request ask for transaction_id=",
    "No response received after",
    "Invalid Modbus protocol id",
    "ERROR: received pdu without a corresponding request",
    "Repeating....",
    "Short frame:",
    "Unable to decode frame",
)
# An answer to a request this few transactions back came after its timeout.
LATE_WINDOW = 16


def exception_status(code: int) -> str:
    return f"Modbus exception {code} ({EXCEPTION_TEXT.get(code, 'unknown code')})"


class Refused(Exception):
    """The device answered a request with an exception code."""

    def __init__(self, code: int) -> None:
        super().__init__(exception_status(code))
        self.code = code


class NoAnswer(Exception):
    """No (valid) answer within the timeout; the link may still be up."""


def reference(table: str, address: int) -> str:
    """The address as PLC manuals print it: holding 10 is 40011 (1-based, table prefix)."""
    base = _SHORT_BASE if address < 9999 else _REFERENCE_BASE
    return f"{base[table] + address + 1:0{5 if address < 9999 else 6}d}"


def refusal_text(code: int, tag_id: str, table: str, address: int) -> str:
    return (f"PLC answered exception {code:02X} ({EXCEPTION_TEXT.get(code, 'unknown code')}) "
            f"for {tag_id} at {reference(table, address)}")


def _drop_echo(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return not message.startswith(_ECHOES)


logging.getLogger("pymodbus.logging").addFilter(_drop_echo)


class FrameWatch:
    """Wraps one pymodbus client's `callback_data` (the socket's byte handler)."""

    def __init__(self, ctx: Any) -> None:
        self._ctx = ctx
        self._original = ctx.callback_data
        self.anomaly = ""  # what was wrong with an answer since `reset`, "" if nothing
        ctx.callback_data = self._on_data

    def reset(self) -> None:
        self.anomaly = ""

    def pending(self) -> str:
        """Why a request timed out if bytes came: the anomaly, or a frame left incomplete."""
        if self.anomaly:
            return self.anomaly
        buffered = bytes(getattr(self._ctx, "recv_buffer", b""))
        if len(buffered) >= 6:
            announced = int.from_bytes(buffered[4:6], "big") + 6
            return (f"answer cut short: {len(buffered)} of the {announced} bytes its header "
                    "announced")
        if buffered:
            return f"answer cut short: {len(buffered)} bytes, not even a whole header"
        return ""

    def _on_data(self, data: bytes, addr: Any = None) -> int:
        if len(data) >= 8:
            tid, pid = struct.unpack(">HH", data[:4])
            expected = int(getattr(self._ctx, "request_transaction_id", 0))
            if pid != 0:
                self.anomaly = (f"sent bytes that are no Modbus TCP answer (protocol id {pid}, "
                                "not 0: another protocol on this port?)")
            elif tid and expected and 0 < expected - tid < LATE_WINDOW:
                self.anomaly = f"answered request {tid} too late (after its timeout)"
            elif tid and expected and tid != expected:
                self.anomaly = (f"answered with transaction id {tid} to request {expected} "
                                "(answer dropped)")
        try:
            used: int = self._original(data, addr)
        except (ModbusException, struct.error, IndexError, ValueError) as exc:
            self.anomaly = f"sent an answer that cannot be decoded ({_why(data, exc)})"
            future = getattr(self._ctx, "response_future", None)
            if future is not None and not future.done():
                future.set_exception(_Undecodable(self.anomaly))
            return len(data)  # drop what is buffered: the next request starts clean
        return used


class _Undecodable(ModbusIOException):
    """Raised into the waiting request: pymodbus lets it out of `execute` unchanged."""


def _why(frame: bytes, exc: BaseException) -> str:
    """A register read whose byte count and data disagree is the usual case: say so."""
    pdu = frame[7:]
    if len(pdu) >= 2 and pdu[0] in (3, 4) and pdu[1] != len(pdu) - 2:
        return f"function {pdu[0]}: byte count {pdu[1]} but {len(pdu) - 2} data bytes"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.removeprefix("Modbus Error: [Input/Output] ")

"""What the supervisor and the service need from one PLC connection, whatever its protocol.

A driver object is one client, used for one connection attempt: the supervisor builds a new
driver after every loss (reusing an asyncua client after a loss can hang, asyncua #1660) and
throws the old one away. Drivers deliver values straight into a `ValueSink` (the TagStore)
on the IoThread and never let asyncua or pymodbus objects out of `hmi.plc`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from hmi.config.schema import TagConfig
from hmi.core.tags import Scalar, TagValue

# A PLC clock this far from this HMI's is wrong (loopback and plant networks add
# milliseconds; an unsynchronised PLC drifts seconds a day): its values turn UNCERTAIN.
CLOCK_TOLERANCE_S = 2.0


class PlcError(Exception):
    """A problem a user can meet, as one line naming the connection or tag (never a traceback)."""


class LinkLost(PlcError):
    """The connection to the PLC is gone (socket closed, no answer, session dead)."""


class ValueSink(Protocol):
    """Where drivers put values: the TagStore satisfies it."""

    def update(self, batch: Sequence[TagValue]) -> None: ...

    def confirm(self, tag_ids: Iterable[str]) -> None: ...


@dataclass(frozen=True, slots=True)
class WriteAck:
    """The PLC's answer to one write: accepted, or refused with its reason."""

    tag_id: str
    ok: bool
    status: str  # "Good", an OPC UA StatusCode name, or a Modbus exception text
    reason: str = ""  # set when the driver did not send it: why not


class PlcDriver(Protocol):
    """One client to one PLC connection, for one connection attempt."""

    @property
    def connection_id(self) -> str: ...

    @property
    def lost(self) -> asyncio.Event:
        """Set when the driver itself sees its link die (socket closed, session shut down)."""
        ...

    @property
    def lost_reason(self) -> str: ...

    async def connect(self) -> None:
        """Open the link; raises PlcError with a one-line reason."""

    async def start(self, sink: ValueSink) -> None:
        """Begin delivering values (subscription or poll groups) into `sink`."""

    async def probe(self) -> float:
        """Keep-alive: prove the link answers; returns the round trip in ms, raises LinkLost."""
        ...

    def refresh_periods_s(self) -> Mapping[str, float]:
        """Tags this link refreshes slower than the config says (after `start`), else {}."""
        ...

    @property
    def clock_offset_s(self) -> float | None:
        """The PLC's clock minus this HMI's, as last measured; None if it has no clock to
        ask (Modbus) or it was not measured yet."""
        ...

    async def read(self, tags: Sequence[TagConfig]) -> list[TagValue]:
        """Read these tags now, in as few requests as the protocol allows."""
        ...

    async def write(self, items: Sequence[tuple[TagConfig, Scalar]]) -> list[WriteAck]:
        """Write already validated values; one ack per item, in order."""
        ...

    async def close(self) -> None:
        """Release everything; must not hang on a dead link."""


class LinkState:
    """What both drivers share about their link: the lost flag and its first cause."""

    def __init__(self, connection_id: str) -> None:
        self._connection_id = connection_id
        self._lost = asyncio.Event()
        self._lost_reason = ""
        self._clock_offset_s: float | None = None

    @property
    def connection_id(self) -> str:
        return self._connection_id

    @property
    def clock_offset_s(self) -> float | None:
        return self._clock_offset_s

    @property
    def lost(self) -> asyncio.Event:
        return self._lost

    @property
    def lost_reason(self) -> str:
        return self._lost_reason

    def _set_lost(self, reason: str) -> None:
        # The first cause is the one worth logging; what follows is usually its echo.
        if not self._lost.is_set():
            self._lost_reason = reason
            self._lost.set()


def describe_exception(exc: BaseException) -> str:
    """A short, one-line cause for logs and health (the class name when the text is empty)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, TimeoutError):
        return text or "timed out"
    name = type(exc).__name__
    return f"{name}: {text}" if text and not isinstance(exc, PlcError) else (text or name)

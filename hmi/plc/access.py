"""What the rest of the application may ask of the PLCs, whoever serves it: PlcService in
this process, or PlcProcessService in front of a PLC process. Imports no client library."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from hmi.core.tags import Scalar, TagValue
from hmi.core.user_text import UserText
from hmi.plc.supervisor import ConnectionHealth

HealthListener = Callable[[ConnectionHealth], None]


@dataclass(frozen=True, slots=True)
class WriteResult:
    tag_id: str
    requested: Scalar  # as sent, in the tag's type (as given when refused before sending)
    read_back: Scalar  # None when nothing could be (or was asked to be) read back
    ok: bool  # written AND read back equal (within tolerance); accepted, if not read back
    message: str  # one line for the operator, naming the tag and the PLC's reason
    status: str  # "Good", the PLC's status/exception text, "Refused", "NotConnected", ...
    duration_s: float  # write + read-back round trip
    # `message` as a UserText, for the panel to say it in the operator's language.
    user_text: UserText | None = None


class PlcAccess(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def wait_connected(self, timeout_s: float) -> bool: ...

    def health(self) -> dict[str, ConnectionHealth]: ...

    def on_health_changed(self, callback: HealthListener) -> Callable[[], None]: ...

    async def read(self, tag_ids: Sequence[str]) -> list[TagValue]: ...

    async def write(self, tag_id: str, value: Scalar) -> WriteResult: ...

    async def write_many(self, items: Sequence[tuple[str, Scalar]],
                         read_back: bool = True) -> list[WriteResult]: ...

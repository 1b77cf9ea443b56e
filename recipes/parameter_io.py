"""ParameterIO: all the changeover engine needs of the PLCs (hmi implements it over PlcAccess).

`read_many` reads now from the PLC (not a cache); `write_many` writes, reads each value back
and says per item whether the PLC holds what was sent, with a one-line message naming the
tag and the PLC's reason when not. With `read_back=False` it only says whether the PLC
accepted each value (for values the caller reads back itself later: a recipe mailbox is
verified after its commit). Neither raises for a refused or unreachable tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from recipes.model import ParamValue


@dataclass(frozen=True, slots=True)
class ParameterRead:
    tag: str
    value: ParamValue | None
    ok: bool  # a live, good value
    message: str = ""  # why not, naming the tag


@dataclass(frozen=True, slots=True)
class ParameterWrite:
    tag: str
    ok: bool  # written and read back equal (accepted, when asked not to read back)
    read_back: ParamValue | None  # None when not read back
    message: str


class ParameterIO(Protocol):
    async def read_many(self, tags: Sequence[str]) -> list[ParameterRead]: ...

    async def write_many(self, items: Sequence[tuple[str, ParamValue]],
                         read_back: bool = True) -> list[ParameterWrite]: ...


@dataclass(frozen=True, slots=True)
class Handshake:
    """A PLC's recipe mailbox for one station (WinCC-style): set `download_tag` before the
    first value, write `commit_tag` after the last; the PLC applies the values only then,
    so it never runs on half a recipe. Clearing `download_tag` discards what was sent."""

    station: str
    download_tag: str
    commit_tag: str

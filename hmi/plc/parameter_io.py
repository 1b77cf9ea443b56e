"""recipes.ParameterIO over PlcAccess (PlcService or PlcProcessService): how the changeover
engine reaches the PLCs through the one write path (check, write, read back).

Also what the engine needs of the line's configuration: each station's recipe handshake
(`<station>.recipe_download` and `<station>.recipe_commit` tags, where a PLC offers them)
and a LineStatus whose PackML states come from `<station>.state`. Alarms and lots are
callables the composition root passes in (the alarm engine and lot records are not here).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from hmi.config.schema import LineConfig
from hmi.core.packml import PackMLState
from hmi.core.tags import Scalar
from hmi.core.user_text import Said
from hmi.plc.access import PlcAccess
from recipes.model import ParamValue
from recipes.parameter_io import Handshake, ParameterRead, ParameterWrite

AlarmsSource = Callable[[Sequence[str]], Awaitable[Sequence[str]]]
LotSource = Callable[[str], Awaitable[str | None]]


class PlcParameterIO:
    """ParameterIO: values go through PlcAccess.write_many (one batch per connection,
    connections in parallel, each value read back unless the caller verifies later)."""

    def __init__(self, access: PlcAccess) -> None:
        self._access = access

    async def read_many(self, tags: Sequence[str]) -> list[ParameterRead]:
        values = await self._access.read(tags)
        out: list[ParameterRead] = []
        for v in values:
            value = _param_value(v.value)
            ok = v.quality.is_live and value is not None
            message = "" if ok else f"{v.tag_id}: {v.quality.value} ({v.status})"
            out.append(ParameterRead(v.tag_id, value, ok, message))
        return out

    async def write_many(self, items: Sequence[tuple[str, ParamValue]],
                         read_back: bool = True) -> list[ParameterWrite]:
        results = await self._access.write_many([(tag, value) for tag, value in items],
                                                read_back)
        # Said.of: the English line every reader had, its template kept for the
        # changeover journal (the parameter table says it in the panel's language).
        return [ParameterWrite(r.tag_id, r.ok, _param_value(r.read_back),
                               Said.of(r.user_text or r.message, r.message))
                for r in results]


def _param_value(value: Scalar) -> ParamValue | None:
    if isinstance(value, bool | int | float):
        return value
    return None  # strings and None are no recipe values


def handshakes_of(config: LineConfig) -> dict[str, Handshake]:
    """Stations whose PLC offers the recipe handshake tags (both, writable)."""
    writable = {t.id for t in config.tags if t.writable and t.data_type == "bool"}
    return {
        s.id: Handshake(s.id, f"{s.id}.recipe_download", f"{s.id}.recipe_commit")
        for s in config.stations
        if f"{s.id}.recipe_download" in writable and f"{s.id}.recipe_commit" in writable
    }


async def _no_alarms(stations: Sequence[str]) -> Sequence[str]:
    return ()


async def _no_open_lot(station: str) -> str | None:
    return None


class PlcLineStatus:
    """recipes.changeover.LineStatus: PackML states read from the PLC now; alarms and open
    lots from the given sources (until the lead wires the alarm engine and lot records,
    the defaults report none: say so in the changeover screen)."""

    def __init__(self, access: PlcAccess, alarms: AlarmsSource = _no_alarms,
                 open_lot: LotSource = _no_open_lot) -> None:
        self._access = access
        self._alarms = alarms
        self._open_lot = open_lot

    async def packml_state(self, station: str) -> str | None:
        value = (await self._access.read([f"{station}.state"]))[0]
        if not value.quality.is_live or not isinstance(value.value, int):
            return None
        try:
            return PackMLState(value.value).name.title()
        except ValueError:
            return None

    async def active_alarms(self, stations: Sequence[str]) -> Sequence[str]:
        return await self._alarms(stations)

    async def open_lot(self, station: str) -> str | None:
        return await self._open_lot(station)

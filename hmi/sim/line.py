"""A whole line of station models, stepped together so the stations act as one line."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hmi.sim.models.cell import Filler, TabWelder, Vision, Winder
from hmi.sim.models.coater import Coater
from hmi.sim.models.dry_room import DryRoom
from hmi.sim.models.electrode import Calender, Mixer, Slitter
from hmi.sim.models.formation import Formation
from hmi.sim.station import Station

MAX_STEP_S = 0.1  # longer steps are cut up so loops see their usual scan time

MODELS: dict[str, type[Station]] = {
    cls.kind: cls
    for cls in (Mixer, Coater, Calender, Slitter, Winder, TabWelder, Filler, Formation, Vision,
                DryRoom)
}


@dataclass(frozen=True)
class StationSpec:
    id: str
    kind: str
    base_id: str  # the id in the unreplicated config (`coater` for `coater_2`)


class Line:
    """One line's stations in process order; `step` advances them in simulated time."""

    def __init__(self, specs: Sequence[StationSpec], seed: int = 0, *, running: bool = True):
        self._stations: dict[str, Station] = {}
        self._aliases: dict[str, Station] = {}
        for index, spec in enumerate(specs):
            model = MODELS.get(spec.kind, Station)
            station = model(spec.id, seed * 1000 + index)
            self._stations[spec.id] = station
            self._aliases[spec.base_id] = station
        self.time_s = 0.0
        for station in self._stations.values():
            if running:
                station.run_at_startup()
            station.process(0.0, self)  # fill the measured values before anyone reads

    @classmethod
    def of_kinds(cls, *kinds: str, seed: int = 0, running: bool = True) -> Line:
        """A line with one station of each kind, named by its kind (for tests and demos)."""
        return cls([StationSpec(k, k, k) for k in kinds], seed, running=running)

    def __iter__(self) -> Iterator[Station]:
        return iter(self._stations.values())

    def station(self, station_id: str) -> Station:
        station = self._stations.get(station_id) or self._aliases.get(station_id)
        if station is None:
            raise KeyError(f"no station {station_id!r} on this line")
        return station

    def has_station(self, station_id: str) -> bool:
        return station_id in self._stations

    def station_of_kind(self, kind: str) -> Station | None:
        return next((s for s in self._stations.values() if s.kind == kind), None)

    def step(self, dt_s: float) -> None:
        count = max(1, math.ceil(dt_s / MAX_STEP_S - 1e-9))
        sub_s = dt_s / count
        for _ in range(count):
            for station in self._stations.values():
                station.step(sub_s, self)
            self.time_s += sub_s

    def run_for(self, seconds: float, dt_s: float = MAX_STEP_S) -> None:
        for _ in range(round(seconds / dt_s)):
            self.step(dt_s)

    def restart(self) -> None:
        for station in self._stations.values():
            station.restart()

"""The demo line with its recipe parameters, served by the twin, and an engine on it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.config.schema import LineConfig
from hmi.core.packml import PackMLState
from hmi.plc.access import PlcAccess
from hmi.plc.parameter_io import PlcLineStatus, PlcParameterIO, handshakes_of
from hmi.plc.service import PlcService
from hmi.sim.plc import Reason
from hmi.sim.recipe_params import with_recipe_parameters
from hmi.sim.twin import LineTwin
from recipes import ParameterIO
from recipes.changeover import ChangeoverEngine, ChangeoverOptions
from recipes.checklists import ChecklistItem, Condition

from ..plc.helpers import MakeService, connected, services
from .helpers import database

STATIONS = ("coater", "calender")
CHECKLIST = (
    ChecklistItem("dew_point", "auto", "Dew point below -40 °C", "coater",
                  Condition("dry_room.dew_point_c", below=-40.0), hold_s=0.3),
    ChecklistItem("die_gap", "auto", "Die gap within 2 µm of setpoint", "coater",
                  Condition("coater.die_gap_um", within=2.0, of="coater.die_gap_sp_um"),
                  hold_s=0.3),
    ChecklistItem("foil_roll", "manual", "Foil roll id scanned", "coater"),
)


def line_config() -> LineConfig:
    return with_recipe_parameters(load_line_config(DEMO_LINE))


def stop_stations(twin: LineTwin, *stations: str) -> None:
    """The demo runs at start-up; a changeover needs the stations Stopped."""
    for station in stations:
        twin.station(station).plc.force(PackMLState.STOPPED, Reason.NONE)


@dataclass
class TwinLine:
    """The plant database and the running twin (its given stations Stopped) a test works on."""

    db: Engine
    twin: LineTwin
    client: LineConfig  # the line config that points at the twin's servers
    make: MakeService

    async def connected_service(self) -> PlcService:
        _, service = await connected(self.make, self.client)
        return service


@asynccontextmanager
async def twin_line(tmp_path: Path, stopped: tuple[str, ...] = STATIONS,
                    ) -> AsyncIterator[TwinLine]:
    """The setup every changeover-against-the-twin test starts from; services stop at the end."""
    db = database(tmp_path)
    async with LineTwin(line_config()) as twin, services() as make:
        stop_stations(twin, *stopped)
        yield TwinLine(db, twin, twin.client_config(), make)
    db.dispose()


def engine_for(db: Engine, access: PlcAccess, config: LineConfig, *,
               io: ParameterIO | None = None, batch_size: int = 25,
               rollback_timeout_s: float = 20.0) -> ChangeoverEngine:
    return ChangeoverEngine(
        db, io or PlcParameterIO(access), PlcLineStatus(access),
        handshakes=handshakes_of(config), checklist=CHECKLIST,
        options=ChangeoverOptions(batch_size=batch_size, check_poll_s=0.05,
                                  auto_check_timeout_s=20.0,
                                  rollback_timeout_s=rollback_timeout_s))


def twin_value(twin: LineTwin, tag: str) -> object:
    station, signal = tag.split(".", 1)
    return twin.station(station).read(signal)


def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plant.sqlite"


def twin_applied(twin: LineTwin, tag: str) -> object:
    """What the PLC runs on (its active setpoint), not what sits in its recipe mailbox."""
    station, signal = tag.split(".", 1)
    return twin.station(station).sp.get(signal)

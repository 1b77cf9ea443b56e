"""A changeover in a process of its own that stops as its values go out (the download bits
are set and read back, every value is marked SENDING), so the test can kill -9 it there.

    python -m tests.recipes.changeover_child CONFIG_JSON DB_URL RECIPE_ID
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import create_engine

from hmi.config.schema import LineConfig
from hmi.core.tagstore import TagStore
from hmi.plc.parameter_io import PlcParameterIO
from hmi.plc.service import PlcService
from recipes import ParameterWrite, ParamValue, RecipeStore

from .twin_setup import engine_for

STALL_S = 60.0  # far longer than the test takes to kill this process


class StallingIO:
    """Says VALUES on stdout when the values start out (a write of more than the one
    handshake bit per station), then stalls before sending them."""

    def __init__(self, inner: PlcParameterIO) -> None:
        self._inner = inner
        self.read_many = inner.read_many

    async def write_many(self, items: Sequence[tuple[str, ParamValue]],
                         read_back: bool = True) -> list[ParameterWrite]:
        if len(items) > 3:
            print("VALUES", flush=True)
            await asyncio.sleep(STALL_S)
        return await self._inner.write_many(items, read_back)


async def main(config_path: str, db_url: str, recipe_id: str) -> None:
    config = LineConfig.model_validate_json(Path(config_path).read_text(encoding="utf-8"))
    service = PlcService(config, TagStore(config.expected_periods_s()))
    await service.start()
    await service.wait_connected(10.0)
    db = create_engine(db_url)
    engine = engine_for(db, service, config, io=StallingIO(PlcParameterIO(service)))
    await engine.start(RecipeStore(db).effective(recipe_id), "LOT-KILL", "olga")
    print("finished: the test should have killed this process", flush=True)
    await service.stop()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))

"""One line HMI in a process of its own: connects to the twin, then, on "go", changes over
one recipe against the shared plant database and prints the record's outcome as JSON.

    python -m tests.plantdb.changeover_proc CONFIG_JSON DB_URL RECIPE_ID LOT_ID
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from sqlalchemy import create_engine

from hmi.config.schema import LineConfig
from hmi.core.tagstore import TagStore
from hmi.plc.service import PlcService
from recipes import RecipeStore
from tests.recipes.twin_setup import engine_for


async def main(config_path: str, db_url: str, recipe_id: str, lot_id: str) -> None:
    config = LineConfig.model_validate_json(Path(config_path).read_text(encoding="utf-8"))
    service = PlcService(config, TagStore(config.expected_periods_s()))
    await service.start()
    db = create_engine(db_url)
    try:
        await service.wait_connected(20.0)
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        engine = engine_for(db, service, config)
        record = await engine.start(RecipeStore(db).effective(recipe_id), lot_id, "olga")
        print(json.dumps({"id": record.id, "state": record.state.value,
                          "failure": record.failure}), flush=True)
    finally:
        await service.stop()
        db.dispose()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))

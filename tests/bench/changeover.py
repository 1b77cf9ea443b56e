"""Changeover benchmark: download + read-back verification of a 200-parameter recipe.

    python tests/bench/changeover.py [--rounds 30] [--batch N]

The twin (demo line + recipe parameters, OPC UA security None) runs in its own process.
The recipe is 97 parameters of coater, dryer and calender over OPC UA and 103 tab welder
floats over Modbus. Engine: recipes.changeover.transfer through PlcService (handshake bits
on and read back, values into the mailboxes, commit read back, then one read of every
value), with every phase persisted to SQLite, as the engine does. Bare: asyncua
write_values + read_values of the same nodes and pymodbus block writes + reads of the same
registers, the two protocols in parallel, nothing else.

Fairness: each round runs both, back to back, in alternating order (engine first in even
rounds, bare first in odd ones: neither always gets the warmer caches or the quieter
moment), with alternating values (every write is a change); two warm-up rounds are dropped.
Reported: the medians of each side, and the median and p90 of the per-round ratios (a
round's ratio compares two runs a few milliseconds apart, so load that comes and goes on a
shared machine hits both). The last line printed is JSON.
Targets: seconds < 1.0 and ratio_vs_bare <= 1.5.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from asyncua import Client, ua
from pymodbus.client import AsyncModbusTcpClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hmi.config.schema import LineConfig, TagConfig  # noqa: E402
from hmi.core.net import free_tcp_port  # noqa: E402
from hmi.core.tagstore import TagStore  # noqa: E402
from hmi.plantdb import open_plant_db  # noqa: E402
from hmi.plc.codecs import decode, encode  # noqa: E402
from hmi.plc.parameter_io import PlcParameterIO, handshakes_of  # noqa: E402
from hmi.plc.service import PlcService  # noqa: E402
from recipes import Parameter, ParamValue  # noqa: E402
from recipes.changeover import ChangeoverOptions  # noqa: E402
from recipes.changeover.journal import ChangeoverJournal  # noqa: E402
from recipes.changeover.transfer import transfer  # noqa: E402
from tests.recipes.helpers import NOT_RECIPE, parameter_for  # noqa: E402

STATIONS = ("coater", "calender", "tab_welder")
# The welder's two tile setpoints sit apart (registers 10, 12): 97 + 103 = 200 without them.
LEFT_OUT = {"tab_welder.laser_power_sp_w", "tab_welder.weld_speed_sp_mm_s"}
TWIN = """
import asyncio, sys
from pathlib import Path
from hmi.config.loader import DEMO_LINE, load_line_config
from hmi.sim.recipe_params import with_recipe_parameters
from hmi.sim.twin import LineTwin

async def main() -> None:
    config = with_recipe_parameters(load_line_config(DEMO_LINE))
    async with LineTwin(config, opcua_port=int(sys.argv[1]), modbus_port=int(sys.argv[2]),
                        secure=False) as twin:
        Path(sys.argv[3]).write_text(twin.client_config().model_dump_json())
        print("READY", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

asyncio.run(main())
"""


@contextlib.asynccontextmanager
async def twin_process(folder: Path) -> AsyncIterator[LineConfig]:
    config_path = folder / "client.json"
    proc = subprocess.Popen(
        [sys.executable, "-c", TWIN, str(free_tcp_port()), str(free_tcp_port()),
         str(config_path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True)
    try:
        assert proc.stdout is not None
        line = await asyncio.get_running_loop().run_in_executor(None, proc.stdout.readline)
        if line.strip() != "READY":
            raise SystemExit("the twin did not start")
        yield LineConfig.model_validate_json(config_path.read_text())
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=10)


def recipe(config: LineConfig, fraction: float) -> list[Parameter]:
    tags = [t for t in config.tags if t.writable and t.station in STATIONS
            and t.signal not in NOT_RECIPE and t.data_type in ("float", "int", "bool")
            and t.id not in LEFT_OUT]
    return [parameter_for(t, fraction) for t in tags]


class Bare:
    """The same values by bare asyncua and pymodbus calls, nothing else."""

    def __init__(self, config: LineConfig) -> None:
        self._config = config
        self._tags = {t.id: t for t in config.tags}
        conn = next(c for c in config.connections if c.protocol == "opcua")
        self._opcua = Client(conn.endpoint)  # type: ignore[union-attr]
        welder = next(c for c in config.connections if c.id == "modbus_welder")
        self._unit = welder.unit_id  # type: ignore[union-attr]
        self._modbus = AsyncModbusTcpClient(welder.host, port=welder.port)  # type: ignore[union-attr]

    async def __aenter__(self) -> Bare:
        await self._opcua.connect()
        await self._modbus.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._opcua.disconnect()
        self._modbus.close()

    async def run(self, params: Sequence[Parameter]) -> float:
        ua_items: list[tuple[TagConfig, ParamValue]] = []
        mb_items: list[tuple[TagConfig, ParamValue]] = []
        for p in params:
            tag = self._tags[p.tag]
            (ua_items if tag.opcua is not None else mb_items).append((tag, p.setpoint))
        started = time.perf_counter()
        await asyncio.gather(self._opcua_round(ua_items), self._modbus_round(mb_items))
        return time.perf_counter() - started

    async def _opcua_round(self, items: list[tuple[TagConfig, ParamValue]]) -> None:
        nodes = [self._opcua.get_node(t.opcua.node_id) for t, _ in items]  # type: ignore[union-attr]
        kinds = {"float": ua.VariantType.Double, "int": ua.VariantType.Int32,
                 "bool": ua.VariantType.Boolean}  # as the twin serves them (ranges < 2^31)
        values = [ua.DataValue(ua.Variant(v, kinds[t.data_type])) for t, v in items]
        await self._opcua.write_values(nodes, values)
        back = await self._opcua.read_values(nodes)
        assert len(back) == len(items)

    async def _modbus_round(self, items: list[tuple[TagConfig, ParamValue]]) -> None:
        runs: list[tuple[int, list[int]]] = []
        for tag, value in sorted(items, key=lambda i: i[0].modbus.address):  # type: ignore[union-attr]
            mb = tag.modbus
            assert mb is not None and isinstance(value, float)
            words = encode(value, mb.type, mb.word_order, mb.scale, mb.offset)
            if runs and runs[-1][0] + len(runs[-1][1]) == mb.address and len(runs[-1][1]) < 122:
                runs[-1][1].extend(words)
            else:
                runs.append((mb.address, list(words)))
        for start, words in runs:
            await self._modbus.write_registers(start, words, device_id=self._unit)
        for start, words in runs:
            answer = await self._modbus.read_holding_registers(start, count=len(words),
                                                               device_id=self._unit)
            assert len(answer.registers) == len(words)
        mb0 = items[0][0].modbus
        assert mb0 is not None
        decode(answer.registers[:2], mb0.type, mb0.word_order, mb0.scale, mb0.offset)


async def engine_round(io: PlcParameterIO, config: LineConfig, params: Sequence[Parameter],
                       journal: ChangeoverJournal, co_id: str, batch: int) -> float:
    started = time.perf_counter()
    result = await transfer(io, [(p, p.setpoint) for p in params], handshakes_of(config),
                            batch, lambda rows: journal.set_phases(co_id, rows),
                            lambda tags, phase: journal.mark(co_id, tags, phase))
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"download failed: {(result.failures + result.mismatches)[:3]}")
    return elapsed


async def main(rounds: int, batch: int) -> dict[str, object]:
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        async with twin_process(Path(folder)) as config:
            sets = [recipe(config, 0.37), recipe(config, 0.61)]
            assert len(sets[0]) == 200, len(sets[0])
            plant = open_plant_db(f"sqlite:///{Path(folder) / 'plant.sqlite'}")  # WAL, as plants
            db = plant.engine
            journal = ChangeoverJournal(db)
            co_id = journal.create("BENCH", 1, "0" * 64, "LOT", False, "bench",
                                   [(p.tag, p.setpoint) for p in sets[0]])
            service = PlcService(config, TagStore(config.expected_periods_s()))
            await service.start()
            assert await service.wait_connected(10.0)
            io = PlcParameterIO(service)
            engine_s: list[float] = []
            bare_s: list[float] = []
            warm_up = 2
            async with Bare(config) as bare:
                for i in range(rounds + warm_up):
                    params, other = sets[i % 2], sets[(i + 1) % 2]
                    if i % 2 == 0:
                        e = await engine_round(io, config, params, journal, co_id, batch)
                        b = await bare.run(other)
                    else:
                        b = await bare.run(other)
                        e = await engine_round(io, config, params, journal, co_id, batch)
                    if i >= warm_up:
                        engine_s.append(e)
                        bare_s.append(b)
            await service.stop()
            db.dispose()
    ratios = [e / b for e, b in zip(engine_s, bare_s, strict=True)]
    seconds = statistics.median(engine_s)
    bare_median = statistics.median(bare_s)
    return {"parameters": 200, "batch": batch, "rounds": rounds, "seconds": round(seconds, 4),
            "bare_seconds": round(bare_median, 4),
            "ratio_vs_bare": round(statistics.median(ratios), 2),
            "ratio_p90": round(_p90(ratios), 2),
            "ratio_of_medians": round(seconds / bare_median, 2),
            "engine_p90_s": round(_p90(engine_s), 4), "bare_p90_s": round(_p90(bare_s), 4),
            "cpu_count": os.cpu_count(), "load_1min": round(os.getloadavg()[0], 2)}


def _p90(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--batch", type=int, default=ChangeoverOptions().batch_size,
                        help="the engine's batch size (default: its own default); values "
                             "that all go into recipe mailboxes, as here, go in one write")
    args = parser.parse_args()
    figures = asyncio.run(main(args.rounds, args.batch))
    print(json.dumps(figures))

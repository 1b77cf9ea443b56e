"""The commands against the line twin: the demo line served on loopback, as at a plant.

The twin serves the demo config's node ids and registers; the config the commands get is
the demo file with the twin's ports put in (what a commissioning engineer would edit).
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hmi.config import DEMO_LINE, load_line_config
from hmi.core.iothread import IoThread
from hmi.sim.twin import LineTwin

from .follow import Update, follow_until, qualities

Cli = Callable[..., tuple[int, str, str]]

DEMO_ENDPOINT = "opc.tcp://127.0.0.1:4840/lineside/"
DEMO_MODBUS_PORT = "port = 5020"


def twin_config_text(twin: LineTwin) -> str:
    text = DEMO_LINE.read_text(encoding="utf-8")
    assert DEMO_ENDPOINT in text and DEMO_MODBUS_PORT in text  # the demo file still says so
    return text.replace(DEMO_ENDPOINT, twin.opcua_endpoint).replace(
        DEMO_MODBUS_PORT, f"port = {twin.modbus_port}"
    )


@pytest.fixture(scope="module")
def twin(server_thread: IoThread) -> Iterator[LineTwin]:
    twin = LineTwin(load_line_config(DEMO_LINE))
    server_thread.run(twin.start(), timeout=30)
    try:
        yield twin
    finally:
        server_thread.run(twin.stop(), timeout=30)


@pytest.fixture(scope="module")
def twin_config(twin: LineTwin, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("twin") / "demo_on_twin.toml"
    path.write_text(twin_config_text(twin), encoding="utf-8")
    return str(path)


def test_browse_finds_the_demo_nodes(run_cli: Cli, twin: LineTwin) -> None:
    code, out, err = run_cli("browse", twin.opcua_endpoint, "--from", "ns=2;s=coater", "--json")
    assert code == 0, err
    nodes = {n["node_id"]: n for n in map(json.loads, out.splitlines())}
    config = load_line_config(DEMO_LINE)
    coater = [t for t in config.tags if t.station == "coater" and t.opcua is not None]
    for tag in coater:
        assert tag.opcua is not None
        assert tag.opcua.node_id in nodes, f"{tag.id} is not served at {tag.opcua.node_id}"
    tension = nodes["ns=2;s=coater.web_tension_n"]
    assert tension["node_class"] == "Variable" and tension["data_type"] == "Double"


def test_watch_tags_of_both_protocols(run_cli: Cli, twin_config: str) -> None:
    tags = ["coater.web_tension_n", "dry_room.dew_point_c", "tab_welder.laser_power_w"]
    args = [a for tag in tags for a in ("--tag", tag)]
    code, out, err = run_cli("watch", "--config", twin_config, *args, "--duration", 0.8, "--json")
    assert code == 0, err
    latest = {u["tag"]: u for u in map(json.loads, out.splitlines())}
    config = load_line_config(twin_config)
    for tag_id in tags:
        update = latest[tag_id]
        low, high = config.tag(tag_id).range or (float("-inf"), float("inf"))
        assert update["quality"] == "GOOD" and low <= update["value"] <= high, update


def test_scan_shows_which_word_order_is_right(run_cli: Cli, twin: LineTwin) -> None:
    """Dry room floats are ABCD (unit 1), welder floats CDAB (unit 2): ANCHORS pain 7."""
    config = load_line_config(DEMO_LINE)
    for tag_id in ("dry_room.dew_point_c", "tab_welder.laser_power_w"):
        tag = config.tag(tag_id)
        assert tag.modbus is not None and tag.range is not None
        unit = config.connection(config.tag_connection(tag)).unit_id  # type: ignore[union-attr]
        code, out, err = run_cli(
            "modbus-scan", f"127.0.0.1:{twin.modbus_port}", "--unit", unit,
            "--table", tag.modbus.table, "--start", tag.modbus.address, "--count", 2, "--json",
        )
        assert code == 0, err
        scan: dict[str, Any] = json.loads(out)
        address = str(tag.modbus.address)
        right = scan[f"float32_{tag.modbus.word_order}"][address]
        wrong_order = "little" if tag.modbus.word_order == "big" else "big"
        wrong = scan[f"float32_{wrong_order}"][address]
        low, high = tag.range
        assert low <= right <= high
        assert wrong != pytest.approx(right, rel=0.01)  # the other order reads as nonsense


def test_write_with_read_back_and_refusal(run_cli: Cli, twin_config: str) -> None:
    code, out, err = run_cli("write", "--config", twin_config, "mixer.speed_sp_rpm", "45")
    assert code == 0, err
    assert out.startswith("mixer.speed_sp_rpm: wrote 45, read back 45 (")
    code, out, err = run_cli("write", "--config", twin_config, "mixer.speed_sp_rpm", "4500")
    assert code == 1 and out == ""
    assert err.strip() == "lineside write: PLC refused mixer.speed_sp_rpm = 4500: BadOutOfRange"


@pytest.mark.slow
async def test_watch_rides_through_a_plc_restart(tmp_path: Path) -> None:
    """The twin's plc_restart fault: both protocols drop, go COMM_LOST, and come back.

    A real subprocess, as the engineer runs it, followed line by line instead of sleeping.
    """
    async with LineTwin(load_line_config(DEMO_LINE)) as twin:
        config = tmp_path / "demo_on_twin.toml"
        config.write_text(twin_config_text(twin), encoding="utf-8")
        tags = {"coater.web_tension_n", "dry_room.dew_point_c"}
        watch = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "hmi.cli", "watch", "--config", str(config),
            *(a for tag in sorted(tags) for a in ("--tag", tag)), "--json",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out = watch.stdout
        assert out is not None
        seen: list[Update] = []
        try:
            await follow_until(out, seen, lambda u: u["quality"] == "GOOD")
            twin.inject("plc_restart", duration_s=1.0)
            lost: set[str] = set()
            await follow_until(out, seen, lambda u: qualities(lost, u, "COMM_LOST") == tags)
            back: set[str] = set()
            await follow_until(out, seen, lambda u: qualities(back, u, "GOOD") == tags)
            watch.send_signal(signal.SIGINT)
            # A loaded CI box (pytest -n auto beside a restarting twin) needed over 10 s.
            _, err = await asyncio.wait_for(watch.communicate(), 30)
        finally:
            if watch.returncode is None:
                watch.kill()
                await watch.wait()
    assert watch.returncode == 0
    assert err == b"", err.decode()

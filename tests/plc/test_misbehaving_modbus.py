"""The real Modbus driver, supervisor and PlcService against a PLC that breaks the protocol.

Two connections to one hand-written server (tests/plc/misbehaving_modbus.py): unit 1
misbehaves, unit 2 does not. Each behaviour must end in a non-live quality with a status
that names the tag and the cause, never a GOOD value while it lasts, the other connection
must keep updating at its rate, the driver must recover once the PLC behaves, and nothing
may log a traceback.
"""

# ruff: noqa: E501  (TOML inline tables must stay on one line)

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

import pytest

from hmi.config.schema import LineConfig
from hmi.core.net import free_tcp_port
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plc.process_service import PlcProcessService
from hmi.plc.service import PlcService

from .helpers import MakeService, connected, line, wait_until
from .misbehaving_modbus import MisbehavingModbusServer, UnitBehaviour

TIMEOUT_S = 0.3
RATE_MS = 100
SIGNALS = (("x", 10, "uint16"), ("y", 20, "uint16"), ("tick", 30, "uint16"), ("f", 40, "float32"))


def misbehaving_line(port: int) -> LineConfig:
    connections = "".join(
        f'[[connections]]\nid = "{name}"\nprotocol = "modbus"\nhost = "127.0.0.1"\n'
        f"port = {port}\nunit_id = {unit}\ntimeout_s = {TIMEOUT_S}\nmax_gap = 0\n"
        f'[[connections.poll_groups]]\nid = "fast"\nrate_ms = {RATE_MS}\n'
        for name, unit in (("mb_a", 1), ("mb_b", 2))
    )
    stations = ('[[stations]]\nid = "a"\nname = "Misbehaving"\nconnection = "mb_a"\n'
                '[[stations]]\nid = "b"\nname = "Well-behaved"\nconnection = "mb_b"\n')
    tags = "".join(
        f'[[tags]]\nid = "{station}.{name}"\ndata_type = "{"float" if kind == "float32" else "int"}"\n'
        f'modbus = {{ table = "holding", address = {address}, type = "{kind}", poll_group = "fast" }}\n'
        for station in "ab" for name, address, kind in SIGNALS
    )
    return line(connections, stations, tags)


@dataclass
class Recorder:
    """Every value the store publishes, in order (on the loop's thread)."""

    values: list[TagValue] = field(default_factory=list)

    def __call__(self, batch: Sequence[TagValue]) -> None:
        self.values.extend(batch)

    def mark(self) -> int:
        return len(self.values)

    def since(self, start: int, prefix: str) -> list[TagValue]:
        return [v for v in self.values[start:] if v.tag_id.startswith(prefix)]


@pytest.fixture
async def plc() -> AsyncIterator[MisbehavingModbusServer]:
    server = MisbehavingModbusServer(free_tcp_port(), units=(1, 2))
    for unit in (1, 2):
        server.ticking.add((unit, "holding", 30))
        server.set_registers(unit, "holding", 10, [7])
        server.set_registers(unit, "holding", 40, [0x4049, 0x0FDB])  # 3.1415927
    await server.start()
    yield server
    await server.stop()


async def running(make_service: MakeService, server: MisbehavingModbusServer
                  ) -> tuple[TagStore, PlcService, Recorder]:
    store, service = await connected(make_service, misbehaving_line(server.port))
    recorder = Recorder()
    store.subscribe(recorder)
    await wait_until(lambda: all(
        (v := store.get(f"{s}.{n}")) is not None and v.quality is Quality.GOOD
        for s in "ab" for n, _, _ in SIGNALS), what="every tag GOOD")
    return store, service, recorder


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.exc_info or (r.levelno >= logging.ERROR)]
    assert not bad, [f"{r.name}: {r.getMessage()}" for r in bad]


async def updates_of(recorder: Recorder, tag_id: str, seconds: float) -> int:
    """GOOD updates of a tag in the next `seconds` (polled every RATE_MS: 10 a second on a
    quiet machine; callers ask for a quarter of that, as a loaded CI box delivers)."""
    start = recorder.mark()
    await asyncio.sleep(seconds)
    return sum(1 for v in recorder.values[start:] if v.tag_id == tag_id and v.quality is Quality.GOOD)


BEHAVIOURS = {
    "wrong transaction id": (UnitBehaviour(wrong_tid=True), "answered with transaction id"),
    "frame shorter than its header": (UnitBehaviour(short_frame="mbap"), "answer cut short"),
    "byte count beyond the data": (UnitBehaviour(short_frame="pdu"), "cannot be decoded (function 3: byte count"),
    "answers after the timeout": (UnitBehaviour(delay_s=0.5), f"no answer within {TIMEOUT_S:g} s"),
    "accepts and never answers": (UnitBehaviour(silent=True), f"no answer within {TIMEOUT_S:g} s"),
    "hangs up mid-frame": (UnitBehaviour(close_mid_frame=True), "mb_a lost"),
    "garbage bytes": (UnitBehaviour(garbage=True), "no Modbus TCP answer (protocol id"),
}


@pytest.mark.parametrize("behaviour", list(BEHAVIOURS))
async def test_each_misbehaviour_is_named_per_tag_and_the_rest_keeps_updating(
        make_service: MakeService, plc: MisbehavingModbusServer,
        caplog: pytest.LogCaptureFixture, behaviour: str) -> None:
    caplog.set_level(logging.INFO)
    store, service, recorder = await running(make_service, plc)
    wrong, phrase = BEHAVIOURS[behaviour]
    plc.behaviour[1] = wrong
    start = recorder.mark()

    def named() -> TagValue | None:
        for value in recorder.since(start, "a.tick"):
            if not value.quality.is_live and phrase in value.status:
                return value
        return None

    await wait_until(lambda: named() is not None, 5.0, f"a.tick not live with {phrase!r}")
    first = named()
    assert first is not None
    # The status names the tag (or, once the link is dropped, its connection) and the cause.
    assert first.status.startswith(("a.tick: ", "mb_a lost: ")), first.status
    # The well-behaved connection keeps its rate meanwhile (10/s; a loaded box: over half).
    assert await updates_of(recorder, "b.tick", 2.0) >= 5
    # Never a live value from the misbehaving PLC once it misbehaves: no GOOD, no revival.
    seen_bad_at = recorder.values.index(first)
    lied = [v for v in recorder.values[seen_bad_at + 1:]
            if v.tag_id.startswith("a.") and v.quality.is_live]
    assert not lied, lied[:3]

    plc.well_behaved(1)
    await wait_until(lambda: all((v := store.get(f"a.{n}")) is not None and v.quality is Quality.GOOD
                                 for n, _, _ in SIGNALS), 6.0, "mb_a recovered")
    assert store.get("a.x").value == 7  # type: ignore[union-attr]
    assert store.get("a.f").value == pytest.approx(3.1415927)  # type: ignore[union-attr]
    assert service.health()["mb_b"].reconnects == 0
    assert_no_traceback(caplog)


@pytest.mark.parametrize(("code", "quality"), [
    (1, Quality.BAD), (2, Quality.BAD), (3, Quality.BAD), (4, Quality.BAD),
    (6, Quality.STALE), (10, Quality.COMM_LOST), (11, Quality.COMM_LOST),
])
async def test_an_exception_code_marks_only_its_tag(
        make_service: MakeService, plc: MisbehavingModbusServer,
        caplog: pytest.LogCaptureFixture, code: int, quality: Quality) -> None:
    caplog.set_level(logging.INFO)
    store, service, recorder = await running(make_service, plc)
    plc.behaviour[1].exceptions[("holding", 10)] = code
    await wait_until(lambda: store.get("a.x").quality is quality,  # type: ignore[union-attr]
                     3.0, f"a.x {quality.value}")
    text = {1: "illegal function", 2: "illegal data address", 3: "illegal data value",
            4: "device failure", 6: "device busy", 10: "gateway path unavailable",
            11: "gateway target did not respond"}[code]
    assert store.get("a.x").status == f"PLC answered exception {code:02X} ({text}) for a.x at 40011"  # type: ignore[union-attr]
    # Its neighbours on the same connection keep updating; the link itself stays up.
    assert await updates_of(recorder, "a.tick", 2.0) >= 5
    # (a.y may miss its 0.3 s staleness window on a loaded box; never for the refusal.)
    assert "exception" not in store.get("a.y").status  # type: ignore[union-attr]
    assert store.get("a.y").quality in (Quality.GOOD, Quality.STALE)  # type: ignore[union-attr]
    assert service.health()["mb_a"].state == "connected"
    plc.behaviour[1].exceptions.clear()
    await wait_until(lambda: store.get("a.x").quality is Quality.GOOD, 3.0, "a.x back")  # type: ignore[union-attr]
    assert store.get("a.x").value == 7  # type: ignore[union-attr]
    assert_no_traceback(caplog)


async def test_a_write_to_a_misbehaving_plc_says_what_happened(
        make_service: MakeService, plc: MisbehavingModbusServer) -> None:
    config = misbehaving_line(plc.port)
    writable = config.model_copy(update={"tags": tuple(
        t.model_copy(update={"writable": True}) if t.id == "a.y" else t for t in config.tags)})
    store, service = await connected(make_service, writable)
    plc.behaviour[1].exceptions[("holding", 20)] = 3
    refused = await service.write("a.y", 5)
    assert not refused.ok and refused.message == (
        "PLC refused a.y = 5: Modbus exception 3 (illegal data value)")
    plc.behaviour[1] = UnitBehaviour(silent=True)
    unknown = await service.write("a.y", 6)
    assert not unknown.ok
    assert unknown.message == f"PLC refused a.y = 6: no answer within {TIMEOUT_S:g} s: the outcome is unknown"
    plc.well_behaved(1)
    await wait_until(lambda: service.health()["mb_a"].state == "connected"
                     and store.get("a.y").quality is Quality.GOOD, 6.0, "mb_a back")  # type: ignore[union-attr]
    done = await service.write("a.y", 8)
    assert done.ok, done.message
    assert plc.registers[(1, "holding")][20] == 8


async def test_through_the_plc_process_as_the_app_runs_it(plc: MisbehavingModbusServer) -> None:
    # The app's drivers run in a PLC process of their own: statuses, qualities and the
    # health cross the pipe into the mirror store unchanged.
    config = misbehaving_line(plc.port)
    store = TagStore(config.expected_periods_s())
    service = PlcProcessService(config, store)
    await service.start()
    try:
        assert await service.wait_connected(20)
        await wait_until(lambda: all((v := store.get(f"{s}.tick")) is not None
                                     and v.quality is Quality.GOOD for s in "ab"), 10.0)
        plc.behaviour[1].exceptions[("holding", 10)] = 2
        await wait_until(lambda: (v := store.get("a.x")) is not None and v.quality is Quality.BAD)
        assert store.get("a.x").status == (  # type: ignore[union-attr]
            "PLC answered exception 02 (illegal data address) for a.x at 40011")
        plc.behaviour[1] = UnitBehaviour(silent=True)
        await wait_until(lambda: store.get("a.tick").quality is Quality.COMM_LOST, 6.0)  # type: ignore[union-attr]
        # The health crosses the pipe in its own message, after the values it judged.
        await wait_until(lambda: service.health()["mb_a"].state == "lost", 3.0)
        assert store.get("a.tick").status.startswith("mb_a lost: no valid answer for")  # type: ignore[union-attr]
        assert store.get("b.tick").quality is Quality.GOOD  # type: ignore[union-attr]
        plc.well_behaved(1)
        await wait_until(lambda: all(store.get(f"a.{n}").quality is Quality.GOOD  # type: ignore[union-attr]
                                     for n, _, _ in SIGNALS), 8.0, "mb_a back")
        assert service.health()["mb_a"].state == "connected"
    finally:
        await service.stop()

"""The real OPC UA driver, supervisor and PlcService against PLCs that misbehave.

Two real asyncua servers on loopback (tests/plc/misbehaving_opcua.py): A misbehaves, B does
not. Bad status codes, wrong variant types, skewed timestamps and a PLC clock that is off,
and subscriptions deleted server-side each end in a clear quality and status for the tags
they touch; the other tags of A and every tag of B keep updating; A recovers once it
behaves; nothing logs a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

import pytest
import pytest_asyncio
from asyncua import ua

from hmi.config.schema import LineConfig
from hmi.core.net import free_tcp_port
from hmi.core.tags import Quality, TagValue
from hmi.core.tagstore import TagStore
from hmi.plc.service import PlcService

from .helpers import MakeService, connected, line, services, wait_until
from .misbehaving_opcua import MisbehavingOpcUaServer
from .servers import UaVar

NAMES = ("moving", "x", "n")


def variables() -> list[UaVar]:
    return [UaVar("moving", 0.0, ua.VariantType.Double, moving=True),
            UaVar("x", 1.5, ua.VariantType.Double, moving=True),
            UaVar("n", 3, ua.VariantType.Int32, moving=True)]


def ua_line(a: MisbehavingOpcUaServer, b: MisbehavingOpcUaServer) -> LineConfig:
    connections = "".join(
        f'[[connections]]\nid = "{name}"\nprotocol = "opcua"\nendpoint = "{server.endpoint}"\n'
        'publishing_interval_ms = 100\ntimeout_s = 2.0\nsecurity_mode = "None"\n'
        for name, server in (("ua_a", a), ("ua_b", b)))
    stations = ('[[stations]]\nid = "a"\nname = "Misbehaving"\nconnection = "ua_a"\n'
                '[[stations]]\nid = "b"\nname = "Well-behaved"\nconnection = "ua_b"\n')
    tags = "".join(
        f'[[tags]]\nid = "{station}.{name}"\n'
        + ('data_type = "int"\n' if name == "n" else "")
        + f'opcua = {{ node_id = "ns=2;s={name}" }}\n'
        for station in "ab" for name in NAMES)
    return line(connections, stations, tags)


@dataclass
class Recorder:
    values: list[TagValue] = field(default_factory=list)

    def __call__(self, batch: Sequence[TagValue]) -> None:
        self.values.extend(batch)


@dataclass
class Rig:
    a: MisbehavingOpcUaServer
    b: MisbehavingOpcUaServer
    store: TagStore
    service: PlcService
    recorder: Recorder

    def get(self, tag_id: str) -> TagValue:
        value = self.store.get(tag_id)
        assert value is not None, tag_id
        return value

    async def live_updates(self, tag_id: str, seconds: float = 1.0) -> int:
        start = len(self.recorder.values)
        await asyncio.sleep(seconds)
        return sum(1 for v in self.recorder.values[start:]
                   if v.tag_id == tag_id and v.quality.is_live)

    async def all_good(self, station: str, timeout_s: float = 5.0) -> None:
        await wait_until(lambda: all(self.get(f"{station}.{n}").quality is Quality.GOOD
                                     for n in NAMES), timeout_s, f"every {station}.* GOOD")


# Two servers for the whole module (an asyncua server takes 2-4 s to start on a loaded
# box); each test gets its own service and servers that behave when it starts.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def plcs() -> AsyncIterator[tuple[MisbehavingOpcUaServer, MisbehavingOpcUaServer]]:
    a = MisbehavingOpcUaServer(free_tcp_port(), variables())
    b = MisbehavingOpcUaServer(free_tcp_port(), variables())
    await a.start()
    await b.start()
    yield a, b
    await a.stop()
    await b.stop()


@pytest_asyncio.fixture(loop_scope="module")
async def make_service() -> AsyncIterator[MakeService]:
    async with services() as make:
        yield make


@pytest_asyncio.fixture(loop_scope="module")
async def rig(plcs: tuple[MisbehavingOpcUaServer, MisbehavingOpcUaServer],
              make_service: MakeService) -> AsyncIterator[Rig]:
    a, b = plcs
    a.reset()
    b.reset()
    try:
        store, service = await connected(make_service, ua_line(a, b))
        recorder = Recorder()
        store.subscribe(recorder)
        setup = Rig(a, b, store, service, recorder)
        await wait_until(lambda: all(store.get(f"{s}.{n}") is not None for s in "ab"
                                     for n in NAMES), 5.0, "first values")
        await setup.all_good("a")
        yield setup
        await service.stop()
    finally:
        a.reset()


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """Ours and asyncua's client side; the test servers' own complaints are theirs."""
    bad = [r for r in caplog.records
           if r.name.startswith(("hmi", "asyncua.client"))
           and (r.exc_info or r.levelno >= logging.ERROR)]
    assert not bad, [f"{r.name}: {r.getMessage()}" for r in bad]


@pytest.mark.parametrize(("code", "quality"), [
    ("BadSensorFailure", Quality.BAD),
    ("BadCommunicationError", Quality.BAD),
    ("BadNodeIdUnknown", Quality.BAD),
    ("UncertainLastUsableValue", Quality.UNCERTAIN),
])
async def test_a_status_code_marks_its_tag_and_the_rest_keeps_updating(
        rig: Rig, caplog: pytest.LogCaptureFixture, code: str, quality: Quality) -> None:
    rig.a.status["x"] = getattr(ua.StatusCodes, code)
    await wait_until(lambda: rig.get("a.x").quality is quality, 3.0, f"a.x {quality.value}")
    assert rig.get("a.x").status == code
    assert await rig.live_updates("a.moving") >= 5  # same PLC, 10 publishes a second
    assert await rig.live_updates("b.x") >= 5
    del rig.a.status["x"]
    await rig.all_good("a")
    assert_no_traceback(caplog)


async def test_a_node_the_plc_does_not_have_is_bad_and_named(
        plcs: tuple[MisbehavingOpcUaServer, MisbehavingOpcUaServer],
        make_service: MakeService) -> None:
    server = plcs[0]
    server.reset()
    config = ua_line(server, server)
    ghost = config.tag("a.x").model_copy(update={"opcua": config.tag("a.x").opcua.model_copy(  # type: ignore[union-attr]
        update={"node_id": "ns=2;s=gone"})})
    config = config.model_copy(update={"tags": tuple(
        ghost if t.id == "a.x" else t for t in config.tags)})
    store, _ = await connected(make_service, config)
    await wait_until(lambda: (v := store.get("a.x")) is not None and v.quality is Quality.BAD)
    assert store.get("a.x").status == "BadNodeIdUnknown: node ns=2;s=gone refused"  # type: ignore[union-attr]
    await wait_until(lambda: (v := store.get("a.moving")) is not None
                     and v.quality is Quality.GOOD)


async def test_a_value_of_another_type_than_configured_is_bad_with_both_types(
        rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    rig.a.sent_type["x"] = ua.VariantType.String
    rig.a.sent_type["n"] = ua.VariantType.Double
    await wait_until(lambda: rig.get("a.x").quality is Quality.BAD
                     and rig.get("a.n").quality is Quality.BAD, 3.0, "a.x and a.n BAD")
    assert rig.get("a.x").status == "a.x: PLC sent String, config says float"
    assert rig.get("a.n").status == "a.n: PLC sent Double, config says int"
    assert rig.get("a.x").value is None and rig.get("a.n").value is None
    assert await rig.live_updates("a.moving") >= 5
    # A whole number where a float is configured loses nothing: it is shown, GOOD.
    rig.a.sent_type["x"] = ua.VariantType.Int32
    del rig.a.sent_type["n"]
    await wait_until(lambda: rig.get("a.x").quality is Quality.GOOD
                     and isinstance(rig.get("a.x").value, int), 3.0, "a.x GOOD as Int32")
    rig.a.sent_type.clear()
    await rig.all_good("a")
    assert_no_traceback(caplog)


async def test_a_time_stamp_from_the_future_is_uncertain_and_aged_from_receipt(
        rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    rig.a.source_skew_s["x"] = 3600.0
    await wait_until(lambda: rig.get("a.x").quality is Quality.UNCERTAIN, 3.0, "a.x UNCERTAIN")
    x = rig.get("a.x")
    assert x.status.startswith("a.x: time stamp 3600 s in the future (PLC clock skew?)")
    assert 0.0 <= x.age_s() < 2.0  # never a negative age, never an hour too young
    assert rig.get("a.moving").quality is Quality.GOOD
    assert rig.service.health()["ua_a"].clock_skew_s is None  # its clock is right
    rig.a.source_skew_s.clear()
    await rig.all_good("a")
    assert_no_traceback(caplog)


async def test_an_old_time_stamp_from_a_plc_with_a_right_clock_is_its_age(rig: Rig) -> None:
    # Not skew: the PLC says the value was true an hour ago (it last changed then), and
    # its clock agrees with ours, so the age it claims is the age shown.
    rig.a.source_skew_s["x"] = -3600.0
    await wait_until(lambda: rig.get("a.x").age_s() > 3500, 3.0, "a.x an hour old")
    assert rig.get("a.x").quality is Quality.GOOD


@pytest.mark.parametrize("skew_s", [-3600.0, 600.0])
async def test_a_plc_clock_that_is_off_is_shown_and_corrected(
        rig: Rig, caplog: pytest.LogCaptureFixture, skew_s: float) -> None:
    caplog.set_level(logging.WARNING)
    rig.a.clock_skew_s = skew_s
    side = "behind" if skew_s < 0 else "ahead of"
    await wait_until(lambda: rig.service.health()["ua_a"].clock_skew_s == skew_s, 3.0,
                     "the skew in the connection's health")
    # (A value that came before the keep-alive measured the clock and was ahead was
    # judged by itself: from the future, aged from receipt. The next one is corrected.)
    corrected = {n: f"a.{n}: PLC clock {abs(skew_s):.0f} s {side} this HMI's: its time "
                    "stamp corrected by that" for n in NAMES}
    await wait_until(lambda: all(rig.get(f"a.{n}").status == corrected[n] for n in NAMES),
                     3.0, "every a.* corrected")
    for name in NAMES:
        value = rig.get(f"a.{name}")
        assert value.quality is Quality.UNCERTAIN
        assert 0.0 <= value.age_s() < 2.0  # corrected onto this HMI's clock
    assert rig.service.health()["ua_b"].clock_skew_s is None
    assert rig.get("b.x").quality is Quality.GOOD
    assert await rig.live_updates("a.moving") >= 5  # UNCERTAIN is live: still updating
    warnings = [r.getMessage() for r in caplog.records if "clock is" in r.getMessage()]
    assert warnings == [f"ua_a: the PLC's clock is {abs(skew_s):.0f} s {side} this HMI's: its "
                        "time stamps are corrected by that and its values shown UNCERTAIN; "
                        "set the PLC's clock (or its NTP server)"]
    rig.a.clock_skew_s = 0.0
    await rig.all_good("a")
    assert rig.service.health()["ua_a"].clock_skew_s is None
    assert_no_traceback(caplog)


async def test_dropped_subscriptions_are_found_recreated_and_a_refusal_retried(
        rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    # ~5 s: a deleted subscription is found by its silence (2 s, no keep-alive), the first
    # re-creation is refused and retried after the supervisor's backoff.
    caplog.set_level(logging.INFO)
    start = len(rig.recorder.values)
    assert await rig.a.drop_subscriptions(refuse_next=1) == 1
    await wait_until(lambda: rig.get("a.x").quality is Quality.COMM_LOST, 5.0, "a.x COMM_LOST")
    assert rig.get("a.x").status.startswith("ua_a lost: subscription silent for")
    assert "the PLC dropped or stalled it" in rig.get("a.x").status
    await rig.all_good("a", 8.0)
    assert rig.a.subscriptions_refused == 1
    assert "BadTooManySubscriptions" in caplog.text
    assert rig.service.health()["ua_a"].reconnects == 1
    # Meanwhile B went on, and A never showed a live value between the drop and recovery.
    # (On a loaded box B may miss its 0.3 s staleness window now and then: STALE, not lost.)
    b_updates = [v for v in rig.recorder.values[start:] if v.tag_id == "b.x"]
    assert sum(v.quality is Quality.GOOD for v in b_updates) >= 20
    assert not [v for v in b_updates if v.quality in (Quality.COMM_LOST, Quality.BAD)]
    assert rig.service.health()["ua_b"].recent_losses == ()
    lost_at = next(i for i, v in enumerate(rig.recorder.values[start:], start)
                   if v.tag_id == "a.x" and not v.quality.is_live)
    back_at = next(i for i, v in enumerate(rig.recorder.values[lost_at:], lost_at)
                   if v.tag_id == "a.x" and v.quality.is_live)
    assert not [v for v in rig.recorder.values[lost_at:back_at]
                if v.tag_id.startswith("a.") and v.quality.is_live
                and v.received_ts < rig.recorder.values[back_at].received_ts]
    assert_no_traceback(caplog)

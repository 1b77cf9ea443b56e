"""Apply an edited line config to a running line (hmi.reconfigure): the demo line on the
embedded twin over loopback, PlcService in process. Only the changed connections restart:
the others keep their supervisor, their driver (and its protocol client) and their
reconnect count."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from hmi.app import LineRuntime
from hmi.config import DEMO_LINE, parse_line_config
from hmi.config.schema import LineConfig
from hmi.core.tags import Quality
from hmi.plc.service import PlcService
from hmi.reconfigure import ApplyRefused, apply_config, plan, restart_scope

TEXT = DEMO_LINE.read_text(encoding="utf-8")
TENSION = 'id = "coater.web_tension_n"\ndescription = "Web tension (unwind span)"\n'


def edited(old: str, new: str) -> LineConfig:
    assert old in TEXT
    return parse_line_config(TEXT.replace(old, new, 1), "edited.toml")


@pytest.fixture(scope="module")
def line() -> Iterator[LineRuntime]:
    runtime = LineRuntime()
    runtime.start()
    try:
        yield runtime
    finally:
        runtime.stop()


@pytest.fixture
def runtime(line: LineRuntime) -> Iterator[LineRuntime]:
    """The module's line, back on the demo file's config after each test."""
    assert line.io.run(line.service.wait_connected(20), timeout=25)  # type: ignore[union-attr]
    yield line
    original = parse_line_config(TEXT, str(DEMO_LINE))
    if not plan(line, original).empty:
        apply_config(line, original, username="test")


def _links(service: PlcService) -> dict[str, tuple[object, object, int]]:
    """Per connection: the supervisor, its driver, its reconnect count."""
    return {cid: (s, s.driver, s.health().reconnects)
            for cid, s in service._supervisors.items()}


def _fresh(runtime: LineRuntime, tag_id: str, after: float) -> bool:
    value = runtime.store.get(tag_id)  # type: ignore[union-attr]
    return (value is not None and value.quality is Quality.GOOD
            and value.received_ts.timestamp() > after)


def test_a_changed_tag_restarts_its_connection_only(runtime: LineRuntime) -> None:
    service = runtime.service
    assert isinstance(service, PlcService)
    before = _links(service)
    new = edited(TENSION, TENSION + "rate_ms = 250\n")
    diff = plan(runtime, new)
    assert diff.restart == ("opcua_electrode",)
    assert set(diff.kept) == {"opcua_cell", "modbus_dryroom", "modbus_welder"}
    assert "restarts opcua_electrode" in restart_scope(runtime, diff)
    applied = apply_config(runtime, new, username="eng")
    assert applied.restarted == ("opcua_electrode",)
    after = _links(service)
    for cid in ("opcua_cell", "modbus_dryroom", "modbus_welder"):
        assert after[cid] == before[cid], f"{cid} was touched"
        assert after[cid][1] is not None  # still connected: the same driver object
    assert after["opcua_electrode"][0] is not before["opcua_electrode"][0]
    assert runtime.io.run(service.wait_connected(20), timeout=25)
    started = time.time()
    deadline = time.monotonic() + 10
    while not _fresh(runtime, "coater.web_tension_n", started):
        assert time.monotonic() < deadline, "the restarted link brings no values"
        time.sleep(0.05)
    assert service.config.tag("coater.web_tension_n").rate_ms == 250
    assert runtime.config is service.config
    # Staleness is judged by the new period: 0.25 s instead of the publishing interval.
    assert runtime.store._period["coater.web_tension_n"] == 0.25  # type: ignore[union-attr]


def test_a_description_restarts_nothing_and_the_same_config_is_refused(
        runtime: LineRuntime) -> None:
    service = runtime.service
    assert isinstance(service, PlcService)
    before = _links(service)
    new = edited('description = "Web tension (unwind span)"',
                 'description = "Web tension, unwind span"')
    applied = apply_config(runtime, new, username="eng")
    assert applied.restarted == () and applied.diff.lines()[0] == (
        "tag coater.web_tension_n changed: description")
    assert _links(service) == before
    assert service.config.tag("coater.web_tension_n").description == "Web tension, unwind span"
    with pytest.raises(ApplyRefused, match="nothing to apply"):
        apply_config(runtime, new, username="eng")


def test_a_removed_tag_is_marked_and_its_link_rebuilt(runtime: LineRuntime) -> None:
    service = runtime.service
    assert isinstance(service, PlcService)
    head = '[[tags]]\nid = "mixer.viscosity_mpas"\n'
    assert TEXT.count('"mixer.viscosity_mpas"') == 1  # nothing else names it
    block = head + TEXT.split(head, 1)[1].split("[[tags]]", 1)[0]
    new = parse_line_config(TEXT.replace(block, "", 1), "edited.toml")
    before = _links(service)
    applied = apply_config(runtime, new, username="eng")
    assert applied.restarted == ("opcua_electrode",)
    assert [str(c) for c in applied.diff.changes] == ["tag mixer.viscosity_mpas removed"]
    after = _links(service)
    assert all(after[c] == before[c] for c in ("opcua_cell", "modbus_dryroom", "modbus_welder"))
    value = runtime.store.get("mixer.viscosity_mpas")  # type: ignore[union-attr]
    assert value is not None and value.quality is Quality.BAD
    assert value.status == "no longer in the line config"


def test_another_line_is_refused_against_the_twin(runtime: LineRuntime) -> None:
    line_id = runtime.twin.config.line.id  # type: ignore[union-attr]
    new = edited(f'[line]\nid = "{line_id}"', '[line]\nid = "other_line"')
    with pytest.raises(ApplyRefused, match="embedded twin serves line"):
        apply_config(runtime, new, username="eng")

"""A start that overruns says what did not start and what to do, never an empty message
("lineside run: cannot start:" with nothing after it, seen on a loaded machine)."""

from __future__ import annotations

import asyncio

import pytest

from hmi.app import SERVICE_START_TIMEOUT_S, StartTimeout, _started
from hmi.core.iothread import IoThread
from hmi.plc.process_service import START_TIMEOUT_S as PLC_PROCESS_START_S


def test_the_app_waits_longer_than_the_plc_process_for_its_start() -> None:
    assert SERVICE_START_TIMEOUT_S > PLC_PROCESS_START_S  # its own reason arrives first


def test_a_silent_timeout_is_said_with_what_and_what_to_do() -> None:
    with IoThread("start-timeout") as io, pytest.raises(StartTimeout) as raised:
        _started(io, asyncio.sleep(5), 0.05, "the PLC service")
    text = str(raised.value)
    assert text.startswith("the PLC service did not start within 0.05 s")
    assert "overloaded" in text and "start again" in text
    assert isinstance(raised.value, OSError)  # `lineside run` says OSErrors as "cannot start"


def test_a_timeout_with_its_own_reason_keeps_it() -> None:
    async def plc_process_start() -> None:
        raise TimeoutError("the PLC process did not start within 30 s")

    with IoThread("start-timeout") as io, pytest.raises(StartTimeout) as raised:
        _started(io, plc_process_start(), 5.0, "the PLC service")
    assert str(raised.value) == "the PLC service: the PLC process did not start within 30 s"

"""Fixtures for the PLC tests (helpers live in tests/plc/helpers.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from .helpers import MakeService, services


@pytest.fixture
async def make_service() -> AsyncIterator[MakeService]:
    async with services() as make:
        yield make

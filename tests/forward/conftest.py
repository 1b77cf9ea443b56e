"""A line HMI on the embedded twin whose plant database is the worker's private PostgreSQL
(tests/plantdb/pg_fixtures.py, registered in tests/conftest.py), with an operator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hmi.app import LineRuntime
from hmi.config import DEMO_LINE, LineConfig, load_line_config
from hmi.core.roles import Role

OPERATOR = ("op", "Otto Operator", "operator-password-1")


def on_plant_db(url: str) -> LineConfig:
    config = load_line_config(DEMO_LINE)
    return config.model_copy(update={
        "security": config.security.model_copy(update={"url": url})})


@pytest.fixture
def pg_line(pg_url: str, tmp_path: Path) -> Iterator[LineRuntime]:
    """Started; the link polls every 0.3 s (the product's 5 s would make a slow test)."""
    runtime = LineRuntime(line_config=on_plant_db(pg_url), data_dir=tmp_path, secure=True,
                          link_poll_s=0.3)
    try:
        runtime.start()
        assert runtime.security is not None
        users = runtime.security.users
        admin = users.create_first_administrator("admin", "Ada Admin", "admin-password-1")
        users.add_user(admin, *OPERATOR, Role.OPERATOR, reason="test line")
        yield runtime
    finally:
        runtime.stop()

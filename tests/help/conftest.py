"""The demo line and the shipped procedures and help texts: what the app loads."""

from __future__ import annotations

import pytest

from hmi.config import DEMO_LINE, LineConfig, load_line_config
from hmi.help import HelpBook, HelpTexts, load_help_texts
from hmi.restore import PROCEDURES, Procedure, load_procedures


@pytest.fixture(scope="session")
def demo_config() -> LineConfig:
    return load_line_config(DEMO_LINE)


@pytest.fixture(scope="session")
def procedures(demo_config: LineConfig) -> dict[str, Procedure]:
    return load_procedures(PROCEDURES, demo_config)


@pytest.fixture(scope="session")
def texts() -> HelpTexts:
    return load_help_texts()


@pytest.fixture(scope="session")
def book(demo_config: LineConfig, procedures: dict[str, Procedure],
         texts: HelpTexts) -> HelpBook:
    return HelpBook(demo_config, procedures, texts, "en")

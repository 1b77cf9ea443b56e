"""Widget-test helpers: a clock the test moves by hand (ages, following windows), and the
language switch."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from tests.fits import language_switch

T0 = 1_780_000_000.0  # an epoch time in 2026; widgets only care that it is a real timestamp


class FakeClock:
    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def switch(qapp) -> Iterator[Callable[[str], None]]:  # type: ignore[no-untyped-def]
    """switch(code): the app's language, its LanguageChange events (posted, not sent)
    processed; English again after the test."""
    with language_switch(qapp, QApplication.processEvents) as to:
        yield to

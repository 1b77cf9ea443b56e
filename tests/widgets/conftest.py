"""Widget-test helpers: a clock the test moves by hand (ages, following windows)."""

from __future__ import annotations

import pytest

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

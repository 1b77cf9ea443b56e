"""Historians on real SQLite files in tmp_path; every writer thread stopped after the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hmi.historian import Historian, HistorianSettings, HistoryReader, default_url

MakeHistorian = Callable[..., Historian]


@pytest.fixture
def url(tmp_path: Path) -> str:
    return default_url(tmp_path)


@pytest.fixture
def make_historian(url: str) -> Iterator[MakeHistorian]:
    """Historian(settings) started on the test's database; all stopped at teardown."""
    made: list[Historian] = []

    def make(clock: Callable[[], float] | None = None, **overrides: object) -> Historian:
        settings = HistorianSettings(url=url, **overrides)  # type: ignore[arg-type]
        historian = Historian(settings) if clock is None else Historian(settings, clock)
        historian.start()
        made.append(historian)
        return historian

    yield make
    for historian in made:
        historian.stop()


@pytest.fixture
def reader(url: str) -> Iterator[Callable[[], HistoryReader]]:
    opened: list[HistoryReader] = []

    def open_reader() -> HistoryReader:
        opened.append(HistoryReader(url))
        return opened[-1]

    yield open_reader
    for r in opened:
        r.close()

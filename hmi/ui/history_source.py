"""The historian as the trend screen sees it: lines for a range, and CSV for export.

Opened lazily: the PLC process may not have created the history file yet when the window
opens. HistoryLayers call `fetch` from their worker threads; a lock keeps the reader to
one call at a time, as it requires.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from hmi.historian import HistoryReader, export_csv
from widgets.trend_history import Line


class HistorySource:
    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._reader: HistoryReader | None = None

    def _open(self) -> HistoryReader:
        if self._reader is None:
            self._reader = HistoryReader(self.url)  # raises HistoryUnavailable: said on the plot
        return self._reader

    def fetch(
        self, keys: Sequence[str], start_s: float, end_s: float, pixels: int
    ) -> dict[str, Line]:
        with self._lock:
            series = self._open().query(keys, _utc(start_s), _utc(end_s), pixels=pixels)
        return {key: s.line() for key, s in series.items()}

    def export_csv(self, keys: Sequence[str], start_s: float, end_s: float, path: Path) -> int:
        """Every stored sample of keys in the range (with quality) to a CSV file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, path.open("w", newline="", encoding="utf-8") as out:
            return export_csv(self._open(), keys, _utc(start_s), _utc(end_s), out).rows

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None


def _utc(epoch_s: float) -> datetime:
    return datetime.fromtimestamp(epoch_s, UTC)

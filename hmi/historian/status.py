"""What the historian tells the HMI about itself: polled by a banner, never pushed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class HistorianStatus:
    running: bool
    queue_depth: int  # samples waiting for the writer
    queue_capacity: int
    queue_high_water: int  # the deepest the queue has been since start
    received_samples: int  # accepted into the queue
    dropped_samples: int  # refused because the queue was full (marked as gaps)
    written_rows: int  # raw rows committed
    lost_rows: int  # rows the database refused for good (logged; not retried)
    last_flush: datetime | None  # the last commit
    last_error: str | None  # the last write failure, kept after recovery for the log view
    last_error_at: datetime | None
    failing: bool  # the last write attempt failed and is being retried

    def problem(self) -> str | None:
        """One line for a banner when history is incomplete or stalled, else None."""
        if self.failing:
            return f"History: writing fails and is retried ({self.last_error})"
        if self.lost_rows:
            return (
                f"History: {self.lost_rows} samples could not be stored ({self.last_error}); "
                "see the log"
            )
        if self.dropped_samples:
            return (
                f"History: {self.dropped_samples} samples dropped because the history database "
                "could not keep up (slow or full disk?); the gaps are marked in the trends"
            )
        if not self.running:
            return "History: not recording"
        return None

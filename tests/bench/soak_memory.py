"""What grew in the soak's UI process: tracemalloc and gc object counts, warm-up vs end.

`python tests/bench/soak.py ... --tracemalloc 25` traces every allocation from the warm-up
point on (25 frames; it slows the run, so its RSS figure is not the one to judge); a
snapshot and a count of live objects by type are taken there and at the end, and the biggest growths
(by traceback, and by type) go into the result and into memory.txt beside it. The twin
process traces too and answers the same question for itself (twin_memory_growth_top).
"""

from __future__ import annotations

import gc
import threading
import tracemalloc
from collections import Counter
from pathlib import Path


def _types() -> Counter[str]:
    return Counter(type(o).__qualname__ for o in gc.get_objects())


class MemoryWatch:
    def __init__(self, frames: int) -> None:
        self.frames = frames
        self._warm: tracemalloc.Snapshot | None = None
        self._warm_types: Counter[str] = Counter()
        self._lock = threading.Lock()

    def warm(self) -> bool:
        """At the warm-up point: the first call marks (True), later ones do nothing."""
        with self._lock:
            if self._warm is not None:
                return False
            gc.collect()
            # Traced from here on (a start traced from the beginning took minutes on a
            # loaded box): what is still held at the end is what grew.
            tracemalloc.start(self.frames)
            self._warm = tracemalloc.take_snapshot()
            self._warm_types = _types()
            return True

    def finish(self, folder: Path, top: int = 12) -> dict[str, list[str]]:
        """The growths since warm(); stops tracing."""
        with self._lock:
            if self._warm is None:
                return {}
            gc.collect()
            end = tracemalloc.take_snapshot()
            types = _types()
            tracemalloc.stop()
            keep = [tracemalloc.Filter(False, tracemalloc.__file__)]
            diffs = end.filter_traces(keep).compare_to(self._warm.filter_traces(keep),
                                                       "traceback")
        diffs.sort(key=lambda d: d.size_diff, reverse=True)
        lines, text = [], []
        for diff in diffs[:top]:
            frames = [f"{_short(f.filename)}:{f.lineno}" for f in diff.traceback]
            lines.append(f"{diff.size_diff / 1024:+.0f} KiB {diff.count_diff:+d} blocks at "
                         + " < ".join(reversed(frames[-4:])))
            text.append(f"{diff.size_diff / 1024:+.0f} KiB {diff.count_diff:+d} blocks\n  "
                        + "\n  ".join(diff.traceback.format()))
        grown = (types - self._warm_types).most_common(top)
        by_type = [f"{name} {count:+d}" for name, count in grown]
        (folder / "memory.txt").write_text("\n\n".join(text) + "\n\nBy type:\n"
                                           + "\n".join(by_type) + "\n")
        return {"memory_growth_top": lines, "objects_growth_top": by_type}


def _short(path: str) -> str:
    for marker in ("/site-packages/", "/work/main/", "/lib/python3.11/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path

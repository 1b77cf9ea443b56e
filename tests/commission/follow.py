"""Following a `lineside watch --json` subprocess line by line, instead of sleeping."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

Update = dict[str, Any]

FOLLOW_TIMEOUT_S = 15.0  # reconnect backoff is capped at 4 s: 15 s means it is not coming


async def follow_until(
    stdout: asyncio.StreamReader, seen: list[Update], wanted: Callable[[Update], bool]
) -> Update:
    """Read updates into `seen` until one is `wanted`; fails if the watch ends or stalls."""

    async def scan() -> Update:
        while True:
            line = await stdout.readline()
            assert line, f"watch ended early; it printed {seen}"
            update: Update = json.loads(line)
            seen.append(update)
            if wanted(update):
                return update

    return await asyncio.wait_for(scan(), FOLLOW_TIMEOUT_S)


def qualities(found: set[str], update: Update, quality: str) -> set[str]:
    """Accumulate the tags seen with `quality` (for waiting until every tag got there)."""
    if update["quality"] == quality:
        found.add(update["tag"])
    return found

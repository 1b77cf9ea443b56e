"""Which stations SPC may sample now: only a producing one (DOMAIN.md 5.1-5.2).

A station's `<station>.state` tag (PackML) says whether it produces: anything but Execute
is a stop, and a stopped coater's gauge reads 0 mg/cm², a point a thousand sigma out.
After a restart the first `settle_s` of a characteristic are start-up scrap, not the
process in control. A station whose state tag was never seen counts as producing (a
characteristic fed by a lab or a test); a state of unknown quality changes nothing (a
link loss is not a stop).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from hmi.config.production import Characteristic
from hmi.core.packml import PackMLState
from hmi.core.tags import TagValue


class ProducingGate:
    def __init__(self, chars: Iterable[Characteristic]) -> None:
        self._station_of = {f"{c.station}.state": c.station for c in chars}
        self._stopped: set[str] = set()
        self._restarted: dict[str, datetime] = {}  # station -> back in Execute at

    def is_state(self, tag_id: str) -> bool:
        return tag_id in self._station_of

    def on_state(self, value: TagValue, at: datetime) -> str | None:
        """Follow a state tag's value; the station's id when it has just stopped."""
        if not value.quality.is_live or isinstance(value.value, bool) or not isinstance(
                value.value, int | float):
            return None
        station = self._station_of[value.tag_id]
        if int(value.value) == PackMLState.EXECUTE:
            if station in self._stopped:
                self._stopped.discard(station)
                self._restarted[station] = at
            return None
        if station in self._stopped:
            return None
        self._stopped.add(station)
        return station

    def admits(self, char: Characteristic, at: datetime) -> bool:
        """May a value of this characteristic taken at `at` be charted?"""
        if char.station in self._stopped:
            return False
        since = self._restarted.get(char.station)
        return since is None or (at - since).total_seconds() >= char.settle_s

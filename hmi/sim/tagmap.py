"""Tags of the served config bound to station signals: typed reads, checked writes.

Both servers go through here, so OPC UA and Modbus refuse the same writes: a value outside
the tag's `range`, an enum value that is not in its enum, a tag that is not writable, or a
write the station refuses in its present state (a loop output while the loop is in AUTO).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from hmi.config.schema import LineConfig, TagConfig
from hmi.sim.station import Station, Value, WriteResult

log = logging.getLogger(__name__)


@dataclass
class Binding:
    tag: TagConfig
    station: Station | None
    enum_keys: frozenset[int] | None
    constant: Value  # served while the model does not know the signal

    @property
    def modelled(self) -> bool:
        return self.station is not None and self.station.knows(self.tag.signal)


def coerce(tag: TagConfig, value: Value) -> Value:
    """The value in the tag's data type (models compute floats; counters are ints)."""
    kind = tag.data_type
    if kind == "float":
        return float(value)
    if kind in ("int", "enum"):
        return round(float(value))
    if kind == "bool":
        return bool(value)
    return str(value)


def _constant(tag: TagConfig, enum_keys: frozenset[int] | None) -> Value:
    if tag.data_type == "enum":
        return min(enum_keys) if enum_keys else 0
    mid = (tag.range[0] + tag.range[1]) / 2.0 if tag.range is not None else 0.0
    return coerce(tag, mid) if tag.data_type != "string" else ""


class TagMap:
    def __init__(
        self,
        config: LineConfig,
        stations: Mapping[str, Station],
        on_write: Callable[[Station, str, Value], WriteResult],
    ) -> None:
        self._on_write = on_write
        enums = config.all_enums()
        self.bindings: dict[str, Binding] = {}
        for tag in config.tags:
            keys = frozenset(enums[tag.enum]) if tag.enum is not None else None
            binding = Binding(tag, stations.get(tag.station), keys, _constant(tag, keys))
            self.bindings[tag.id] = binding
            if not binding.modelled:
                log.warning(
                    "tag %s: the twin has no model of signal %r on station %r; serving %r",
                    tag.id, tag.signal, tag.station, binding.constant,
                )
        self.sensor_failed: set[str] = set()

    def read(self, tag_id: str) -> Value:
        binding = self.bindings[tag_id]
        if binding.station is not None:
            value = binding.station.read(binding.tag.signal)
            if value is not None:
                return coerce(binding.tag, value)
        return binding.constant

    def read_all(self, tag_ids: Iterable[str]) -> dict[str, Value]:
        """`read` of many tags, each station's values computed once (not once per tag)."""
        of_station: dict[int, dict[str, Value]] = {}
        out: dict[str, Value] = {}
        for tag_id in tag_ids:
            binding = self.bindings[tag_id]
            station = binding.station
            if station is not None:
                values = of_station.get(id(station))
                if values is None:
                    values = of_station[id(station)] = station.values()
                value = values.get(binding.tag.signal)
                if value is not None:
                    out[tag_id] = coerce(binding.tag, value)
                    continue
            out[tag_id] = binding.constant
        return out

    def check(self, tag_id: str, value: Value) -> WriteResult:
        binding = self.bindings[tag_id]
        tag = binding.tag
        if not tag.writable:
            return WriteResult.NOT_WRITABLE
        if tag.data_type in ("float", "int", "enum"):
            number = float(value)
            if not math.isfinite(number):
                return WriteResult.OUT_OF_RANGE
            if tag.range is not None and not tag.range[0] <= number <= tag.range[1]:
                return WriteResult.OUT_OF_RANGE
            if binding.enum_keys is not None and number not in binding.enum_keys:
                return WriteResult.OUT_OF_RANGE
        if binding.modelled:
            assert binding.station is not None
            return binding.station.check_write(tag.signal, coerce(tag, value))
        return WriteResult.OK

    def write(self, tag_id: str, value: Value) -> WriteResult:
        """Check, then apply; nothing changes when the write is refused."""
        result = self.check(tag_id, value)
        if result != WriteResult.OK:
            return result
        binding = self.bindings[tag_id]
        typed = coerce(binding.tag, value)
        if binding.modelled:
            assert binding.station is not None
            return self._on_write(binding.station, binding.tag.signal, typed)
        binding.constant = typed  # an unmodelled setpoint keeps what was written
        return WriteResult.OK

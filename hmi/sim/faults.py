"""Fault names, targets and the CLI syntax `NAME[:TARGET]@SECONDS[+DURATION]`.

Faults (target in brackets, default first):
  web_break            [coater station]     web breaks: tension 0, interlock trip, Abort
  estop                [any station; coater] E-stop circuit open: trip, Abort
  sensor_failure       [tag id, required]   OPC UA reads BadSensorFailure; Modbus reads of
                                            its registers answer exception 4 (device failure)
  dryer_heater_fault   [zone: z1-z4, coater.z2, coater_2.z3; z1]  heater contactor open: the
                                            zone cools, the coater goes Held (reason 204)
  dew_point_excursion  [dry_room station]   airlock door held open to the corridor
  dehumidifier_trip    [dry_room station]   desiccant wheel stops: trip, supply air wet
  exhaust_fan_failure  [coater station]     exhaust fan lost: LFL climbs, trips at 25 % LFL
  coat_weight_drift    [coater station]     metering pump wear: coat weight creeps up
                                            0.1 %/min (SPC sees it long before the
                                            ±2 % spec); cleared = pump recalibrated
  vision_degrade       [vision station]     inspection score sinks (lens, defect burst)
  plc_restart          [-]                  servers away ~3 s, PLC state to power-up values
  comm_loss            [-, opcua, modbus]   servers (or that protocol's only) stop accepting
                                            and answering, the process runs on
A fault without a duration lasts until cleared (plc_restart and comm_loss default to 3 s / 5 s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STATION_FAULTS = {
    "web_break": "coater",
    "estop": "coater",
    "dryer_heater_fault": "coater",
    "dew_point_excursion": "dry_room",
    "dehumidifier_trip": "dry_room",
    "exhaust_fan_failure": "coater",
    "coat_weight_drift": "coater",
    "vision_degrade": "vision",
}
LINK_FAULTS = {"plc_restart": 3.0, "comm_loss": 5.0}
TAG_FAULTS = ("sensor_failure",)
FAULT_NAMES = (*STATION_FAULTS, *TAG_FAULTS, *LINK_FAULTS)

_SYNTAX = re.compile(
    r"^(?P<name>[a-z_]+)(?::(?P<target>[A-Za-z0-9_.]+))?"
    r"@(?P<at>\d+(?:\.\d+)?)(?:\+(?P<duration>\d+(?:\.\d+)?))?$"
)


class FaultError(ValueError):
    """A fault that cannot be injected: unknown name, bad target or bad syntax."""


@dataclass(frozen=True)
class FaultSpec:
    name: str
    target: str | None = None
    at_s: float = 0.0
    duration_s: float | None = None


def check_name(name: str) -> None:
    if name not in FAULT_NAMES:
        raise FaultError(f"unknown fault {name!r}; known faults: {', '.join(FAULT_NAMES)}")


def parse_fault(text: str) -> FaultSpec:
    """`web_break@30`, `sensor_failure:coater.web_tension_n@10+20`, `estop:winder@5+2.5`."""
    match = _SYNTAX.match(text.strip())
    if match is None:
        raise FaultError(
            f"fault {text!r} is not NAME[:TARGET]@SECONDS[+DURATION], e.g. web_break@30+60"
        )
    name = match["name"]
    check_name(name)
    duration = match["duration"]
    return FaultSpec(
        name=name,
        target=match["target"],
        at_s=float(match["at"]),
        duration_s=float(duration) if duration is not None else None,
    )

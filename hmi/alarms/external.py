"""Alarms raised by another part of the HMI rather than judged from a tag: SPC run rules.

ISA-18.2 wants every alarm defined and rationalised before it can sound, so an SPC alarm is
not an ad-hoc message: one discrete alarm is defined per configured SPC characteristic
(`spc_alarm_defs`), with its cause, consequence, action and time to respond, and lives in
the engine beside the config's alarms (same states, journal, audit, shelving, banner, KPIs).
Its `tag` is a virtual one, `<station>.spc.<characteristic>`, that no PLC serves: the SPC
monitor drives it through `AlarmEngine.raise_external(alarm_id, active, message)`, and the
message (naming the rule that fired) is the alarm's value in the list and the journal.

A config alarm with the same id is the plant's own (a PLC-side SPC bit, say): the
generated one is left out, and the monitor's calls for that id are ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Protocol

from hmi.config.alarms import AlarmDef
from hmi.config.production import Characteristic, characteristics
from hmi.config.schema import LineConfig

SPC_PREFIX = "spc_"
RESPOND_WITHIN_S = 900.0  # a drifting process, not a trip: a quarter hour to look [EST]
# Rules flicker at the edge of a run (N7, WE2): the alarm returns only after a minute of
# points that break none, or it chatters (ISA-18.2: >= 3 activations a minute) [EST].
OFF_DELAY_S = 60.0


def spc_alarm_id(characteristic: str) -> str:
    return f"{SPC_PREFIX}{characteristic}"


def spc_tag(char: Characteristic) -> str:
    """The virtual tag an SPC alarm is shown against (its station is the tag's first part)."""
    return f"{char.station}.spc.{char.id}"


def spc_alarm_defs(config: LineConfig) -> tuple[AlarmDef, ...]:
    """One run-rule alarm per SPC characteristic the line has (listed or derived), on the
    console the station's other alarms go to; ids the config already defines are left out."""
    declared = {a.id for a in config.alarms}
    consoles: dict[str, Counter[str]] = {}
    for alarm in config.alarms:
        if alarm.tag is not None:
            consoles.setdefault(alarm.tag.split(".", 1)[0], Counter())[alarm.console] += 1
    defs = []
    for char in characteristics(config):
        alarm_id = spc_alarm_id(char.id)
        if alarm_id in declared:
            continue
        seen = consoles.get(char.station)
        console = seen.most_common(1)[0][0] if seen else "line"
        defs.append(spc_alarm_def(char, console))
    return tuple(defs)


def spc_alarm_def(char: Characteristic, console: str = "line") -> AlarmDef:
    name = char.description or char.id
    critical = (" It is a critical characteristic: a Cpk below 1.33 puts the running lot on "
                "hold." if char.critical else "")
    return AlarmDef(
        id=spc_alarm_id(char.id), kind="discrete", tag=spc_tag(char),
        description=f"SPC: {name} out of statistical control at {char.station}",
        priority=2 if char.critical else 3, console=console, off_delay_s=OFF_DELAY_S,
        cause=(f"A Western Electric or Nelson run rule fired on the {char.id} chart (the "
               "alarm's value names it): a shift, trend, drift or more spread than in the "
               "baseline period, from material, setpoint, wear or a sensor."),
        consequence=(f"{name} may leave its specification before inspection finds it; "
                     f"the capability falls.{critical}"),
        action=(f"Open the SPC chart of {char.id}, find the assignable cause (material lot, "
                "recent writes or restores, sensor), correct it and note the cause; the "
                "alarm clears once the newest points break no rule for a minute."),
        respond_within_s=RESPOND_WITHIN_S,
    )



class ExternalRaiser(Protocol):
    def raise_external(self, alarm_id: str, active: bool, message: str | None = None) -> bool:
        ...


def spc_alarm_sink(engine: ExternalRaiser) -> Callable[[str, bool, str], bool]:
    """What the SPC monitor calls per characteristic (`alarm_sink` of build_spc): sets that
    characteristic's run-rule alarm in `engine` (an AlarmEngine)."""
    def sink(characteristic: str, active: bool, message: str) -> bool:
        return engine.raise_external(spc_alarm_id(characteristic), active, message)
    return sink

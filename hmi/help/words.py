"""Plain words for what the config and the procedures say in fields: an alarm's
condition, a step's guards, writes, ramps and waits, in the reader's language.

Tags are named by their description with the id after it (the operator reads the first,
the technician looks up the second); numbers carry the tag's unit; enum values are named
(coater.state = 8 reads "Aborted"). Templates come from resources/help/labels.toml.
"""

from __future__ import annotations

from hmi.config.alarms import AlarmDef
from hmi.config.schema import LineConfig, TagConfig
from hmi.help.texts import HelpTexts
from hmi.restore.procedure import Condition, Step, StepKind, Write

_LIMIT_KEYS = {"HH": "alarm_above", "H": "alarm_above", "L": "alarm_below", "LL": "alarm_below"}


class Words:
    """Phrases for one line config in one language."""

    def __init__(self, config: LineConfig, texts: HelpTexts, lang: str) -> None:
        self._tags: dict[str, TagConfig] = {t.id: t for t in config.tags}
        self._enums = config.all_enums()
        self._texts = texts
        self.lang = lang

    def label(self, key: str, **fields: object) -> str:
        return self._texts.label(key, self.lang, **fields)

    # -- pieces ---------------------------------------------------------------------------
    def tag(self, tag_id: str) -> str:
        tag = self._tags.get(tag_id)
        if tag is None or not tag.description:
            return tag_id
        return f"{tag.description} ({tag_id})"

    def value(self, tag_id: str, value: float | int | bool | str | None) -> str:
        tag = self._tags.get(tag_id)
        if isinstance(value, bool) or (tag is not None and tag.data_type == "bool"):
            return self.label("yes" if value else "no")
        if tag is not None and tag.enum is not None and value is not None:
            name = self._enums.get(tag.enum, {}).get(int(float(value)))
            if name is not None:
                return name.title() if name.isupper() else name
        text = f"{value:g}" if isinstance(value, float) else str(value)
        unit = tag.unit if tag is not None else ""
        return f"{text} {unit}".strip()

    def seconds(self, seconds: float) -> str:
        if seconds >= 3600 and seconds % 3600 == 0:
            return self.label("hours", n=f"{seconds / 3600:g}")
        if seconds >= 120 and seconds % 60 == 0:
            return self.label("minutes", n=f"{seconds / 60:g}")
        return self.label("seconds", n=f"{seconds:g}")

    # -- alarms ---------------------------------------------------------------------------
    def alarm_condition(self, alarm: AlarmDef) -> str:
        """When the alarm is raised, in one sentence."""
        delay = (" " + self.label("for_at_least", t=self.seconds(alarm.on_delay_s))
                 if alarm.on_delay_s else "")
        if alarm.kind == "limit":
            assert alarm.tag is not None and alarm.limit is not None
            return self.label(_LIMIT_KEYS[alarm.limit], tag=self.tag(alarm.tag),
                              value=self.value(alarm.tag, alarm.value),
                              limit=alarm.limit) + delay
        if alarm.kind == "deviation":
            assert alarm.tag is not None and alarm.setpoint is not None
            band = f"{alarm.value:g} %" if alarm.percent else self.value(alarm.tag, alarm.value)
            return self.label("alarm_deviation", tag=self.tag(alarm.tag), band=band,
                              setpoint=self.tag(alarm.setpoint)) + delay
        if alarm.kind == "rate":
            assert alarm.tag is not None
            return self.label("alarm_rate", tag=self.tag(alarm.tag),
                              rate=self.value(alarm.tag, alarm.value),
                              window=self.seconds(alarm.window_s)) + delay
        if alarm.kind == "discrete":
            assert alarm.tag is not None
            return self.label("alarm_discrete", tag=self.tag(alarm.tag),
                              value=self.value(alarm.tag, alarm.active_when)) + delay
        what = self.tag(alarm.tag) if alarm.tag is not None else alarm.connection or ""
        key = "alarm_comm_loss" if alarm.condition == "comm_loss" else "alarm_sensor_failure"
        return self.label(key, what=what) + delay

    # -- procedure steps ------------------------------------------------------------------
    def condition(self, condition: Condition) -> str:
        tag = self.tag(condition.tag)
        if condition.equals is not None:
            return self.label("is", tag=tag, value=self.value(condition.tag, condition.equals))
        parts: list[str] = []
        if condition.below is not None:
            parts.append(self.label("below", tag=tag,
                                    value=self.value(condition.tag, condition.below)))
        if condition.above is not None:
            parts.append(self.label("above", tag=tag,
                                    value=self.value(condition.tag, condition.above)))
        if condition.within is not None:
            band = self.value(condition.tag, condition.within)
            reference = (self.tag(condition.of) if condition.of is not None
                         else self.value(condition.tag, condition.value))
            parts.append(self.label("within", tag=tag, band=band, of=reference))
        return self.label("and").join(parts) if parts else tag

    def conditions(self, conditions: tuple[Condition, ...]) -> list[str]:
        return [self.condition(c) for c in conditions]

    def write(self, write: Write) -> str:
        if write.copy_of is not None:
            return self.label("write_copy", tag=self.tag(write.tag), source=self.tag(write.copy_of))
        return self.label("write", tag=self.tag(write.tag),
                          value=self.value(write.tag, write.value))

    def step_details(self, step: Step) -> list[str]:
        """What the step does and what it waits for or checks, one line each (the step's
        own text is said first, by the caller)."""
        lines: list[str] = []
        if step.requires:
            lines.append(self.label("requires", what="; ".join(self.conditions(step.requires))))
        if step.kind is StepKind.CHECK:
            lines += [self.label("checks", what=c) for c in self.conditions(step.conditions)]
            if step.hold_s:
                lines.append(self.label("held", t=self.seconds(step.hold_s)))
        elif step.kind is StepKind.ACTION:
            lines += [self.write(w) for w in step.writes]
            if step.command is not None:
                lines.append(self.label("command", command=step.command.name.title()))
            lines += [self.label("until", what=c) for c in self.conditions(step.until)]
        elif step.kind is StepKind.CONFIRM:
            lines.append(self.label("signature", meaning=step.signature) if step.signature
                         else self.label("confirm_note"))
        elif step.kind is StepKind.RAMP:
            assert step.tag is not None
            to = (self.label("recipe_value") if step.to == "recipe"
                  else self.value(step.tag, step.to))
            lines.append(self.label("ramp", tag=self.tag(step.tag), to=to,
                                    rate=self.value(step.tag, step.rate_per_s)))
            if step.pv is not None and step.hold_deviation is not None:
                lines.append(self.label("ramp_pause", pv=self.tag(step.pv),
                                        band=self.value(step.pv, step.hold_deviation)))
            if step.pv is not None and step.abort_deviation is not None:
                lines.append(self.label("ramp_abort", pv=self.tag(step.pv),
                                        band=self.value(step.pv, step.abort_deviation)))
        elif step.kind is StepKind.WAIT_STABLE:
            assert step.pv is not None
            if step.of is not None:
                around = self.tag(step.of)
            elif step.value is not None:
                around = self.value(step.pv, step.value)
            else:
                around = ""
            key = "stable_around" if around else "stable_spread"
            lines.append(self.label(key, pv=self.tag(step.pv), of=around,
                                    band=self.value(step.pv, step.band),
                                    t=self.seconds(step.for_s)))
        if step.kind is not StepKind.CONFIRM:
            lines.append(self.label("gives_up", t=self.seconds(step.timeout_s)))
        return lines

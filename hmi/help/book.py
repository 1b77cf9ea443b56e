"""The help pages, assembled from the objects the app runs on.

A screen's page says what it shows and what each control does (resources/help). A station
screen's page adds every alarm configured on the station, with its rationalisation (cause,
consequence, operator action, time to respond), and every restore procedure that applies
to it, step by step in plain words. The alarms come from the LineConfig the alarm engine
was built from, the procedures from the dict the restore engine runs: a changed config or
procedure file changes its help at the next start, with nothing to copy by hand.

    book = HelpBook(config, restore_engine.procedures, load_help_texts(), "de")
    book.screen_page("coater")                 # HelpPage: title, sections
    book.screen_page("alarms", alarm="coater_tension_hh")   # with the selected alarm
    book.page("alarm:coater_tension_hh"); book.page("procedure:coater_web_break")
    book.search("slurry pump")                 # hmi.help.search: topics ranked
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hmi.alarms.external import spc_alarm_defs
from hmi.config.alarms import AlarmDef
from hmi.config.schema import LineConfig
from hmi.help.texts import HelpTexts
from hmi.help.words import Words
from hmi.restore.procedure import Procedure

STATION_TOPIC = "station"  # every station screen shares one text, with its station's items
SCREEN, ALARM, PROCEDURE = "screen", "alarm", "procedure"


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    lines: tuple[str, ...] = ()  # paragraphs (the first may be the lead)
    items: tuple[str, ...] = ()  # a list (controls, numbered steps)
    numbered: bool = False
    procedure: str | None = None  # a procedure the reader may start from here
    level: int = 2  # 2: a part of the page, 3: an entry within a part (one alarm)
    included: bool = False  # another topic's page shown here (search ranks it lower)
    labelled: bool = False  # its lines start "Label: text" (the label is set in bold)


@dataclass(frozen=True, slots=True)
class HelpPage:
    key: str  # "screen:coater", "alarm:<id>", "procedure:<id>"
    title: str
    sections: tuple[Section, ...]

    @property
    def procedures(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.procedure for s in self.sections if s.procedure))

    def text(self, included: bool = True) -> str:
        """Everything the page says, for search (``included``: with the other topics'
        sections it shows)."""
        parts = [self.title]
        for section in self.sections:
            if included or not section.included:
                parts += [section.heading, *section.lines, *section.items]
        return "\n".join(parts)


class HelpBook:
    def __init__(self, config: LineConfig, procedures: Mapping[str, Procedure],
                 texts: HelpTexts, lang: str = "en", screens: tuple[str, ...] = (),
                 alarms: Sequence[AlarmDef] | None = None) -> None:
        """``screens``: the screens of the running window, in its order (default: every
        topic with a text, and every station); ``alarms``: the alarm engine's definitions
        (default: what build_alarm_engine defines, the config's [[alarms]] and one SPC
        run-rule alarm per characteristic)."""
        self.config = config
        self.alarms = tuple(config.alarms) + spc_alarm_defs(config) if alarms is None \
            else tuple(alarms)
        self.procedures = dict(procedures)
        self.texts = texts
        self.lang = lang
        self.words = Words(config, texts, lang)
        self._stations = {s.id: s for s in config.stations}
        self._alarms = {a.id: a for a in self.alarms}
        self.screens = screens or (
            *[t for t in texts.topics if t != STATION_TOPIC], *self._stations)

    def with_language(self, lang: str) -> HelpBook:
        return HelpBook(self.config, self.procedures, self.texts, lang, self.screens,
                        self.alarms)

    # -- what belongs to a station ----------------------------------------------------------
    def alarm_stations(self, alarm: AlarmDef) -> tuple[str, ...]:
        """The stations an alarm is about: its tag's (the alarm engine's rule), or every
        station read through the connection a comm-loss alarm watches."""
        if alarm.connection is not None:
            return tuple(s.id for s in self.config.stations
                         if s.connection == alarm.connection)
        assert alarm.tag is not None
        return (alarm.tag.split(".", 1)[0],)

    def station_alarms(self, station: str) -> tuple[AlarmDef, ...]:
        """Most urgent first, then in config order."""
        found = [a for a in self.alarms if station in self.alarm_stations(a)]
        return tuple(sorted(found, key=lambda a: a.priority))

    def station_procedures(self, station: str) -> tuple[Procedure, ...]:
        """Procedures restoring the station, those its alarms name, and those with a step
        acting on it (the dew-point procedure holds the filler)."""
        named = {a.procedure for a in self.station_alarms(station) if a.procedure}
        found = [p for p in self.procedures.values()
                 if p.station == station or p.id in named
                 or any(s.station == station for s in p.steps)]
        return tuple(sorted(found, key=lambda p: (p.station != station, p.title)))

    def alarms_naming(self, procedure_id: str) -> tuple[AlarmDef, ...]:
        return tuple(a for a in self.alarms if a.procedure == procedure_id)

    def procedure_of(self, alarm: AlarmDef) -> Procedure | None:
        """The alarm's procedure by id, or the one serving a fault kind of that name (the
        restore screen's rule)."""
        if alarm.procedure is None:
            return None
        found = self.procedures.get(alarm.procedure)
        return found or next((p for p in self.procedures.values()
                              if alarm.procedure in p.faults), None)

    # -- pages ------------------------------------------------------------------------------
    def topic_of(self, screen: str) -> str:
        return STATION_TOPIC if screen in self._stations else screen

    def screen_page(self, screen: str, alarm: str | None = None) -> HelpPage:
        """The page for a screen; ``alarm``: the alarm selected on it (alarm screens)."""
        w = self.words
        station = self._stations.get(screen)
        text = self.texts.screen(self.topic_of(screen), self.lang)
        sections: list[Section] = []
        if text is None:
            title = screen.replace("_", " ").capitalize()
            sections.append(Section(w.label("no_text"), (w.label("no_text_lead", screen=screen),)))
        else:
            title = text.title.format(station=station.name if station else screen)
            sections.append(Section(w.label("what_it_shows"), (text.shows,)))
            if text.controls:
                sections.append(Section(w.label("controls"), items=tuple(
                    f"{c.name}: {c.does}" for c in text.controls), labelled=True))
        if alarm is not None and alarm in self._alarms:
            sections.append(Section(w.label("selected_alarm"), level=2))
            sections += self._alarm_sections(self._alarms[alarm])
        if station is not None:
            alarms = self.station_alarms(station.id)
            sections.append(Section(w.label("station_alarms", n=len(alarms)), (
                w.label("station_alarms_lead") if alarms else w.label("none"),)))
            for definition in alarms:
                sections += self._alarm_sections(definition, with_procedure=False,
                                                 included=True)
            procedures = self.station_procedures(station.id)
            sections.append(Section(w.label("station_procedures", n=len(procedures)), (
                w.label("station_procedures_lead") if procedures else w.label("none"),)))
            for procedure in procedures:
                sections += self._procedure_sections(procedure, included=True)
        return HelpPage(f"{SCREEN}:{screen}", title, tuple(sections))

    def alarm_page(self, alarm_id: str) -> HelpPage:
        definition = self._alarms[alarm_id]
        return HelpPage(f"{ALARM}:{alarm_id}", definition.description,
                        tuple(self._alarm_sections(definition)))

    def procedure_page(self, procedure_id: str) -> HelpPage:
        procedure = self.procedures[procedure_id]
        return HelpPage(f"{PROCEDURE}:{procedure_id}", procedure.title,
                        tuple(self._procedure_sections(procedure)))

    def page(self, key: str) -> HelpPage:
        """A page by its key ("screen:x", "alarm:x", "procedure:x"); KeyError if unknown."""
        kind, _, name = key.partition(":")
        if kind == SCREEN and name in self.screens:
            return self.screen_page(name)
        if kind == ALARM and name in self._alarms:
            return self.alarm_page(name)
        if kind == PROCEDURE and name in self.procedures:
            return self.procedure_page(name)
        raise KeyError(key)

    def page_keys(self) -> tuple[str, ...]:
        """Every page: the screens, then the alarms, then the procedures."""
        return (*(f"{SCREEN}:{s}" for s in self.screens),
                *(f"{ALARM}:{a}" for a in self._alarms),
                *(f"{PROCEDURE}:{p}" for p in sorted(self.procedures)))

    def lookup(self, name: str) -> HelpPage:
        """A screen, alarm or procedure by its bare name (the CLI); KeyError says what
        names there are."""
        for kind in (SCREEN, ALARM, PROCEDURE):
            try:
                return self.page(f"{kind}:{name}")
            except KeyError:
                continue
        raise KeyError(f"no screen, alarm or procedure {name!r}: screens are "
                       f"{', '.join(self.screens)}; alarms and procedures by their id "
                       "(lineside alarms list, lineside restore list)")

    # -- parts ------------------------------------------------------------------------------
    def _alarm_sections(self, alarm: AlarmDef, with_procedure: bool = True,
                        included: bool = False) -> list[Section]:
        w = self.words
        lines = [
            w.label("alarm_head", priority=alarm.priority, id=alarm.id),
            w.label("raised_when", what=w.alarm_condition(alarm)),
            w.label("cause", text=alarm.cause),
            w.label("consequence", text=alarm.consequence),
            w.label("action", text=alarm.action),
            w.label("respond_within", t=w.seconds(alarm.respond_within_s)),
        ]
        procedure = self.procedure_of(alarm)
        if alarm.procedure is not None:
            lines.append(w.label("alarm_procedure", title=procedure.title) if procedure
                         else w.label("alarm_procedure_missing", id=alarm.procedure))
        sections = [Section(alarm.description, tuple(lines), level=3,
                            procedure=procedure.id if procedure else None, included=included,
                            labelled=True)]
        if with_procedure and procedure is not None:
            sections += self._procedure_sections(procedure, included=True)
        return sections

    def _procedure_sections(self, procedure: Procedure,
                            included: bool = False) -> list[Section]:
        w = self.words
        alarms = self.alarms_naming(procedure.id)
        when = [w.label("when_faults", faults=", ".join(procedure.faults))]
        if alarms:
            when.append(w.label("when_alarms", alarms="; ".join(
                f"{a.description} ({a.id})" for a in alarms)))
        station = self._stations.get(procedure.station)
        when.append(w.label("procedure_station",
                            station=station.name if station else procedure.station,
                            n=len(procedure.steps)))
        steps = []
        for step in procedure.steps:
            head = w.label("step_head", kind=w.label(f"kind_{step.kind.value}"),
                           text=step.text, roles=", ".join(step.roles))
            details = w.step_details(step)
            steps.append("\n".join([head, *(f"– {d}" for d in details)]))
        return [Section(procedure.title, tuple(when), tuple(steps), numbered=True,
                        procedure=procedure.id, level=3, included=included, labelled=True)]

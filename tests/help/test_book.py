"""Help pages assembled from the demo line's alarms and the shipped procedures."""

from __future__ import annotations

from hmi.config import LineConfig
from hmi.help import LANGUAGES, HelpBook, HelpTexts, page_text
from hmi.restore import Procedure, StepKind


def _coater_alarms(book: HelpBook) -> list[str]:
    electrode = next(s.connection for s in book.config.stations if s.id == "coater")
    return [a.id for a in book.alarms
            if (a.tag or "").startswith("coater.") or a.connection == electrode]


def test_the_coater_page_gives_every_coater_alarm_with_its_rationalisation(
        book: HelpBook, demo_config: LineConfig) -> None:
    page = book.screen_page("coater")
    text = page_text(page)
    ids = _coater_alarms(book)
    assert len(ids) >= 10  # the demo coater is the most alarmed station
    # The config's alarms and the SPC run-rule alarms the engine defines beside them.
    assert {a.id for a in demo_config.alarms} & set(ids)
    assert "spc_coat_weight" in ids
    definitions = {a.id: a for a in book.alarms}
    for alarm_id in ids:
        alarm = definitions[alarm_id]
        # Its own entry holds its rationalisation, not a neighbour's.
        entry = next(s for s in page.sections
                     if s.lines and s.lines[0].endswith(f"alarm id {alarm_id}"))
        said = "\n".join(entry.lines)
        assert entry.heading == alarm.description
        assert f"Priority {alarm.priority}" in said
        assert f"Cause: {alarm.cause}" in said
        assert f"Consequence: {alarm.consequence}" in said
        assert f"Operator action: {alarm.action}" in said
        assert "Respond within: " in said
    assert text.count("alarm id ") == len(ids)  # and no other station's alarms
    # Most urgent first.
    priorities = [definitions[s.lines[0].rsplit(" ", 1)[-1]].priority
                  for s in page.sections if s.lines and "alarm id " in s.lines[0]]
    assert priorities == sorted(priorities)


def test_the_coater_page_gives_its_procedures_step_by_step_in_plain_words(
        book: HelpBook, procedures: dict[str, Procedure]) -> None:
    page = book.screen_page("coater")
    coater = sorted(p.id for p in procedures.values() if p.station == "coater")
    assert coater == ["coater_dryer_heater", "coater_estop", "coater_tension_manual",
                      "coater_web_break", "plc_comm_loss"]
    assert set(page.procedures) == set(coater)
    for procedure_id in coater:
        procedure = procedures[procedure_id]
        section = next(s for s in page.sections if s.procedure == procedure_id
                       and s.heading == procedure.title)
        assert section.numbered and len(section.items) == len(procedure.steps)
        for step, item in zip(procedure.steps, section.items, strict=True):
            assert step.text in item  # in the file's order
    web_break = next(s for s in page.sections if s.heading == procedures[
        "coater_web_break"].title)
    first = web_break.items[0]
    # The guard in words: the enum named, the unit given, the hold said.
    assert "PackML state (coater.state) is Aborted" in first
    assert "Line speed (coater.line_speed_mpm) below 0.5 m/min" in first
    assert "All of it must hold for 1 s" in first
    assert "When to use: after a fault of kind web_break." in web_break.lines
    assert any("coater_web_break" in line and "Offered with the alarms" in line
               for line in web_break.lines)
    ramp = web_break.items[[s.id for s in procedures["coater_web_break"].steps]
                           .index("ramp_tension")]
    assert "to the recipe value at 6.2 N per second" in ramp
    assert "Pauses while Web tension (unwind span) (coater.web_tension_n) lags by more " \
           "than 3 N" in ramp
    signed = web_break.items[-1]
    assert "e-signature (performed)" in signed


def test_a_station_gets_the_procedures_that_act_on_it(book: HelpBook) -> None:
    assert book.station_procedures("dry_room")[0].id == "dry_room_dew_point"
    # The dew-point procedure holds and releases the filler: its operator sees it too.
    assert "dry_room_dew_point" in [p.id for p in book.station_procedures("filler")]
    # The mixer has none of its own; its PLC's comm-loss alarm names one.
    assert [p.id for p in book.station_procedures("mixer")] == ["plc_comm_loss"]
    mixer = page_text(book.screen_page("mixer"))
    assert "Restore procedures for this station (1)" in mixer


def test_the_alarm_screen_page_gives_the_selected_alarm_and_its_procedure(
        book: HelpBook, procedures: dict[str, Procedure]) -> None:
    page = book.screen_page("alarms", alarm="coater_estop")
    text = page_text(page)
    assert "The selected alarm" in text
    assert "Cause: An E-stop button pressed or the safety circuit opened" in text
    assert page.procedures == ("coater_estop",)
    assert all(step.text in text for step in procedures["coater_estop"].steps)
    plain = page_text(book.screen_page("alarms"))
    assert "The selected alarm" not in plain and "Acknowledge" in plain


def test_help_follows_the_loaded_config_not_a_copy(
        demo_config: LineConfig, procedures: dict[str, Procedure], texts: HelpTexts) -> None:
    alarms = tuple(a.model_copy(update={"cause": "Gremlins in the unwind brake"})
                   if a.id == "coater_tension_hh" else a for a in demo_config.alarms)
    changed = demo_config.model_copy(update={"alarms": alarms})
    book = HelpBook(changed, procedures, texts)
    assert "Cause: Gremlins in the unwind brake" in page_text(book.screen_page("coater"))
    # A procedure the alarm names but nobody loaded is said, not dropped.
    alarms = tuple(a.model_copy(update={"procedure": "coater_unknown"})
                   if a.id == "coater_tension_hh" else a for a in demo_config.alarms)
    book = HelpBook(demo_config.model_copy(update={"alarms": alarms}), procedures, texts)
    assert "coater_unknown (not among the loaded procedures" in page_text(
        book.alarm_page("coater_tension_hh"))
    # Without the procedures, the station page says it has none.
    bare = HelpBook(demo_config, {}, texts)
    assert "Restore procedures for this station (0)" in page_text(bare.screen_page("coater"))


def test_every_page_renders_in_every_language(book: HelpBook) -> None:
    """Every label the code asks for exists (a missing one raises), in every language."""
    for lang in LANGUAGES:
        localised = book.with_language(lang)
        for key in localised.page_keys():
            assert page_text(localised.page(key))
    de = page_text(book.with_language("de").screen_page("coater"))
    zh = page_text(book.with_language("zh_CN").screen_page("coater"))
    assert "Ursache: Splice failure, foil defect, tension spike" in de
    assert "Prüft: PackML state (coater.state) ist Aborted" in de
    assert "原因：Splice failure, foil defect, tension spike" in zh
    assert "本工位的报警" in zh and "What this screen shows" not in zh


def test_every_step_kind_of_the_shipped_procedures_is_said(
        book: HelpBook, procedures: dict[str, Procedure]) -> None:
    kinds = {s.kind for p in procedures.values() for s in p.steps}
    assert kinds == set(StepKind)
    for procedure in procedures.values():
        page = book.procedure_page(procedure.id)
        for step, item in zip(procedure.steps, page.sections[0].items, strict=True):
            details = item.splitlines()[1:]
            assert details, f"{procedure.id}.{step.id} has no plain-word details"


def test_lookup_by_bare_name_says_what_names_exist(book: HelpBook) -> None:
    assert book.lookup("coater").key == "screen:coater"
    assert book.lookup("coater_estop").key == "alarm:coater_estop"  # an alarm and a
    assert book.lookup("dry_room_dew_point").key == "procedure:dry_room_dew_point"
    try:
        book.lookup("nonsense")
    except KeyError as exc:
        assert "screens are overview" in str(exc) or "screens are" in str(exc)
    else:
        raise AssertionError("an unknown name must be refused")

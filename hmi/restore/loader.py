"""Read procedure files (resources/procedures/*.toml) and refuse the ones that cannot run.

A file is checked against the line config it will run on: every tag must exist (writes and
ramps on writable tags, numbers inside the tag's range), every role must be a Lineside role,
and no step may be impossible (ramp rate 0, a band <= 0, a hold or wait longer than the
step's own timeout, a timeout beyond MAX_TIMEOUT_S). Every problem is reported at once as
`file:line: steps[i] (id).field: what is wrong`.

    schema = 1
    id = "coater_web_break"
    title = "Web break in the coater / dryer"
    faults = ["web_break"]            # fault kinds served
    station = "coater"                # PackML commands go to <station>.command
    downtime_reason = "availability.equipment_failure.web_break"
    [exposure]                        # optional: lot exposure accounting while it runs
    tag = "dry_room.dew_point_c"
    above = -40.0
    hold_stations = ["filler"]
    [[steps]]
    id = "safe_state"; kind = "check"; role = ["Operator", "Maintenance"]; text = "..."
    all = [{ tag = "coater.state", equals = 8 }]; hold_s = 1; guard_until = "start"
    # action:  command = "clear" | write = [{ tag = ..., value = ... | copy_of = ... }]
    #          until = [conditions]; requires = [conditions] (any kind); timeout_s
    # confirm: signature = "performed" (optional)
    # ramp:    tag (SP), pv, to = number | "recipe", rate_per_s, hold_deviation,
    #          abort_deviation
    # wait-stable: pv, band, of = tag | value = number (else its own spread),
    #          for_s, timeout_s
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hmi.config.schema import LineConfig
from hmi.config.toml_locator import TomlLocator
from hmi.core.packml import PackMLCommand
from hmi.core.roles import Role
from hmi.restore.errors import ProcedureError, ProcedureIssue
from hmi.restore.procedure import Condition, ExposureRule, Procedure, Step, StepKind, Write
from recipes.codec import TextFileError, loads_toml, read_text_file

SCHEMA = 1
MAX_TIMEOUT_S = 8 * 3600.0  # a step that may wait longer than a shift is a mistake
DEFAULT_TIMEOUT_S = 600.0
FILE_START = 1  # where a problem with the file as a whole (a key it lacks) is reported
MAX_MESSAGE = 300  # a pasted megabyte is named, not echoed back whole
MAX_LABEL = 120
SIGNATURE_MEANINGS = ("performed", "verified", "approved", "released")
COMMANDS = {c.name.lower(): c for c in PackMLCommand if c != PackMLCommand.NONE}
_CONDITION_KEYS = {"tag", "equals", "below", "above", "within", "of", "value"}
_STEP_KEYS = {
    "id", "kind", "text", "role", "station", "requires", "all", "hold_s", "guard_until",
    "write", "command", "until", "signature", "tag", "pv", "to", "rate_per_s",
    "hold_deviation", "abort_deviation", "band", "of", "value", "for_s", "timeout_s",
}


class _Checker:
    """Collects issues for one file; `field` paths map to lines through the locator."""

    def __init__(self, path: str, text: str, config: LineConfig) -> None:
        self.path = path
        self.locator = TomlLocator(text)
        self.lines = text.split("\n")  # as TOML counts lines
        self.config = config
        self.tags = {t.id: t for t in config.tags}
        self.issues: list[ProcedureIssue] = []

    def issue(self, where: tuple[str | int, ...], label: str, message: str) -> None:
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        if len(label) > MAX_LABEL:  # a step id of a pasted megabyte
            label = label[: MAX_LABEL - 1] + "…"
        line = self.line_of(where) or FILE_START
        self.issues.append(ProcedureIssue(self.path, line, label, message))

    def line_of(self, where: tuple[str | int, ...]) -> int | None:
        """The locator's line; for item k of a multi-line array of inline tables
        (`all = [` then one `{ ... }` per line), the line of that item."""
        if not where or not isinstance(where[-1], int) \
                or (where[:1] == ("steps",) and len(where) == 2):
            return self.locator.line_of(where)
        base = self.locator.line_of(where[:-1])
        if base is None:
            return None
        seen = -1
        for number in range(base, min(base + 200, len(self.lines)) + 1):
            text = self.lines[number - 1].strip()
            if number > base and (text.startswith("[") or "=" in text.split("{")[0]):
                break  # the next key or table: the array was on one line
            if text.startswith("{"):
                seen += 1
                if seen == where[-1]:
                    return number
        return base

    def tag(self, where: tuple[str | int, ...], label: str, value: object, *,
            writable: bool = False) -> str | None:
        if not isinstance(value, str):
            self.issue(where, label, f"{value!r} is not a tag id")
            return None
        tag = self.tags.get(value)
        if tag is None:
            self.issue(where, label, f"unknown tag {value!r}: not in line "
                       f"{self.config.line.id!r} (check the spelling or the line config)")
            return None
        if writable and not tag.writable:
            self.issue(where, label, f"tag {value!r} is not writable")
        return value

    def number(self, where: tuple[str | int, ...], label: str, value: object, *,
               positive: bool = False, minimum: float | None = None) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.issue(where, label, f"{value!r} is not a number")
            return None
        try:
            number = float(value)
        except OverflowError:  # an int past 1e308
            number = math.inf
        if not math.isfinite(number):
            # nan passes no comparison, so it would pass every `<= 0` test below.
            self.issue(where, label, f"{value!r} is not a finite number")
            return None
        if positive and number <= 0.0:
            self.issue(where, label, f"{number:g} is impossible: must be > 0")
        elif minimum is not None and number < minimum:
            self.issue(where, label, f"{number:g} is impossible: must be >= {minimum:g}")
        return number

    def in_range(self, where: tuple[str | int, ...], label: str, tag_id: str | None,
                 value: float | None) -> None:
        tag = self.tags.get(tag_id or "")
        if tag is None or tag.range is None or value is None:
            return
        low, high = tag.range
        if not low <= value <= high:
            self.issue(where, label, f"{value:g} is outside {tag_id}'s range {low:g}..{high:g}")

    def conditions(self, where: tuple[str | int, ...], label: str,
                   raw: object) -> tuple[Condition, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
            self.issue(where, label, "must be a list of conditions like "
                       "{ tag = \"coater.state\", equals = 4 }")
            return ()
        found: list[Condition] = []
        parent = where
        for index, item in enumerate(raw):
            here = f"{label}[{index}]"
            where = (*parent, index)
            unknown = set(item) - _CONDITION_KEYS
            if unknown:
                self.issue(where, here, f"unknown key(s) {', '.join(sorted(unknown))}")
            tag = self.tag(where, f"{here}.tag", item.get("tag"))
            tests = [k for k in ("equals", "below", "above", "within") if k in item]
            if not tests:
                self.issue(where, here, "needs one of equals, below, above, within")
            equals = item.get("equals")
            if equals is not None and not isinstance(equals, bool):
                equals = self.number(where, f"{here}.equals", equals)
            within = self.number(where, f"{here}.within", item.get("within"), minimum=0.0)
            of = item.get("of")
            if of is not None:
                of = self.tag(where, f"{here}.of", of)
            value = self.number(where, f"{here}.value", item.get("value"))
            if within is not None and of is None and value is None:
                self.issue(where, here, "within needs `of` (a tag) or `value`")
            if tag is not None:
                found.append(Condition(
                    tag, equals=equals, below=self.number(where, f"{here}.below",
                                                          item.get("below")),
                    above=self.number(where, f"{here}.above", item.get("above")),
                    within=within, of=of, value=value))
        return tuple(found)

    def roles(self, where: tuple[str | int, ...], label: str, raw: object) -> tuple[str, ...]:
        names = [raw] if isinstance(raw, str) else raw
        if not isinstance(names, list) or not names:
            self.issue(where, label, "name the role(s) allowed, e.g. role = \"Operator\"")
            return ()
        known = {r.value for r in Role}
        for name in names:
            if not isinstance(name, str):
                self.issue(where, label, f"{name!r} is not a role name")
            elif name not in known:
                self.issue(where, label, f"role {name!r} does not exist (roles: "
                           f"{', '.join(sorted(known))})")
            elif name in (Role.VIEWER, Role.ADMINISTRATOR):
                self.issue(where, label, f"role {name} may not act on the process")
        return tuple(str(n) for n in names)


def parse_procedure(text: str, path: str, config: LineConfig) -> Procedure:
    """Parse and check one procedure; raises ProcedureError listing every problem."""
    try:
        data = loads_toml(text)
    except TextFileError as exc:
        raise ProcedureError([ProcedureIssue(path, exc.line, "", exc.message)]) from None
    check = _Checker(path, text, config)
    if data.get("schema") != SCHEMA:
        check.issue(("schema",), "schema", f"must be {SCHEMA}")
    head: dict[str, str] = {}
    for key in ("id", "title", "station", "downtime_reason"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            check.issue((key,), key, "missing or empty (a text is needed)")
        else:
            head[key] = value
    stations = {s.id for s in config.stations}
    station = head.get("station", "")
    if station and station not in stations:
        check.issue(("station",), "station", f"unknown station {station!r}")
    faults = data.get("faults")
    if not isinstance(faults, list) or not faults or not all(isinstance(f, str) for f in faults):
        check.issue(("faults",), "faults", "list the fault kinds served, e.g. [\"web_break\"]")
        faults = []
    exposure = _exposure(check, data.get("exposure"))
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        check.issue(("steps",), "steps", "a procedure needs at least one [[steps]]")
        raw_steps = []
    steps = list(_steps(check, raw_steps, station, stations))
    ids = [s.id for s in steps]
    for index, step in enumerate(steps):
        if step.guard_until is not None and step.guard_until not in ids[index + 1:]:
            check.issue(("steps", index, "guard_until"), f"steps[{index}] ({step.id}).guard_until",
                        f"{step.guard_until!r} is not a later step of this procedure")
    if check.issues:
        raise ProcedureError(check.issues)
    return Procedure(head["id"], head["title"], tuple(faults), station, head["downtime_reason"],
                     tuple(steps), path, text, exposure)


def _exposure(check: _Checker, raw: object) -> ExposureRule | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        check.issue(("exposure",), "exposure", "must be a table with tag and above")
        return None
    tag = check.tag(("exposure", "tag"), "exposure.tag", raw.get("tag"))
    above = check.number(("exposure", "above"), "exposure.above", raw.get("above"))
    holds = raw.get("hold_stations", [])
    known = {s.id for s in check.config.stations}
    if not isinstance(holds, list) or any(not isinstance(h, str) or h not in known
                                          for h in holds):
        check.issue(("exposure", "hold_stations"), "exposure.hold_stations",
                    f"{holds!r}: name stations of the line")
        holds = []
    if tag is None or above is None:
        if above is None:
            check.issue(("exposure",), "exposure.above", "the limit is missing")
        return None
    return ExposureRule(tag, above, tuple(holds))


def _steps(check: _Checker, raw_steps: list[Any], default_station: str,
           stations: set[str]) -> Iterator[Step]:
    seen: set[str] = set()
    for index, raw in enumerate(raw_steps):
        if not isinstance(raw, dict):
            check.issue(("steps", index), f"steps[{index}]", "must be a table")
            continue
        step_id = raw.get("id")
        label = f"steps[{index}]" + (f" ({step_id})" if isinstance(step_id, str) else "")

        def at(key: str, index: int = index) -> tuple[str | int, ...]:
            return ("steps", index, key)

        if not isinstance(step_id, str) or not step_id.strip():
            check.issue(at("id"), f"{label}.id", "missing: every step needs an id")
            continue
        if step_id in seen:
            check.issue(at("id"), f"{label}.id", f"{step_id!r} is used twice")
        seen.add(step_id)
        unknown = set(raw) - _STEP_KEYS
        if unknown:
            check.issue(at(sorted(unknown)[0]), label,
                        f"unknown key(s) {', '.join(sorted(unknown))}")
        try:
            kind = StepKind(str(raw.get("kind")))
        except ValueError:
            check.issue(at("kind"), f"{label}.kind", f"{raw.get('kind')!r} is not one of "
                        f"{', '.join(k.value for k in StepKind)}")
            continue
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            check.issue(at("text"), f"{label}.text", "the operator text is missing")
            text = ""
        roles = check.roles(at("role"), f"{label}.role", raw.get("role"))
        station = raw.get("station", default_station)
        if not isinstance(station, str) or station not in stations:
            check.issue(at("station"), f"{label}.station", f"unknown station {station!r}")
        timeout = check.number(at("timeout_s"), f"{label}.timeout_s", raw.get("timeout_s"),
                               positive=True)
        timeout = DEFAULT_TIMEOUT_S if timeout is None else timeout
        if timeout > MAX_TIMEOUT_S:
            check.issue(at("timeout_s"), f"{label}.timeout_s",
                        f"{timeout:g} s is longer than any step may wait ({MAX_TIMEOUT_S:g} s)")
        fields: dict[str, Any] = {
            "requires": check.conditions(at("requires"), f"{label}.requires",
                                         raw.get("requires")),
            "timeout_s": timeout,
        }
        builder = _KIND_FIELDS[kind]
        fields.update(builder(check, raw, at, label, timeout))
        yield Step(step_id, kind, text, roles, station,
                   check.locator.line_of(("steps", index)), **fields)


At = Any  # the `at(key)` helper of _steps


def _check_fields(check: _Checker, raw: dict[str, Any], at: At, label: str,
                  timeout: float) -> dict[str, Any]:
    conditions = check.conditions(at("all"), f"{label}.all", raw.get("all"))
    if not conditions and "all" not in raw:
        check.issue(at("all"), f"{label}.all", "a check needs conditions: all = [ ... ]")
    hold = check.number(at("hold_s"), f"{label}.hold_s", raw.get("hold_s"), minimum=0.0) or 0.0
    _not_longer(check, at("hold_s"), f"{label}.hold_s", hold, timeout)
    guard = raw.get("guard_until")
    return {"conditions": conditions, "hold_s": hold,
            "guard_until": guard if isinstance(guard, str) else None}


def _action_fields(check: _Checker, raw: dict[str, Any], at: At, label: str,
                   timeout: float) -> dict[str, Any]:
    writes: list[Write] = []
    command = None
    if "command" in raw:
        name = raw["command"]
        command = COMMANDS.get(str(name).lower())
        if command is None:
            check.issue(at("command"), f"{label}.command", f"{name!r} is not a PackML command "
                        f"({', '.join(COMMANDS)})")
    raw_writes = raw.get("write", [])
    if not isinstance(raw_writes, list):
        check.issue(at("write"), f"{label}.write", "must be a list of { tag, value }")
        raw_writes = []
    for index, item in enumerate(raw_writes):
        here = f"{label}.write[{index}]"
        item_at = (*at("write"), index)
        if not isinstance(item, dict):
            check.issue(item_at, here, "must be { tag = ..., value = ... }")
            continue
        tag = check.tag(item_at, f"{here}.tag", item.get("tag"), writable=True)
        value = item.get("value")
        copy_of = item.get("copy_of")
        if (value is None) == (copy_of is None):
            check.issue(item_at, here, "give either value or copy_of (a live tag)")
        if copy_of is not None:
            copy_of = check.tag(item_at, f"{here}.copy_of", copy_of)
        if value is not None and not isinstance(value, bool):
            number = check.number(item_at, f"{here}.value", value)
            check.in_range(item_at, f"{here}.value", tag, number)
            value = value if isinstance(value, int) else number  # enums stay integers
        if tag is not None:
            writes.append(Write(tag, value, copy_of))
    if command is None and not writes and "write" not in raw:
        check.issue(at("kind"), label, "an action needs command = \"...\" or write = [...]")
    return {"writes": tuple(writes), "command": command,
            "until": check.conditions(at("until"), f"{label}.until", raw.get("until"))}


def _confirm_fields(check: _Checker, raw: dict[str, Any], at: At, label: str,
                    timeout: float) -> dict[str, Any]:
    meaning = raw.get("signature")
    if meaning is not None and meaning not in SIGNATURE_MEANINGS:
        check.issue(at("signature"), f"{label}.signature",
                    f"{meaning!r} is not one of {', '.join(SIGNATURE_MEANINGS)}")
    return {"signature": meaning}


def _ramp_fields(check: _Checker, raw: dict[str, Any], at: At, label: str,
                 timeout: float) -> dict[str, Any]:
    tag = check.tag(at("tag"), f"{label}.tag", raw.get("tag"), writable=True)
    pv = check.tag(at("pv"), f"{label}.pv", raw.get("pv"))
    rate = check.number(at("rate_per_s"), f"{label}.rate_per_s", raw.get("rate_per_s"),
                        positive=True)
    if rate is None and "rate_per_s" not in raw:
        check.issue(at("rate_per_s"), f"{label}.rate_per_s", "a ramp needs its rate limit")
    to = raw.get("to")
    if to != "recipe":
        number = check.number(at("to"), f"{label}.to", to)
        if number is None:
            check.issue(at("to"), f"{label}.to", "give a number or \"recipe\"")
        check.in_range(at("to"), f"{label}.to", tag, number)
        to = number
    hold = check.number(at("hold_deviation"), f"{label}.hold_deviation",
                        raw.get("hold_deviation"), positive=True)
    abort = check.number(at("abort_deviation"), f"{label}.abort_deviation",
                         raw.get("abort_deviation"), positive=True)
    if hold is not None and abort is not None and abort <= hold:
        check.issue(at("abort_deviation"), f"{label}.abort_deviation",
                    "must be larger than hold_deviation")
    return {"tag": tag, "pv": pv, "to": to, "rate_per_s": rate or 0.0,
            "hold_deviation": hold, "abort_deviation": abort}


def _stable_fields(check: _Checker, raw: dict[str, Any], at: At, label: str,
                   timeout: float) -> dict[str, Any]:
    pv = check.tag(at("pv"), f"{label}.pv", raw.get("pv"))
    band = check.number(at("band"), f"{label}.band", raw.get("band"), positive=True)
    if band is None and "band" not in raw:
        check.issue(at("band"), f"{label}.band", "a wait-stable step needs its band")
    of = raw.get("of")
    if of is not None:
        of = check.tag(at("of"), f"{label}.of", of)
    value = check.number(at("value"), f"{label}.value", raw.get("value"))
    if of is not None and value is not None:
        check.issue(at("value"), f"{label}.value", "give `of` or `value`, not both")
    for_s = check.number(at("for_s"), f"{label}.for_s", raw.get("for_s"), positive=True)
    if for_s is None and "for_s" not in raw:
        check.issue(at("for_s"), f"{label}.for_s", "say how long the PV must stay in band")
    _not_longer(check, at("for_s"), f"{label}.for_s", for_s or 0.0, timeout)
    return {"pv": pv, "band": band or 0.0, "of": of, "value": value, "for_s": for_s or 0.0}


def _not_longer(check: _Checker, where: tuple[str | int, ...], label: str, wait: float,
                timeout: float) -> None:
    if wait > timeout:
        check.issue(where, label, f"{wait:g} s can never pass within the step's timeout_s "
                    f"({timeout:g} s): lengthen timeout_s or shorten the wait")


_KIND_FIELDS = {
    StepKind.CHECK: _check_fields,
    StepKind.ACTION: _action_fields,
    StepKind.CONFIRM: _confirm_fields,
    StepKind.RAMP: _ramp_fields,
    StepKind.WAIT_STABLE: _stable_fields,
}


def load_procedure(path: Path, config: LineConfig) -> Procedure:
    try:
        text = read_text_file(path)
    except OSError as exc:
        raise ProcedureError([ProcedureIssue(str(path), None, "",
                                             f"cannot be read ({exc})")]) from None
    except TextFileError as exc:
        raise ProcedureError([ProcedureIssue(str(path), exc.line, "", exc.message)]) from None
    return parse_procedure(text, str(path), config)


def load_procedures(folder: Path, config: LineConfig) -> dict[str, Procedure]:
    """Every *.toml in `folder`, by id; raises ProcedureError with the issues of all files."""
    found: dict[str, Procedure] = {}
    issues: list[ProcedureIssue] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            procedure = load_procedure(path, config)
        except ProcedureError as exc:
            issues.extend(exc.issues)
            continue
        if procedure.id in found:
            line = TomlLocator(procedure.text).line_of(("id",)) or FILE_START
            issues.append(ProcedureIssue(str(path), line, "id", f"{procedure.id!r} is also "
                                         f"the id of {found[procedure.id].source}"))
            continue
        found[procedure.id] = procedure
    if issues:
        raise ProcedureError(issues)
    return found

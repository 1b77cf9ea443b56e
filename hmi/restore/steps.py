"""How each automatic step kind is carried out against the live line.

A runner waits on the engine's clock (plant time: a twin under time scale runs its clock
faster), re-judging its conditions whenever a watched tag changes. While it waits, the
guards of earlier checks are judged too: one that stops holding raises SentBack to that
step. Writes go through the CommandService (role check, write, read-back, audit).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from hmi.core.commands import CommandRefused, CommandService
from hmi.core.tags import Scalar, TagValue
from hmi.core.user_text import QT_TRANSLATE_NOOP, UserText, user_text
from hmi.restore.errors import StepRefused
from hmi.restore.live import LiveTags
from hmi.restore.procedure import Condition, Step, StepKind, judge_all

Monotonic = Callable[[], float]
TargetOf = Callable[[str], float | None]  # the recipe value of a setpoint tag
ActionOf = Callable[[str], str]  # tag -> the command-service action ("command", ...)
EPSILON = 1e-9
MAX_RAMP_DT_S = 0.5  # engine-clock seconds of ramp movement one write may make at most


class SentBack(Exception):
    """A guard of an earlier check stopped holding: go back to that step."""

    def __init__(self, index: int, reason: UserText) -> None:
        self.index = index
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Guard:
    index: int  # the check step that set it
    step_id: str
    conditions: tuple[Condition, ...]


@dataclass
class StepContext:
    """What a runner needs: who acts, the line, the clock, and the guards in force."""

    live: LiveTags
    commands: CommandService
    clock: Monotonic
    username: str
    reason: str  # audit reason of every write, e.g. "restore coater_web_break: step start"
    guards: Sequence[Guard]
    target_of: TargetOf
    action_of: ActionOf
    poll_s: float
    ramp_period_s: float
    tick: Callable[[], None]  # called on every wait (exposure accounting)
    read_back: dict[str, Scalar] = field(default_factory=dict)  # what the PLC read back
    progress: Callable[[UserText], None] = lambda _text: None  # what a wait sees now

    def judge_guards(self) -> bool:
        """Send the run back when a guard's live values break it; True when every guard
        could be judged. A value that is not live (stale, lost) proves nothing either way:
        it does not send the run back, and the caller waits for it instead of acting."""
        known = True
        for guard in self.guards:
            live = self.live.values({t for c in guard.conditions for t in c.tags()})
            if not all(v is not None and v.quality.is_live for v in live.values()):
                known = False
                continue
            ok, seen = judge_all(guard.conditions, live)
            if not ok:
                raise SentBack(guard.index, user_text(QT_TRANSLATE_NOOP(
                    "RestoreMessages", "{step} no longer holds: {seen}"),
                    step=guard.step_id, seen=seen))
        return known

    async def guards_known(self, timeout_s: float) -> None:
        """Before acting: wait until every guard can be judged (and holds)."""
        started = self.clock()
        while not self.judge_guards():
            if self.clock() - started > timeout_s:
                names = ", ".join(g.step_id for g in self.guards)
                raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                    "RestoreMessages", "the conditions of {steps} cannot be judged: their tags "
                    "have no live value (check the PLC links)"), steps=names))
            await self.pause()

    async def live_number(self, tag: str, timeout_s: float, purpose: UserText) -> float:
        """The tag's live value, waiting out a stale poll; StepRefused after timeout_s."""
        started = self.clock()
        while (value := number(self.values({tag})[tag])) is None:
            if self.clock() - started > timeout_s:
                raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                    "RestoreMessages", "{tag} has no live value {purpose}"),
                    tag=tag, purpose=purpose))
            await self.pause()
        return value

    async def pause(self) -> None:
        await self.live.changed(self.poll_s)
        self.tick()

    def values(self, tags: set[str]) -> dict[str, TagValue | None]:
        return self.live.values(tags)

    async def write(self, items: list[tuple[str, Scalar]]) -> None:
        """Write as the acting user; refused (role, PLC, read-back) -> StepRefused."""
        if not items:
            return
        by_action: dict[str, list[tuple[str, Scalar]]] = {}
        for tag, value in items:
            by_action.setdefault(self.action_of(tag), []).append((tag, value))
        for action, batch in by_action.items():
            try:
                outcomes = await self.commands.write(self.username, batch, action=action,
                                                     reason=self.reason)
            except CommandRefused as exc:  # its own words (and their translation)
                raise StepRefused(exc.user_text or str(exc)) from None
            for outcome in outcomes:
                self.read_back[outcome.tag_id] = outcome.read_back
                if not outcome.ok:
                    raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                        "RestoreMessages", "PLC refused {tag} = {value}: {why}"),
                        tag=outcome.tag_id, value=outcome.requested,
                        why=_said(outcome) or outcome.status))


def _said(outcome: object) -> UserText | str:
    """A write outcome's message, as a UserText when the PLC side made one."""
    text = getattr(outcome, "user_text", None)
    return text if isinstance(text, UserText) else str(getattr(outcome, "message", ""))


def number(value: TagValue | None) -> float | None:
    if value is None or not value.quality.is_live or isinstance(value.value, str | None):
        return None
    return float(value.value)


def all_live(values: dict[str, TagValue | None]) -> bool:
    return all(v is not None and v.quality.is_live for v in values.values())


async def hold_conditions(ctx: StepContext, conditions: tuple[Condition, ...], hold_s: float,
                          timeout_s: float, what: UserText) -> str:
    """Wait until all `conditions` held for `hold_s` of observed time: a live value that
    breaks one starts the hold again; a value that is not live (a stale poll on a busy
    link) neither counts nor breaks it."""
    tags = {t for c in conditions for t in c.tags()}
    started = last = ctx.clock()
    held = 0.0
    was_ok = False
    seen = ""
    while True:
        ctx.judge_guards()
        values = ctx.values(tags)
        ok, seen = judge_all(conditions, values)
        now = ctx.clock()
        if ok:
            held += (now - last) if was_ok else 0.0
            if held >= hold_s - EPSILON:
                return seen
            ctx.progress(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "{seen} (held {held} of {hold} s)"),
                seen=seen, held=f"{held:.0f}", hold=f"{hold_s:g}"))
        elif all_live(values):
            held = 0.0
            ctx.progress(user_text(QT_TRANSLATE_NOOP("RestoreMessages", "waiting: {seen}"),
                                   seen=seen))
        else:
            ctx.progress(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "waiting for live values: {seen}"), seen=seen))
        was_ok, last = ok, now
        if now - started > timeout_s:
            raise StepRefused(_not_reached(what, hold_s, timeout_s, seen))
        await ctx.pause()


def _not_reached(what: UserText, hold_s: float, timeout_s: float, seen: str) -> UserText:
    if hold_s:
        return user_text(QT_TRANSLATE_NOOP(
            "RestoreMessages", "{what} not reached for {hold} s within {timeout} s: {seen}"),
            what=what, hold=f"{hold_s:g}", timeout=f"{timeout_s:g}", seen=seen)
    return user_text(QT_TRANSLATE_NOOP(
        "RestoreMessages", "{what} not reached within {timeout} s: {seen}"),
        what=what, timeout=f"{timeout_s:g}", seen=seen)


async def run_check(ctx: StepContext, step: Step) -> str:
    return await hold_conditions(ctx, step.conditions, step.hold_s, step.timeout_s, user_text(
        QT_TRANSLATE_NOOP("RestoreMessages", "check {step}"), step=step.id))


async def run_action(ctx: StepContext, step: Step) -> UserText:
    items: list[tuple[str, Scalar]] = []
    for write in step.writes:
        if write.copy_of is not None:
            value = await ctx.live_number(write.copy_of, step.timeout_s, user_text(
                QT_TRANSLATE_NOOP("RestoreMessages", "to copy to {tag}"), tag=write.tag))
            items.append((write.tag, round(value, 6)))
        else:
            items.append((write.tag, write.value))
    if step.command is not None:
        items.append((f"{step.station}.command", int(step.command)))
    await ctx.write(items)
    sent = ", ".join(f"{t} = {v}" for t, v in items)
    if not step.until:
        return user_text(QT_TRANSLATE_NOOP("RestoreMessages", "sent {sent}"), sent=sent)
    seen = await hold_conditions(ctx, step.until, 0.0, step.timeout_s, user_text(
        QT_TRANSLATE_NOOP("RestoreMessages", "effect of {step}"), step=step.id))
    return user_text(QT_TRANSLATE_NOOP("RestoreMessages", "sent {sent}; {seen}"),
                     sent=sent, seen=seen)


async def run_ramp(ctx: StepContext, step: Step, target: float) -> UserText:
    """Move the setpoint to `target` at rate_per_s (engine clock), writing every period;
    pause while |PV - SP| > hold_deviation; refuse (SP left where it is) past abort."""
    assert step.tag is not None
    sp = await ctx.live_number(step.tag, step.timeout_s, user_text(
        QT_TRANSLATE_NOOP("RestoreMessages", "to ramp from")))
    started = last = ctx.clock()
    paused = 0.0
    while True:
        ctx.judge_guards()
        now = ctx.clock()
        dt = now - last
        last = now
        # A stalled engine (or host) must not make the setpoint jump: never more than
        # MAX_RAMP_DT_S of movement per write; the ramp runs slower instead.
        dt = min(dt, MAX_RAMP_DT_S)
        deviation = _deviation(ctx, step, sp)
        if step.pv is not None and deviation is None:
            paused += dt  # the PV is not live: a ramp nobody can watch waits
            ctx.progress(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "{tag} at {sp}: waiting for a live {pv}"),
                tag=step.tag, sp=f"{sp:g}", pv=step.pv))
        elif step.abort_deviation is not None and deviation is not None \
                and deviation > step.abort_deviation:
            raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "ramp of {tag} stopped at {sp}: {pv} deviates {deviation} > "
                "{limit}"), tag=step.tag, sp=f"{sp:g}", pv=step.pv,
                deviation=f"{deviation:.3g}", limit=f"{step.abort_deviation:g}"))
        elif step.hold_deviation is not None and deviation is not None \
                and deviation > step.hold_deviation:
            paused += dt  # backed off: wait for the PV to catch up
        else:
            move = step.rate_per_s * dt
            new = sp + max(-move, min(move, target - sp))
            if abs(new - sp) > EPSILON:
                sp = new
                await ctx.write([(step.tag, round(sp, 6))])
            if abs(target - sp) <= EPSILON:
                break
        if deviation is not None or step.pv is None:
            ctx.progress(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "{tag} at {sp} of {target}"), tag=step.tag, sp=f"{sp:g}",
                target=f"{target:g}") if deviation is None else user_text(QT_TRANSLATE_NOOP(
                    "RestoreMessages", "{tag} at {sp} of {target}, {pv} off by {deviation}"),
                    tag=step.tag, sp=f"{sp:g}", target=f"{target:g}", pv=step.pv,
                    deviation=f"{deviation:.3g}"))
        if now - started > step.timeout_s:
            raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "ramp of {tag} did not reach {target} within {timeout} s "
                "(at {sp})"), tag=step.tag, target=f"{target:g}",
                timeout=f"{step.timeout_s:g}", sp=f"{sp:g}"))
        await asyncio.sleep(ctx.ramp_period_s)
        ctx.tick()
    took = ctx.clock() - started
    said = dict(tag=step.tag, target=f"{target:g}", rate=f"{step.rate_per_s:g}",
                took=f"{took:.1f}")
    if paused > 0:
        return user_text(QT_TRANSLATE_NOOP(
            "RestoreMessages", "{tag} ramped to {target} at {rate}/s in {took} s, paused "
            "{paused} s on deviation"), **said, paused=f"{paused:.1f}")
    return user_text(QT_TRANSLATE_NOOP(
        "RestoreMessages", "{tag} ramped to {target} at {rate}/s in {took} s"), **said)


def _deviation(ctx: StepContext, step: Step, sp: float) -> float | None:
    if step.pv is None:
        return None
    pv = number(ctx.values({step.pv})[step.pv])
    return None if pv is None else abs(pv - sp)


async def run_wait_stable(ctx: StepContext, step: Step) -> UserText:
    """The PV within ±band of its reference (a tag, a number) for for_s; with no reference,
    its spread (max - min) over the window within the band. Values that are not live
    neither count nor break the window (as in hold_conditions)."""
    assert step.pv is not None
    tags = {step.pv} | ({step.of} if step.of else set())
    started = last = ctx.clock()
    held = 0.0
    was_in = False
    low = high = 0.0
    seen: UserText | str = ""
    while True:
        ctx.judge_guards()
        live = ctx.values(tags)
        now = ctx.clock()
        pv = number(live[step.pv])
        ref = number(live[step.of]) if step.of else step.value
        inside = restarted = False
        if pv is None or (step.of and ref is None):
            seen = user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "{pv} or its reference has no live value"), pv=step.pv)
        elif ref is not None:
            inside = abs(pv - ref) <= step.band
            seen = user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "{pv} = {value}, band {ref} ± {band}"), pv=step.pv,
                value=f"{pv:g}", ref=f"{ref:g}", band=f"{step.band:g}")
            held = held if inside else 0.0
        else:
            if not was_in:
                low = high = pv
            low, high = min(low, pv), max(high, pv)
            inside = high - low <= step.band
            if not inside:  # a new window starts at this value
                low = high = pv
                held, inside, restarted = 0.0, True, True
            seen = user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "{pv} = {value}, spread {spread} of {band}"), pv=step.pv,
                value=f"{pv:g}", spread=f"{high - low:.3g}", band=f"{step.band:g}")
        if inside and was_in and not restarted:
            held += now - last
        was_in, last = inside, now
        if inside and held >= step.for_s - EPSILON:
            return user_text(QT_TRANSLATE_NOOP("RestoreMessages", "stable {hold} s: {seen}"),
                             hold=f"{step.for_s:g}", seen=seen)
        ctx.progress(user_text(QT_TRANSLATE_NOOP(
            "RestoreMessages", "{seen} (stable {held} of {hold} s)"),
            seen=seen, held=f"{held:.0f}", hold=f"{step.for_s:g}"))
        if now - started > step.timeout_s:
            raise StepRefused(user_text(QT_TRANSLATE_NOOP(
                "RestoreMessages", "{pv} not stable for {hold} s within {timeout} s: {seen}"),
                pv=step.pv, hold=f"{step.for_s:g}", timeout=f"{step.timeout_s:g}", seen=seen))
        await ctx.pause()


AUTOMATIC = {StepKind.CHECK, StepKind.ACTION, StepKind.RAMP, StepKind.WAIT_STABLE}

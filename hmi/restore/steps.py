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
from hmi.restore.errors import StepRefused
from hmi.restore.live import LiveTags
from hmi.restore.procedure import Condition, Step, StepKind, judge_all

Monotonic = Callable[[], float]
TargetOf = Callable[[str], float | None]  # the recipe value of a setpoint tag
ActionOf = Callable[[str], str]  # tag -> the command-service action ("command", ...)
EPSILON = 1e-9


class SentBack(Exception):
    """A guard of an earlier check stopped holding: go back to that step."""

    def __init__(self, index: int, reason: str) -> None:
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

    def judge_guards(self) -> None:
        for guard in self.guards:
            live = self.live.values({t for c in guard.conditions for t in c.tags()})
            ok, seen = judge_all(guard.conditions, live)
            if not ok:
                raise SentBack(guard.index, f"{guard.step_id} no longer holds: {seen}")

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
            except CommandRefused as exc:
                raise StepRefused(str(exc)) from None
            for outcome in outcomes:
                self.read_back[outcome.tag_id] = outcome.read_back
                if not outcome.ok:
                    raise StepRefused(f"PLC refused {outcome.tag_id} = {outcome.requested}: "
                                      f"{outcome.message or outcome.status}")


def number(value: TagValue | None) -> float | None:
    if value is None or not value.quality.is_live or isinstance(value.value, str | None):
        return None
    return float(value.value)


async def hold_conditions(ctx: StepContext, conditions: tuple[Condition, ...], hold_s: float,
                          timeout_s: float, what: str) -> str:
    """Wait until all `conditions` held for `hold_s` (restarting when one fails)."""
    tags = {t for c in conditions for t in c.tags()}
    started = ctx.clock()
    since: float | None = None
    seen = ""
    while True:
        ctx.judge_guards()
        ok, seen = judge_all(conditions, ctx.values(tags))
        now = ctx.clock()
        if ok:
            since = now if since is None else since
            if now - since >= hold_s - EPSILON:
                return seen
        else:
            since = None
        if now - started > timeout_s:
            held = f" for {hold_s:g} s" if hold_s else ""
            raise StepRefused(f"{what} not reached{held} within {timeout_s:g} s: {seen}")
        await ctx.pause()


async def run_check(ctx: StepContext, step: Step) -> str:
    return await hold_conditions(ctx, step.conditions, step.hold_s, step.timeout_s,
                                 f"check {step.id}")


async def run_action(ctx: StepContext, step: Step) -> str:
    items: list[tuple[str, Scalar]] = []
    for write in step.writes:
        if write.copy_of is not None:
            source = ctx.values({write.copy_of})[write.copy_of]
            value = number(source)
            if value is None:
                raise StepRefused(f"{write.copy_of} has no live value to copy to {write.tag}")
            items.append((write.tag, round(value, 6)))
        else:
            items.append((write.tag, write.value))
    if step.command is not None:
        items.append((f"{step.station}.command", int(step.command)))
    await ctx.write(items)
    sent = ", ".join(f"{t} = {v}" for t, v in items)
    if not step.until:
        return f"sent {sent}"
    seen = await hold_conditions(ctx, step.until, 0.0, step.timeout_s, f"effect of {step.id}")
    return f"sent {sent}; {seen}"


async def run_ramp(ctx: StepContext, step: Step, target: float) -> str:
    """Move the setpoint to `target` at rate_per_s (engine clock), writing every period;
    pause while |PV - SP| > hold_deviation; refuse (SP left where it is) past abort."""
    assert step.tag is not None
    sp_value = number(ctx.values({step.tag})[step.tag])
    if sp_value is None:
        raise StepRefused(f"{step.tag} has no live value to ramp from")
    sp = sp_value
    started = last = ctx.clock()
    paused = 0.0
    while True:
        ctx.judge_guards()
        now = ctx.clock()
        dt = now - last
        last = now
        deviation = _deviation(ctx, step, sp)
        if step.abort_deviation is not None and deviation is not None \
                and deviation > step.abort_deviation:
            raise StepRefused(f"ramp of {step.tag} stopped at {sp:g}: {step.pv} deviates "
                              f"{deviation:.3g} > {step.abort_deviation:g}")
        if step.hold_deviation is not None and deviation is not None \
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
        if now - started > step.timeout_s:
            raise StepRefused(f"ramp of {step.tag} did not reach {target:g} within "
                              f"{step.timeout_s:g} s (at {sp:g})")
        await asyncio.sleep(ctx.ramp_period_s)
        ctx.tick()
    took = ctx.clock() - started
    note = f", paused {paused:.1f} s on deviation" if paused > 0 else ""
    return f"{step.tag} ramped to {target:g} at {step.rate_per_s:g}/s in {took:.1f} s{note}"


def _deviation(ctx: StepContext, step: Step, sp: float) -> float | None:
    if step.pv is None:
        return None
    pv = number(ctx.values({step.pv})[step.pv])
    return None if pv is None else abs(pv - sp)


async def run_wait_stable(ctx: StepContext, step: Step) -> str:
    """The PV within ±band of its reference (a tag, a number) for for_s; with no reference,
    its spread (max - min) over the window within the band."""
    assert step.pv is not None
    tags = {step.pv} | ({step.of} if step.of else set())
    started = ctx.clock()
    since: float | None = None
    low = high = 0.0
    seen = ""
    while True:
        ctx.judge_guards()
        live = ctx.values(tags)
        now = ctx.clock()
        pv = number(live[step.pv])
        ref = number(live[step.of]) if step.of else step.value
        if pv is None or (step.of and ref is None):
            since, seen = None, f"{step.pv} or its reference has no live value"
        elif ref is not None:
            inside = abs(pv - ref) <= step.band
            seen = f"{step.pv} = {pv:g}, band {ref:g} ± {step.band:g}"
            since = (since if since is not None else now) if inside else None
        else:
            if since is None:
                since, low, high = now, pv, pv
            low, high = min(low, pv), max(high, pv)
            if high - low > step.band:
                since, low, high = now, pv, pv
            seen = f"{step.pv} = {pv:g}, spread {high - low:.3g} of {step.band:g}"
        if since is not None and now - since >= step.for_s - EPSILON:
            return f"stable {step.for_s:g} s: {seen}"
        if now - started > step.timeout_s:
            raise StepRefused(f"{step.pv} not stable for {step.for_s:g} s within "
                              f"{step.timeout_s:g} s: {seen}")
        await ctx.pause()


AUTOMATIC = {StepKind.CHECK, StepKind.ACTION, StepKind.RAMP, StepKind.WAIT_STABLE}

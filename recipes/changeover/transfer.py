"""Send values to the PLCs in batches, through each station's recipe handshake where the PLC
offers one: download bits on, values in batches, commit, then one read of every value as the
PLC now applies it. Values that go straight to a PLC without a handshake are read back batch
by batch (a wrong one stops the download at once); values in a mailbox are not: they are not
live, and the read after the commit checks every one of them before anything is released
(a mismatch there rolls back). When every value goes into a mailbox they go out in one write
rather than batch by batch: nothing is live before the commit, so there is no first refusal
to stop at, and each driver cuts one write into the fewest requests its protocol allows.
Used for the download and, with the snapshot values, for the rollback. Every phase change is
persisted before the next step, so the record never claims less than the PLC may hold:
SENDING is on disk before a value leaves, WRITTEN only once the commit is answered.

Time (the changeover benchmark): the network steps are the cost, so nothing else waits in
line with them. A journal write that only has to be on disk *before* a later step runs in a
worker thread alongside the PLC call that precedes that step (SQLite commits without the
GIL): the SENDING mark of the first batch (of every value, when all go into mailboxes) while
the download bits are set (a mark that claims more than the PLC holds for a moment is
allowed, one that claims less never), WRITTEN while every value is read back after the
commit. The commit bits are not read back: many PLCs reset theirs once the values are
applied (a pulse), and the read of every value after the commit is the proof that counts (a
commit the PLC did not take shows as values still old; a value that equals the old one is
right either way)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from recipes.changeover.states import ParamPhase
from recipes.limits import values_match
from recipes.model import Parameter, ParamValue
from recipes.parameter_io import Handshake, ParameterIO, ParameterWrite
from recipes.user_text import QT_TRANSLATE_NOOP, Param, Said, Source, said, user_text

PhaseSink = Callable[[Sequence[tuple[str, ParamPhase, ParamValue | None, str]]], None]
MarkSink = Callable[[Sequence[str], ParamPhase], None]


@dataclass(frozen=True, slots=True)
class TransferResult:
    failures: tuple[str, ...]  # one line per refused or unreadable value, naming the tag
    mismatches: tuple[str, ...]  # one line per value read back different
    read_back: Mapping[str, ParamValue | None]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.mismatches


def station_of(tag: str) -> str:
    return tag.split(".", 1)[0]


async def abort_handshakes(io: ParameterIO, handshakes: Sequence[Handshake]) -> None:
    """Clear download bits: the PLC drops what sits in its mailbox (best effort)."""
    if handshakes:
        await io.write_many([(h.download_tag, False) for h in handshakes])


async def transfer(
    io: ParameterIO,
    values: Sequence[tuple[Parameter, ParamValue]],
    handshakes: Mapping[str, Handshake],
    batch_size: int,
    on_phases: PhaseSink,
    on_mark: MarkSink,
) -> TransferResult:
    used = [handshakes[s] for s in dict.fromkeys(station_of(p.tag) for p, _ in values)
            if s in handshakes]
    guarded = {h.station for h in used}
    batches = [values[i:i + batch_size] for i in range(0, len(values), batch_size)]
    # Every value into a mailbox: none is live before the commit, so they need not go
    # batch by batch (see _send_to_mailboxes).
    pipelined = bool(used) and all(station_of(p.tag) in guarded for p, _ in values)
    first = [p.tag for p, _ in (values if pipelined else batches[0] if batches else [])]
    if used:
        # The download bits are read back (the PLC took them) before any value goes out.
        opened, _ = await asyncio.gather(
            io.write_many([(h.download_tag, True) for h in used]),
            _in_thread(on_mark, first, ParamPhase.SENDING))
        refused = [w.message for w in opened if not w.ok]
        if refused:
            await _quietly_abort(io, used)
            return TransferResult(tuple(_said(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "download handshake refused: {why}"), why=said(m))
                for m in refused), (), {})
    else:
        on_mark(first, ParamPhase.SENDING)
    send = _send_to_mailboxes if pipelined else _send_one_by_one
    failed = await send(io, batches, guarded, on_phases)
    if failed:
        await _quietly_abort(io, used)
        return TransferResult(failed, (), {})
    if not used:
        return await verify(io, values)
    return await _commit_and_verify(io, values, used, guarded, on_mark)


Batches = Sequence[Sequence[tuple[Parameter, ParamValue]]]


async def _send_one_by_one(io: ParameterIO, batches: Batches, guarded: set[str],
                           on_phases: PhaseSink) -> tuple[str, ...]:
    """Some values are live as they land: batch after batch, each read back, and the first
    refusal stops the download. Returns the refusals, naming the tags."""
    for number, batch in enumerate(batches):
        tags = [p.tag for p, _ in batch]
        staged = all(station_of(t) in guarded for t in tags)
        # Reading a mailbox back would read every value twice (here and after the commit).
        results = await io.write_many([(p.tag, v) for p, v in batch], read_back=not staged)
        failed = [w.message for w in results if not w.ok]
        last = number == len(batches) - 1
        # One transaction per batch: this batch's outcome and the next batch's SENDING.
        rows: list[tuple[str, ParamPhase, ParamValue | None, str]] = [] if failed or last else [
            (p.tag, ParamPhase.SENDING, None, "") for p, _ in batches[number + 1]]
        if failed or not staged or not last:
            rows = [*((p.tag, *_outcome(w, station_of(p.tag) in guarded))
                      for (p, _), w in zip(batch, results, strict=True)), *rows]
        # else the last batch stays SENDING (outcome unknown) until the commit is answered:
        # true throughout the commit, and one transaction fewer than STAGED then WRITTEN.
        if rows:
            on_phases(rows)
        if failed:
            return tuple(failed)
    return ()


async def _send_to_mailboxes(io: ParameterIO, batches: Batches, guarded: set[str],
                             on_phases: PhaseSink) -> tuple[str, ...]:
    """Every value goes into a mailbox (all were marked SENDING with the download bits).
    None is live before the commit, so there is no first refusal to stop at and nothing
    to gain from waiting batch by batch: one write of them all, which each driver cuts
    into the fewest requests its protocol allows (Modbus: register runs of up to 123
    words). The values stay SENDING until the commit is answered (their outcome is
    unknown until then, as the last batch's is in the one-by-one path); a refusal records
    every value's outcome. Returns the refusals, naming the tags."""
    values = [item for batch in batches for item in batch]
    results = await io.write_many([(p.tag, v) for p, v in values], read_back=False)
    failed = tuple(w.message for w in results if not w.ok)
    if failed:
        on_phases([(p.tag, *_outcome(w, True)) for (p, _), w in zip(values, results, strict=True)])
    return failed


async def _commit_and_verify(io: ParameterIO, values: Sequence[tuple[Parameter, ParamValue]],
                             used: Sequence[Handshake], guarded: set[str], on_mark: MarkSink
                             ) -> TransferResult:
    committed = await io.write_many([(h.commit_tag, True) for h in used], read_back=False)
    refused = [w.message for w in committed if not w.ok]
    if refused:
        await _quietly_abort(io, used)
        return TransferResult(tuple(_said(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "commit refused: {why}"), why=said(m)) for m in refused), (), {})
    result, _ = await asyncio.gather(
        verify(io, values),
        _in_thread(on_mark, [p.tag for p, _ in values if station_of(p.tag) in guarded],
                   ParamPhase.WRITTEN))
    return result


async def _in_thread(mark: MarkSink, tags: Sequence[str], phase: ParamPhase) -> None:
    if tags:
        await asyncio.to_thread(mark, tags, phase)


async def verify(io: ParameterIO, values: Sequence[tuple[Parameter, ParamValue]]
                 ) -> TransferResult:
    """Read every value back now and compare (exact, or within the parameter's tolerance)."""
    reads = await io.read_many([p.tag for p, _ in values])
    by_tag = {r.tag: r for r in reads}
    failures: list[str] = []
    mismatches: list[str] = []
    back: dict[str, ParamValue | None] = {}
    for p, wanted in values:
        r = by_tag.get(p.tag)
        if r is None or not r.ok:
            failures.append(_said(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{tag}: could not be read back ({why})"), tag=p.tag,
                why=said(r.message) if r is not None else user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "no answer"))))
            back[p.tag] = None
            continue
        back[p.tag] = r.value
        if not values_match(p, wanted, r.value):
            mismatches.append(_said(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{tag}: sent {sent}, the PLC holds {held} (tolerance "
                "{tolerance:g})"), tag=p.tag, sent=str(wanted), held=str(r.value),
                tolerance=p.tolerance) if p.tolerance else _said(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "{tag}: sent {sent}, the PLC holds {held}"),
                    tag=p.tag, sent=str(wanted), held=str(r.value)))
    return TransferResult(tuple(failures), tuple(mismatches), back)


def _said(template: Source, **params: Param) -> str:
    """A failure or mismatch line: English for the journal's readers, its template kept
    (a Said) so the changeover screen says it in the panel's language."""
    return Said.of(user_text(template, **params))


def _outcome(w: ParameterWrite, staged: bool) -> tuple[ParamPhase, ParamValue | None, str]:
    if not w.ok:
        return ParamPhase.REFUSED, w.read_back, w.message
    return (ParamPhase.STAGED if staged else ParamPhase.WRITTEN), w.read_back, w.message


async def _quietly_abort(io: ParameterIO, used: Sequence[Handshake]) -> None:
    try:
        await abort_handshakes(io, used)
    except Exception:  # the link may be gone: the rollback that follows tries again
        return

"""The changeover engine (DOMAIN.md 2.2): a resumable state machine persisted at every step.

    start():      pre-checks -> control recipe + snapshot (rollback point) -> download in
                  batches through the handshake -> read-back verification      => VERIFIED
    run_checks(), confirm():  the checklist (automatic items held, manual ones confirmed)
    sign():       performed by (Operator) + verified by (Lead or QA), a different person
    release():    the control recipe hash, lot, times and signatures recorded
Any failure rolls back: the snapshot goes back down the same way and is read back; the
record says what failed and what the PLC holds. After a crash, `interrupted()` lists the
changeovers whose process is gone, and `resume()` or `roll_back()` finishes them.
All methods run on one asyncio loop (hmi's IoThread); database calls are short and local.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

from recipes.changeover.first_article import wait_first_articles
from recipes.changeover.journal import ChangeoverJournal, Clock, owner_alive
from recipes.changeover.prechecks import DewPointRule, LineStatus, run_prechecks
from recipes.changeover.record import ChangeoverRecord
from recipes.changeover.refusals import SIGNATURE_WORDS, role_refused
from recipes.changeover.states import TERMINAL, ChangeoverState, ParamPhase
from recipes.changeover.transfer import TransferResult, abort_handshakes, station_of, transfer
from recipes.checklists import ChecklistItem
from recipes.codec import utc_now
from recipes.errors import ChangeoverError
from recipes.first_article import FirstArticleJudge
from recipes.hashing import canonical_json, sha256_hex
from recipes.lifecycle import check_runnable
from recipes.limits import values_match
from recipes.model import Parameter, ParamValue, RecipeVersion, VerifyMode
from recipes.parameter_io import Handshake, ParameterIO
from recipes.signatures import SignatureLike
from recipes.store import RecipeStore
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, joined, said, user_text

St = ChangeoverState


@dataclass(frozen=True, slots=True)
class ChangeoverOptions:
    batch_size: int = 50
    check_poll_s: float = 0.5
    auto_check_timeout_s: float = 120.0
    first_article_timeout_s: float = 600.0  # "spc" items wait this long per run_checks
    rollback_timeout_s: float = 30.0  # keep trying while the PLC is away (restart, link)
    rollback_retry_s: float = 0.5
    dew_point: DewPointRule | None = field(default_factory=DewPointRule)
    performer_roles: frozenset[str] = frozenset({"operator", "lead", "qa"})
    verifier_roles: frozenset[str] = frozenset({"lead", "qa"})


class ChangeoverEngine:
    def __init__(
        self,
        db: Engine,
        io: ParameterIO,
        status: LineStatus,
        *,
        handshakes: Mapping[str, Handshake] | None = None,
        checklist: Sequence[ChecklistItem] = (),
        options: ChangeoverOptions | None = None,
        clock: Clock = utc_now,
        first_article: FirstArticleJudge | None = None,
        journal: ChangeoverJournal | None = None,
    ) -> None:
        """`journal`: where the steps are recorded, if not a plain one on `db` (an HMI
        whose plant database is away records on its local copy: hmi.forward)."""
        self._first_article = first_article  # judges "spc" items (recipes.first_article)
        self._io = io
        self._status = status
        self._handshakes = dict(handshakes or {})
        self._checklist = tuple(checklist)
        self._options = options or ChangeoverOptions()
        self._recipes = RecipeStore(db, clock)
        self.journal = journal or ChangeoverJournal(db, clock)

    # ---- the automatic part --------------------------------------------------------------
    async def start(self, version: RecipeVersion, lot_id: str, by: str, *,
                    trial: bool = False) -> ChangeoverRecord:
        """Run from the pre-checks to read-back verification; returns the record (VERIFIED,
        REFUSED, ROLLED_BACK or ROLLBACK_FAILED). Production needs an Effective version."""
        check_runnable(version, trial=trial)
        if not lot_id.strip():
            raise ChangeoverError(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "a changeover needs a lot id: enter the lot to produce"))
        targets = [(p.tag, p.setpoint) for p in version.parameters]
        co_id = self.journal.create(version.recipe_id, version.version, version.content_hash,
                                    lot_id, trial, by, targets)
        return await self._advance(co_id)

    async def resume(self, co_id: str) -> ChangeoverRecord:
        """Carry on an interrupted changeover from where its record stopped."""
        record = self.journal.load(co_id)
        if record.state in TERMINAL:
            return record
        self.journal.take_ownership(co_id)
        self.journal.log(co_id, user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "resumed at {state} (what the PLC held: {holds})"),
            state=UserText("ChangeoverState", record.state.value), holds=record.plc_holds_said()))
        return await self._advance(co_id)

    def interrupted(self) -> list[ChangeoverRecord]:
        """Unfinished changeovers whose process is gone: offer resume or roll back."""
        return [r for r in self.journal.unfinished() if not owner_alive(r.owner)]

    async def _advance(self, co_id: str) -> ChangeoverRecord:
        record = self.journal.load(co_id)
        params = self._parameters(record)
        try:
            if record.state in (St.CREATED, St.PRECHECKED):
                problems = await run_prechecks(self._stations(params), self._status, self._io,
                                               self._options.dew_point)
                if problems:
                    self.journal.set_state(co_id, St.REFUSED, user_text(QT_TRANSLATE_NOOP(
                        "ChangeoverEngine", "pre-checks failed; nothing was written")),
                        failure=joined(problems))
                    return self.journal.load(co_id)
                self.journal.set_state(co_id, St.PRECHECKED, user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "pre-checks passed")))
                refused = await self._take_snapshot(co_id, params)
                if refused:
                    self.journal.set_state(co_id, St.REFUSED, user_text(QT_TRANSLATE_NOOP(
                        "ChangeoverEngine", "no snapshot; nothing written")), failure=refused)
                    return self.journal.load(co_id)
                record = self.journal.load(co_id)
            if record.state in (St.SNAPSHOT, St.DOWNLOADING, St.DOWNLOADED):
                return await self._download(co_id, params)
            if record.state is St.ROLLING_BACK:
                return await self.roll_back(co_id, record.failure or "resumed rollback")
        except (OSError, ConnectionError, TimeoutError) as exc:
            return await self.roll_back(co_id, user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "PLC link failed: {why}"), why=str(exc)))
        return self.journal.load(co_id)

    async def _take_snapshot(self, co_id: str, params: Sequence[Parameter]
                             ) -> UserText | None:
        reads = await self._io.read_many([p.tag for p in params])
        bad = [f"{r.tag}: {r.message or 'no good value'}" for r in reads
               if not r.ok or r.value is None]
        if bad:
            return user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "cannot read the values to roll back to: {why}"),
                why="; ".join(bad))
        self.journal.save_snapshot(co_id, {r.tag: r.value for r in reads
                                           if r.value is not None})
        record = self.journal.load(co_id)
        control = sha256_hex(canonical_json({
            "changeover": record.id, "recipe_id": record.recipe_id, "version": record.version,
            "recipe_hash": record.recipe_hash, "lot_id": record.lot_id, "trial": record.trial,
            "parameters": [[p.tag, p.target] for p in record.parameters],
        }))
        self.journal.set_state(co_id, St.SNAPSHOT, f"control recipe {control[:12]}… made; "
                               f"{len(reads)} PLC values saved as the rollback point",
                               control_hash=control)
        return None

    async def _download(self, co_id: str, params: Sequence[Parameter]) -> ChangeoverRecord:
        record = self.journal.load(co_id)
        targets = record.targets
        values = [(p, targets[p.tag]) for p in params]
        used = self._used_handshakes(params)
        await _best_effort(abort_handshakes(self._io, used))  # a leftover mailbox from a crash
        self.journal.mark(co_id, [p.tag for p in params], ParamPhase.PENDING)
        self.journal.set_state(co_id, St.DOWNLOADING, f"downloading {len(values)} parameters "
                               f"in batches of {self._options.batch_size}"
                               + (f" through the handshake of {', '.join(h.station for h in used)}"
                                  if used else ""))
        try:
            result = await transfer(self._io, values, self._handshakes, self._options.batch_size,
                                    lambda rows: self.journal.set_phases(co_id, rows),
                                    lambda tags, phase: self.journal.mark(co_id, tags, phase))
        except Exception as exc:  # whatever broke, the PLC must go back
            result = TransferResult((f"download failed: {exc}",), (), {})
        if result.failures:
            return await self.roll_back(co_id, user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "download failed: {why}"),
                why=joined([said(m) for m in result.failures])))
        self.journal.set_state(co_id, St.DOWNLOADED, "every value sent"
                               + (" and committed" if used else ""))
        manual = {p.tag for p in params if p.verify is VerifyMode.MANUAL}
        mismatched = [m for m in result.mismatches if m.split(":", 1)[0] not in manual]
        self.journal.set_phases(co_id, [
            (p.tag, ParamPhase.MISMATCH if any(m.startswith(p.tag + ":") for m in mismatched)
             else ParamPhase.VERIFIED, result.read_back.get(p.tag), "") for p in params])
        if mismatched:
            return await self.roll_back(co_id, user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "read-back verification failed: {why}"),
                why=joined([said(m) for m in mismatched])))
        self.journal.set_state(co_id, St.VERIFIED, f"all {len(params)} parameters read back "
                               "equal to the control recipe")
        self.journal.open_checks(co_id, self._check_items(params))
        return self.journal.load(co_id)

    # ---- rollback ------------------------------------------------------------------------
    async def roll_back(self, co_id: str, reason: str | UserText) -> ChangeoverRecord:
        """Put the snapshot back (through the handshake), read it back, record the outcome."""
        record = self.journal.load(co_id)
        if record.state in TERMINAL:
            return record
        params = self._parameters(record)
        snap = {p.tag: p.snapshot for p in record.parameters if p.snapshot is not None}
        if not snap:
            self.journal.set_state(co_id, St.REFUSED, user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "stopped before anything was written")), failure=reason)
            return self.journal.load(co_id)
        self.journal.set_state(co_id, St.ROLLING_BACK, user_text(QT_TRANSLATE_NOOP(
            "ChangeoverEngine", "rolling back: {reason}"), reason=said(reason)), failure=reason)
        values = [(p, snap[p.tag]) for p in params if p.tag in snap]
        used = self._used_handshakes(params)
        deadline = time.monotonic() + self._options.rollback_timeout_s
        attempt = 0
        while True:
            attempt += 1
            await _best_effort(abort_handshakes(self._io, used))
            try:
                result = await transfer(self._io, values, self._handshakes,
                                        self._options.batch_size, _ignore_rows, _ignore_mark)
            except Exception as exc:  # try again until the deadline
                result = TransferResult((f"{type(exc).__name__}: {exc}",), (), {})
            if result.ok:
                self.journal.set_phases(co_id, [(p.tag, ParamPhase.RESTORED,
                                                 result.read_back.get(p.tag), "")
                                                for p, _ in values])
                self.journal.set_state(co_id, St.ROLLED_BACK, user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "rolled back: the PLC holds the snapshot values again "
                    "(all {count} read back, attempt {attempt})"), count=len(values),
                    attempt=attempt))
                return self.journal.load(co_id)
            problems = joined([said(m) for m in (*result.failures, *result.mismatches)[:5]])
            if time.monotonic() >= deadline:
                self.journal.set_phases(co_id, [
                    (p.tag, ParamPhase.NOT_RESTORED, result.read_back.get(p.tag), "")
                    for p, _ in values])
                self.journal.set_state(co_id, St.ROLLBACK_FAILED, user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "rollback could not be verified after {attempt} "
                    "attempts: {problems}; check the PLC by hand"), attempt=attempt,
                    problems=problems), failure=user_text(QT_TRANSLATE_NOOP(
                        "ChangeoverEngine", "{reason}; rollback failed: {problems}"),
                        reason=said(reason), problems=problems))
                return self.journal.load(co_id)
            self.journal.log(co_id, user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "rollback attempt {attempt} failed ({problems}); trying "
                "again"), attempt=attempt, problems=problems))
            await asyncio.sleep(self._options.rollback_retry_s)

    # ---- the people's part ---------------------------------------------------------------
    async def run_checks(self, co_id: str) -> ChangeoverRecord:
        """Hold every automatic item's condition for its time; a timeout rolls back."""
        record = self._expect(co_id, St.VERIFIED)
        # The first article's status shows from the start; it is waited for after the holds.
        failed = await wait_first_articles(self.journal, record, self._checklist,
                                           self._first_article, poll_s=0.0, timeout_s=0.0,
                                           once=True)
        if failed:
            return await self.roll_back(co_id, user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "first article failed: {why}"), why=failed))
        targets = record.targets
        autos = [i for i in self._checklist if i.kind == "auto" and i.condition is not None
                 and any(c.item_id == i.id and c.status == "open" for c in record.checks)]
        tags = sorted({t for i in autos if i.condition for t in i.condition.reference_tags()})
        held_since: dict[str, float] = {}
        last_seen: dict[str, str] = {}
        deadline = time.monotonic() + self._options.auto_check_timeout_s
        while autos:
            live = {r.tag: (r.value if r.ok else None) for r in await self._io.read_many(tags)}
            now = time.monotonic()
            for item in list(autos):
                assert item.condition is not None
                ok, seen = item.condition.judge(live, targets)
                last_seen[item.id] = seen
                if not ok:
                    held_since.pop(item.id, None)
                    continue
                since = held_since.setdefault(item.id, now)
                if now - since >= item.hold_s:
                    self.journal.set_check(co_id, item.id, "passed", None, user_text(
                        QT_TRANSLATE_NOOP("ChangeoverEngine", "{seen}, held {hold:g} s"),
                        seen=said(seen), hold=item.hold_s))
                    autos.remove(item)
            if not autos:
                break
            if now >= deadline:
                for item in autos:
                    self.journal.set_check(co_id, item.id, "failed", None, last_seen[item.id])
                # item text (content, or a Said) and what was seen, glued as one line
                failed = joined([UserText("", "{item}: {seen}", {
                    "item": said(i.text), "seen": said(last_seen[i.id])}) for i in autos])
                return await self.roll_back(co_id, user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "checklist failed: {why}"), why=failed))
            await asyncio.sleep(self._options.check_poll_s)
        failed = await wait_first_articles(
            self.journal, self.journal.load(co_id), self._checklist, self._first_article,
            poll_s=self._options.check_poll_s, timeout_s=self._options.first_article_timeout_s)
        if failed:
            return await self.roll_back(co_id, user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "first article failed: {why}"), why=failed))
        return self._maybe_checked(co_id)

    def confirm(self, co_id: str, item_id: str, by: str, note: str) -> ChangeoverRecord:
        """A person confirms a manual item (a note is required: what was seen)."""
        record = self._expect(co_id, St.VERIFIED)
        check = next((c for c in record.checks if c.item_id == item_id), None)
        if check is None or check.kind != "manual":
            raise ChangeoverError(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{item} is no manual item of this changeover"),
                item=item_id))
        if not note.strip():
            raise ChangeoverError(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{item}: say what you checked in the note"), item=item_id))
        self.journal.set_check(co_id, item_id, "passed", by, note)
        return self._maybe_checked(co_id)

    def sign(self, co_id: str, performed: SignatureLike, performed_role: str,
             verified: SignatureLike, verified_role: str) -> ChangeoverRecord:
        """21 CFR 11.50: performed by and verified by, two different people, over the
        control recipe's hash."""
        record = self._expect(co_id, St.CHECKED)
        opts = self._options
        for sig, meaning, role, allowed in ((performed, "performed", performed_role,
                                             opts.performer_roles),
                                            (verified, "verified", verified_role,
                                             opts.verifier_roles)):
            if str(sig.meaning) != meaning:
                raise ChangeoverError(user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "the {signature} signature means {means}"),
                    signature=SIGNATURE_WORDS[meaning], means=repr(str(sig.meaning))))
            if role not in allowed:
                raise role_refused(sig.username, role, meaning, allowed)
            if sig.record_hash != record.control_hash:
                raise ChangeoverError(user_text(QT_TRANSLATE_NOOP(
                    "ChangeoverEngine", "{user}'s signature is over another record ({hash}…); "
                    "sign this control recipe"), user=sig.username, hash=sig.record_hash[:12]))
        if performed.username == verified.username:
            raise ChangeoverError(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{user} cannot both perform and verify; a second person "
                "(Lead or QA) must verify"), user=performed.username))
        self.journal.add_signatures(co_id, [(performed, performed_role),
                                            (verified, verified_role)])
        self.journal.set_state(co_id, St.SIGNED, f"performed by {performed.printed_name}, "
                               f"verified by {verified.printed_name}")
        return self.journal.load(co_id)

    def release(self, co_id: str, by: str) -> ChangeoverRecord:
        record = self._expect(co_id, St.SIGNED)
        self.journal.set_state(
            co_id, St.RELEASED,
            f"released by {by}: lot {record.lot_id}, control recipe {record.control_hash}, "
            f"{record.recipe_id} v{record.version}, started {record.started_at:%H:%M:%S}"
            + (" (TRIAL: lot held)" if record.trial else ""))
        return self.journal.load(co_id)

    async def check_variance(self, co_id: str) -> list[str]:
        """After release: recipe parameters whose PLC value now differs from the download,
        each logged against the downloaded value (the start of variance monitoring)."""
        record = self._expect(co_id, St.RELEASED)
        params = self._parameters(record)
        reads = {r.tag: r for r in await self._io.read_many([p.tag for p in params])}
        found: list[str] = []
        for p in params:
            r = reads.get(p.tag)
            value = r.value if r is not None and r.ok else None
            if not values_match(p, record.targets[p.tag], value):
                self.journal.add_variance(co_id, p.tag, record.targets[p.tag], value, None)
                found.append(f"{p.tag}: downloaded {record.targets[p.tag]}, now {value}")
        return found

    # ---- helpers -------------------------------------------------------------------------
    def _expect(self, co_id: str, state: ChangeoverState) -> ChangeoverRecord:
        record = self.journal.load(co_id)
        if record.state is not state:
            raise ChangeoverError(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "changeover {id} is {state}, not {expected}"),
                id=co_id[:8], state=UserText("ChangeoverState", record.state.value),
                expected=UserText("ChangeoverState", state.value)))
        return record

    def _maybe_checked(self, co_id: str) -> ChangeoverRecord:
        record = self.journal.load(co_id)
        if record.state is St.VERIFIED and all(c.status == "passed" for c in record.checks):
            self.journal.set_state(co_id, St.CHECKED, f"checklist complete "
                                   f"({len(record.checks)} items)")
            record = self.journal.load(co_id)
        return record

    def _parameters(self, record: ChangeoverRecord) -> list[Parameter]:
        version = self._recipes.get(record.recipe_id, record.version)
        if version.content_hash != record.recipe_hash:
            raise ChangeoverError(user_text(QT_TRANSLATE_NOOP(
                "ChangeoverEngine", "{version} changed since the changeover began"),
                version=version.label))
        return list(version.parameters)

    def _stations(self, params: Sequence[Parameter]) -> list[str]:
        return list(dict.fromkeys(station_of(p.tag) for p in params))

    def _used_handshakes(self, params: Sequence[Parameter]) -> list[Handshake]:
        return [self._handshakes[s] for s in self._stations(params) if s in self._handshakes]

    def _check_items(self, params: Sequence[Parameter]) -> list[ChecklistItem]:
        manual = [ChecklistItem(f"param:{p.tag}", "manual",
                                f"check {p.name} ({p.tag}) is {p.setpoint} {p.unit}".rstrip(),
                                p.station) for p in params if p.verify is VerifyMode.MANUAL]
        return [*self._checklist, *manual]


def _ignore_rows(rows: Sequence[tuple[str, ParamPhase, ParamValue | None, str]]) -> None:
    return None


def _ignore_mark(tags: Sequence[str], phase: ParamPhase) -> None:
    return None


async def _best_effort(work: Awaitable[None]) -> None:
    try:
        await work
    except Exception:  # the link may be gone; the next step says so
        return

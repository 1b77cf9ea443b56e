"""The changeover engine's wait for the first article (recipes.first_article says why):
each open "spc" item is judged by the hmi's SPC monitor until it passes or fails, its live
status written into the item's note for the wizard."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from datetime import datetime

from recipes.changeover.journal import ChangeoverJournal
from recipes.changeover.record import ChangeoverRecord
from recipes.changeover.states import ChangeoverState
from recipes.checklists import ChecklistItem
from recipes.first_article import KIND, FirstArticleJudge
from recipes.user_text import QT_TRANSLATE_NOOP, UserText, loaded, said, stored, user_text


def downloaded_at(record: ChangeoverRecord) -> datetime:
    """When the new values were in the PLC: the first article is what came after."""
    times = [e.at for e in record.events if e.state is ChangeoverState.DOWNLOADED]
    return times[-1] if times else record.updated_at


async def wait_first_articles(journal: ChangeoverJournal, record: ChangeoverRecord,
                              items: Sequence[ChecklistItem],
                              judge: FirstArticleJudge | None, *, poll_s: float,
                              timeout_s: float, once: bool = False) -> UserText | str:
    """Judge the open "spc" items until each passed or failed, or `timeout_s` ran out (they
    stay open: run the checks again later, or abort). Returns what failed ("" if nothing).
    `once`: judge them one time only (their status shows while other items are held)."""
    open_ids = {c.item_id for c in record.checks if c.status == "open"}
    waiting = [i for i in items if i.kind == KIND and i.id in open_ids]
    if not waiting:
        return ""
    if judge is None:
        for item in waiting:
            journal.set_check(record.id, item.id, "open", None, user_text(QT_TRANSLATE_NOOP(
                "FirstArticle", "no SPC monitor runs on this HMI: the first article cannot be "
                "judged here")))
        return ""
    since = downloaded_at(record)
    # Compared as stored (English + template): a note said in other words is news.
    shown: dict[str, str] = {c.item_id: stored(c.note) for c in record.checks}
    deadline = time.monotonic() + timeout_s
    while True:
        for item in list(waiting):
            status = judge.first_article_status(item.station, since, max(item.subgroups, 1))
            note = status.text
            if status.verdict == "waiting":
                if shown.get(item.id) != stored(note):  # the wizard shows the note live
                    journal.set_check(record.id, item.id, "open", None, note)
                    shown[item.id] = stored(note)
                continue
            journal.set_check(record.id, item.id, status.verdict, None, note)
            waiting.remove(item)
            if status.verdict == "failed":
                return user_text(QT_TRANSLATE_NOOP("FirstArticle", "{item}: {status}"),
                                 item=said(item.text), status=said(note))
        if not waiting or once:
            return ""
        if time.monotonic() >= deadline:
            for item in waiting:
                journal.set_check(record.id, item.id, "open", None, user_text(QT_TRANSLATE_NOOP(
                    "FirstArticle", "{status} (still waiting after {timeout} s: run the "
                    "automatic checks again, or abort)"),
                    status=said(loaded(shown.get(item.id, ""))), timeout=f"{timeout_s:g}"))
            return ""
        await asyncio.sleep(poll_s)

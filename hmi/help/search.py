"""Search over every help page: screens, alarms, procedures.

Every word of the query must occur in the page (as part of a word: "pump" finds "pumps";
Chinese has no spaces, so a word is any run of characters between spaces). Pages whose
title holds the words rank first, then pages whose own text holds them (an alarm's cause
finds the alarm before the station page that lists it, a procedure's step finds the
procedure before the alarm page showing it), short and dense before long.
"""

from __future__ import annotations

from dataclasses import dataclass

from hmi.help.book import HelpBook, HelpPage

TITLE_WEIGHT = 10.0
LENGTH_SCALE = 2000  # characters: a page this long counts its hits half
INCLUDED_WEIGHT = 0.1  # the words only in another topic's section shown on the page
DENSE = 5  # occurrences of a word beyond which a page is not more about it


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    title: str
    kind: str  # screen | alarm | procedure
    snippet: str  # the first line holding a query word
    score: float


class HelpIndex:
    """The pages of one book, lower-cased once; searched many times as the user types."""

    def __init__(self, book: HelpBook) -> None:
        self.book = book
        self._pages: list[tuple[HelpPage, str, str, str]] = []
        for key in book.page_keys():
            page = book.page(key)
            self._pages.append((page, page.title.lower(), page.text().lower(),
                                page.text(included=False).lower()))

    def search(self, query: str, limit: int = 30) -> list[Hit]:
        words = [w for w in query.lower().split() if w]
        if not words:
            return []
        hits: list[Hit] = []
        for page, title, text, own in self._pages:
            if not all(w in text for w in words):
                continue
            in_title = sum(1 for w in words if w in title) / len(words)
            in_own = sum(1 for w in words if w in own) / len(words)
            density = sum(min(own.count(w), DENSE) for w in words) / (DENSE * len(words))
            # A title holding every word is what was asked for (one common word of two,
            # "web", is not); then the pages saying all the words themselves.
            score = (TITLE_WEIGHT * in_title ** 2 + INCLUDED_WEIGHT
                     + in_own ** 2 * (1 + density) / (1 + len(own) / LENGTH_SCALE))
            hits.append(Hit(page.key, page.title, page.key.partition(":")[0],
                            _snippet(page, words), score))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]


def _snippet(page: HelpPage, words: list[str]) -> str:
    """The line holding the most query words (the first such), shortened."""
    best, most = page.title, 0
    for section in page.sections:
        for line in (*section.lines, *section.items):
            for row in line.splitlines():
                found = sum(1 for w in words if w in row.lower())
                if found > most:
                    best, most = row, found
    return best if len(best) <= 160 else best[:157] + "…"

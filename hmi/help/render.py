"""Help pages as plain text (the CLI, reviews) and as the rich text a Qt label shows."""

from __future__ import annotations

import re
import unicodedata
from html import escape

from hmi.help.book import HelpPage, Section

# "Cause: ...", "Ursache: ...", "原因：..." (a label is short and ends at the first colon).
_LABEL = re.compile(r"^(– )?([^:：\n]{1,60})([:：])")


def page_text(page: HelpPage) -> str:
    """Plain text, a paragraph per line (terminals wrap; reviewers diff lines)."""
    out = [page.title, "=" * _columns(page.title)]
    for section in page.sections:
        out.append("")
        out.append(section.heading)
        out.append(("-" if section.level <= 2 else "·") * _columns(section.heading))
        out += list(section.lines)
        for index, item in enumerate(section.items, start=1):
            mark = f"{index}. " if section.numbered else "- "
            first, *rest = item.splitlines() or [""]
            out.append(mark + first)
            out += [" " * len(mark) + line for line in rest]
    return "\n".join(out) + "\n"


def _columns(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def section_html(section: Section) -> str:
    """One section as Qt rich text (a subset of HTML 4: h2/h3, p, ol/ul, li)."""
    tag = "h2" if section.level <= 2 else "h3"
    bold = section.labelled
    out = [f"<{tag}>{escape(section.heading)}</{tag}>"]
    out += [f"<p>{_lines(line, bold)}</p>" for line in section.lines]
    if section.items:
        kind = "ol" if section.numbered else "ul"
        out.append(f"<{kind}>")
        out += [f"<li>{_lines(item, bold)}</li>" for item in section.items]
        out.append(f"</{kind}>")
    return "".join(out)


def _lines(text: str, labelled: bool) -> str:
    return "<br>".join(_line(line, labelled) for line in text.splitlines())


def _line(line: str, labelled: bool) -> str:
    found = _LABEL.match(line) if labelled else None
    if found is None:
        return escape(line)
    dash, label, colon = found.groups()
    return f"{escape(dash or '')}<b>{escape(label)}{colon}</b>{escape(line[found.end():])}"

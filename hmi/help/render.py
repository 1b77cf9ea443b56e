"""Help pages as plain text (the CLI, reviews) and as the rich text a Qt label shows."""

from __future__ import annotations

from html import escape

from hmi.help.book import HelpPage, Section


def page_text(page: HelpPage, width: int = 0) -> str:
    """Plain text; ``width`` is unused by design: terminals wrap, reviewers diff lines."""
    out = [page.title, "=" * len(page.title)]
    for section in page.sections:
        out.append("")
        out.append(section.heading)
        out.append(("-" if section.level <= 2 else "·") * len(section.heading))
        out += list(section.lines)
        for index, item in enumerate(section.items, start=1):
            mark = f"{index}. " if section.numbered else "- "
            first, *rest = item.splitlines() or [""]
            out.append(mark + first)
            out += [" " * len(mark) + line for line in rest]
    return "\n".join(out) + "\n"


def section_html(section: Section) -> str:
    """One section as Qt rich text (a subset of HTML 4: h2/h3, p, ol/ul, li)."""
    tag = "h2" if section.level <= 2 else "h3"
    out = [f"<{tag}>{escape(section.heading)}</{tag}>"]
    out += [f"<p>{_lines(line)}</p>" for line in section.lines]
    if section.items:
        kind = "ol" if section.numbered else "ul"
        out.append(f"<{kind}>")
        out += [f"<li>{_lines(item)}</li>" for item in section.items]
        out.append(f"</{kind}>")
    return "".join(out)


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())

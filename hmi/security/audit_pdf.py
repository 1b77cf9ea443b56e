"""The audit trail as a PDF for inspectors: every entry in order, the chain's verdict on
each page, page numbers, nothing to install.

A plain PDF 1.4 writer (Courier, one of the 14 fonts every reader has, so nothing is
embedded): an inspector's copy must open anywhere, and a dependency for a table of text
would be a liability on an air-gapped line PC. Text streams are left uncompressed so the
file can be searched and diffed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from hmi.security.audit import AuditEntry, AuditTrail
from hmi.security.audit_chain import encode_value, timestamp_text

PAGE_W, PAGE_H = 842, 595  # A4 landscape, points
MARGIN = 36
FONT_PT = 7.0
LINE_PT = 9.0
CHARS = int((PAGE_W - 2 * MARGIN) / (FONT_PT * 0.6))  # Courier is 0.6 em wide
LINES = int((PAGE_H - 2 * MARGIN) / LINE_PT) - 4  # room for the header and the footer


def entry_lines(entry: AuditEntry) -> list[str]:
    """One entry as text: who, what, when on the first line; values and reason after."""
    first = (f"#{entry.seq:<6} {timestamp_text(entry.utc_ts)}  {entry.username} "
             f"({entry.full_name}; {entry.role})  {entry.action}  "
             f"{entry.object_type} {entry.object_id} {entry.field}".rstrip())
    values = (f"old {encode_value(entry.old_value)}  sent {encode_value(entry.sent_value)}  "
              f"read back {encode_value(entry.read_back)}")
    rest = f"{values}  reason: {entry.reason or '-'}  host: {entry.client_host or '-'}"
    if entry.signature_id is not None:
        rest += f"  signature #{entry.signature_id}"
    rest += f"  hash {entry.entry_hash[:16]}"
    lines = textwrap.wrap(first, CHARS, subsequent_indent="        ")
    lines += textwrap.wrap(rest, CHARS, initial_indent="        ", subsequent_indent="        ")
    return lines


def export_pdf(
    trail: AuditTrail, out: Path, since: datetime | None = None, until: datetime | None = None,
    title: str = "Lineside audit trail",
) -> int:
    """Write the entries in [since, until) as a PDF; returns how many."""
    entries = trail.entries(since, until)
    check = trail.verify_chain()
    verdict = (f"chain intact: {check.entries} entries, head {check.head_hash[:16]}"
               if check.intact else f"CHAIN BROKEN: {check.describe()}")
    span = (f"{timestamp_text(since) if since else 'start'} to "
            f"{timestamp_text(until) if until else 'now'}")
    header = [title, f"{span}; {len(entries)} entries; exported "
              f"{timestamp_text(datetime.now(UTC))}; {verdict}", ""]
    body = [line for entry in entries for line in entry_lines(entry)] or ["(no entries)"]
    pages = [body[i:i + LINES] for i in range(0, len(body), LINES)]
    write_text_pdf(out, [header + page for page in pages])
    return len(entries)


def write_text_pdf(out: Path, pages: Sequence[Sequence[str]]) -> None:
    """Pages of monospaced lines, numbered "page i of n" at the foot."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages' numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for number, lines in enumerate(pages, start=1):
        footer = f"page {number} of {len(pages)}"
        stream = _content(lines, footer)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_W, PAGE_H, len(objects))
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % index + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    out.write_bytes(bytes(data))


def _content(lines: Sequence[str], footer: str) -> bytes:
    parts = [b"BT /F1 %.1f Tf %.1f TL %d %d Td" % (FONT_PT, LINE_PT, MARGIN, PAGE_H - MARGIN)]
    for line in lines:
        parts.append(b"(%s) '" % _pdf_text(line))
    parts.append(b"ET")
    parts.append(b"BT /F1 %.1f Tf %d %d Td (%s) Tj ET"
                 % (FONT_PT, PAGE_W - MARGIN - 80, MARGIN // 2, _pdf_text(footer)))
    return b"\n".join(parts)


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")  # WinAnsiEncoding; "?" for the rest
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

"""The I/O checkout report: every point with its result and signature, as CSV and as PDF.

The PDF goes through hmi.security.audit_pdf's plain text-PDF writer (the one the audit
export uses: Courier, nothing embedded, opens anywhere), so a checkout report and an
audit export read alike and nothing new has to be trusted.
"""

from __future__ import annotations

import csv
import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from hmi.commission.io_checkout import Checkout, CheckPoint, Progress
from hmi.security.audit_chain import timestamp_text
from hmi.security.audit_pdf import CHARS, LINES, write_text_pdf
from hmi.security.signatures import Signature

CSV_COLUMNS = ("station", "position", "tag", "kind", "expected", "test_value", "observed",
               "write_ok", "write_message", "result", "note", "checked_by", "checked_at",
               "signature_id", "signature", "signature_intact")


def report_rows(checkout: Checkout, points: Sequence[CheckPoint],
                signatures: dict[int, Signature]) -> list[dict[str, str]]:
    rows = []
    for point in points:
        signature = signatures.get(point.signature_id) if point.signature_id else None
        rows.append({
            "station": checkout.station,
            "position": str(point.position + 1),
            "tag": point.tag_id,
            "kind": point.kind,
            "expected": point.expected,
            "test_value": "" if point.test_value is None else str(point.test_value),
            "observed": point.observed,
            "write_ok": "" if point.write_ok is None else ("yes" if point.write_ok else "no"),
            "write_message": point.write_message,
            "result": point.result or "not checked",
            "note": point.note,
            "checked_by": point.checked_by or "",
            "checked_at": point.checked_at or "",
            "signature_id": str(point.signature_id or ""),
            "signature": signature.manifestation() if signature else "",
            "signature_intact": ("" if signature is None else
                                 "yes" if signature.link_intact(point.record_hash()) else "NO"),
        })
    return rows


def write_csv(out: Path, checkout: Checkout, points: Sequence[CheckPoint],
              signatures: dict[int, Signature]) -> int:
    """One row per point; returns how many."""
    rows = report_rows(checkout, points, signatures)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def write_pdf(out: Path, checkout: Checkout, points: Sequence[CheckPoint],
              signatures: dict[int, Signature], progress: Progress, line_name: str) -> int:
    rows = report_rows(checkout, points, signatures)
    state = (f"closed by {checkout.finished_by} at {checkout.finished_at}"
             if checkout.finished_at else "open")
    header = [
        f"I/O checkout: {line_name}, station {checkout.station}",
        f"checkout {checkout.id}; started by {checkout.started_by} at {checkout.started_at}; "
        f"{state}; {progress}; config {checkout.config_hash[:16]}; printed "
        f"{timestamp_text(datetime.now(UTC))}",
        "",
    ]
    body: list[str] = []
    for row in rows:
        first = (f"{row['position']:>3} {row['tag']:<34} {row['kind']:<7} "
                 f"{row['result'].upper():<11} observed {row['observed'] or '-'}")
        rest = f"expected: {row['expected']}"
        if row["test_value"]:
            rest += f"  test value {row['test_value']} ({row['write_message'] or 'not written'})"
        if row["note"]:
            rest += f"  note: {row['note']}"
        signed = (f"signature #{row['signature_id']}: {row['signature']}"
                  f"{'' if row['signature_intact'] != 'NO' else '  LINK BROKEN'}"
                  if row["signature"] else "not signed")
        body += textwrap.wrap(first, CHARS)
        for text in (rest, signed):
            body += textwrap.wrap(text, CHARS, initial_indent="     ",
                                  subsequent_indent="     ")
    body = body or ["(no points)"]
    pages = [body[i:i + LINES] for i in range(0, len(body), LINES)]
    write_text_pdf(out, [header + page for page in pages])
    return len(rows)

"""The translation catalogues: regenerate them from the sources, compile them, check them.

    .venv/bin/python -m hmi.ui.i18n_catalogues update   # lupdate + lrelease, after adding strings
    .venv/bin/python -m hmi.ui.i18n_catalogues check    # what is missing or broken, per message
    .venv/bin/python -m hmi.ui.i18n_catalogues fill F.json  # translations from a file, then update

`update` runs pyside6-lupdate over every module of SOURCE_DIRS (new strings arrive
as unfinished, vanished ones are dropped; no line numbers, so a code edit elsewhere does not
touch the catalogues), then pyside6-lrelease. Fill the new <translation>s (Qt Linguist:
``.venv/bin/pyside6-linguist resources/i18n/lineside_de.ts``, or any editor: remove
``type="unfinished"``), and run `update` again to compile. The tests refuse a string that
is in the sources but not translated in every catalogue.

Qt-free apart from the two Qt tools it runs; it reads the .ts XML itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE_DIR = ROOT / "resources" / "i18n"
# The UI, and the Qt-free packages whose operator messages carry QT_TRANSLATE_NOOP markers
# (hmi.core.user_text: refusals and write results the panel says in its language).
# recipes: the changeover engine's and first-article lines, stored with their templates
# (recipes/user_text.py) and said in the panel's language on reload.
SOURCE_DIRS = ("hmi/ui", "widgets", "hmi/core", "hmi/security", "hmi/plc", "hmi/restore",
               "recipes", "recipes/changeover", "hmi/production", "hmi/alarms")
TARGETS = ("de", "zh_CN")  # English is the source text
# English's own catalogue holds only its plurals ("1 stop", "2 stops" from "%n stop(s)"),
# as Qt intends: the source text cannot say both.
PLURALS_ONLY = ("en",)
LANGUAGES = (*PLURALS_ONLY, *TARGETS)
# Placeholders a translation must keep: {0}, {name}, %n, %1.
_PLACEHOLDER = re.compile(r"\{[0-9a-z_]*\}|%n|%[0-9]")


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]  # one, or one per plural form
    unfinished: bool


def catalogue_path(language: str, folder: Path = CATALOGUE_DIR) -> Path:
    return folder / f"lineside_{language}.ts"


def source_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (root / d).glob("*.py"))


def tool(name: str) -> str:
    """A Qt tool from the venv PySide6 brings (pyside6-lupdate, pyside6-lrelease)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install the project (pip install -e .)")
    return found


def lupdate(ts: Path, language: str, root: Path = ROOT) -> None:
    """Bring `ts` up to the sources' strings (created when missing)."""
    files = [str(p) for p in source_files(root)]
    plurals = ["-pluralonly"] if language in PLURALS_ONLY else []
    subprocess.run(
        [tool("pyside6-lupdate"), *files, "-ts", str(ts), "-target-language", language,
         "-no-obsolete", "-locations", "none", "-silent", *plurals],
        check=True, cwd=root)


def lrelease(ts: Path, qm: Path) -> None:
    # A running app has its .qm memory-mapped: rewriting it in place is a SIGBUS there on the
    # next translate(). A new file put in place by rename leaves the old mapping intact.
    fresh = qm.with_suffix(".qm.new")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh)], check=True)
    fresh.replace(qm)


def read(ts: Path) -> list[Message]:
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{ts}: a message without <translation>"
            forms = translation.findall("numerusform")
            texts = tuple((f.text or "") for f in forms) if forms else (translation.text or "",)
            messages.append(Message(
                context=name, source=message.findtext("source") or "",
                comment=message.findtext("comment") or "",
                numerus=message.get("numerus") == "yes", translations=texts,
                unfinished=translation.get("type") in ("unfinished", "vanished", "obsolete")))
    return messages


def problems(messages: list[Message]) -> list[str]:
    """Every message not translated, or whose translation lost or added a placeholder."""
    found = []
    for m in messages:
        where = f"{m.context}: {m.source!r}"
        if m.unfinished or not all(t.strip() for t in m.translations):
            found.append(f"{where} is not translated")
            continue
        want = sorted(_PLACEHOLDER.findall(m.source))
        for text in m.translations:
            have = sorted(_PLACEHOLDER.findall(text))
            # A plural's form may spell its number out ("一个"), so %n may be left out.
            if m.numerus:
                want_n, have_n = [p for p in want if p != "%n"], [p for p in have if p != "%n"]
                if want_n != have_n:
                    found.append(f"{where}: {text!r} has placeholders {have}, wants {want}")
            elif have != want:
                found.append(f"{where}: {text!r} has placeholders {have}, wants {want}")
    return found


def fill(ts: Path, language: str, entries: list[dict[str, Any]]) -> int:
    """Write the `language` translations of `entries` into `ts`; returns how many it set.

    An entry is {"context": ..., "source": ..., "de": ..., "zh_CN": ...}, with a "comment"
    when the same source has several meanings in one context (the PackML state "Complete"
    and the command "Complete"); a plural's translation is a list of its forms. An entry
    without a comment fills a message only if no other message has its context and source:
    a guess there once gave a state the command's word. Messages not in `ts` (run `update`
    first) are reported, not added: lupdate alone decides what the sources contain.
    """
    tree = ET.parse(ts)
    messages: dict[tuple[str, str], list[tuple[str, ET.Element]]] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            messages.setdefault(key, []).append((message.findtext("comment") or "", message))
    done = 0
    for entry in entries:
        if language not in entry:
            continue
        key, comment = (entry["context"], entry["source"]), entry.get("comment")
        found = [m for c, m in messages.get(key, []) if comment is None or c == comment]
        if not found:
            print(f"{ts.name}: not in the catalogue (run update first?): {key[0]}: {key[1]!r}"
                  + (f" ({comment})" if comment else ""), file=sys.stderr)
        elif len(found) > 1:
            print(f"{ts.name}: {key[0]}: {key[1]!r} has several meanings here: say which with "
                  f"\"comment\" ({', '.join(repr(c) for c, _ in messages[key])}); not filled",
                  file=sys.stderr)
        else:
            _translate(found[0], entry[language])
            done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return done


def _translate(message: ET.Element, text: str | list[str]) -> None:
    translation = message.find("translation")
    assert translation is not None
    translation.attrib.pop("type", None)
    for form in list(translation):
        translation.remove(form)
    if isinstance(text, list):
        translation.text = None
        for form_text in text:
            ET.SubElement(translation, "numerusform").text = form_text
    else:
        translation.text = text


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "fill" and len(argv) == 2:
        entries = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        for language in TARGETS:
            fill(catalogue_path(language), language, entries)
        command = "update"  # normalise the XML and compile
    if command == "update":
        for language in LANGUAGES:
            ts = catalogue_path(language)
            lupdate(ts, language)
            lrelease(ts, ts.with_suffix(".qm"))
        print("updated; what is still to translate (fill it, then run check):")
    elif command != "check":
        print("usage: python -m hmi.ui.i18n_catalogues update|check|fill F.json", file=sys.stderr)
        return 2
    bad = 0
    for language in LANGUAGES:
        ts = catalogue_path(language)
        found = problems(read(ts))
        bad += len(found)
        for line in found:
            print(f"{ts.name}: {line}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

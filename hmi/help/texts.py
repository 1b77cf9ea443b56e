"""The hand-written half of the help: what each screen shows and what its controls do,
and the words the generated half is built from, in every UI language.

Files (resources/help):
    screens/<topic>.toml   one screen, a table per language:
                           [en] title = "...", shows = "...",
                           controls = [{ control = "...", does = "..." }, ...]
                           [de] ... [zh_CN] ...   (same controls, in the same order)
    labels.toml            [en] key = "text with {fields}", ... per language

The rationalisation texts and the procedures are NOT copied here: hmi.help.book reads
them from the loaded line config and procedures, so help cannot drift from what runs.
A missing translation falls back on English (never on nothing); `check()` lists them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hmi.config.toml_locator import TomlLocator
from hmi.core.paths import resources_dir

HELP_DIR = resources_dir() / "help"
LANGUAGES = ("en", "de", "zh_CN")  # English first: every other language falls back on it
DEFAULT_LANGUAGE = "en"


class HelpTextError(Exception):
    """A help file that cannot be used: `file:line: key: what is wrong`."""


@dataclass(frozen=True, slots=True)
class Control:
    name: str
    does: str


@dataclass(frozen=True, slots=True)
class ScreenText:
    topic: str  # the file's stem: a screen name, or "station" for every station screen
    title: str
    shows: str
    controls: tuple[Control, ...]


def language_of(code: str) -> str:
    """A Qt/POSIX locale name ("de_DE", "zh-CN", "zh_CN.UTF-8") to one of LANGUAGES."""
    base = code.replace("-", "_").split(".", 1)[0]
    if base in LANGUAGES:
        return base
    short = base.split("_", 1)[0]
    if short == "zh":
        return "zh_CN"
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


class HelpTexts:
    """The screens' texts and the labels, per language."""

    def __init__(self, screens: dict[str, dict[str, ScreenText]],
                 labels: dict[str, dict[str, str]]) -> None:
        self._screens = screens  # language -> topic -> text
        self._labels = labels  # language -> key -> template

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(sorted(self._screens.get(DEFAULT_LANGUAGE, {})))

    def screen(self, topic: str, lang: str) -> ScreenText | None:
        found = self._screens.get(lang, {}).get(topic)
        return found or self._screens.get(DEFAULT_LANGUAGE, {}).get(topic)

    def label(self, key: str, lang: str, **fields: object) -> str:
        template = self._labels.get(lang, {}).get(key)
        if template is None:
            template = self._labels[DEFAULT_LANGUAGE].get(key)
        if template is None:  # a programming mistake, found by the tests over every key
            raise KeyError(f"no help label {key!r} in labels.toml")
        return template.format(**fields)

    def check(self) -> list[str]:
        """What a translator still owes: one line per missing text or mismatched control
        list (the shipped files must give none; the tests say so)."""
        problems: list[str] = []
        english = self._screens.get(DEFAULT_LANGUAGE, {})
        for lang in LANGUAGES[1:]:
            theirs = self._screens.get(lang, {})
            for topic, text in english.items():
                other = theirs.get(topic)
                if other is None:
                    problems.append(f"screens/{topic}.toml: no [{lang}] table")
                elif len(other.controls) != len(text.controls):
                    problems.append(f"screens/{topic}.toml: [{lang}] has "
                                    f"{len(other.controls)} controls, [en] has "
                                    f"{len(text.controls)}")
            missing = set(self._labels[DEFAULT_LANGUAGE]) - set(self._labels.get(lang, {}))
            problems += [f"labels.toml: [{lang}] has no {key}" for key in sorted(missing)]
        return problems


def load_help_texts(folder: Path = HELP_DIR) -> HelpTexts:
    """Read the help folder; raises HelpTextError naming file, line and key."""
    labels_path = folder / "labels.toml"
    raw_labels = _read(labels_path)
    labels: dict[str, dict[str, str]] = {}
    locator = TomlLocator(labels_path.read_text(encoding="utf-8"))
    for lang, table in raw_labels.items():
        where = f"{labels_path}:{locator.line_of((lang,)) or 1}"
        if lang not in LANGUAGES:
            raise HelpTextError(f"{where}: [{lang}] is not a language of the UI "
                                f"({', '.join(LANGUAGES)})")
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise HelpTextError(f"{where}: [{lang}] must hold key = \"text\" lines only")
        labels[lang] = dict(table)
    if DEFAULT_LANGUAGE not in labels:
        raise HelpTextError(f"{labels_path}:1: no [{DEFAULT_LANGUAGE}] table (English is "
                            "what every other language falls back on)")
    screens: dict[str, dict[str, ScreenText]] = {}
    for path in sorted((folder / "screens").glob("*.toml")):
        for lang, text in _screen_file(path).items():
            screens.setdefault(lang, {})[path.stem] = text
    return HelpTexts(screens, labels)


def _screen_file(path: Path) -> dict[str, ScreenText]:
    raw = _read(path)
    locator = TomlLocator(path.read_text(encoding="utf-8"))
    texts: dict[str, ScreenText] = {}
    for lang, table in raw.items():
        def fail(key: tuple[str | int, ...], message: str, lang: str = lang) -> HelpTextError:
            line = locator.line_of((lang, *key)) or locator.line_of((lang,)) or 1
            return HelpTextError(f"{path}:{line}: {lang}.{'.'.join(map(str, key))}: {message}")

        if lang not in LANGUAGES:
            raise fail((), f"not a language of the UI ({', '.join(LANGUAGES)})")
        if not isinstance(table, dict):
            raise fail((), "must be a table: [en] title = ..., shows = ..., controls = [...]")
        for key in ("title", "shows"):
            if not isinstance(table.get(key), str) or not table[key].strip():
                raise fail((key,), "needs a text")
        controls: list[Control] = []
        for index, item in enumerate(table.get("controls", [])):
            if (not isinstance(item, dict) or set(item) != {"control", "does"}
                    or not all(isinstance(v, str) and v.strip() for v in item.values())):
                raise fail(("controls", index),
                           '{ control = "...", does = "..." } with both texts')
            controls.append(Control(item["control"], item["does"]))
        unknown = set(table) - {"title", "shows", "controls"}
        if unknown:
            raise fail((sorted(unknown)[0],), "unknown key (title, shows, controls)")
        texts[lang] = ScreenText(path.stem, table["title"], table["shows"], tuple(controls))
    if DEFAULT_LANGUAGE not in texts:
        raise HelpTextError(f"{path}:1: no [{DEFAULT_LANGUAGE}] table")
    return texts


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HelpTextError(f"{path}: missing (the help texts ship in resources/help)") from None
    except tomllib.TOMLDecodeError as exc:
        raise HelpTextError(f"{path}: {exc}") from None

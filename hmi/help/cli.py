"""`lineside help`: the operator help, headless (commissioning engineers, reviews).

    lineside help                         # the topics: screens, alarms, procedures
    lineside help coater [--lang de]      # a screen, an alarm id or a procedure id
    lineside help --search "splice failure"
    [--config LINE.toml] [--procedures DIR]   # default: the demo line, shipped procedures

The same pages the panel shows, built the same way (hmi.help.book over the loaded config
and procedures), as plain text.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hmi.commission.errors import EXIT_OK, UsageError
from hmi.config import ConfigError, load_line_config
from hmi.config.loader import DEMO_LINE
from hmi.help.book import HelpBook
from hmi.help.render import page_text
from hmi.help.search import HelpIndex
from hmi.help.texts import DEFAULT_LANGUAGE, LANGUAGES, HelpTextError, load_help_texts
from hmi.restore.build import PROCEDURES
from hmi.restore.errors import ProcedureError
from hmi.restore.loader import load_procedures


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "help", help="the operator help of a screen, alarm or procedure, as text")
    parser.add_argument("name", nargs="?", metavar="SCREEN|ALARM_ID|PROCEDURE",
                        help="what to show (none: list the topics)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                        help=f"the language (default {DEFAULT_LANGUAGE})")
    parser.add_argument("--search", metavar="WORDS", help="the topics holding all WORDS")
    parser.add_argument("--config", metavar="LINE.toml",
                        help="the line config (default: the demo line)")
    parser.add_argument("--procedures", metavar="DIR", default=str(PROCEDURES),
                        help="folder of procedure files (default: the shipped ones)")
    parser.set_defaults(run=run_help)


def build_book(config_path: str | None, procedures: str, lang: str) -> HelpBook:
    try:
        config = load_line_config(Path(config_path) if config_path else DEMO_LINE)
        loaded = load_procedures(Path(procedures), config)
        texts = load_help_texts()
    except (ConfigError, ProcedureError, HelpTextError) as exc:
        raise UsageError(str(exc)) from None
    return HelpBook(config, loaded, texts, lang)


def run_help(args: argparse.Namespace) -> int:
    book = build_book(args.config, args.procedures, args.lang)
    if args.search:
        hits = HelpIndex(book).search(args.search)
        if not hits:
            raise UsageError(f"nothing found for {args.search!r}: try fewer or other words")
        for hit in hits:
            print(f"{hit.key}\t{hit.title}\t{hit.snippet}")
        return EXIT_OK
    if args.name is None:
        for key in book.page_keys():
            print(f"{key}\t{book.page(key).title}")
        return EXIT_OK
    try:
        page = book.lookup(args.name)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    print(page_text(page), end="")
    return EXIT_OK

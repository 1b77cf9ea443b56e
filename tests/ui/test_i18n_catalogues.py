"""The translation catalogues: complete, in step with the sources, compiled as committed.

A developer who adds a tr() string and does not translate it fails here, with the string
named and the command that brings it into the catalogues (python -m hmi.ui.i18n_catalogues
update).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from hmi.gui_command import add_run_arguments
from hmi.ui import i18n
from hmi.ui.i18n_catalogues import (
    LANGUAGES,
    TARGETS,
    Message,
    catalogue_path,
    fill,
    lupdate,
    problems,
    read,
)

HOW = "run: .venv/bin/python -m hmi.ui.i18n_catalogues update, then translate the new strings"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_with_its_placeholders(language: str) -> None:
    messages = read(catalogue_path(language))
    # The operator screens' chrome, not an empty file (English: its plurals only).
    assert len(messages) > (10 if language == "en" else 250)
    assert problems(messages) == [], HOW


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sources_have_no_string_the_catalogue_lacks(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / catalogue_path(language).name
    shutil.copy(catalogue_path(language), fresh)
    lupdate(fresh, language)  # what `update` would do to the committed catalogue
    committed = {(m.context, m.source, m.comment) for m in read(catalogue_path(language))}
    now = read(fresh)
    new = [f"{m.context}: {m.source!r}" for m in now
           if (m.context, m.source, m.comment) not in committed]
    assert new == [], HOW
    assert problems(now) == [], HOW


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_qm_says_what_the_ts_says(language: str) -> None:
    """The app loads the .qm: it must not drift from the .ts a translator edits."""
    translator = QTranslator()
    qm = catalogue_path(language).with_suffix(".qm")
    assert translator.load(str(qm)), f"{qm} does not load; {HOW}"
    for m in read(catalogue_path(language)):
        comment = m.comment or None
        if m.numerus:  # German: one, other; Chinese: one form for every number
            counts = (1, 2) if len(m.translations) == 2 else (1,)
            for n, text in zip(counts, m.translations, strict=True):
                got = translator.translate(m.context, m.source, comment, n)
                assert got == text, (m.source, n)  # the form for n; %n is filled later
        else:
            assert translator.translate(m.context, m.source, comment) == m.translations[0], \
                f"{qm.name} differs from its .ts at {m.context}: {m.source!r}; {HOW}"


def test_the_checker_finds_a_lost_placeholder_and_an_empty_translation() -> None:
    lost = Message("Header", "{0} LOST", "", False, ("VERLOREN",), False)
    empty = Message("Header", "Night", "", False, ("",), False)
    plural = Message("Header", "%n stop(s) need a reason", "", True, ("一次停机", ), False)
    assert [p.split(":")[0] for p in problems([lost, empty, plural])] == ["Header", "Header"]


def test_every_language_offered_has_a_catalogue_and_a_command_line_choice() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    add_run_arguments(parser)
    choices = next(a.choices for a in parser._actions if a.dest == "lang")
    assert list(choices) == list(i18n.LANGUAGES)
    assert set(i18n.LANGUAGES) - {i18n.SOURCE_LANGUAGE} == set(TARGETS)
    for code in i18n.LANGUAGES:
        assert (i18n.catalogue_dir() / f"lineside_{code}.qm").is_file()


def test_the_panel_remembers_its_language(tmp_path: Path) -> None:
    assert i18n.saved_language(tmp_path) is None
    (tmp_path / i18n.SETTINGS_FILE).write_text('{"kiosk": true}', encoding="utf-8")
    i18n.save_language(tmp_path, "zh_CN")
    assert i18n.saved_language(tmp_path) == "zh_CN"
    assert '"kiosk": true' in (tmp_path / i18n.SETTINGS_FILE).read_text(encoding="utf-8")
    (tmp_path / i18n.SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert i18n.saved_language(tmp_path) is None  # damaged: English, not a crash
    with pytest.raises(i18n.LanguageError, match="choose one of en, de, zh_CN"):
        i18n.save_language(tmp_path, "fr")


def test_fill_sets_a_translation_and_a_plural_and_names_what_is_not_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ts = tmp_path / "lineside_de.ts"
    shutil.copy(catalogue_path("de"), ts)
    entries = [
        {"context": "AlarmBanner", "source": "No unacknowledged alarms", "de": "Alles quittiert"},
        {"context": "AlarmBanner", "source": "{0}; %n active, acknowledged",
         "de": ["{0}; ein aktiver, quittiert", "{0}; %n aktive, quittiert"]},
        {"context": "Nowhere", "source": "Not in the sources", "de": "Nirgends"},
    ]
    assert fill(ts, "de", entries) == 2
    assert "Nowhere: 'Not in the sources'" in capsys.readouterr().err
    by_source = {m.source: m for m in read(ts) if m.context == "AlarmBanner"}
    assert by_source["No unacknowledged alarms"].translations == ("Alles quittiert",)
    assert by_source["{0}; %n active, acknowledged"].translations == (
        "{0}; ein aktiver, quittiert", "{0}; %n aktive, quittiert")
    assert not problems(read(ts))


def test_fill_needs_the_comment_when_a_source_has_two_meanings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ts = tmp_path / "lineside_de.ts"
    shutil.copy(catalogue_path("de"), ts)
    complete = [{"context": "PackML", "source": "Complete", "de": "Abschließen"}]
    assert fill(ts, "de", complete) == 0  # the state or the command? not guessed
    assert "several meanings" in capsys.readouterr().err
    assert fill(ts, "de", [dict(complete[0], comment="command")]) == 1
    said = {m.comment: m.translations for m in read(ts)
            if m.context == "PackML" and m.source == "Complete"}
    assert said == {"state": ("Abgeschlossen",), "command": ("Abschließen",)}

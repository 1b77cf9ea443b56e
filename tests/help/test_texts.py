"""The hand-written help files: complete in every language, and refused with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.help import HELP_DIR, LANGUAGES, HelpTextError, HelpTexts, language_of, load_help_texts

# Every screen a MainWindow can show (tests/ui/test_help_panel.py checks the live window
# has no screen outside this list).
SCREENS = ("overview", "alarms", "trends", "restore", "station", "recipes", "changeover",
           "alarm_history", "audit", "users", "oee", "spc", "lineage", "diagnostics",
           "opcua", "modbus", "config_editor", "io_checkout")


def test_every_screen_has_its_text_in_every_language(texts: HelpTexts) -> None:
    assert set(SCREENS) <= set(texts.topics)
    assert texts.check() == []  # no table, control or label missing in German or Chinese
    for screen in SCREENS:
        english = texts.screen(screen, "en")
        assert english is not None and english.controls
        for lang in LANGUAGES[1:]:
            other = texts.screen(screen, lang)
            assert other is not None and other is not english
            # Translated, not copied: the description differs from the English one.
            assert other.shows != english.shows, f"{screen} [{lang}] is the English text"


def test_labels_are_translated_not_copied(texts: HelpTexts) -> None:
    for key in ("cause", "consequence", "action", "respond_within", "station_alarms"):
        english = texts.label(key, "en", text="x", t="1 s", n=1)
        for lang in LANGUAGES[1:]:
            assert texts.label(key, lang, text="x", t="1 s", n=1) != english


def test_a_language_without_a_text_falls_back_on_english(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "screens" / "extra.toml").write_text(
        '[en]\ntitle = "Extra"\nshows = "An extra screen."\n', encoding="utf-8")
    texts = load_help_texts(folder)
    extra = texts.screen("extra", "de")
    assert extra is not None and extra.title == "Extra"
    assert "screens/extra.toml: no [de] table" in texts.check()


@pytest.mark.parametrize(("name", "content", "said"), [
    ("screens/bad.toml", '[en]\ntitle = "Bad"\nshows = "x"\ncontrols = [\n'
     '  { control = "Knob" },\n]\n', "bad.toml:4: en.controls.0: { control"),
    ("screens/bad.toml", '[en]\ntitle = ""\nshows = "x"\n', "bad.toml:2: en.title: needs a text"),
    ("screens/bad.toml", '[fr]\ntitle = "Mauvais"\nshows = "x"\n',
     "bad.toml:1: fr.: not a language of the UI"),
    ("screens/bad.toml", '[en\ntitle = "x"\n', "bad.toml: "),
    ("labels.toml", '[de]\ncause = "Ursache: {text}"\n', "labels.toml:1: no [en] table"),
])
def test_a_damaged_help_file_is_refused_naming_file_and_line(
        tmp_path: Path, name: str, content: str, said: str) -> None:
    folder = _copy(tmp_path)
    (folder / name).write_text(content, encoding="utf-8")
    with pytest.raises(HelpTextError) as refused:
        load_help_texts(folder)
    assert said in str(refused.value)
    assert "Traceback" not in str(refused.value)


def test_missing_help_folder_is_said(tmp_path: Path) -> None:
    with pytest.raises(HelpTextError, match="missing"):
        load_help_texts(tmp_path / "nowhere")


@pytest.mark.parametrize(("code", "lang"), [
    ("en", "en"), ("de", "de"), ("de_DE", "de"), ("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"),
    ("zh_CN.UTF-8", "zh_CN"), ("zh_TW", "zh_CN"), ("fr_FR", "en"), ("", "en"),
])
def test_ui_locale_names_map_to_help_languages(code: str, lang: str) -> None:
    assert language_of(code) == lang


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "help"
    (folder / "screens").mkdir(parents=True)
    (folder / "labels.toml").write_text((HELP_DIR / "labels.toml").read_text("utf-8"),
                                        encoding="utf-8")
    return folder

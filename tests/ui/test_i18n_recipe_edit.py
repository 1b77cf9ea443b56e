"""The last recipe-editing and checklist words of issue 9 said in the panel's language:
a recipe file's import refusal on the recipe screen (the words translate; file, line,
field and value stay as written), a parameter's limits out of order, a checklist file's
refusal, and a changeover checklist item's kind. str() of every refusal stays English.

Real parts: the recipe screen on a real plant database importing real files from a folder;
load_checklist reading a real file; the changeover checklist page showing a record the real
changeover journal wrote and loaded on a SQLite file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hmi.config import DEMO_LINE
from hmi.plantdb import default_url, open_plant_db
from hmi.security import Hasher, build_security
from hmi.ui.changeover_progress import ChangeoverChecklistPage
from hmi.ui.i18n import translations
from hmi.ui.recipe_screen import RecipeScreen
from hmi.ui.user_text_qt import show
from recipes import ChecklistError, LimitError, RecipeStore
from recipes.changeover.journal import ChangeoverJournal
from recipes.checklists import ChecklistItem, load_checklist
from recipes.errors import ImportRefused
from recipes.exchange import export_file, import_files, read_file
from recipes.limits import check_parameter
from recipes.model import Parameter, VerifyMode
from tests.recipes.helpers import content_for, database, make_effective
from tests.recipes.twin_setup import line_config
from tests.ui.test_recipe_screen import recipe_screen_on

SAMPLE = DEMO_LINE.parent.parent / "recipes" / "nmc811_cathode.json"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "import"
    made.mkdir()
    return made


@pytest.fixture
def screen(qtbot: QtBot, tmp_path: Path, folder: Path) -> Iterator[RecipeScreen]:
    db = open_plant_db(default_url(tmp_path))
    security = build_security(db, hasher=Hasher(time_cost=1, memory_cost_kib=1024))
    try:
        with recipe_screen_on(qtbot, db, security, [folder]) as made:
            made.show()
            made._gate.session.login("ed", "engineer-password-1")
            yield made
    finally:
        db.close()
        translations().switch("en")


def refusal(path: Path) -> ImportRefused:
    """The refusal reading this file raises (the test fails if it reads)."""
    with pytest.raises(ImportRefused) as refused:
        read_file(path)
    return refused.value


def edited_sample(folder: Path, old: str, new: str) -> Path:
    """The shipped sample with one piece of text changed (and its hash left as it was)."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = folder / "edited.json"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def refusal_in(qtbot: QtBot, screen: RecipeScreen, language: str) -> str:
    translations().switch(language)
    before = screen.message.text()  # the last refusal, as retranslated: it keeps its words
    screen.import_recipes()
    qtbot.waitUntil(lambda: screen.message.text().startswith("✗")
                    and screen.message.text() != before, timeout=10000)
    return screen.message.text()


TAMPERED = {"de": "passt nicht zum Inhalt: die Datei wurde nach dem Export verändert",
            "zh_CN": "与内容不符：文件在导出后被更改"}


def test_a_tampered_file_is_refused_on_the_recipe_screen_in_the_language(
        qtbot: QtBot, screen: RecipeScreen, folder: Path) -> None:
    path = edited_sample(folder, '"setpoint": 30.0', '"setpoint": 31.0')
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1)
                if '"content_hash"' in text)
    for language in ("de", "zh_CN"):
        said = refusal_in(qtbot, screen, language)
        assert said.startswith(f"✗ {path}:{line}: content_hash: "), said  # place as written
        assert TAMPERED[language] in said, said
        assert "changed after export" not in said


def test_limits_out_of_order_in_an_import_are_said_with_the_limit_names(
        qtbot: QtBot, screen: RecipeScreen, folder: Path) -> None:
    path = edited_sample(folder, '"setpoint": 30.0, "low": 0.0, "high": 80.0',
                         '"setpoint": 30.0, "low": 90.0, "high": 80.0')
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1)
                if "coater.line_speed_sp_mpm" in text)
    expected = {"de": "Parameter coater.line_speed_sp_mpm (Line speed setpoint): untere "
                      "Grenze 90 liegt über obere Grenze 80",
                "zh_CN": "参数 coater.line_speed_sp_mpm (Line speed setpoint)："
                         "下限 90 高于 上限 80"}
    for language in ("de", "zh_CN"):
        said = refusal_in(qtbot, screen, language)
        assert said == (f"✗ {path}:{line}: coater.line_speed_sp_mpm.setpoint: "
                        f"{expected[language]}"), said


def parameter(**changes: object) -> Parameter:
    fields: dict[str, object] = {
        "tag": "dryer.zone1_temp_sp_c", "name": "Zone 1", "unit": "°C", "data_type": "float",
        "setpoint": 120.0, "low": 80.0, "high": 160.0, "warn_low": None, "warn_high": None,
        "critical": False, "verify": VerifyMode.TOLERANCE, "tolerance": 0.5}
    fields.update(changes)
    return Parameter(**fields)  # type: ignore[arg-type]


LIMIT_CASES = [
    ({"warn_high": 170.0},
     "parameter dryer.zone1_temp_sp_c (Zone 1): high warning 170 is above high limit 160",
     "Parameter dryer.zone1_temp_sp_c (Zone 1): obere Warngrenze 170 liegt über obere "
     "Grenze 160",
     "参数 dryer.zone1_temp_sp_c (Zone 1)：上警告限 170 高于 上限 160"),
    ({"tolerance": -1.0},
     "parameter dryer.zone1_temp_sp_c (Zone 1): tolerance -1.0 must be 0 or more",
     "Parameter dryer.zone1_temp_sp_c (Zone 1): Toleranz -1.0 muss 0 oder größer sein",
     "参数 dryer.zone1_temp_sp_c (Zone 1)：公差 -1.0 必须大于或等于 0"),
    ({"data_type": "int", "setpoint": 120, "low": 80, "high": 160},
     "parameter dryer.zone1_temp_sp_c (Zone 1): read-back with tolerance is for floats; "
     "use exact",
     "Parameter dryer.zone1_temp_sp_c (Zone 1): Rücklesen mit Toleranz gilt nur für "
     "Gleitkommazahlen; „exakt“ verwenden",
     "参数 dryer.zone1_temp_sp_c (Zone 1)：带公差的回读仅适用于浮点数；请使用精确比较"),
]


@pytest.mark.parametrize(("changes", "en", "de", "zh"), LIMIT_CASES)
def test_a_parameters_own_refusals_keep_english_and_are_said_in_the_language(
        changes: dict[str, object], en: str, de: str, zh: str,
        speak: Callable[[str], None]) -> None:
    with pytest.raises(LimitError) as refused:
        check_parameter(parameter(**changes))
    assert str(refused.value) == en
    for language, expected in (("de", de), ("zh_CN", zh)):
        speak(language)
        assert show(refused.value) == expected


def test_a_checklist_files_refusal_keeps_file_line_item_and_value(
        tmp_path: Path, speak: Callable[[str], None]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('schema = 1\nid = "c"\nproduct = "*"\nstations = ["coater"]\n\n'
                    '[[items]]\nid = "foil"\nkind = "sometimes"\ntext = "Foil roll"\n',
                    encoding="utf-8")
    with pytest.raises(ChecklistError) as refused:
        load_checklist(path)
    line = 8  # the kind = ... line
    assert str(refused.value) == (f"{path}:{line}: item foil: kind: 'sometimes' is not auto, "
                                  "manual or spc")
    expected = {"de": f"{path}:{line}: Prüfpunkt foil: kind: 'sometimes' ist nicht auto, "
                      "manual oder spc",
                "zh_CN": f"{path}:{line}: 检查项 foil：kind：'sometimes' 不是 auto、manual 或 spc"}
    for language in ("de", "zh_CN"):
        speak(language)
        assert show(refused.value) == expected[language]


def test_the_checklist_page_says_each_items_kind_in_the_language(
        qtbot: QtBot, tmp_path: Path, speak: Callable[[str], None]) -> None:
    engine = database(tmp_path)
    version = make_effective(RecipeStore(engine), content_for(line_config(), ("coater",)))
    journal = ChangeoverJournal(engine)
    co_id = journal.create(version.recipe_id, version.version, version.content_hash,
                           "LOT-1", False, "otto",
                           [(p.tag, p.setpoint) for p in version.parameters])
    journal.open_checks(co_id, [ChecklistItem("foil", "manual", "Foil roll fitted", "coater"),
                                ChecklistItem("temp", "auto", "Oven warm", "coater")])
    page = ChangeoverChecklistPage()
    qtbot.addWidget(page)
    words = {"en": ("manual", "auto"), "de": ("manuell", "automatisch"),
             "zh_CN": ("手动", "自动")}
    for language in ("en", "de", "zh_CN"):
        speak(language)
        page.show_checks(journal.load(co_id))
        lines = [page.check_list.item(i).text() for i in range(page.check_list.count())]
        assert len(lines) == 2
        for line, kind in zip(lines, words[language], strict=True):
            assert re.search(rf"[(（]{re.escape(kind)}[,，]", line), line
    engine.dispose()



def test_import_refusals_with_counts_and_escapes_keep_english_and_are_said(
        tmp_path: Path, speak: Callable[[str], None]) -> None:
    """A CSV row with too few cells and a lone surrogate in a JSON text, read from real
    files: the counts and the written \\uXXXX stay as they are in every language (the
    catalogue's source is the runtime text)."""
    csv_path = tmp_path / "short.csv"
    export_file(import_files(database(tmp_path), [SAMPLE], by="ed")[0], csv_path)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    last = len(lines)
    lines[-1] = ",".join(lines[-1].split(",")[:3])
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    json_path = tmp_path / "surrogate.json"
    json_path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        '"author": "lineside"', '"author": "line\\ud800side"'), encoding="utf-8")
    short = refusal(csv_path)
    surrogate = refusal(json_path)
    assert str(short) == f"{csv_path}:{last}: row: has 3 cells, needs 12"
    assert str(surrogate).endswith(
        ": author: holds a lone UTF-16 surrogate (a broken \\uXXXX escape): retype that text")
    expected = {"de": (f"{csv_path}:{last}: row: hat 3 Zellen, braucht 12",
                       "enthält ein einzelnes UTF-16-Surrogat (eine defekte \\uXXXX-Escape-Folge)"),
                "zh_CN": (f"{csv_path}:{last}: row: 有 3 个单元格，需要 12 个",
                          "包含孤立的 UTF-16 代理项（损坏的 \\uXXXX 转义）")}
    for language in ("de", "zh_CN"):
        speak(language)
        assert show(short) == expected[language][0]
        assert expected[language][1] in show(surrogate)
        assert show(surrogate).startswith(f"{json_path}:")


def test_a_wrong_kind_of_value_in_an_import_names_what_to_give_in_the_language(
        tmp_path: Path, speak: Callable[[str], None]) -> None:
    path = tmp_path / "critical.json"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        '"critical": false', '"critical": "no"', 1), encoding="utf-8")
    refused = refusal(path)
    place = f"{path}:15: coater.line_speed_sp_mpm.critical: "
    assert str(refused) == place + "'no' is not valid here: give true or false"
    expected = {"de": "'no' ist hier nicht gültig: true oder false angeben",
                "zh_CN": "'no' 在此无效：请填写true 或 false"}
    for language in ("de", "zh_CN"):
        speak(language)
        assert show(refused) == place + expected[language]


# ---- the file's own refusals (codec) and the words for a wrong kind of value ------------
def test_a_json_syntax_error_is_refused_on_the_recipe_screen_in_the_language(
        qtbot: QtBot, screen: RecipeScreen, folder: Path) -> None:
    """A comma dropped: json's own detail and the column stay as written, the words turn."""
    path = edited_sample(folder, '"product": "NMC811",', '"product": "NMC811"')
    refused = refusal(path)
    place = f"{path}:5: JSON: "
    assert str(refused) == place + "not valid JSON: Expecting ',' delimiter (column 3)"
    expected = {"de": "kein gültiges JSON: Expecting ',' delimiter (Spalte 3)",
                "zh_CN": "不是有效的 JSON：Expecting ',' delimiter（第 3 列）"}
    for language in ("de", "zh_CN"):
        assert refusal_in(qtbot, screen, language) == f"✗ {place}{expected[language]}"


def test_a_latin1_file_is_refused_with_its_line_and_column_in_the_language(
        tmp_path: Path, speak: Callable[[str], None]) -> None:
    """A recipe and a checklist saved as Latin-1 (a German editor's default): the byte,
    line and column as found, the advice in the panel's language."""
    recipe = tmp_path / "latin1.json"
    recipe.write_bytes(SAMPLE.read_text(encoding="utf-8").replace(
        "slot-die coat", "Schlitzdüse").encode("latin-1"))
    checklist = tmp_path / "latin1.toml"
    checklist.write_bytes('schema = 1\nid = "c"\nproduct = "Kathode für NMC"\n'
                          .encode("latin-1"))
    column = len('  "description": "NMC811 cathode: Schlitzd') + 1
    import_refused = refusal(recipe)
    with pytest.raises(ChecklistError) as checklist_refused:
        load_checklist(checklist)
    assert str(import_refused) == (
        f"{recipe}:6: file: not UTF-8 text: byte 0xfc at column {column} "
        "(save the file as UTF-8)")
    assert str(checklist_refused.value) == (
        f"{checklist}:3: not UTF-8 text: byte 0xfc at column 21 (save the file as UTF-8)")
    expected = {"de": "kein UTF-8-Text: Byte 0xfc in Spalte {column} (Datei als UTF-8 "
                      "speichern)",
                "zh_CN": "不是 UTF-8 文本：第 {column} 列的字节 0xfc（请将文件另存为 UTF-8）"}
    for language in ("de", "zh_CN"):
        speak(language)
        words = expected[language]
        assert show(import_refused) == (
            f"{recipe}:6: file: " + words.format(column=column))
        assert show(checklist_refused.value) == f"{checklist}:3: " + words.format(column=21)


def exported_csv(tmp_path: Path) -> Path:
    path = tmp_path / "sample.csv"
    export_file(import_files(database(tmp_path), [SAMPLE], by="ed")[0], path)
    return path


def test_a_bad_csv_and_a_setpoint_of_the_wrong_kind_are_said_in_the_language(
        tmp_path: Path, speak: Callable[[str], None]) -> None:
    """A cell over the csv module's field limit (its detail kept) and a float setpoint
    written as a word, both at their line; the words turn, the detail and the value stay."""
    source = exported_csv(tmp_path)
    lines = source.read_text(encoding="utf-8").splitlines()
    row = next(i for i, text in enumerate(lines) if text.startswith("coater.line_speed_sp"))
    cells = lines[row].split(",")
    cells[CSV_SETPOINT] = "fast"
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("\n".join([*lines[:row], ",".join(cells), *lines[row + 1:]]) + "\n",
                     encoding="utf-8")
    assert lines[8].startswith("notes,")
    long = tmp_path / "long.csv"
    long.write_text("\n".join([*lines[:8], "notes," + "x" * 200_000, *lines[9:]]) + "\n",
                    encoding="utf-8")
    wrong_refused = refusal(wrong)
    long_refused = refusal(long)
    place = f"{wrong}:{row + 1}: coater.line_speed_sp_mpm.setpoint: "
    assert str(wrong_refused) == place + "'fast' is not valid here: give a number"
    assert str(long_refused) == (f"{long}:9: CSV: not readable CSV: field larger than "
                                     "field limit (131072)")
    expected = {"de": ("'fast' ist hier nicht gültig: eine Zahl angeben",
                       "kein lesbares CSV: field larger than field limit (131072)"),
                "zh_CN": ("'fast' 在此无效：请填写数字",
                          "无法读取的 CSV：field larger than field limit (131072)")}
    for language in ("de", "zh_CN"):
        speak(language)
        assert show(wrong_refused) == place + expected[language][0]
        assert show(long_refused) == f"{long}:9: CSV: " + expected[language][1]


CSV_SETPOINT = 4  # tag,name,unit,data_type,setpoint,...

KIND_CASES = [  # a top-level key of the wrong kind: (old text, new text, line, field, kind)
    ('"version": 1,', '"version": "1",', 7, "version", "'1'",
     ("a whole number", "eine ganze Zahl", "整数")),
    ('"recipe_id": "NMC811-CATHODE",', '"recipe_id": 811,', 3, "recipe_id", "811",
     ("a text", "ein Text", "文本")),
    ('"equipment": [\n  ],', '"equipment": "coater",', 12, "equipment", "'coater'",
     ("a list", "eine Liste", "列表")),
]


@pytest.mark.parametrize(("old", "new", "line", "key", "value", "kind"), KIND_CASES)
def test_a_top_level_key_of_the_wrong_kind_says_what_to_give_in_operator_words(
        folder: Path, old: str, new: str, line: int, key: str, value: str,
        kind: tuple[str, str, str], speak: Callable[[str], None]) -> None:
    path = edited_sample(folder, old, new)
    refused = refusal(path)
    place = f"{path}:{line}: {key}: "
    assert str(refused) == place + f"{value} is not valid here: give {kind[0]}"
    expected = {"de": f"{value} ist hier nicht gültig: {kind[1]} angeben",
                "zh_CN": f"{value} 在此无效：请填写{kind[2]}"}
    for language in ("de", "zh_CN"):
        speak(language)
        assert show(refused) == place + expected[language]

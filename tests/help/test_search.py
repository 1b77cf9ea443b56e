"""Search over every help page, with the demo line's alarms and the shipped procedures."""

from __future__ import annotations

from hmi.config import LineConfig
from hmi.help import HelpBook, HelpIndex


def test_an_alarm_is_found_by_words_of_its_cause(
        book: HelpBook, demo_config: LineConfig) -> None:
    index = HelpIndex(book)
    # Every alarm with a cause of its own is found, its own page among the first hits.
    causes = {}
    for alarm in demo_config.alarms:
        causes.setdefault(alarm.cause, []).append(alarm.id)
    for cause, ids in causes.items():
        hits = [h.key for h in index.search(cause)]
        assert hits, cause
        top = hits[: len(ids) + 8]
        assert all(f"alarm:{i}" in top for i in ids), (cause, top[:5])
    hits = index.search("splice failure")
    assert hits[0].key == "alarm:coater_web_break"
    assert hits[0].kind == "alarm"
    assert "Splice failure" in hits[0].snippet


def test_every_query_word_must_occur(book: HelpBook) -> None:
    index = HelpIndex(book)
    assert index.search("dew point") and index.search("dew point zebra") == []
    assert index.search("   ") == []


def test_search_finds_procedures_screens_and_partial_words(book: HelpBook) -> None:
    index = HelpIndex(book)
    assert index.search("leader web")[0].key == "procedure:coater_web_break"
    assert index.search("word order")[0].key == "screen:modbus"
    assert any(h.key == "screen:audit" for h in index.search("hash-chain"))
    assert index.search("SPLICE")  # any case


def test_search_in_chinese_and_german(book: HelpBook) -> None:
    zh = HelpIndex(book.with_language("zh_CN"))
    hits = zh.search("字序")  # "word order": no spaces in Chinese, a substring matches
    assert hits and hits[0].key == "screen:modbus"
    de = HelpIndex(book.with_language("de"))
    assert de.search("Wortreihenfolge")[0].key == "screen:modbus"

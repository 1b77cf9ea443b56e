"""Add-to-config entries: written whole after the config check, or refused with the file as
it was (the screens' tests cover the same through the UI against the twin)."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from hmi.commission.config_snippet import SnippetRefused, TagEntry, append_tag, tag_snippet
from hmi.config import DEMO_LINE, load_line_config


def test_snippet_is_toml_with_text_escaped() -> None:
    entry = TagEntry("coater.odd_n", "float", description='say "hi"\\ there', unit="N",
                     node_id="ns=2;s=coater.odd_n", writable=True)
    text = tag_snippet(entry)
    parsed = tomllib.loads(text)["tags"][0]
    assert parsed == {"id": "coater.odd_n", "description": 'say "hi"\\ there', "unit": "N",
                      "data_type": "float", "writable": True,
                      "opcua": {"node_id": "ns=2;s=coater.odd_n"}}
    modbus = tag_snippet(TagEntry("dry_room.x", "int", modbus_table="holding",
                                  modbus_address=7, modbus_type="int32", word_order="little",
                                  poll_group="fast", connection="modbus_dryroom"))
    assert tomllib.loads(modbus)["tags"][0]["modbus"] == {
        "table": "holding", "address": 7, "type": "int32", "word_order": "little",
        "poll_group": "fast"}


def test_append_checks_the_whole_file_first(tmp_path: Path) -> None:
    path = tmp_path / "line.toml"
    shutil.copy(DEMO_LINE, path)
    os.chmod(path, 0o640)
    before = path.read_bytes()
    bad = TagEntry("dry_room.extra_c", "float", modbus_table="holding", modbus_address=40,
                   modbus_type="float32")  # poll group "default" is not in modbus_dryroom
    with pytest.raises(SnippetRefused) as refused:
        append_tag(path, bad)
    assert f"not added, {path} is unchanged" in str(refused.value)
    assert "poll group 'default' is not in connection modbus_dryroom" in str(refused.value)
    assert path.read_bytes() == before
    good = TagEntry("dry_room.extra_c", "float", modbus_table="holding", modbus_address=40,
                    modbus_type="float32", poll_group="slow")
    config = append_tag(path, good)
    assert config.tag("dry_room.extra_c").modbus.poll_group == "slow"  # type: ignore[union-attr]
    assert path.read_bytes().startswith(before)  # appended, nothing else touched
    assert load_line_config(path).tag("dry_room.extra_c")
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)  # the file keeps its mode
    assert [p.name for p in tmp_path.iterdir()] == ["line.toml"]  # no temporary left


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SnippetRefused, match="cannot read"):
        append_tag(tmp_path / "missing.toml", TagEntry("a.b", node_id="i=2258"))

"""Tests for jiebang.textnorm: the folding every match in the tool goes through."""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiebang import textnorm

# Characters that make folding interesting: Traditional and Simplified Han, full-width
# forms, quotes, whitespace of several kinds, invisibles, combining marks, odd cases.
_TRICKY = (
    "農貿市場立體停車場建設黨建龍涌鄭丹妍薴苧乾著於後發髮"
    "农贸市场立体停车场建设党建龙涌郑丹妍苎干着于后发"
    "ＡＢＣａｂｃ１２３（）　＂＇"
    "\"'“”‘’「」『』〝〞"
    " \t\n\u00a0\u2003\u3000\u200b\u200d\ufeff\u00ad"
    "\u0301\u0308\u0345ǰßİΣς㈠①ﬁ"
    "aAzZ09()"
)
tricky_text = st.text(alphabet=st.sampled_from(_TRICKY), max_size=30)
# No combining marks: NFKC composition is the one thing that can join a query to its context.
plain_text = st.text(alphabet=st.sampled_from(_TRICKY[: _TRICKY.index("\u0301")] + "aAzZ09()"), max_size=30)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("停車場", "停车场"),
        ("黨建", "党建"),
        ("農貿市場立體停車場建設", "农贸市场立体停车场建设"),
        ("龍涌", "龙涌"),
        ("鄭丹妍", "郑丹妍"),
        ("薴麻", "苎麻"),  # a chain in OpenCC's table: 薴 → 苧 → 苎
    ],
)
def test_traditional_folds_to_simplified(published: str, expected: str) -> None:
    assert textnorm.fold(published) == expected
    assert textnorm.fold(published) == textnorm.fold(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("（", "("),
        ("）", ")"),
        ("ＡＢＣ１２３", "abc123"),
        ("农贸市场（二期）", "农贸市场(二期)"),
        ("Ｐａｒｋｉｎｇ", "parking"),
        ("龙涌\u3000党建", "龙涌 党建"),
        ("  停车场 \t\n 建设  ", "停车场 建设"),
        ("停\u200b车场", "停车场"),
        ("STRASSE Straße", "strasse strasse"),
    ],
)
def test_width_case_and_whitespace(typed: str, expected: str) -> None:
    assert textnorm.fold(typed) == expected


@pytest.mark.parametrize("quoted", ['"气改电"', "“气改电”", "「氣改電」", "'气改电'", "＂气改电＂", "‘气改电’"])
def test_quotes_fold_together(quoted: str) -> None:
    assert textnorm.fold(quoted) == '"气改电"'


@pytest.mark.parametrize(
    "title",
    ["农贸市场立体停车场建设", "龙涌村党建阵地改造", "推进“气改电”工程", "老旧小区加装电梯", "郑丹妍"],
)
def test_simplified_title_is_unchanged(title: str) -> None:
    expected = unicodedata.normalize("NFKC", title).replace("“", '"').replace("”", '"')
    assert textnorm.fold(title) == expected


# GB2312 characters (the Simplified standard) that OpenCC's character table still maps,
# because each is also the Traditional form of another word (著作 vs 着手, 乾隆 vs 干净).
# Folding them is harmless for matching; the list is pinned so an upstream change shows.
_GB2312_VARIANTS = set("乾吒夥後徵拚捱摺於榘菸薹袷醣麴麽薰著")


def test_gb2312_characters_fold_to_themselves() -> None:
    gb2312_han = {
        bytes([row, col]).decode("gb2312")
        for row in range(0xB0, 0xF8)
        for col in range(0xA1, 0xFF)
        if (row, col) not in {(0xD7, c) for c in range(0xFA, 0xFF)}  # unassigned tail of row 55
    }
    assert len(gb2312_han) == 6763
    changed = {c for c in gb2312_han if textnorm.fold(c) != c}
    assert changed == _GB2312_VARIANTS
    assert all(textnorm.fold(c) in gb2312_han for c in changed)


def test_table_is_closed_and_one_to_one() -> None:
    table = textnorm._table()
    assert len(table) > 4000
    for key, target in table.items():
        if target:  # invisibles map to None (deleted)
            assert len(target) == 1, chr(key)
            assert table.get(ord(target), target) == target, chr(key)  # target is final
            assert unicodedata.normalize("NFKC", target.casefold()) == target, chr(key)


def test_file_table_matches_library_api() -> None:
    """The fast path (reading TSCharacters.txt) agrees with opencc-purepy's own t2s."""
    from_file = textnorm._table_from_file()
    assert from_file is not None, "opencc-purepy no longer ships dicts/TSCharacters.txt"
    in_ranges = {k: v for k, v in from_file.items() if any(lo <= k < hi for lo, hi in textnorm._HAN_RANGES)}
    assert textnorm._close(in_ranges) == textnorm._close(textnorm._table_from_api())


@given(tricky_text)
@settings(max_examples=500)
def test_fold_is_idempotent(text: str) -> None:
    once = textnorm.fold(text)
    assert textnorm.fold(once) == once


@given(st.text())
def test_fold_is_idempotent_on_any_text(text: str) -> None:
    once = textnorm.fold(text)
    assert textnorm.fold(once) == once


@given(plain_text, plain_text, plain_text)
def test_substring_still_matches_after_folding(before: str, query: str, after: str) -> None:
    """Why the conversion is per character: a phrase-level one would break this."""
    assert textnorm.matches(query, before + query + after)


@given(st.text(alphabet=st.sampled_from("农贸市场立体停车场建设党建龙涌郑丹妍abc123 "), max_size=30))
def test_simplified_lowercase_text_only_has_whitespace_collapsed(text: str) -> None:
    assert textnorm.fold(text) == " ".join(text.split())


def test_fold_is_cached() -> None:
    textnorm.fold("農貿市場立體停車場建設（二期）")
    hits = textnorm.fold.cache_info().hits
    textnorm.fold("農貿市場立體停車場建設（二期）")
    assert textnorm.fold.cache_info().hits == hits + 1


def test_matches() -> None:
    assert textnorm.matches("停車場", "农贸市场立体停车场建设")
    assert textnorm.matches('"气改电"', "推进“氣改電”工程")
    assert textnorm.matches("ＡＢＣ", "abc 项目")
    assert textnorm.matches("", "任何文字")
    assert not textnorm.matches("民生", "党建")
    assert not textnorm.matches("tcc", "立体停车场")
    assert textnorm.matches("tcc", "立體停車場", initials=True)
    assert textnorm.matches("TCC", "立体停车场", initials=True)
    assert not textnorm.matches("xyz", "立体停车场", initials=True)


@pytest.mark.parametrize(
    ("title", "initials"),
    [
        ("农贸市场立体停车场建设", "nmsclttccjs"),
        ("農貿市場立體停車場建設", "nmsclttccjs"),
        ("龙涌村党建阵地（二期）ABC 123", "lycdjzdeqabc123"),
        ("推进“气改电”工程", "tjqgdgc"),
        ("长沙银行行长", "csyhhz"),  # polyphones: pypinyin's phrase dictionary picks the reading
    ],
)
def test_pinyin_initials(title: str, initials: str) -> None:
    assert textnorm.pinyin_initials(title) == initials


def test_close_matches_returns_original_candidates() -> None:
    assert textnorm.close_matches("民声", ["民生", "党建", "城建"]) == ["民生"]
    assert textnorm.close_matches("黨建", ["民生", "党建"]) == ["党建"]
    assert textnorm.close_matches("停車", ["停车场", "民生"]) == ["停车场"]
    assert textnorm.close_matches("完全无关", ["民生", "党建"]) == []
    assert len(textnorm.close_matches("建", ["党建", "城建", "基建", "建设"], n=2)) == 2


def test_import_is_light() -> None:
    """Importing (and folding) loads neither pypinyin, difflib nor opencc_purepy itself."""
    src = str(Path(textnorm.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    code = (
        "import sys\n"
        "from jiebang import textnorm\n"
        "assert 'pypinyin' not in sys.modules\n"
        "assert 'difflib' not in sys.modules\n"
        "assert textnorm.fold('停車場') == '停车场'\n"
        "loaded = {'pypinyin', 'difflib', 'opencc_purepy'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)

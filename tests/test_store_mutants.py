"""Promises of jiebang.writes.store pinned byte for byte, one mutant family at a time.

Each test names what a person would lose if the store were quietly wrong: a comment moved or
dropped, a list restyled, an edit landing in the wrong place, an error that names the wrong
field, a temporary file left readable by others. `benchmarks/mutation.py store` runs them.
"""

from __future__ import annotations

import os
import re
import stat
import types
from pathlib import Path
from typing import Any

import pytest

from jiebang.writes import store
from jiebang.writes.store import Document, EditError, edit_file, new_file_text, write_atomic


def _edited(text: str, *changes: Any) -> str:
    doc = Document.parse(text, "p.yaml")
    for change in changes:
        change(doc)
    return doc.text()


# ---------------------------------------------------------------------------- errors name the field

ERR_BASE = """\
title: x
flag: true
nothing: ~
teams:
  - id: T1
    mentors: [P1]
  - id: T2
task_order:
  issued_on: 2022-02-24
"""


@pytest.mark.parametrize(
    ("change", "key", "field"),
    [
        (lambda d: d.set([], 1), "store.no-field", "$"),
        (lambda d: d.set(["title", "x"], 1), "store.not-a-container", "$.title"),
        (lambda d: d.set(["title", "x", "y"], 1), "store.not-a-container", "$.title"),
        (lambda d: d.set(["task_order", "issued_on", "x"], 1), "store.not-a-container", "$.task_order.issued_on"),
        (lambda d: d.set(["task_order", 0, "x"], 1), "store.not-a-list", "$.task_order"),
        (lambda d: d.set(["teams", 0, 5], 1), "store.not-a-list", "$.teams[0]"),
        (lambda d: d.set(["teams", 0, 5, "y"], 1), "store.not-a-list", "$.teams[0]"),
        (lambda d: d.set(["teams", 0, "mentors", "x", "y"], 1), "store.not-a-mapping", "$.teams[0].mentors"),
        (lambda d: d.set(["teams", 0, "id", "x", "y"], 1), "store.not-a-container", "$.teams[0].id"),
        (lambda d: d.set(["teams", "x", "y"], 1), "store.not-a-mapping", "$.teams"),
        (lambda d: d.set(["teams", 0, "mentors", "x"], 1), "store.not-a-mapping", "$.teams[0].mentors"),
        (lambda d: d.set(["teams", 0, "mentors", 5], "x"), "store.no-field", "$.teams[0].mentors[5]"),
        (lambda d: d.set(["teams", 0, "mentors", 1], "x"), "store.no-field", "$.teams[0].mentors[1]"),
        (lambda d: d.set(["teams", 0, "new"], 1, after="nope"), "store.no-field", "$.teams[0].nope"),
        (lambda d: d.append(["title"], 1), "store.not-a-list", "$.title"),
        (lambda d: d.append(["flag"], "x"), "store.not-a-list", "$.flag"),
        (lambda d: d.append(["task_order", 0], "x"), "store.not-a-container", "$.task_order"),
        (lambda d: d.append(["teams", "x"], "x"), "store.not-a-container", "$.teams"),
        (lambda d: d.append(["teams", 2, "mentors"], "x"), "store.no-field", "$.teams[2]"),
        (lambda d: d.remove([]), "store.no-field", "$"),
        (lambda d: d.remove(["title", "x"]), "store.not-a-container", "$.title"),
        (lambda d: d.remove(["title", "x", "y"]), "store.not-a-container", "$.title"),
        (lambda d: d.remove(["task_order", "issued_on", "x"]), "store.not-a-container", "$.task_order.issued_on"),
        (lambda d: d.remove(["teams", 0, "nope"]), "store.no-field", "$.teams[0].nope"),
        (lambda d: d.remove(["teams", 2]), "store.no-field", "$.teams[2]"),
        (lambda d: d.remove(["nothing", "x"]), "store.no-field", "$.nothing.x"),
    ],
)
def test_an_impossible_edit_names_its_code_file_and_field_and_changes_nothing(
    change: Any, key: str, field: str
) -> None:
    doc = Document.parse(ERR_BASE, "p.yaml")
    with pytest.raises(EditError) as caught:
        change(doc)
    assert (caught.value.key, caught.value.args_) == (key, {"path": "p.yaml", "field": field})
    assert doc.text() == ERR_BASE


def test_negative_indexes_reach_the_first_item_and_no_further() -> None:
    doc = Document.parse(ERR_BASE)
    assert doc.get(["teams", -2, "id"]) == "T1"
    assert doc.get(["teams", 2]) is None and doc.get(["teams", -3]) is None
    removed = _edited(ERR_BASE, lambda d: d.remove(["teams", -2]))
    assert removed == ERR_BASE.replace("  - id: T1\n    mentors: [P1]\n", "")
    replaced = _edited(ERR_BASE, lambda d: d.set(["teams", 0, "mentors", -1], "P9"))
    assert replaced == ERR_BASE.replace("[P1]", "[P9]")
    appended = _edited(ERR_BASE, lambda d: d.append(["teams", -2, "mentors"], "P2"))
    assert appended == ERR_BASE.replace("[P1]", "[P1, P2]")


# ---------------------------------------------------------------------------- missing and null parents


def test_a_null_on_the_way_becomes_a_mapping_in_its_place() -> None:
    assert _edited(ERR_BASE, lambda d: d.set(["nothing", "x"], 1)) == ERR_BASE.replace(
        "nothing: ~\n", "nothing:\n  x: 1\n"
    )
    assert _edited("p: {a: ~}\nq: 1\n", lambda d: d.set(["p", "a", "b"], 1)) == "p: {a: {b: 1}}\nq: 1\n"


def test_an_empty_file_gets_block_mappings() -> None:
    assert _edited("", lambda d: d.set(["a", "b"], 1)) == "a:\n  b: 1\n"


# ---------------------------------------------------------------------------- new keys: where they go


@pytest.mark.parametrize(
    ("text", "change", "expected"),
    [
        (
            "p: {a: 1, b: 2}\n",
            lambda d: d.set(["p", "n"], 3, after="a"),
            "p: {a: 1, n: 3, b: 2}\n",
        ),
        ("p: {a: 1, b: 2}\n", lambda d: d.set(["p", "n"], 3, after="b"), "p: {a: 1, b: 2, n: 3}\n"),
        ("p: {a: 1, b: 2}\n", lambda d: d.set(["p", "n"], {"x": [1]}), "p: {a: 1, b: 2, n: {x: [1]}}\n"),
        ("p:\n  a: 1\n  # below a\nq: 1\n", lambda d: d.set(["p", "n"], 1), "p:\n  a: 1\n  n: 1\n  # below a\nq: 1\n"),
        (
            "a: 1  # one\n# below\nb: 2\n",
            lambda d: d.set(["n"], 1, after="a"),
            "a: 1  # one\nn: 1\n# below\nb: 2\n",
        ),
        ("a: |\n  x\n# below\nb: 1\n", lambda d: d.set(["n"], 1, after="a"), "a: |\n  x\nn: 1\n# below\nb: 1\n"),
        ("p: {}  # c\n# below\nq: 1\n", lambda d: d.set(["p", "a"], 1), "p:  # c\n  a: 1\n# below\nq: 1\n"),
        (
            "r:\n  p: {}  # c\n  # below\nq: 1\n",
            lambda d: d.set(["r", "p", "a"], 1),
            "r:\n  p:  # c\n    a: 1\n  # below\nq: 1\n",
        ),
        ("p: {}\nq: 1\n", lambda d: d.set(["p", "a"], 1), "p:\n  a: 1\nq: 1\n"),
        (
            "p: [1, 2]  # c\n# below\nb: 2\n",
            lambda d: d.set(["n"], 1, after="p"),
            "p: [1, 2]  # c\nn: 1\n# below\nb: 2\n",
        ),
        ("a: 1  # one", lambda d: d.set(["n"], 1, after="a"), "a: 1  # one\nn: 1\n"),
    ],
    ids=[
        "flow-after-first",
        "flow-after-last",
        "flow-last-stays-flow",
        "block-last-above-comment",
        "after-key-above-its-comment",
        "after-block-scalar",
        "into-empty-keeps-comment-below",
        "into-nested-empty-keeps-comment-below",
        "into-empty-is-block",
        "after-flow-value",
        "after-last-line-without-line-break",
    ],
)
def test_a_new_key_lands_in_its_place_and_the_lines_below_stay_below(text: str, change: Any, expected: str) -> None:
    assert _edited(text, change) == expected


# ---------------------------------------------------------------------------- replacing values: style


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("p: [1]\n", [2, 3], "p: [2, 3]\n"),
        ("p:\n  - 1\n", [2, 3], "p:\n  - 2\n  - 3\n"),
        ("p: 1\n", [2, 3], "p:\n  - 2\n  - 3\n"),
        ("p: []\n", ["x"], "p: [x]\n"),
        ("p: []\n", [{"x": 1}], "p:\n  - x: 1\n"),
        ("p: []\n", "x", "p: x\n"),
        ("p: {}\n", {"a": 1}, "p:\n  a: 1\n"),
        ("p: {a: 1}\n", {"b": 2}, "p: {b: 2}\n"),
    ],
)
def test_a_replaced_collection_keeps_flow_or_block_and_empty_only_says_it_was_empty(
    text: str, value: Any, expected: str
) -> None:
    assert _edited(text, lambda d: d.set(["p"], value)) == expected


@pytest.mark.parametrize(
    ("text", "path", "value", "expected"),
    [
        ("a: x  # c\n\n# below\nb: 2\n", ["a"], ["k"], "a:  # c\n  - k\n\n# below\nb: 2\n"),
        ("p:\n  a: x  # c\n  # below\nb: 2\n", ["p", "a"], {"k": 1}, "p:\n  a:  # c\n    k: 1\n  # below\nb: 2\n"),
        ("l:\n  - 1\n  # end l\nb: 1\n", ["l"], ["x", "y"], "l:\n  - x\n  - y\n  # end l\nb: 1\n"),
        ("p: {a: 1}  # c\n# below\nb: 1\n", ["p", "a"], [1, 2], "p: {a: [1, 2]}  # c\n# below\nb: 1\n"),
        ("p: [1, 2]  # c\n# below\nb: 2\n", ["p", 0], 3, "p: [3, 2]  # c\n# below\nb: 2\n"),
        ("a: x\n# below\nb: 2\n", ["a"], "y", "a: y\n# below\nb: 2\n"),
        ("a:  # c\n  - 1\n", ["a", 0], 2, "a:  # c\n  - 2\n"),
    ],
)
def test_a_value_growing_into_a_block_keeps_the_lines_below_it_below(
    text: str, path: list[Any], value: Any, expected: str
) -> None:
    assert _edited(text, lambda d: d.set(path, value)) == expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("notes: |\n  一\nnext: 1\n", "x  ", "notes: 'x  '\nnext: 1\n"),  # trailing spaces: no block
        ("notes: |\n  一\nnext: 1\n", "", "notes: ''\nnext: 1\n"),
        ("notes: |\n  一\nnext: 1\n", "a\u2028b", 'notes: "a\\Lb"\nnext: 1\n'),
        ("notes: '一'\nnext: 1\n", "a\u2028b", 'notes: "a\\Lb"\nnext: 1\n'),
        ("notes: '一'\nnext: 1\n", "a\nb", 'notes: "a\\nb"\nnext: 1\n'),
        ('notes: "一"\nnext: 1\n', "a\nb", 'notes: "a\\nb"\nnext: 1\n'),
    ],
)
def test_a_block_or_quoted_string_changes_style_only_where_its_own_cannot_carry_the_text(
    text: str, value: str, expected: str
) -> None:
    assert _edited(text, lambda d: d.set(["notes"], value)) == expected


# ---------------------------------------------------------------------------- append


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("l:\n  - {a: 1}\n# end\n", {"b": 2}, "l:\n  - {a: 1}\n  - {b: 2}\n# end\n"),
        ("l:\n  - {a: 1}\n  - x\n", {"b": 2}, "l:\n  - {a: 1}\n  - x\n  - b: 2\n"),
        ("l:\n  - [1]\n", {"b": 2}, "l:\n  - [1]\n  - b: 2\n"),
        ("l:\n  - {a: 1}\n", "s", "l:\n  - {a: 1}\n  - s\n"),
        ("l: [1, 2]  # c\n# below\nb: 1\n", 3, "l: [1, 2, 3]  # c\n# below\nb: 1\n"),
        ("l:\n  - 1\n  # end\n", 2, "l:\n  - 1\n  - 2\n  # end\n"),
        ("p:\n  l:\n    - 1\n    # end l\n# end p\nb: 2\n", None, None),
    ],
)
def test_an_appended_item_follows_its_siblings_style_and_stays_above_the_closing_comment(
    text: str, value: Any, expected: str | None
) -> None:
    if expected is None:  # nested: the comments at both ends stay below the new item
        assert _edited(text, lambda d: d.append(["p", "l"], 2)) == text.replace("- 1\n", "- 1\n    - 2\n")
        return
    assert _edited(text, lambda d: d.append(["l"], value)) == expected


def test_a_list_emptied_then_appended_to_takes_its_style_from_the_new_item() -> None:
    assert _edited("p: [1]\nq: 1\n", lambda d: d.remove(["p", 0]), lambda d: d.append(["p"], {"a": 1})) == (
        "p:\n  - a: 1\nq: 1\n"
    )
    assert _edited("p:\n  - 1\nq: 1\n", lambda d: d.remove(["p", 0]), lambda d: d.append(["p"], 2)) == "p: [2]\nq: 1\n"


# ---------------------------------------------------------------------------- remove


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("a:\n  - 1\n  - 2  # two\n  - 3\n", ["a", 0], "a:\n  - 2  # two\n  - 3\n"),
        ("a:\n  # c0\n  - 1\n  - 2  # two\n", ["a", 0], "a:\n  # c0\n  - 2  # two\n"),
        (
            "l:\n  - 1  # one\n  # above 2\n  - 2  # two\n  # below 2\nb: 1\n",
            ["l", 1],
            "l:\n  - 1  # one\n  # above 2\n  # below 2\nb: 1\n",
        ),
        (
            "l:\n  - 1\n  - 2\n  # above 3\n  - 3  # three\n  # below 3\nb: 1\n",
            ["l", 2],
            "l:\n  - 1\n  - 2\n  # above 3\n  # below 3\nb: 1\n",
        ),
        (
            "l:\n  - 1\n  # above 2\n  - 2\n  # above 3\n  - 3\nb: 1\n",
            ["l", 1],
            "l:\n  - 1\n  # above 2\n  # above 3\n  - 3\nb: 1\n",
        ),
        ("a: 1  # one\n# below b\nb: 2  # two\n# below\n", ["b"], "a: 1  # one\n# below b\n# below\n"),
        ("a: |\n  x\nb: 1  # c\n", ["b"], "a: |\n  x\n"),
        ("# head\nx: 1\n# above a\na: 1  # one\n# below a\n", ["a"], "# head\nx: 1\n# above a\n# below a\n"),
        (
            "l:\n  - a: 1\n    b: 2  # two\n    # below b\n  - c\n",
            ["l", 0, "b"],
            "l:\n  - a: 1\n    # below b\n  - c\n",
        ),
        ("p: {a: 1, b: 2}  # c\n# below\nq: 1\n", ["p", "a"], "p: {b: 2}  # c\n# below\nq: 1\n"),
        ("p: [1]  # c\nq: 1\n", ["p", 0], "p: []  # c\nq: 1\n"),
        ("p:\n  - 1\n  # end p\nq: 2  # two\n# below q\n", ["q"], "p:\n  - 1\n  # end p\n# below q\n"),
        ("p:\n  - [1]\n  # end p\nq: 2  # two\n# below q\n", ["q"], "p:\n  - [1]\n  # end p\n# below q\n"),
        ("a: |\n  x\nb: 1  # c\n# below b\n", ["b"], "a: |\n  x\n# below b\n"),
        ("l:\n  - 1  # one\n  - 2\n  # below 2\nb: 1\n", ["l", 1], "l:\n  - 1  # one\n  # below 2\nb: 1\n"),
        ("l:\n  - |\n    x\n  - 2  # two\n  # below 2\nb: 1\n", ["l", 1], "l:\n  - |\n    x\n  # below 2\nb: 1\n"),
    ],
    ids=[
        "first-item",
        "first-item-comment-above-stays",
        "middle-item",
        "last-item",
        "comment-above-goes-above-next",
        "last-key",
        "after-block-scalar",
        "last-key-comments-above-and-below",
        "nested-key",
        "flow-mapping",
        "flow-list-emptied",
        "below-a-list-with-an-end-comment",
        "below-a-list-ending-in-a-flow-value",
        "below-a-block-scalar",
        "below-a-commented-item",
        "below-a-block-scalar-item",
    ],
)
def test_removing_an_entry_keeps_the_comment_lines_around_it(text: str, path: list[Any], expected: str) -> None:
    assert _edited(text, lambda d: d.remove(path)) == expected


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("p:\n  # first\n  a: 1\nq: 1\n", ["p", "a"], "p: {}\n  # first\nq: 1\n"),
        ("p:\n\n  # first\n  - 1  # one\n  # end\nq: 1\n", ["p", 0], "p: []\n\n  # first\n  # end\nq: 1\n"),
        (
            "r:\n  p:\n    # first\n    a: 1\n    # end\nq: 1\n",
            ["r", "p", "a"],
            "r:\n  p: {}\n    # first\n    # end\nq: 1\n",
        ),
        ("# top\n- 1  # one\n# end\n", [0], "# top\n# end\n[]\n"),
        ("# top\n\n# above\na: 1  # one\n# below\n", ["a"], "# top\n\n# above\n# below\n{}\n"),
        ("a: 1\n", ["a"], "{}\n"),
        ("p:\n  - [1]\n  # end\nq: 1\n", ["p", 0], "p: []\n  # end\nq: 1\n"),
        ("p:\n  - {a: 1}\n\n# end\nq: 1\n", ["p", 0], "p: []\n\n# end\nq: 1\n"),
    ],
    ids=[
        "mapping",
        "list-blank-line",
        "nested",
        "top-level-list",
        "top-level-mapping",
        "top-level-uncommented",
        "lines-at-its-end",
        "blank-line-at-its-end",
    ],
)
def test_an_emptied_collection_is_written_empty_with_its_comment_lines_below(
    text: str, path: list[Any], expected: str
) -> None:
    assert _edited(text, lambda d: d.remove(path)) == expected


def test_a_file_emptied_and_filled_again_keeps_its_comments_on_top() -> None:
    text = "# head\na: 1  # one\n# below a\n"
    assert _edited(text, lambda d: d.remove(["a"]), lambda d: d.set(["b"], 2)) == "# head\n# below a\nb: 2\n"


def test_a_mapping_emptied_then_filled_puts_the_new_key_first() -> None:
    text = "p:\n  # first\n  a: 1\nq: 1\n"
    assert _edited(text, lambda d: d.remove(["p", "a"]), lambda d: d.set(["p", "b"], 2)) == (
        "p:\n  b: 2\n  # first\nq: 1\n"
    )


# ---------------------------------------------------------------------------- end-of-line comments


@pytest.mark.parametrize(
    ("before", "at", "gap"),
    [
        ("a:  # c", 4, 2),
        ("a:\t# c", 3, 1),
        ("a: # c", 3, 1),
        (" # c", 1, 1),  # at the second character
        ("  # c ", 2, 2),  # spaces back to the start of the text, and no further
        ("XX # c", 3, 1),  # only spaces and tabs count
        ("# c", 0, 2),  # at the very start: nothing to measure
        ("a ", 2, 2),  # at the end: no comment there
    ],
)
def test_the_gap_before_an_end_of_line_comment_is_measured_in_the_text_as_read(before: str, at: int, gap: int) -> None:
    assert store._gap_before(types.SimpleNamespace(buffer=before, pointer=at)) == gap


@pytest.mark.parametrize(
    "mark",
    [
        types.SimpleNamespace(),
        types.SimpleNamespace(pointer=1),
        types.SimpleNamespace(buffer="a: # c"),
        types.SimpleNamespace(buffer="a: # c", pointer=None),
        types.SimpleNamespace(buffer=None, pointer=3),
    ],
)
def test_a_comment_whose_place_is_unknown_gets_two_spaces(mark: Any) -> None:
    assert store._gap_before(mark) == 2


def test_an_end_of_line_comment_keeps_its_gap_when_the_value_grows_past_it() -> None:
    text = "a: 1 # one\nbb: 2    # two\nc: x  # three\n"
    changes = (lambda d: d.set(["a"], 123456), lambda d: d.set(["bb"], "long value"), lambda d: d.set(["c"], "y"))
    assert _edited(text, *changes) == "a: 123456 # one\nbb: long value    # two\nc: y  # three\n"


# ---------------------------------------------------------------------------- new files


def test_new_file_text_writes_only_scalar_lists_in_flow_at_any_depth() -> None:
    data = {"a": [[1, 2]], "m": {"x": 1, "l": [1]}, "e": [], "s": [{"k": 1}]}
    assert new_file_text(data, flow_scalar_lists=True) == (
        "a:\n  - [1, 2]\nm:\n  x: 1\n  l: [1]\ne: []\ns:\n  - k: 1\n"
    )


def test_new_file_text_comments_each_header_line_once_and_trims_its_end() -> None:
    assert new_file_text({"a": 1}, "#x\n# note  \nplain  \n  lead") == "#x\n# note\n# plain\n#   lead\n\na: 1\n"


def test_a_value_that_cannot_be_written_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"^cannot write a set to a register file$"):
        new_file_text({"a": {1}})
    with pytest.raises(TypeError, match=r"^mapping keys must be strings, not int$"):
        new_file_text({"a": {1: 2}})


def test_a_string_with_an_odd_line_break_is_double_quoted_everywhere() -> None:
    assert new_file_text({"a": "x\u2029y", "b": ["p\x85q"]}) == 'a: "x\\Py"\nb:\n  - "p\\Nq"\n'


# ---------------------------------------------------------------------------- edit_file


def test_edit_file_errors_carry_the_path_and_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(EditError) as caught:
        edit_file(missing, lambda d: None)
    assert caught.value.args_ == {"path": str(missing), "detail": "No such file or directory"}
    target = tmp_path / "p.yaml"
    target.write_text("a: 1\n", "utf-8")
    with pytest.raises(EditError) as caught:
        edit_file(target, lambda d: d.remove(["nope"]))
    assert caught.value.args_ == {"path": str(target), "field": "$.nope"}

    def unreadable(self: Path) -> bytes:
        raise OSError("no reason given")

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    with pytest.raises(EditError) as caught:
        edit_file(target, lambda d: None)
    assert caught.value.args_ == {"path": str(target), "detail": "no reason given"}


def test_edit_file_reads_utf8_with_a_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_bytes("\ufeff标题: 一\r\nb: 1\r\n".encode())
    assert edit_file(target, lambda d: d.set(["b"], 2)) == ("\ufeff标题: 一\r\nb: 1\r\n", "\ufeff标题: 一\r\nb: 2\r\n")


# ---------------------------------------------------------------------------- write_atomic


def test_the_temporary_file_is_hidden_beside_the_target_with_a_random_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    replace = os.replace

    def spy(source: Any, target: Any) -> None:
        seen.append(Path(source).name)
        assert Path(source).parent == tmp_path
        replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(tmp_path / "24.yaml", "a: 1\n")
    write_atomic(tmp_path / "24.yaml", "a: 2\n")
    assert all(re.fullmatch(r"\.24\.yaml\.jiebang-tmp-[0-9a-f]{12}", name) for name in seen)
    assert len(set(seen)) == 2


def test_a_new_file_gets_the_usual_permissions_and_an_existing_one_is_never_open_to_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name != "posix":
        pytest.skip("permission bits are POSIX")
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.yaml", "a: 1\n")
        assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644
        private = tmp_path / "private.yaml"
        private.write_text("a: 1\n", "utf-8")
        private.chmod(0o640)
        modes: list[int] = []
        chmod = os.chmod

        def spy(path: Any, mode: int) -> None:
            modes.append(stat.S_IMODE(os.stat(path).st_mode))
            chmod(path, mode)

        monkeypatch.setattr(os, "chmod", spy)
        write_atomic(private, "a: 2\n")
    finally:
        os.umask(old_umask)
    assert modes == [0o600]  # before it takes the target's bits, only the owner may read it
    assert stat.S_IMODE(private.stat().st_mode) == 0o640 and private.read_text("utf-8") == "a: 2\n"


def test_write_errors_carry_the_path_and_the_reason_and_leave_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "24.yaml"
    target.write_text("old: 1\n", "utf-8")

    def vanish_then_fail(source: Any, _target: Any) -> None:
        os.unlink(source)  # the clean-up then finds nothing to remove
        raise OSError("no reason given")

    monkeypatch.setattr(os, "replace", vanish_then_fail)
    with pytest.raises(EditError) as caught:
        write_atomic(target, "new: 2\n")
    assert (caught.value.key, caught.value.args_) == (
        "store.write-failed",
        {"path": str(target), "detail": "no reason given"},
    )

    def full(source: Any, _target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(EditError) as caught:
        write_atomic(target, "new: 2\n")
    assert caught.value.args_ == {"path": str(target), "detail": "No space left on device"}
    monkeypatch.undo()
    assert target.read_text("utf-8") == "old: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["24.yaml"]


def test_the_folder_is_synced_after_the_rename_where_it_can_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[bool] = []
    fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(tmp_path / "a.yaml", "a: 1\n")
    assert synced == [False, True] or os.name != "posix"  # the file, then its folder

    def no_folder_sync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", no_folder_sync)
    write_atomic(tmp_path / "a.yaml", "a: 2\n")  # some file systems cannot sync a folder: fine
    assert (tmp_path / "a.yaml").read_text("utf-8") == "a: 2\n"


@pytest.mark.parametrize(
    ("text", "paths", "expected"),
    [
        ("l:\n  - 1\n  # above 2\n  - 2\n  - 3\n", [["l", 0], ["l", 0]], "l:\n  # above 2\n  - 3\n"),
        ("a: 1\n# above b\nb: 2\nc: 3\n", [["a"], ["b"]], "# above b\nc: 3\n"),
        ("a: 1\n# above b\nb: 2\n", [["a"], ["b"]], "# above b\n{}\n"),
        ("p:\n  a: 1\n  # above b\n  b: 2\nq: 1\n", [["p", "a"], ["p", "b"]], "p: {}\n  # above b\nq: 1\n"),
        ("l:\n  - 1\n  # above 2\n  - 2\nq: 1\n", [["l", 0], ["l", 0]], "l: []\n  # above 2\nq: 1\n"),
        ("a: 1\n# above b\nb: 2\n# above c\nc: 3\nd: 4\n", [["b"], ["a"], ["c"]], "# above b\n# above c\nd: 4\n"),
    ],
    ids=["list", "mapping", "whole-file", "nested-mapping-emptied", "list-emptied", "gathered-twice"],
)
def test_comment_lines_moved_above_an_entry_move_on_when_it_is_removed_too(
    text: str, paths: list[list[Any]], expected: str
) -> None:
    assert _edited(text, *(lambda d, p=path: d.remove(p) for path in paths)) == expected


def test_a_flow_list_over_several_lines_loses_an_item_without_taking_comment_lines_into_it() -> None:
    assert _edited("p: [\n  1,  # one\n  2\n]\nq: 1\n", lambda d: d.remove(["p", 1])) == "p: [1]\nq: 1\n"


def test_a_tagged_scalar_that_is_not_its_type_is_refused_with_its_place() -> None:
    for text, expected in (("a: !!float abc\n", "a number"), ("a: !!int abc\n", "an integer")):
        with pytest.raises(EditError) as caught:
            Document.parse(text, "p.yaml")
        assert caught.value.args_ == {
            "path": "p.yaml",
            "line": 1,
            "col": 4,
            "detail": f"cannot read 'abc' as {expected}",
        }


def test_a_key_removed_and_set_again_does_not_get_its_old_comment_back() -> None:
    assert _edited("a: 1  # one\nb: 2\n", lambda d: d.remove(["a"]), lambda d: d.set(["a"], 3)) == "b: 2\na: 3\n"


def test_a_comment_only_file_filled_then_emptied_keeps_its_comments() -> None:
    assert _edited("# 新文件\n\n", lambda d: d.set(["a"], 1), lambda d: d.remove(["a"])) == "# 新文件\n\n{}\n"


def test_a_new_last_key_goes_above_the_comment_lines_below_the_old_last_one() -> None:
    assert _edited("a: 1  # one\n# end\n", lambda d: d.set(["n"], 1)) == "a: 1  # one\nn: 1\n# end\n"


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  - 1\nb:\n    c: 1\n",  # the list comes first: the mapping indent is still looked for
        "a:\nb:\n    c: 1\n",  # a key below an empty one is no nested mapping
    ],
)
def test_the_indent_of_the_first_nested_mapping_is_kept_whatever_comes_before_it(text: str) -> None:
    assert _edited(text, lambda d: d.set(["b", "d"], 1)) == text + "    d: 1\n"


def test_a_nested_mapping_in_a_list_item_is_measured_from_the_items_content() -> None:
    text = "l:\n  - a:\n        b: 1\n"
    assert _edited(text, lambda d: d.set(["l", 0, "a", "c"], 1)) == text + "        c: 1\n"


def test_anchors_and_aliases_survive_an_edit_elsewhere() -> None:
    text = "a: &x [1, 2]\nb: *x\nc: &y {k: 1}\nd: *y\ne: 1\n"
    assert _edited(text, lambda d: d.set(["e"], 2)) == text.replace("e: 1", "e: 2")


def test_null_and_boolean_keys_are_told_apart_and_a_repeated_one_is_refused() -> None:
    assert Document.parse("true: a\nfalse: b\n~: c\n").get([]) == {True: "a", False: "b", None: "c"}
    with pytest.raises(EditError) as caught:
        Document.parse("true: a\nTrue: b\n", "p.yaml")
    assert (caught.value.key, caught.value.args_["line"], caught.value.args_["col"]) == ("store.unparseable", 2, 1)


@pytest.mark.parametrize("value", ["?x", "a?b", ":x"])
def test_a_string_the_reader_cannot_take_plain_inside_brackets_is_quoted_there_only(value: str) -> None:
    assert _edited("p: [a]\nq: a\n", lambda d: d.set(["p", 0], value), lambda d: d.set(["q"], value)) == (
        f"p: ['{value}']\nq: {value}\n"
    )


@pytest.mark.parametrize(("value", "written"), [("a\U0010ffff", '"a\U0010ffff"'), (" \U0010ffff", '" \U0010ffff"')])
def test_a_character_the_reader_would_not_write_plain_is_double_quoted_not_plain_or_single_quoted(
    value: str, written: str
) -> None:
    """U+10FFFF (a noncharacter) is outside PyYAML's emitter's printable range but inside ruamel's:
    it is written in double quotes, where ruamel alone would write it plain or in single quotes
    (`analyze_scalar` takes the stricter of the two answers for every style)."""
    assert _edited("q: a\n", lambda d: d.set(["q"], value)) == f"q: {written}\n"


# ---------------------------------------------------------------------------- parse


def test_text_ruamel_refuses_with_only_a_context_mark_is_refused_at_that_place() -> None:
    """PyYAML reads a block scalar whose blank first line is less indented than the next line;
    ruamel refuses it naming only where (its `context_mark`): the refusal points there, not at 1:1."""
    with pytest.raises(EditError) as caught:
        Document.parse("a: |\n  \n    text\n", "p.yaml")
    assert (caught.value.key, caught.value.args_["line"], caught.value.args_["col"]) == ("store.unparseable", 3, 5)


def test_text_that_cannot_be_read_is_refused_with_a_place_even_when_yaml_gives_none() -> None:
    def refused(text: str) -> dict[str, Any]:
        with pytest.raises(EditError) as caught:
            Document.parse(text, "p.yaml")
        assert caught.value.key == "store.unparseable"
        return caught.value.args_

    assert refused("a: " + "[" * 3000 + "]" * 3000) == {
        "path": "p.yaml",
        "line": 1,
        "col": 1,
        "detail": "nested too deeply",
    }
    control = refused("a: \x01\n")  # the reader's error has no mark and no `problem`
    assert (control["line"], control["col"]) == (1, 1) and control["detail"].startswith("unacceptable character #x0001")
    with pytest.raises(EditError) as caught:
        Document.parse("a: [\n")
    assert caught.value.args_["path"] == ""
    with pytest.raises(EditError) as caught:
        Document(None).remove(["a"])
    assert caught.value.args_ == {"path": "", "field": "$.a"}


def test_only_a_file_saved_entirely_with_crlf_is_written_back_with_crlf() -> None:
    assert _edited("a: 1\r\nb: 2\n", lambda d: d.set(["b"], 3)) == "a: 1\nb: 3\n"


def test_a_comment_only_file_without_a_final_line_break_gets_one_before_new_keys() -> None:
    assert _edited("# only", lambda d: d.set(["a"], 1)) == "# only\na: 1\n"


@pytest.mark.parametrize(
    ("text", "change", "added"),
    [
        ("a:\n   b: 1\n", lambda d: d.set(["a", "c"], 1), "   c: 1\n"),  # three spaces
        ("b:\n    c: 1\na:\n    - 1\n", lambda d: d.append(["a"], 2), "    - 2\n"),  # dashes as deep as keys
    ],
)
def test_an_unusual_but_consistent_indent_is_kept(text: str, change: Any, added: str) -> None:
    assert _edited(text, change) == text + added


def test_a_null_or_boolean_equals_only_the_same_kind_and_value_however_spelled() -> None:
    true, also_true, false = (
        store._Scalar("tag:yaml.org,2002:bool", t, v) for t, v in (("true", True), ("TRUE", True), ("false", False))
    )
    assert true == also_true and hash(true) == hash(also_true)
    assert true != false and true != store._Scalar("tag:yaml.org,2002:null", "~", None)

"""Every case of the public YAML test suite through `yamlio.decode` + `yamlio.parse`.

Each case must end in data or in located problems whose codes the catalogue knows, never an
exception. Invalid YAML must be refused (bar the listed libyaml leniencies), and data we accept
must equal the suite's JSON (bar the listed differences). Which cases are accepted, and which
are refused with which codes, is listed case by case in tests/golden/yaml-corpus.tsv, so a
change in either shows up in review (`pytest --update-golden` rewrites the list).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, SHARED, assert_golden
from jiebang.errors import Severity
from jiebang.files import yamlio
from jiebang.i18n import MESSAGES

CORPUS = SHARED / "corpora" / "yaml-test-suite"
CASES = CORPUS / "cases"
OUTCOMES = REPO / "tests" / "golden" / "yaml-corpus.tsv"

# Invalid YAML that libyaml (the C parser behind PyYAML) accepts. Each reads as the obvious
# data, so we live with it; if libyaml starts refusing one, the test says to drop it here.
LIBYAML_ACCEPTS = {
    "9C9N": "flow sequence continued at column 0 (flow lines must be indented)",
    "9JBA": "comment right after ']' with no space",
    "CVW2": "comment right after ',' with no space",
    "DK95/01": "tab as indentation of a double-quoted continuation line",
    "G5U8": "'-' alone as a plain scalar in a flow sequence",
    "MUS6/00": "'#' glued to a %YAML directive",
    "QB6E": "double-quoted continuation lines not indented",
    "S98Z": "block scalar with a more-indented leading blank line",
    "SU5Z": "comment right after a double-quoted scalar with no space",
    "X4QW": "comment right after a block scalar indicator with no space",
    "Y79Y/003": "tab before an entry of a flow sequence",
    "YJV2": "'-' alone as a plain scalar in a flow sequence",
}

# Valid YAML whose data libyaml reads differently from the suite's JSON.
JSON_DIFFERS = {
    "652Z": "libyaml reads '?foo' in a flow mapping as an explicit key 'foo'",
    "HM87/01": "libyaml reads '[?x]' as a flow pair {x: null}",
    "JEF9/02": "libyaml keeps no line break for a keep-chomped block of blank lines",
    "L24T/01": "libyaml drops the final line break of a keep-chomped block ending in spaces",
    "S4JQ": "libyaml resolves '! 12' (non-specific tag) as a number, not a string",
    "Y2GN": "libyaml ends an anchor name at ':' ('&an:chor')",
}

# Valid YAML we may refuse: on purpose (tags, several documents, complex keys) or because
# libyaml cannot read it (tabs as separators, some flow-key and directive forms).
REFUSED_VALID_CODES = {"yaml.tag", "yaml.multiple-documents", "yaml.key-type", "yaml.syntax", "yaml.tab"}


def _case_dirs() -> list[Path]:
    if not CASES.is_dir():
        return []
    return sorted(path.parent for path in CASES.rglob("in.yaml"))


def _case_id(folder: Path) -> str:
    return folder.relative_to(CASES).as_posix()


def _json_documents(text: str) -> list[Any]:
    """in.json holds one JSON value per document, one after another."""
    decoder = json.JSONDecoder()
    found: list[Any] = []
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return found
        value, index = decoder.raw_decode(text, index)
        found.append(value)


FOLDERS = _case_dirs()
pytestmark = pytest.mark.skipif(not FOLDERS, reason=f"YAML test suite not found at {CASES}")


def test_corpus_is_complete() -> None:
    """The listed exceptions name real cases, and the suite is the full one (402 inputs)."""
    ids = {_case_id(folder) for folder in FOLDERS}
    assert len(ids) >= 400
    assert set(LIBYAML_ACCEPTS) <= ids
    assert set(JSON_DIFFERS) <= ids
    assert all((CASES / case / "error").exists() for case in LIBYAML_ACCEPTS)
    assert not any((CASES / case / "error").exists() for case in JSON_DIFFERS)


def _read(folder: Path) -> tuple[str, Any, list[Any]]:
    case = _case_id(folder)
    text, problems = yamlio.decode((folder / "in.yaml").read_bytes(), case)
    assert text is not None, problems  # every case is UTF-8
    data, parse_problems = yamlio.parse(text, case)
    return text, data, problems + parse_problems


def _outcome(folder: Path) -> str:
    _, _, problems = _read(folder)
    codes = sorted({p.code for p in problems if p.severity is Severity.ERROR})
    return f"refused {','.join(codes)}" if codes else "accepted"


def test_outcomes_match_the_list(update_golden: bool) -> None:
    """Every case's verdict, valid and invalid alike, as the reviewed list has it."""
    lines = [
        f"{_case_id(folder)}\t{'invalid' if (folder / 'error').exists() else 'valid'}\t{_outcome(folder)}"
        for folder in FOLDERS
    ]
    assert_golden(OUTCOMES, "case\tsuite says\tjiebang\n" + "\n".join(lines) + "\n", update_golden)


@pytest.mark.parametrize("folder", FOLDERS, ids=_case_id)
def test_case(folder: Path) -> None:
    case = _case_id(folder)
    invalid = (folder / "error").exists()
    text, data, problems = _read(folder)

    max_line = len(text.splitlines()) + 1  # libyaml also breaks lines at \r, NEL, U+2028/9
    for problem in problems:
        assert problem.code in MESSAGES, problem
        assert problem.path == case
        assert problem.line is not None and 1 <= problem.line <= max_line, problem
        assert problem.col is not None and problem.col >= 1, problem
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if data is not None:  # also with findings such as duplicate keys, which do not stop reading
        json.dumps(data)  # raises on a cycle or a type JSON lacks (dates, sets, bytes)

    if invalid:
        if case in LIBYAML_ACCEPTS:
            assert not errors, f"libyaml now refuses {case}: remove it from LIBYAML_ACCEPTS"
        else:
            assert errors, f"invalid YAML accepted: {(folder / '===').read_text(encoding='utf-8').strip()}"
        return
    if errors:
        assert {p.code for p in errors} <= REFUSED_VALID_CODES, errors
        return
    expected_path = folder / "in.json"
    if not expected_path.exists():
        return
    expected = _json_documents(expected_path.read_text(encoding="utf-8"))
    assert len(expected) <= 1, "several documents must have been refused"
    wanted = expected[0] if expected else None
    if case in JSON_DIFFERS:
        assert data != wanted, f"{case} now matches its JSON: remove it from JSON_DIFFERS"
    else:
        assert data == wanted


def test_the_short_construction_agrees_with_pyyamls(monkeypatch: pytest.MonkeyPatch) -> None:
    """`_Loader.construct_object` builds tree-shaped documents itself; PyYAML's own construction
    must give every case the same data and the same problems, in the same order."""
    ours = [_read(folder)[1:] for folder in FOLDERS]
    monkeypatch.setattr(yamlio._Loader, "construct_object", yaml.constructor.BaseConstructor.construct_object)
    theirs = [_read(folder)[1:] for folder in FOLDERS]
    differ = [_case_id(f) for f, a, b in zip(FOLDERS, ours, theirs, strict=True) if repr(a) != repr(b)]
    assert differ == []
    assert sum(data is not None for data, _ in ours) > 200  # the cases were read, not all refused

"""Personal data found however it is disguised, and amounts and document numbers left alone
(issue 8, item 6; the trial's finding 8 lists each case)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO, entry_point, git, make_handmade_repo
from jiebang.checks import pii, validate
from jiebang.files import yamlio
from jiebang.model.records import Kind, Record, Register


def found(text: str) -> list[tuple[str, int | None, int | None, str]]:
    """What `validate` reports for one project file holding `text`, parsed as the loader does."""
    data, problems = yamlio.parse(text, "01.yaml")
    assert problems == [], problems
    record = Record(Kind.PROJECT, REPO / "p" / "01.yaml", "01.yaml", "demo", data or {}, text)
    reg = Register.build(REPO, [record])
    return [(p.code, p.line, p.col, p.args["value"]) for p in validate.check_personal_data(reg)]


PHONE = "138******78"
ID_CARD = "110*************2X"
ESCAPED = "".join(f"\\u{ord(c):04x}" for c in "13812345678")  # as YAML escapes: \u0031\u0033…


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # zero-width characters pasted in, raw or as YAML escapes
        ("notes: 138\u200b1234\u200b5678\n", [("pii.phone", 1, 8, PHONE)]),
        ('notes: "138\\u200b1234\\u200b5678"\n', [("pii.phone", 1, 8, PHONE)]),
        ("notes: 1\u20603\u00ad812345678\ufeff\n", [("pii.phone", 1, 8, PHONE)]),
        # format characters above U+FFFF (a language tag, a musical symbol's), also beside Chinese text
        ("notes: 138\U000e00011234\U0001d1735678\n", [("pii.phone", 1, 8, PHONE)]),
        ("notes: 电话138\U000e0020 1234 5678\n", [("pii.phone", 1, 10, PHONE)]),
        # YAML escapes: only the parsed value holds the number; located at the value
        (f'notes: "{ESCAPED}"\n', [("pii.phone", 1, 8, PHONE)]),
        ('a: 1\nupdates:\n  - {on: 2023-01-01, summary: "电话\\x31\\x338 1234 5678"}\n', [("pii.phone", 3, 31, PHONE)]),
        # dots, dashes and spaces between the groups, or between every digit
        ("notes: 138.1234.5678\n", [("pii.phone", 1, 8, PHONE)]),
        ("notes: 138—1234—5678\n", [("pii.phone", 1, 8, PHONE)]),
        ("notes: 138–1234–5678\n", [("pii.phone", 1, 8, PHONE)]),
        ("notes: 1 3 8 1 2 3 4 5 6 7 8\n", [("pii.phone", 1, 8, PHONE)]),
        ("notes: 会议 2023-06-30 13812345678\n", [("pii.phone", 1, 22, PHONE)]),
        # folded over two lines, plain and quoted
        ("notes: 请联系 138 1234\n  5678 王\n", [("pii.phone", 1, 12, PHONE)]),
        ('notes: "138 1234\n  5678"\n', [("pii.phone", 1, 9, PHONE)]),
        # ID-card numbers in groups, and the old 15-digit form
        ("notes: 110105 19491231 002X\n", [("pii.id-card", 1, 8, ID_CARD)]),
        ("notes: 110105-19491231-002X\n", [("pii.id-card", 1, 8, ID_CARD)]),
        ("notes: 身份证 110105491231002\n", [("pii.id-card", 1, 12, "110**********02")]),
        ('notes: "\\u0031\\u0031\\u00301051949123100\\u0032X"\n', [("pii.id-card", 1, 8, ID_CARD)]),
        # in a comment: still in the file, still in git
        ("# 联系人 13812345678\nnotes: x\n", [("pii.phone", 1, 7, PHONE)]),
        # the same number twice is two findings; raw and parsed views of one number are one
        ("notes: 13812345678\ntitle: 13812345678\n", [("pii.phone", 1, 8, PHONE), ("pii.phone", 2, 8, PHONE)]),
    ],
)
def test_disguised_numbers_are_found(text: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "notes: 预算13800000000元\n",
        "notes: 预算 13800000000 元\n",
        "notes: 13800000000万元\n",
        "notes: 13800000000亿元\n",
        "notes: 13800000000.00元\n",
        "notes: 1,380,000,000\n",
        "notes: 2022138123456789\n",
        "notes: 113.2612345678\n",
        "notes: 0.13812345678\n",
        "notes: 文号440681199001011234号\n",  # 18 digits, but the check digit should be 2: a document number
        "notes: 110105491331002\n",  # 15 digits, month 13: no birth date
        "notes: 座机 0757-22345678\n",
        "notes: (0757)22345678\n",
        "notes: 2023-01-01 至 2023-12-31，共 365 天\n",
        "notes: 读数 1381234 5678.5\n",  # the digits end in a decimal: what follows the last group decides
    ],
)
def test_amounts_and_other_numbers_are_not_personal_data(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("prefix", [f"1{a}{b}" for a in range(3, 10) for b in range(10)])
def test_every_mobile_prefix_13x_to_19x(prefix: str) -> None:
    number = prefix + "12345678"
    masked = f"{prefix}******78"
    assert found(f"notes: {number}\n") == [("pii.phone", 1, 8, masked)]
    assert found(f"notes: {prefix}-1234-5678\n") == [("pii.phone", 1, 8, masked)]
    escaped = "".join(f"\\u{ord(c):04x}" for c in number)
    assert found(f'notes: "{escaped}"\n') == [("pii.phone", 1, 8, masked)]


def test_check_digit_decides_an_id_card() -> None:
    """GB 11643 ISO 7064 MOD 11-2: only the right check character makes an ID-card number."""
    assert [f.number for f in pii.find("11010519491231002X")] == ["11010519491231002X"]
    for wrong in "0123456789":
        assert pii.find("11010519491231002" + wrong) == []
    assert pii.mask("11010519491231002X") == "110*************2X"


def test_positions_are_in_the_text_given() -> None:
    text = "电话：\u200b１３８－１２３４－５６７８"
    assert pii.find(text) == [pii.Found("pii.phone", 4, "13812345678")]
    # a leading + is the number's (the country code), at the start of the text too; a + elsewhere is not
    assert pii.find("+8613812345678") == [pii.Found("pii.phone", 0, "13812345678")]
    assert pii.find("x+8613812345678") == [pii.Found("pii.phone", 1, "13812345678")]
    assert pii.find("13812345678 转+") == [pii.Found("pii.phone", 0, "13812345678")]


def test_two_numbers_in_one_run_are_both_found() -> None:
    """After a number, the next group starts the search again: none is skipped."""
    assert [f.number for f in pii.find("13812345678 13912345678")] == ["13812345678", "13912345678"]


# ------------------------------------------------------------------------------ through the commands


def test_validate_masks_a_hidden_number_through_the_installed_command(tmp_path: Path) -> None:
    root = tmp_path / "office"
    shutil.copytree(REPO / "tests" / "fixtures" / "demo" / "registry", root / "registry")
    project = root / "registry" / "programmes" / "demo-2023" / "projects" / "01.yaml"
    project.write_text(
        project.read_text("utf-8").replace("summary: 启动调研（虚构）", 'summary: "联系\\u00313812345678"'), "utf-8"
    )
    result = subprocess.run(
        [entry_point(), "validate", "-f", "json"], cwd=root, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 1, result.stderr
    assert '"code": "pii.phone"' in result.stdout and '"pointer": "$.updates[0].summary"' in result.stdout
    assert "138******78" in result.stdout and "13812345678" not in result.stdout


def test_a_write_carrying_a_disguised_number_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    repo = make_handmade_repo(tmp_path)
    monkeypatch.chdir(repo)
    project = repo / "registry" / "programmes" / "hm-2023" / "projects" / "01.yaml"
    before = project.read_text("utf-8")
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "联系 138\u200b1234\u200b5678"])
    assert result.exit_code == 1, result.output
    assert "pii.phone" in result.stdout and "138******78" in result.stdout and "13812345678" not in result.stdout
    assert project.read_text("utf-8") == before
    assert git(repo, "status", "--porcelain") == ""


def test_a_budget_can_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    repo = make_handmade_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "追加预算13800000000元"])
    assert result.exit_code == 0, result.output
    assert "追加预算13800000000元" in git(repo, "show", "HEAD")


def test_every_format_character_is_dropped() -> None:
    """The listed format characters are exactly Unicode's category Cf (as this Python knows it)."""
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    listed = {c for c in every if pii._FORMAT.fullmatch(c)}
    assert listed == {c for c in every if unicodedata.category(c) == "Cf"}


# ------------------------------------------------------------------------------ the ID-card rule itself

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999, written out independently


def with_check_digit(first17: str) -> str:
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


@pytest.mark.parametrize(
    ("digits", "is_id"),
    [
        (with_check_digit("11010519491231002"), True),
        (with_check_digit("11010519491231002").lower(), True),  # a lower-case x
        (with_check_digit("44060620991231123"), True),  # the last day the rule admits
        (with_check_digit("44060619000101123"), True),  # and the first
        (with_check_digit("44060618991231123"), False),  # born before 1900
        (with_check_digit("44060621000101123"), False),  # or after 2099
        (with_check_digit("44060620230229123"), False),  # no 29 February that year
        (with_check_digit("44060620240229123"), True),  # a leap day
        (with_check_digit("44060619491301123"), False),  # no month 13
        (with_check_digit("44060619491200123"), False),  # no day 0
        (with_check_digit("04060619491231123"), False),  # no area code starts with 0
        ("44060619491231A235", False),  # a letter only as the check digit
        (with_check_digit("11010519491231002")[:17] + "0", False),  # a wrong check digit
        ("11010519491231002", False),  # 17 characters
        (with_check_digit("11010519491231002") + "1", False),  # 19 characters
        ("110105491231002", True),  # 15 digits: 1949-12-31
        ("010105491231002", False),
        ("110105491331002", False),  # 15 digits, no month 13
        ("11010549123100X", False),  # the 15-digit form has no check letter
    ],
)
def test_the_id_card_rule_at_its_edges(digits: str, is_id: bool) -> None:
    assert pii._id_card(digits) is is_id


# ------------------------------------------------------------------------------ e-mail addresses (issue 9)


def found_in(text: str, kind: Kind = Kind.PROJECT) -> list[tuple[str, str, int | None, int | None, str]]:
    """(code, severity, line, col, value) of what `validate` reports for one file holding `text`."""
    data, problems = yamlio.parse(text, "01.yaml")
    assert problems == [], problems
    record = Record(kind, REPO / "p" / "01.yaml", "01.yaml", "" if kind is Kind.ROLES else "demo", data or {}, text)
    reg = Register.build(REPO, [record])
    return [(p.code, p.severity.value, p.line, p.col, p.args["value"]) for p in validate.check_personal_data(reg)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("notes: 联系 li.ming@example.org\n", [("pii.email", "error", 1, 11, "l***@example.org")]),
        ("notes: Li_Ming+x@Mail.Example.ORG\n", [("pii.email", "error", 1, 8, "l***@mail.example.org")]),
        # full-width letters and ＠ (as an input method types them), and a comment
        ("notes: ＡＢｚｚ＠ｅｘａｍｐｌｅ．ｏｒｇ\n", [("pii.email", "error", 1, 8, "a***@example.org")]),
        ("notes: Ｚ9＠example.org\n", [("pii.email", "error", 1, 8, "z***@example.org")]),
        ("# 投稿邮箱 1056292011@qq.com\nnotes: x\n", [("pii.email", "error", 1, 8, "1***@qq.com")]),
        # YAML escapes: only the parsed value holds the address
        ('notes: "li\\u0040example.org"\n', [("pii.email", "error", 1, 8, "l***@example.org")]),
    ],
)
def test_an_email_address_is_an_error(text: str, expected: list[tuple[str, str, int, int, str]]) -> None:
    assert found_in(text) == expected


@pytest.mark.parametrize(
    "text",
    ["notes: 在 @街道办 群里通知\n", "notes: a@b\n", "notes: 比例 3@5.0\n", "notes: user@localhost\n"],
)
def test_what_is_no_email_address(text: str) -> None:
    assert found_in(text) == []


def test_git_identities_in_roles_yaml_are_allowed_and_nothing_else() -> None:
    text = (
        "schema_version: 1\n# 专班 office@example.org\nroles:\n"
        "  - {emails: [Office@Example.org], roles: [office], notes: 备用 backup@example.org}\n"
    )
    assert found_in(text, Kind.ROLES) == [("pii.email", "error", 4, 63, "b***@example.org")]
    # the same address in any other file is an error
    assert [f[0] for f in found_in("notes: office@example.org\n")] == ["pii.email"]


def test_a_write_carrying_an_email_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    repo = make_handmade_repo(tmp_path)
    monkeypatch.chdir(repo)
    project = repo / "registry" / "programmes" / "hm-2023" / "projects" / "01.yaml"
    before = project.read_text("utf-8")
    result = run(["jiebang", "update", "1", "--author", "P0001", "-m", "有事发邮件 li@example.org"])
    assert result.exit_code == 1, result.output
    assert "pii.email" in result.stdout and "li@example.org" not in result.stdout
    assert project.read_text("utf-8") == before


# ------------------------------------------------------------------------------ never-store classes (issue 9)


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("他刚做完头部手术", "pii.health", "手术"),
        ("頭部手術(shù)", "pii.health", "手术"),  # article 001 as published: Traditional, with pinyin
        ("因住院缺席", "pii.health", "住院"),
        ("病情稳定", "pii.health", "病情"),
        ("请病假两周", "pii.health", "病假"),
        ("病休中", "pii.health", "病休"),
        ("父亲病重", "pii.health", "病重"),
        ("一度病危", "pii.health", "病危"),
        ("生病了", "pii.health", "生病"),
        ("因病调整", "pii.health", "因病"),
        ("確診", "pii.health", "确诊"),
        ("癌症", "pii.health", "癌症"),
        ("化療", "pii.health", "化疗"),
        ("懷孕", "pii.health", "怀孕"),
        ("患病多年", "pii.health", "患病"),
        ("患有高血压", "pii.health", "患有"),
        ("患上重病", "pii.health", "患上"),
        ("赵敏患抑郁症", "pii.health", "抑郁"),  # an office trial's gaps (finding 7)
        ("抑鬱", "pii.health", "抑郁"),
        ("有焦虑症", "pii.health", "焦虑症"),
        ("林晓东残疾", "pii.health", "残疾"),
        ("殘疾證", "pii.health", "残疾"),
        ("因工伤残", "pii.health", "伤残"),
        ("赵敏精神状态不佳", "pii.health", "精神状态不佳"),
        ("精神狀況不佳", "pii.health", "精神状况不佳"),
        ("曾患精神病", "pii.health", "精神病"),
        ("精神疾病", "pii.health", "精神疾病"),
        ("正在服药", "pii.health", "正在服药"),
        ("長期吃藥", "pii.health", "长期吃药"),
        ("需服药", "pii.health", "需服药"),
        ("一位80后干部", "pii.age", "80后"),
        ("95後", "pii.age", "95后"),
        ("00后", "pii.age", "00后"),
        ("今年35岁", "pii.age", "35岁"),
        ("三十五歲", "pii.age", "三十五岁"),
        ("1985年3月生，汉族", "pii.birth-date", "****年*月生"),
        ("1985年3月12日出生。", "pii.birth-date", "****年*月**日出生"),
        ("生于2001年", "pii.birth-date", "生于****"),
        ("郑伟1985年出生", "pii.birth-date", "****年出生"),
        ("出生于浙江", "pii.birth-date", "出生于"),
        ("出生日期", "pii.birth-date", "出生日期"),
        ("出生年月", "pii.birth-date", "出生年月"),
        ("生日", "pii.birth-date", "生日"),
        ("研究生学历", "pii.education", "研究生学历"),
        ("碩士學位", "pii.education", "硕士学位"),
        ("大專畢業", "pii.education", "大专毕业"),
        ("高中文化", "pii.education", "高中文化"),
        ("博士毕业", "pii.education", "博士毕业"),
        ("本科学历", "pii.education", "本科学历"),
        ("专科学历", "pii.education", "专科学历"),
        ("中专学历", "pii.education", "中专学历"),
        ("初中文化", "pii.education", "初中文化"),
        ("畢業於某大学", "pii.education", "毕业于"),
        ("学历：本科", "pii.education", "学历："),
        ("學歷為", "pii.education", "学历为"),
        ("学历是", "pii.education", "学历是"),
        ("学历:高中", "pii.education", "学历:"),
    ],
)
def test_never_store_classes_are_found(text: str, code: str, words: str) -> None:
    assert [(f.code, f.number) for f in pii.find_sensitive(text)] == [(code, words)]


@pytest.mark.parametrize(
    "text",
    [
        "医院手术室改造",
        "手術樓",
        "手术台",
        "手术间",
        "住院部扩建",
        "住院楼",  # rooms and buildings of a hospital
        "排查隐患5宗",
        "水患治理",
        "火患",
        "祸患",
        "忧患意识",
        "外患",
        "内患",
        "边患",
        "后患",  # hazards
        "病险水库除险加固",
        "病害防治",
        "60岁以上老人",
        "0-3岁婴幼儿照护",
        "3~6岁",
        "年满18岁",
        "18至35岁",
        "1980后",
        "8后",
        "不唯学历、不唯资历",
        "诞生于1990年代的",
        "誕生於1990年代",
        "生于斯长于斯",
        "学历教育",
        "2022年3月生产",
        "2022年3月生态修复",
        "医疗卫生",
        "卫生院",
        "残健共融",
        "抑郁症筛查",
        "抑郁防治",
        "残疾人就业",
        "殘疾兒童康复",
        "残疾军人",
        "伤残军人",
        "精神病院",
        "精神面貌焕然一新",
        "服药指导",  # a service, with no one's course of treatment
        "2022年出生人口",
        "出生率",
    ],
)
def test_ordinary_project_text_is_left_alone(text: str) -> None:
    assert pii.find_sensitive(text) == []


def test_findings_are_leftmost_first_with_positions_in_the_text() -> None:
    """Age is looked for after health, but reported in the order the text has them."""
    text = "\u200b一位８０后干部，做完头部手术"
    assert pii.find_sensitive(text) == [pii.Found("pii.age", 3, "80后"), pii.Found("pii.health", 13, "手术")]


def test_the_traditional_folding_agrees_with_textnorm() -> None:
    from jiebang import textnorm

    traditional = [chr(c) for c in pii._T2S]
    assert traditional and all(textnorm.fold(t) == chr(pii._T2S[ord(t)]) for t in traditional)


def test_never_store_classes_are_warnings_located_like_the_numbers() -> None:
    text = 'notes: 一位80后干部\nupdates:\n  - {date: 2023-01-01, summary: "做完\\u624b术"}\n'
    assert found_in(text) == [
        ("pii.age", "warning", 1, 10, "80后"),
        ("pii.health", "warning", 3, 33, "手术"),  # found only once parsed: located at the value
    ]


def _holds_an_anchor(items: Any, anchors: str) -> bool:
    """Whether every text the parsed pattern `items` matches holds one of `anchors` (read from
    the parse tree `re` compiles from: a literal, a class of anchors only, a group, a branch every
    arm of which holds one, a repeat at least once; look-arounds consume nothing)."""
    from re import _constants as c  # the test may read re's parse tree; the code never does

    for op, av in items:
        if op is c.LITERAL and chr(av) in anchors:
            return True
        if op is c.IN and all(o is c.LITERAL and chr(v) in anchors for o, v in av):
            return True
        if op is c.SUBPATTERN and _holds_an_anchor(av[-1], anchors):
            return True
        if op is c.BRANCH and all(_holds_an_anchor(arm, anchors) for arm in av[1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and _holds_an_anchor(av[2], anchors):
            return True
    return False


@pytest.mark.parametrize(("code", "groups", "pattern"), pii._SENSITIVE, ids=lambda v: getattr(v, "pattern", v))
def test_every_never_store_pattern_holds_one_of_each_group_of_its_anchors(
    code: str, groups: tuple[str, ...], pattern: re.Pattern[str]
) -> None:
    """A text lacking a group of a pattern's anchors is not searched with it: that is only safe
    when everything it matches holds one character of each group."""
    from re import _parser

    assert groups and all(_holds_an_anchor(_parser.parse(pattern.pattern), group) for group in groups)
    assert not _holds_an_anchor(_parser.parse(pattern.pattern), "")


# Pieces of values: digits, separators, words of the never-store classes, their neighbours.
_PIECES = st.sampled_from(
    ["138", "1234", "5678", "13812345678", "110105", "19491231", "002X", " ", "-", ".", "\n", "\n  ", "元",
     "+", "0086", "\u200b", "８", "80后", "8", "0", "后", "35岁", "满", "岁", "1985年3月生", "生", "，", "手术",
     "室", "住院", "患病", "隐", "學歷", "为", "a@b.cn", "@", "x", "毕业于", "出生于", "\x00", "伤", "残疾"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=6),
    text=st.lists(_PIECES, max_size=6).map("".join),
)
# joined by a line end alone, the two values would read as the phone number the text holds, and
# the ID-card number in the second would go unreported
@example(values=["13911", "110105 19491231 002X"], text="13911110105")
def test_values_searched_at_once_find_what_each_alone_finds(values: list[str], text: str) -> None:
    """`personal_data` looks for personal data in all of a file's values at once, and at each value
    only when that finds what the text did not: it reports exactly what looking at each value
    alone does (the way it was written before), whatever the values hold next to each other."""
    data = {"notes": values, "title": values[:1]}
    record = Record(Kind.PROJECT, REPO / "p" / "01.yaml", "01.yaml", "demo", data, text)
    expected, seen = [], set()
    for find, shown in validate._PERSONAL_DATA:
        for f in find(text):
            seen.add((f.code, f.number))
            expected.append((f.code, None, shown(f.number)))
        for path, value in validate._strings(data):
            for f in find(value):
                if (f.code, f.number) not in seen:
                    seen.add((f.code, f.number))
                    expected.append((f.code, f"$.{path[0]}[{path[1]}]", shown(f.number)))
    got = [(p.code, p.pointer or None, p.args["value"]) for p in validate.personal_data([record])]
    assert got == expected

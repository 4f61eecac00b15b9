"""Reading the published 榜单 text (issue 11): article 000 gives exactly the bundled sample, every
shape a pasted list takes is read, and every problem is located (line and column)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, SHARED
from jiebang.errors import Problem, Severity
from jiebang.i18n import MESSAGES
from jiebang.imports.bangdan import Listing, parse
from jiebang.textnorm import fold

ARTICLE = SHARED / "sources" / "000_4e946c745feaa5df.txt"
PROGRAMME = SAMPLE / "programmes" / "ronggui-2022"
TITLE_FIELDS = ("number", "category", "title", "title_published", "title_full", "scope", "scope_published")
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(text: str) -> Listing:
    listing = parse(text, "榜单.txt")
    for p in listing.problems:
        assert p.code in MESSAGES and p.hint in MESSAGES, p
        assert p.path == "榜单.txt" and p.line and p.col, p
    return listing


def codes(listing: Listing) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.col) for p in listing.problems]


def public(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def titles(listing: Listing) -> list[str]:
    return [p["title"] for p in listing.projects]


# ---------------------------------------------------------------------------- article 000 = the sample


def test_article_000_gives_the_sample_categories() -> None:
    listing = read(ARTICLE.read_text("utf-8"))
    programme = yaml.safe_load((PROGRAMME / "programme.yaml").read_text("utf-8"))
    expected = [{k: c[k] for k in ("number", "name", "name_published") if k in c} for c in programme["categories"]]
    assert [public(c) for c in listing.categories] == expected
    assert [c["_line"] for c in listing.categories] == [35, 39, 47, 56, 63, 66]


def test_article_000_gives_the_sample_projects_field_by_field() -> None:
    listing = read(ARTICLE.read_text("utf-8"))
    assert listing.problems == []
    assert listing.numbering == "running"
    sample = [yaml.safe_load(f.read_text("utf-8")) for f in sorted((PROGRAMME / "projects").glob("*.yaml"))]
    assert len(listing.projects) == len(sample) == 30
    for got, want in zip(listing.projects, sample, strict=True):
        for key in TITLE_FIELDS:
            assert got.get(key) == want.get(key), (want["number"], key)
    assert (listing.projects[0]["_line"], listing.projects[0]["_column"]) == (36, 1)


def test_article_000_names_the_sample_people() -> None:
    """The article names four people only in the signatures under its quotes; the sample has them."""
    listing = read(ARTICLE.read_text("utf-8"))
    people = yaml.safe_load((SAMPLE / "people.yaml").read_text("utf-8"))["people"]
    name = {p["id"]: p["name"] for p in people}
    for got, path in zip(listing.projects, sorted((PROGRAMME / "projects").glob("*.yaml")), strict=True):
        (team,) = yaml.safe_load(path.read_text("utf-8"))["teams"]
        assert got.get("leader") == (name[team["leader"]] if team["leader"] else None), got["number"]
        assert got.get("mentors") == ("、".join(name[m] for m in team["mentors"]) or None), got["number"]
        assert "leading_officials" not in got


def test_article_000_prose_is_skipped_not_taken() -> None:
    listing = read(ARTICLE.read_text("utf-8"))
    assert listing.skipped[:3] == [1, 2, 3] and 34 in listing.skipped and 71 in listing.skipped
    assert not {27, 29, 31, 33} & set(listing.skipped)  # the signatures under the quotes were read
    assert not set(range(35, 71)) & set(listing.skipped)


@pytest.mark.parametrize("name", ["001_65aed96cc3a38a9a", "002_97ed1a423965013d", "003_c80e7640dadc126c"])
def test_articles_without_a_list_give_no_projects(name: str) -> None:
    listing = read((SHARED / "sources" / f"{name}.txt").read_text("utf-8"))
    assert listing.categories == listing.projects == []
    assert codes(listing) == [("import.no-list", 1, 1)]


# ---------------------------------------------------------------------------- shapes

SIMPLE = "\n".join(
    [
        "一、建设现代产业体系",
        "1、龙头企业招商引资",
        "2、引进大型商业综合体项目",
        "二、打造品质滨水名城",
        "3、打造岭南水乡特色民宿",
        "",
    ]
)


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("一、", "{n}、"),
        ("一.", "{n}."),
        ("一．", "{n}．"),
        ("(一)", "{n}、"),
        ("（一）", "（{n}）"),
        ("㈠", "{n}."),
        ("第一类 ", "{n}、"),
        ("第一类：", "({n})"),
        ("第一類、", "{n}、"),
        ("一、", "{fw}、"),
        ("一、", "{c}"),
        ("一、", "{c} "),
        ("一、", "⑴"),
        ("一、", "{n}) "),
        ("1.", "({n})"),
        ("1、", "{c}"),
        ("（1）", "{c}"),
    ],
)
def test_numbering_styles(heading: str, item: str) -> None:
    second = heading.replace("一", "二").replace("㈠", "㈡").replace("1", "2")
    lines = [heading + "建设现代产业体系"]
    lines += [
        item.format(n=n, fw=chr(0xFF10 + n), c=chr(0x245F + n)).replace("⑴", chr(0x2473 + n)) + t
        for n, t in ((1, "龙头企业招商引资"), (2, "引进大型商业综合体项目"))
    ]
    lines += [second + "打造品质滨水名城", item.format(n=3, fw="３", c="③").replace("⑴", "⑶") + "打造岭南水乡特色民宿"]
    listing = read("\n".join(lines))
    assert listing.problems == []
    assert [(c["number"], c["name"]) for c in listing.categories] == [(1, "建设现代产业体系"), (2, "打造品质滨水名城")]
    assert [(p["category"], p["number"], p["title"]) for p in listing.projects] == [
        (1, 1, "龙头企业招商引资"),
        (1, 2, "引进大型商业综合体项目"),
        (2, 3, "打造岭南水乡特色民宿"),
    ]


def test_markdown_headings_bullets_quotes_and_bold() -> None:
    text = "# 揭榜挂帅项目榜单\n\n## 一、建设现代产业体系\n\n1. 龙头企业招商引资\n- 2、引进大型商业综合体项目\n"
    text += "**二、打造品质滨水名城**\n> 3．打造岭南水乡特色民宿\n"
    listing = read(text)
    assert listing.problems == [] and listing.skipped == [1]
    assert [c["name"] for c in listing.categories] == ["建设现代产业体系", "打造品质滨水名城"]
    assert titles(listing) == titles(read(SIMPLE))
    assert [(r["_line"], r["_column"]) for r in listing.categories] == [(3, 4), (7, 3)]
    assert [(r["_line"], r["_column"]) for r in listing.projects] == [(5, 1), (6, 3), (8, 3)]


def test_decimal_numbers_and_dates_are_not_list_items() -> None:
    text = SIMPLE + "1.5亿元投入\n2022.1.15发布\n"
    listing = read(text)
    assert len(listing.projects) == 3 and listing.skipped == [6, 7]


def test_windows_and_old_mac_line_endings_blank_lines_bom_and_indent() -> None:
    text = "\ufeff" + SIMPLE.replace("\n", "\r\n\r\n")
    listing = read(text)
    assert titles(listing) == titles(read(SIMPLE))
    assert [p["_line"] for p in listing.projects] == [3, 5, 9]
    listing = read(SIMPLE.replace("\n", "\r"))
    assert [p["_line"] for p in listing.projects] == [2, 3, 5]
    listing = read("\u3000\u3000一、建设现代产业体系\n  \t1、龙头企业招商引资\n")
    assert (listing.categories[0]["_column"], listing.projects[0]["_column"]) == (3, 4)


def test_prose_around_the_list_is_ignored_and_counted() -> None:
    text = (
        "容桂街道举行启动仪式。\n1、加强组织领导。各单位要高度重视，落实责任。\n\n■项目榜单\n"
        + SIMPLE
        + "编辑：文宁\n视频：逢萍\n版权声明：未经许可不得转载。\n"
    )
    listing = read(text)
    assert listing.problems == [] and len(listing.projects) == 3
    assert listing.skipped == [1, 2, 4, 10, 11, 12]


def test_numbered_paragraphs_are_never_projects() -> None:
    text = "一、加强组织领导。各单位要高度重视。\n二、强化督查考核。每月通报一次进展！\n"
    listing = read(text)
    assert listing.projects == listing.categories == []
    assert codes(listing) == [("import.no-list", 1, 1)]
    long_line = "1、" + "推进" * 41
    assert read("一、类别\n" + long_line + "\n2、短标题\n").projects[0]["title"] == "短标题"


def test_a_second_numbered_passage_is_reported_not_taken() -> None:
    text = SIMPLE + "编辑：文宁\n相关阅读：\n延伸内容：\n1、另一篇新闻标题\n2、再一篇新闻标题\n"
    listing = read(text)
    assert titles(listing) == titles(read(SIMPLE))
    assert codes(listing) == [("import.other-list", 9, 1)]
    assert listing.problems[0].severity is Severity.WARNING
    assert listing.problems[0].args == {"count": 2, "start": 1, "end": 5}


# ---------------------------------------------------------------------------- titles and scopes


@pytest.mark.parametrize(
    ("line", "title", "full", "scope"),
    [
        ("1、龙头企业招商引资(工业领域)", "龙头企业招商引资", "龙头企业招商引资(工业领域)", "工业领域"),
        ("1、龙头企业招商引资（工业领域）", "龙头企业招商引资", "龙头企业招商引资（工业领域）", "工业领域"),
        ("1、龙头企业招商引资（工业领域)", "龙头企业招商引资", "龙头企业招商引资（工业领域)", "工业领域"),
        ("1、龙头企业招商引资 ( 工业领域 ) ", "龙头企业招商引资", "龙头企业招商引资 ( 工业领域 )", "工业领域"),
        ("1、城市更新(“三旧”改造)项目(南区)", "城市更新(“三旧”改造)项目", "城市更新(“三旧”改造)项目(南区)", "南区"),
        ("1、探索农业科普教育(残健共融)新模式", "探索农业科普教育(残健共融)新模式", None, None),
        ("1、打造《桃源·龙涌》特色名片项目", "打造《桃源·龙涌》特色名片项目", None, None),
        ("1、(东部片区)", "(东部片区)", None, None),
        ("1、老旧小区改造()", "老旧小区改造()", None, None),
        ("1、老旧小区改造(容新(一期)社区)", "老旧小区改造(容新(一期)社区)", None, None),
        ("1、老旧小区改造；", "老旧小区改造", None, None),
        ("1、老旧小区改造。", "老旧小区改造", None, None),
    ],
)
def test_trailing_parenthesis_is_the_scope(line: str, title: str, full: str | None, scope: str | None) -> None:
    (project,) = read("一、民生\n" + line).projects
    assert project["title"] == title
    assert project["title_full"] == (full or title)
    assert project.get("scope") == scope == project.get("scope_published")
    assert "title_published" not in project


def test_traditional_is_stored_simplified_with_the_published_form() -> None:
    listing = read(
        "一、持續增進民生福祉\n1、老舊小區改造（容新社區）\n2、出租屋“氣改電”試點\n3、容奇新涌整治(容奇新涌)\n"
    )
    assert listing.categories[0] | {"_line": 0} == {
        "number": 1,
        "name": "持续增进民生福祉",
        "name_published": "持續增進民生福祉",
        "_line": 0,
        "_column": 1,
    }
    first, second, third = listing.projects
    assert public(first) == {
        "category": 1,
        "number": 1,
        "title": "老旧小区改造",
        "title_published": "老舊小區改造",
        "title_full": "老旧小区改造（容新社区）",
        "scope": "容新社区",
        "scope_published": "容新社區",
    }
    assert (second["title"], second["title_published"]) == ("出租屋“气改电”试点", "出租屋“氣改電”試點")
    assert "title_published" not in third and third["scope_published"] == third["scope"] == "容奇新涌"


def test_simplified_text_is_left_alone() -> None:
    """t2s would turn 显著 into 显着: a line without a Traditional-only character is not converted."""
    (project,) = read("一、产业\n1、显著提升乾坤湾著名景区品质\n").projects
    assert project["title"] == "显著提升乾坤湾著名景区品质" and "title_published" not in project
    (project,) = read("一、產業\n1、顯著提升著名景區品質\n").projects
    assert project["title"] == "显著提升著名景区品质"


def test_pinyin_glosses_are_stripped() -> None:
    listing = read("一、黃巖發(fā)展我擔(dān)當(dāng)\n1、獅團(tuán)攻堅(jiān)項目(頭陀鎮)\n")
    assert listing.categories[0]["name"] == "黄岩发展我担当"
    assert listing.categories[0]["name_published"] == "黃巖發展我擔當"
    assert public(listing.projects[0]) == {
        "category": 1,
        "number": 1,
        "title": "狮团攻坚项目",
        "title_published": "獅團攻堅項目",
        "title_full": "狮团攻坚项目(头陀镇)",
        "scope": "头陀镇",
        "scope_published": "頭陀鎮",
    }


# ---------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("lines", "people", "full"),
    [
        (["1、农贸市场停车场建设 导师：张三"], {"mentors": "张三"}, None),
        (["1、农贸市场停车场建设，负责人：李四"], {"leader": "李四"}, None),
        (["1、农贸市场停车场建设（导师：张三；负责人：李四）"], {"mentors": "张三", "leader": "李四"}, None),
        (["1、农贸市场停车场建设(导师:张三、王五)"], {"mentors": "张三、王五"}, None),
        (["1、农贸市场停车场建设（容新社区）（导师：张三）"], {"mentors": "张三"}, "农贸市场停车场建设（容新社区）"),
        (["1、农贸市场停车场建设（容新社区；导师：张三）"], {"mentors": "张三"}, "农贸市场停车场建设（容新社区）"),
        (
            ["1、农贸市场停车场建设 领衔领导：王五 项目导师：张三"],
            {"leading_officials": "王五", "mentors": "张三"},
            None,
        ),
        (
            ["1、农贸市场停车场建设", "   项目导师：张三", "   团队负责人：李四、赵六"],
            {"mentors": "张三", "leader": "李四、赵六"},
            None,
        ),
        (["1、农贸市场停车场建设（导师：张三）", "  导师：张三、王五"], {"mentors": "张三、王五"}, None),
        (
            ["1、農貿市場停車場建設（導師：張三；項目團隊負責人：鄭丹妍）"],
            {"mentors": "张三", "leader": "郑丹妍"},
            None,
        ),
        (["1、农贸市场停车场建设", "（领衔领导：王五）"], {"leading_officials": "王五"}, None),
    ],
)
def test_people_beside_a_project(lines: list[str], people: dict[str, str], full: str | None) -> None:
    (project,) = read("\n".join(["四、持续增进民生福祉", *lines])).projects
    assert project["title"] == "农贸市场停车场建设"
    assert project["title_full"] == (full or "农贸市场停车场建设")
    assert {k: project[k] for k in ("leader", "mentors", "leading_officials") if k in project} == people
    assert "导师" not in project["title_full"]
    assert project.get("scope") in (None, "容新社区")


def test_a_title_mentioning_mentors_keeps_its_words() -> None:
    (project,) = read("一、党建\n1、推行项目导师制试点\n").projects
    assert project["title"] == "推行项目导师制试点" and "mentors" not in project


def test_signed_quotes_name_people_and_unknown_titles_are_warned() -> None:
    text = SIMPLE + "编辑：文宁\n——“龙头企业招商引资”项目导师胡添强\n——“不在榜单的项目”项目导师李耀新\n"
    listing = read(text)
    assert listing.projects[0]["mentors"] == "胡添强"
    assert codes(listing) == [("import.people-unmatched", 8, 1)]
    assert listing.problems[0].severity is Severity.WARNING


# ---------------------------------------------------------------------------- problems, located


def test_number_gap_is_a_warning_at_the_number() -> None:
    listing = read("一、产业\n1、甲项目\n  3、乙项目\n三、民生\n4、丙项目\n")
    assert codes(listing) == [("import.number-gap", 3, 3), ("import.number-gap", 4, 1)]
    assert listing.problems[0].args == {"number": 3, "expected": 2}
    assert listing.problems[1].args == {"number": 3, "expected": 2}
    assert {p.severity for p in listing.problems} == {Severity.WARNING}
    assert [p["number"] for p in listing.projects] == [1, 3, 4]  # the printed numbers are kept


def test_number_repeated_is_an_error_naming_the_first_line() -> None:
    listing = read("一、产业\n1、甲项目\n2、乙项目\n二、民生\n2、丙项目\n3、丁项目\n")
    assert codes(listing) == [("import.number-repeated", 5, 1)]
    assert listing.problems[0].args == {"number": 2, "first": 3}
    assert listing.problems[0].severity is Severity.ERROR


def test_numbering_restarting_per_category_is_kept_and_said() -> None:
    listing = read("一、产业\n1、甲项目\n2、乙项目\n二、民生\n1、丙项目\n2、丁项目\n3、戊项目\n")
    assert listing.problems == [] and listing.numbering == "per-category"
    assert [(p["category"], p["number"]) for p in listing.projects] == [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3)]
    listing = read("一、产业\n1、甲项目\n2、乙项目\n二、民生\n1、丙项目\n1、丁项目\n")
    assert codes(listing) == [("import.number-repeated", 6, 1)]
    assert read(SIMPLE).numbering == "running"


def test_item_before_any_heading() -> None:
    listing = read("1、甲项目\n一、产业\n2、乙项目\n")
    assert codes(listing) == [("import.no-category", 1, 1)]
    assert titles(listing) == ["乙项目"]
    listing = read("1、甲项目\n2、乙项目\n")
    assert codes(listing) == [("import.no-category", 1, 1), ("import.no-category", 2, 1)]
    assert listing.projects == []


def test_empty_title_and_empty_heading() -> None:
    listing = read("一、产业\n1、\n2、  （导师：张三）\n二、\n3、乙项目\n")
    assert codes(listing) == [
        ("import.empty-title", 2, 3),
        ("import.empty-title", 3, 5),
        ("import.empty-heading", 4, 3),
    ]
    assert listing.projects == [] and [c["number"] for c in listing.categories] == [1]


def test_unreadable_lines_inside_the_list() -> None:
    listing = read("一、产业\n1、甲项目\n2、这是一个句子。后面还有一句。\n十十、乙\n3、丁项目\n0、丙\n4、戊项目\n")
    assert codes(listing) == [("import.unreadable", 3, 1), ("import.unreadable", 4, 1), ("import.unreadable", 6, 1)]
    assert titles(listing) == ["甲项目", "丁项目", "戊项目"]
    listing = read("一、产业\n1、甲项目\n二、这个类别的名称写成了一句话。不是标题。\n2、乙项目\n")
    assert codes(listing) == [("import.unreadable", 3, 1)]
    assert titles(listing) == ["甲项目"]  # not filed under the category above
    assert listing.problems[0].args == {"text": "二、这个类别的名称写成了一句话。不是标题。"}
    listing = read("一、产业\n1、" + "很长的句子。" * 10 + "\n2、乙项目\n")
    assert listing.problems[0].args == {"text": "1、" + ("很长的句子。" * 5)[:27] + "…"}


def test_a_third_level_is_reported() -> None:
    listing = read("一、产业\n1、甲项目\n  ①子项\n2、乙项目\n")
    assert codes(listing) == [("import.level", 3, 3)]
    assert listing.problems[0].args == {"marker": "①", "category": "一、", "project": "1、"}


def test_unnumbered_line_inside_the_list_is_a_warning() -> None:
    listing = read("一、产业\n1、甲项目\n（容桂街道办供图）\n2、乙项目\n")
    assert codes(listing) == [("import.unnumbered", 3, 1)]
    assert listing.problems[0].severity is Severity.WARNING and listing.skipped == [3]


def test_people_before_any_project() -> None:
    listing = read("一、产业\n  导师：张三\n1、甲项目\n")
    assert codes(listing) == [("import.people-orphan", 2, 3)]
    assert "mentors" not in listing.projects[0]
    listing = read("一、产业\n1、甲项目\n（供图）\n导师：张三\n2、乙项目\n")
    assert codes(listing) == [("import.unnumbered", 3, 1), ("import.people-orphan", 4, 1)]


def test_people_beside_a_heading_are_a_warning() -> None:
    listing = read("一、建設現代產業體系（領銜領導：吳磊、陳偉成）\n1、甲项目\n")
    assert listing.categories[0]["name"] == "建设现代产业体系"
    assert codes(listing) == [("import.people-on-heading", 1, 1)]
    assert listing.problems[0].args == {"names": "吴磊、陈伟成"}
    assert listing.problems[0].severity is Severity.WARNING


def test_people_after_the_list_are_not_taken() -> None:
    listing = read(SIMPLE + "编辑：文宁\n负责人：王编辑\n")
    assert listing.problems == [] and "leader" not in listing.projects[-1]
    assert listing.skipped == [6, 7]


def test_every_import_message_has_both_languages_and_a_hint() -> None:
    import_codes = [k for k in MESSAGES if k.startswith("import.")]
    assert len(import_codes) == 13
    for code in import_codes:
        assert f"hint.{code}" in MESSAGES


# ---------------------------------------------------------------------------- properties

CN = "一二三四五六七八九"
HAN = st.sampled_from(
    "建设现代产业体系龙头企业招商引资打造品质滨水名城提升社会治理效能民生福祉基层党建问题农贸市场停车场"
)
INNER = st.sampled_from("、“”《》·-")
NAMES = st.text(HAN, min_size=2, max_size=3)


def chinese(n: int) -> str:
    tens, units = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (CN[units - 1] if units else "")


@st.composite
def words(draw: st.DrawFn, max_size: int = 12) -> str:
    """Han text that starts and ends with a Han character, possibly with inner punctuation."""
    middle = draw(st.lists(st.one_of(HAN, HAN, INNER), max_size=max_size))
    return draw(HAN) + "".join(middle) + draw(HAN)


HEADINGS = {
    0: [lambda n: f"第{chinese(n)}类 ", lambda n: f"第{chinese(n)}类："],
    1: [lambda n: f"{chinese(n)}、", lambda n: f"{chinese(n)}．"],
    2: [lambda n: f"（{chinese(n)}）", lambda n: f"({chinese(n)})"],
    3: [lambda n: f"{n}."],
}
ITEMS = {
    3: [
        lambda n: f"{n}、",
        lambda n: f"{n}. ",
        lambda n: f"{n}．",
        lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)) + "、",
    ],
    4: [lambda n: f"({n})", lambda n: f"（{n}）"],
    5: [lambda n: chr(0x245F + n)],
}


@st.composite
def lists(draw: st.DrawFn) -> tuple[str, list[tuple[int, str]], list[dict[str, Any]], str]:
    """A formatted list and what it should read as: (text, categories, projects, numbering)."""
    heading_rank = draw(st.sampled_from(sorted(HEADINGS)))
    item_rank = draw(st.sampled_from([r for r in ITEMS if r > heading_rank]))
    heading, item = draw(st.sampled_from(HEADINGS[heading_rank])), draw(st.sampled_from(ITEMS[item_rank]))
    per_category = draw(st.booleans())
    eol, indent = draw(st.sampled_from(["\n", "\r\n", "\n\n"])), draw(st.sampled_from(["", "  ", "\u3000"]))
    lines = [draw(words()) + "。"] if draw(st.booleans()) else []
    categories, projects, number = [], [], 0
    for c in range(1, draw(st.integers(1, 4)) + 1):
        name = draw(words())
        categories.append((c, name))
        lines.append(heading(c) + name)
        number = 0 if per_category else number
        for _ in range(draw(st.integers(1, 5))):
            number += 1
            title = draw(words())
            if draw(st.booleans()):
                title += (
                    draw(st.sampled_from(["(", "（"])) + draw(words(4)) + draw(st.sampled_from([")", "）"])) + draw(HAN)
                )
            scope = draw(st.one_of(st.none(), words(6)))
            full = title if scope is None else title + draw(st.sampled_from(["({})", "（{}）"])).format(scope)
            record = {"category": c, "number": number, "title": title, "title_full": full}
            if scope is not None:
                record |= {"scope": scope, "scope_published": scope}
            mentor, leader = draw(st.one_of(st.none(), NAMES)), draw(st.one_of(st.none(), NAMES))
            line, after = indent + item(number) + full, []
            if mentor and draw(st.booleans()):
                line += f"（导师：{mentor}" + (f"；负责人：{leader}）" if leader else "）")
            elif mentor or leader:
                after = [f"{indent}  项目导师：{mentor}"] if mentor else []
                after += [f"{indent}  团队负责人：{leader}"] if leader else []
            record |= {"mentors": mentor} if mentor else {}
            record |= {"leader": leader} if leader else {}
            lines += [line, *after]
            projects.append(record)
    if draw(st.booleans()):
        lines += ["编辑：" + draw(words(2)), "版权所有，" + draw(words()) + "。"]
    numbering = "per-category" if per_category and len(categories) > 1 else "running"
    return eol.join(lines) + draw(st.sampled_from(["", eol])), categories, projects, numbering


@SETTINGS
@given(lists())
def test_any_formatted_list_reads_back(case: tuple[str, list[tuple[int, str]], list[dict[str, Any]], str]) -> None:
    text, categories, projects, numbering = case
    listing = read(text)
    assert listing.problems == []
    assert [(c["number"], c["name"]) for c in listing.categories] == categories
    assert [public(p) for p in listing.projects] == projects
    if len({p["category"] for p in projects}) > 1:
        assert listing.numbering == numbering


PUBLISHED = {"title": "title_published", "scope": "scope_published", "name": "name_published"}


@SETTINGS
@given(lists())
def test_any_list_published_in_traditional_reads_back_simplified(
    case: tuple[str, list[tuple[int, str]], list[dict[str, Any]], str],
) -> None:
    """The same lists run through OpenCC's s2t: Simplified fields as generated, the printed ones beside them."""
    from opencc_purepy import OpenCC

    text, categories, projects, _ = case
    listing = read(OpenCC("s2t").convert(text))
    assert listing.problems == []
    assert [(c["number"], c["name"]) for c in listing.categories] == categories
    assert [
        {k: v for k, v in public(p).items() if k not in ("title_published", "scope_published")}
        for p in listing.projects
    ] == [{k: v for k, v in p.items() if k != "scope_published"} for p in projects]
    for record in [*listing.categories, *listing.projects]:
        for key, published in PUBLISHED.items():
            if published in record:
                assert fold(record[published]) == fold(record[key]), record
                assert published != "title_published" or record[published] != record[key]


LIST_BITS = ["一、", "1、", "（1）", "(", "）", "①", "㈠", "第一类", "导师：", "負責人:", "——“", "”项目导师", "。"]
LISTISH = st.sampled_from(
    [
        *LIST_BITS,
        "\n",
        "\r\n",
        "\r",
        " ",
        "\u3000",
        "發(fā)",
        "10.5",
        "十十、",
        "0、",
        "\ufeff",
        "\x00",
        "\ud800",
        "9" * 30,
    ]
)


@SETTINGS
@given(st.one_of(st.text(), st.lists(st.one_of(LISTISH, st.text(max_size=5))).map("".join)))
@example("1、" + "(" * 5000)
@example("\n".join(f"{i}、项目{i}" for i in range(1, 2000)))
def test_parse_never_raises(text: str) -> None:
    listing = read(text)
    lines = len(re.split(r"\r\n|\r|\n", text))
    assert all(isinstance(p, Problem) and 1 <= (p.line or 0) <= lines for p in listing.problems)
    assert all(isinstance(p["number"], int) and p["title"] for p in listing.projects)

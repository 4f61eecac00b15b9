"""The 调度讲评 brief for a period (`api.brief`, `jiebang brief`) and Word documents (`--format docx`).

One register is built for the whole module through the CLI, with commits on the days the
records were typed in, and a June 2022 whose events are known: project 24 has a milestone
overdue, one done, an update raising a need, a red review with an action now overdue; project 9
an amber review; an update of May stays out of June's brief.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import GIT_ENV, at
from jiebang import api
from jiebang.cli import app
from jiebang.errors import UsageError

JUNE = (date(2022, 6, 1), date(2022, 6, 30))
HOSTILE = "**粗体** | 管道 `代码` <b>x</b> \\ 2022-06-27"
HOSTILE_NEED = "资金*拨付*|[链接](http://x)"
SCRIPT = (
    ("2022-03-01", ["move", "24", "active", "--on", "2022-03-01"]),
    ("2022-03-02", ["add", "milestone", "24", "--title", "完成选址", "--due", "2022-05-31"]),
    ("2022-03-02", ["add", "milestone", "24", "--title", "完成设计", "--due", "2022-06-20"]),
    ("2022-05-10", ["update", "24", "--author", "梁楚翔", "-m", "摸底", "--progress", "10", "--on", "2022-05-10"]),
    ("2022-06-16", ["milestone", "24", "M2", "--done", "--on", "2022-06-15"]),
    ("2022-06-11", ["review", "24", "--reviewer", "李耀新", "--rating", "red", "-m", "选址滞后",
                    "--action", "重新选址", "--action-due", "2022-06-20", "--on", "2022-06-10"]),
    ("2022-06-26", ["update", "24", "--author", "梁楚翔", "-m", "完成设计", "--progress", "30",
                    "--need", "用地指标", "--on", "2022-06-25"]),
    ("2022-03-01", ["move", "9", "active", "--on", "2022-03-01"]),
    ("2022-06-28", ["review", "9", "--reviewer", "李耀新", "--rating", "amber", "-m", "偏慢", "--on", "2022-06-28"]),
    # text from the register is data: Markdown and Word must show it as typed
    ("2022-06-27", ["update", "9", "--author", "郑丹妍", "-m", HOSTILE, "--need", HOSTILE_NEED, "--on", "2022-06-27"]),
)  # fmt: skip


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample copied into a register of its own, then the script typed in (read-only afterwards)."""
    base = tmp_path_factory.mktemp("brief")
    home = base / "home"
    env = {**GIT_ENV, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "JIEBANG_LANG": None}
    runner = CliRunner()
    root = base / "office"
    assert runner.invoke(app, ["init", str(root), "--from-sample"], env=env).exit_code == 0
    for day, args in SCRIPT:
        result = runner.invoke(app, [*args, "-r", str(root / "registry")], env={**env, **at(day)})
        assert result.exit_code == 0, result.output
    return root


def _brief(office: Path, **kwargs: object) -> dict:
    reg, _ = api.open_register(str(office / "registry"))
    return api.brief(reg, *JUNE, as_of=kwargs.pop("as_of", JUNE[1]), **kwargs)  # type: ignore[arg-type]


def test_the_brief_goes_through_june_in_meeting_order(office: Path) -> None:
    doc = _brief(office)
    order = "period as_of programmes counts changes red_amber overdue_milestones open_actions needs"
    assert list(doc) == order.split()
    assert doc["period"] == {"start": "2022-06-01", "end": "2022-06-30"}
    assert [p["id"] for p in doc["programmes"]] == ["ronggui-2022"]
    counts = doc["counts"]
    assert counts["projects"] == 30 and counts["by_status"] == {"assigned": 28, "active": 2}
    assert (counts["by_rag"]["red"], counts["by_rag"]["amber"]) == (1, 1)  # as `status` counts them
    assert counts["milestones"] == {"due": 1, "done": 1, "overdue": 1}  # M2 due and done in June, M1 overdue
    assert counts["progress"]["change"] == counts["progress"]["end"] - counts["progress"]["start"]
    # what changed in June, by the records' own dates; May's update is not news
    kinds = [(c["project"], c["kind"]) for c in doc["changes"]]
    assert kinds == [
        ("ronggui-2022/9", "update"),
        ("ronggui-2022/9", "reviewed"),
        ("ronggui-2022/24", "update"),
        ("ronggui-2022/24", "milestone-done"),
        ("ronggui-2022/24", "reviewed"),
    ]
    assert all(c["detail"].get("summary") != "摸底" for c in doc["changes"])
    assert doc["changes"][3]["title"] == "农贸市场立体停车场建设"  # the milestone's title stays in its detail
    assert doc["changes"][3]["detail"]["title"] == "完成设计"


def test_red_projects_carry_the_reasons_report_gives(office: Path) -> None:
    doc = _brief(office)
    flagged = {p["number"]: p for p in doc["red_amber"]}
    assert {n: p["colour"] for n, p in flagged.items()} == {24: "red", 9: "amber"}
    assert [p["number"] for p in doc["red_amber"]] == [24, 9]  # red first
    reg, _ = api.open_register(str(office / "registry"))
    report = api.report(reg, "24", as_of=JUNE[1])
    assert flagged[24]["rag"] == report["rag"]  # one source: the report's RAG block
    assert "review_red" in flagged[24]["rag"]["reasons"]
    assert flagged[24]["leaders"] == ["梁楚翔"]


def test_overdue_milestones_open_actions_and_needs(office: Path) -> None:
    doc = _brief(office)
    reg, _ = api.open_register(str(office / "registry"))
    assert doc["overdue_milestones"] == api.milestones(reg, as_of=JUNE[1], overdue=True)
    assert [(m["number"], m["milestone"], m["days_overdue"]) for m in doc["overdue_milestones"]] == [(24, "M1", 30)]
    assert doc["open_actions"] == api.review_actions(reg, as_of=JUNE[1], only_open=True)
    assert [(a["action"], a["days_overdue"]) for a in doc["open_actions"]] == [("R1.1", 10)]
    assert doc["needs"][0]["need"] == HOSTILE_NEED
    assert doc["needs"][1:] == [
        {
            "project": "ronggui-2022/24",
            "number": 24,
            "title": "农贸市场立体停车场建设",
            "date": "2022-06-25",
            "author": "梁楚翔",
            "need": "用地指标",
        }
    ]


def test_a_period_before_the_events_is_quiet(office: Path) -> None:
    reg, _ = api.open_register(str(office / "registry"))
    doc = api.brief(reg, date(2022, 4, 1), date(2022, 4, 30), as_of=date(2022, 4, 30))
    assert doc["changes"] == [] and doc["needs"] == [] and doc["open_actions"] == []
    assert doc["counts"]["milestones"] == {"due": 0, "done": 0, "overdue": 0}


def test_a_period_that_ends_before_it_starts_is_refused(office: Path) -> None:
    reg, _ = api.open_register(str(office / "registry"))
    with pytest.raises(UsageError) as caught:
        api.brief(reg, date(2022, 6, 30), date(2022, 6, 1), as_of=date(2022, 6, 30))
    assert caught.value.key == "briefing.backwards"


def test_an_unknown_programme_is_named(office: Path) -> None:
    with pytest.raises(api.NotFound):
        _brief(office, programme="nope")
    assert _brief(office, programme="ronggui-2022")["changes"]


def test_the_brief_is_plain_data(office: Path) -> None:
    doc = _brief(office)
    assert json.loads(json.dumps(doc)) == doc


# ------------------------------------------------------------------------------ the command and Word


def _cli(office: Path, *args: str, lang: str | None = None) -> object:
    """`jiebang brief …` in-process against the module's register."""
    env = {"JIEBANG_LANG": lang} if lang else {}
    return CliRunner().invoke(app, [*args, "-r", str(office / "registry")], env=env, catch_exceptions=False)


def _word(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]], object]:
    """(style, text) of every paragraph, every table's cells, and the document itself."""
    import docx

    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables, document


def test_the_brief_as_word_paragraph_by_paragraph(office: Path, tmp_path: Path) -> None:
    from docx.oxml.ns import qn

    out = tmp_path / "六月简报.docx"
    result = _cli(office, "brief", "--period", "2022-06", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    paragraphs, tables, document = _word(out)
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert headings == [
        ("Heading 1", "调度讲评简报（2022年6月1日至2022年6月30日）"),
        ("Heading 2", "一、总体情况"),
        ("Heading 2", "二、本期变化"),
        ("Heading 2", "三、红黄项目及原因"),
        ("Heading 2", "四、逾期里程碑"),
        ("Heading 2", "五、未完成的整改事项"),
        ("Heading 2", "六、需协调事项"),
    ]
    assert ("List Bullet", "里程碑：本期到期 1 个，本期完成 1 个，逾期 1 个") in paragraphs
    changed, flagged, overdue, actions, needs = tables
    assert changed[0] == ["项目", "类型", "内容"]
    assert ["24 农贸市场立体停车场建设", "里程碑完成", "M2 完成设计 2022年6月15日"] in changed
    assert ["24 农贸市场立体停车场建设", "讲评", "2022年6月10日 红 选址滞后"] in changed
    assert flagged[1][:2] == ["24 农贸市场立体停车场建设", "红：进度落后超过红线、最近一次讲评为红、里程碑逾期"]
    assert flagged[2][:2] == ["9 打造《桃源·龙涌》特色名片项目", "黄：最近一次讲评为黄"]
    assert overdue[1:] == [["24 农贸市场立体停车场建设", "M1 完成选址", "2022年5月31日", "30", "梁楚翔"]]
    assert actions[1][1] == "R1.1 重新选址" and actions[1][4] == "10"
    assert [row[3] for row in needs[1:]] == [HOSTILE_NEED, "用地指标"]  # shown as typed, nothing interpreted
    assert any(HOSTILE.replace("2022-06-27", "2022年6月27日") in cell for row in changed for cell in row)
    # typesetting: A4, the East Asian font on the styles and on every run, the header row repeated
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r._element.rPr.rFonts.get(qn("w:eastAsia")) in ("仿宋_GB2312", "黑体") for r in runs)
    header = document.tables[0].rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r.bold for c in header.cells for r in c.paragraphs[0].runs)


def test_json_is_what_word_shows(office: Path, tmp_path: Path) -> None:
    """One source: every project, change, milestone, action and need of the JSON is in the Word tables."""
    from jiebang.present import changes, docx

    data = json.loads(_cli(office, "brief", "--period", "2022-06", "--format", "json").stdout)
    out = tmp_path / "b.docx"
    assert _cli(office, "brief", "--period", "2022-06", "--format", "docx", "-o", str(out)).exit_code == 0
    _, (changed, flagged, overdue, actions, needs), _ = _word(out)
    assert data == _brief(office)
    assert [row[2] for row in changed[1:]] == [
        docx._clean(changes.describe(c["kind"], c["detail"], "zh"), "zh") for c in data["changes"]
    ]
    assert [row[0] for row in flagged[1:]] == [f"{p['number']} {p['title']}" for p in data["red_amber"]]
    assert [row[1] for row in overdue[1:]] == [
        f"{m['milestone']} {m['milestone_title']}" for m in data["overdue_milestones"]
    ]
    assert [row[1] for row in actions[1:]] == [f"{a['action']} {a['text']}" for a in data["open_actions"]]
    assert [row[3] for row in needs[1:]] == [n["need"] for n in data["needs"]]


def test_markdown_and_terminal_say_the_same(office: Path) -> None:
    md = _cli(office, "brief", "--from", "2022-06-01", "--to", "2022-06-30", "--format", "md").stdout
    assert md.startswith("# 调度讲评简报（2022-06-01至2022-06-30）\n")
    assert "| 24 农贸市场立体停车场建设 | 红：进度落后超过红线、最近一次讲评为红、里程碑逾期 | 50% | 梁楚翔 |" in md
    assert "资金\\*拨付\\*\\|\\[链接\\]\\(http://x\\)" in md  # data escaped, never Markdown
    screen = _cli(office, "brief", "--period", "2022-06").stdout
    for text in (
        "一、总体情况",
        "六、需协调事项",
        "农贸市场立体停车场建设",
        "M1 完成选址",
        "R1.1 重新选址",
        "用地指标",
    ):
        assert text in screen
    english = _cli(office, "brief", "--period", "2022-06", "--format", "md", lang="en").stdout
    assert "## 3. Red and amber projects, and why" in english and "latest review rated red" in english


def test_the_default_period_is_the_thirty_days_to_as_of(office: Path) -> None:
    data = json.loads(_cli(office, "brief", "--as-of", "2022-06-30", "--format", "json").stdout)
    assert data["period"] == {"start": "2022-06-01", "end": "2022-06-30"} and data["as_of"] == "2022-06-30"
    quarter = json.loads(_cli(office, "brief", "--period", "2022-q2", "--format", "json").stdout)
    assert quarter["period"] == {"start": "2022-04-01", "end": "2022-06-30"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--period", "2022-13"], "2022-13"),
        (["--period", "2022-Q5"], "2022-Q5"),
        (["--period", "2022-06-01"], "2022-06-01"),
        (["--period", "0000"], "0000"),
        (["--from", "2022-06-30", "--to", "2022-06-01"], "早于"),
        (["--period", "2022-06", "--from", "2022-06-01"], "--period"),
        (["--format", "docx"], "-o"),
        (["-o", "x.md"], "--format"),
    ],
)
def test_bad_input_is_refused_with_exit_2(office: Path, tmp_path: Path, args: list[str], says: str) -> None:
    result = _cli(office, "brief", *args)
    assert result.exit_code == 2, result.output
    assert says in result.output and "Traceback" not in result.output


def test_an_existing_file_is_kept_unless_forced(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    out.write_bytes(b"mine")
    refused = _cli(office, "brief", "--period", "2022-06", "--format", "docx", "-o", str(out))
    assert refused.exit_code == 2 and "--force" in refused.output
    assert out.read_bytes() == b"mine"
    assert _cli(office, "brief", "--period", "2022-06", "--format", "docx", "-o", str(out), "--force").exit_code == 0
    assert _word(out)[0][0] == ("Heading 1", "调度讲评简报（2022年6月1日至2022年6月30日）")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]  # no temporary file left beside it


def test_the_report_as_word_follows_the_report(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "24.docx"
    result = _cli(office, "report", "24", "--as-of", "2022-06-30", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    md = _cli(office, "report", "24", "--as-of", "2022-06-30", "--format", "md").stdout
    paragraphs, tables, _ = _word(out)
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings == [line.lstrip("# ").replace("\\", "") for line in md.splitlines() if line.startswith("#")]
    assert headings[0] == "【24】农贸市场立体停车场建设"
    assert ("List Bullet", "状态：进行中（自 2022年3月1日）") in paragraphs
    assert ("List Bullet 2", "待办：R1.1 重新选址（—，2022年6月20日，逾期 10 天）") in paragraphs
    milestones = next(t for t in tables if t[0][:2] == ["编号", "名称"] or "M1" in t[1][0])
    assert milestones[1][:3] == ["M1", "完成选址", "2022年5月31日"]
    assert _cli(office, "report", "24", "--format", "docx").exit_code == 2  # Word needs a file


def test_the_installed_command_writes_word(office: Path, tmp_path: Path, sh) -> None:
    out = tmp_path / "brief.docx"
    args = ("brief", "--period", "2022-06", "--format", "docx", "-o", str(out), "-r", str(office / "registry"))
    done = sh(*args)
    assert done.returncode == 0, done.stderr
    assert _word(out)[0][1] == ("Normal", "容桂街道“揭榜挂帅”改革创新项目（首批） · 评估日期 2022年6月30日")
    again = sh(*args)
    assert again.returncode == 2 and "--force" in again.stderr

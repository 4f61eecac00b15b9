"""`jiebang export` and `jiebang import` (issue 11): the register as spreadsheets and back.

Round trips run on the bundled sample in a git repository of its own: export, import into a
fresh register with the same programme, export again, and compare cell by cell (XLSX opened
with openpyxl). Bad input is located (FILE:ROW:COLUMN), refused whole, and writes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from conftest import SAMPLE, git, repo_of

if TYPE_CHECKING:
    from collections.abc import Callable

openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2022-06-30"
HOSTILE = ['=HYPERLINK("http://example.invalid","点我")', "+1", "@SUM(A1)", "-2+3"]


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample register under git, the working folder set to it."""
    return repo_of(tmp_path, monkeypatch, SAMPLE)


def fresh(run: Callable[..., object], tmp_path: Path, name: str = "fresh") -> Path:
    """A new register with the sample's programme id and one category of its own."""
    target = tmp_path / name
    result = run(
        ["jiebang", "init", str(target), "--id", "ronggui-2022", "--name", "容桂", "--organiser", "容桂街道",
         "--launched-on", "2022-02-24", "--category", "industry:产业:建设现代产业体系"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return target


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def enrich(run: Callable[..., object]) -> None:
    """Give the sample what a round trip must carry beyond it: a due date, milestones (one done,
    one overdue), a lead unit, members and a lead official, and hostile text."""
    for argv in (
        ["set", "project", "24", "--due", "2022-12-31", "--lead-unit", HOSTILE[0]],
        ["set", "project", "23", "--lead-unit", HOSTILE[1]],
        ["set", "project", "22", "--lead-unit", HOSTILE[2]],
        ["add", "milestone", "24", "--title", "完成选址", "--due", "2022-03-31"],
        ["add", "milestone", "24", "--title", HOSTILE[3], "--due", "2022-09-30"],
        ["milestone", "24", "M1", "--done", "--on", "2022-03-20"],
        ["add", "milestone", "23", "--title", "完成方案", "--due", "2022-04-30"],
        ["assign", "24", "--member", "李耀新"],
        ["assign", "24", "--lead-official", "吴磊"],
    ):
        result = run(["jiebang", *argv, "--on", "2022-03-01"] if argv[0] in ("set",) else ["jiebang", *argv])
        assert result.exit_code == 0, (argv, result.output)


# ------------------------------------------------------------------------------ round trips


def test_xlsx_round_trip_is_lossless(run, office, tmp_path):
    enrich(run)
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert run(["jiebang", "export", "-o", str(first), "--as-of", AS_OF]).exit_code == 0
    target = fresh(run, tmp_path)
    before = head(target)
    result = run(["jiebang", "import", str(first), "--registry", str(target), "--on", "2022-02-24"])
    assert result.exit_code == 0, result.output
    assert git(target, "rev-list", "--count", f"{before}..HEAD").strip() == "1"  # one import, one commit
    assert git(target, "status", "--porcelain") == ""
    assert run(["jiebang", "validate", "--registry", str(target)]).exit_code == 0
    assert run(["jiebang", "export", "-o", str(second), "--as-of", AS_OF, "--registry", str(target)]).exit_code == 0
    a, b = cells(first), cells(second)
    assert list(a) == list(b)
    for name in a:
        assert a[name] == b[name], name
    assert len(a["4 民生"]) == 1 + 6 and len(a["里程碑"]) == 1 + 3


def test_csv_round_trip_is_lossless(run, office, tmp_path):
    enrich(run)
    first, second = tmp_path / "first", tmp_path / "second"
    assert run(["jiebang", "export", "--format", "csv", "-o", str(first), "--as-of", AS_OF]).exit_code == 0
    files = sorted(first.glob("*.csv"))
    kinds = ("categories", "projects", "people", "units", "milestones", "readings")
    assert [f.name for f in files] == sorted(f"{k}.csv" for k in kinds)
    target = fresh(run, tmp_path)
    result = run(["jiebang", "import", *map(str, files), "--registry", str(target), "--on", "2022-02-24"])
    assert result.exit_code == 0, result.output
    export = ["jiebang", "export", "--format", "csv", "-o", str(second), "--as-of", AS_OF, "--registry", str(target)]
    assert run(export).exit_code == 0
    for path in files:
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    projects = (first / "projects.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK(" in projects and "'@SUM(A1)" in projects  # neutralised in the CSV
    # ... and the neutralising quote is gone again in the register: the text is what was written
    shown = run(["jiebang", "show", "24", "--registry", str(target), "--format", "json"]).output
    assert json.loads(shown)["lead_unit"] == HOSTILE[0]


def test_importing_the_same_file_again_changes_nothing(run, office, tmp_path):
    book = tmp_path / "book.xlsx"
    run(["jiebang", "export", "-o", str(book), "--as-of", AS_OF])
    before = head(office)
    result = run(["jiebang", "import", str(book)])
    assert result.exit_code == 0, result.output
    assert head(office) == before
    assert "新建 0、更新 0" in result.output


def test_a_changed_row_updates_the_project(run, office, tmp_path):
    sheet = tmp_path / "projects.csv"
    run(["jiebang", "export", "--format", "csv", "--kind", "projects", "-o", str(sheet), "--as-of", AS_OF])
    text = sheet.read_text("utf-8-sig").replace("农贸市场立体停车场建设,", "农贸市场立体停车场建设（二期）,", 1)
    text = text.replace(",梁楚翔,,", ",梁楚翔,胡添强,", 1)  # 24 gains a mentor
    sheet.write_text(text, "utf-8-sig")
    result = run(["jiebang", "import", str(sheet), "--dry-run"])
    assert result.exit_code == 0 and "title、mentors" in result.output
    result = run(["jiebang", "import", str(sheet), "--on", "2022-03-01"])
    assert result.exit_code == 0, result.output
    project = (office / "registry/programmes/ronggui-2022/projects/24.yaml").read_text("utf-8")
    assert "title: 农贸市场立体停车场建设（二期）" in project and "mentors: [P0004]" in project
    assert "更新 1" in result.output


# ------------------------------------------------------------------------------ the workbook


def test_workbook_layout(run, office, tmp_path):
    enrich(run)
    book_path = tmp_path / "book.xlsx"
    assert run(["jiebang", "export", "-o", str(book_path), "--as-of", AS_OF]).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["汇总", "1 产业", "2 名城", "3 治理", "4 民生", "5 党建", "6 遗留",
                               "类别", "人员", "单位", "里程碑", "指标读数"]  # fmt: skip
    ws = book["4 民生"]
    assert all(book[n].freeze_panes == "A2" for n in book.sheetnames)
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["类别", "编号", "项目名称"] and "红黄绿（自动计算）" in headers
    rows = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    due = rows[24][headers.index("计划完成")]
    assert due.value.date() == date(2022, 12, 31) and due.is_date and due.number_format == "yyyy-mm-dd"
    # widths fit Chinese text: a wide character counts 2
    title_width = ws.column_dimensions["C"].width
    assert title_width >= 2 * len("农贸市场立体停车场建设")
    # RAG as a fill and as the word
    rag = rows[24][headers.index("红黄绿（自动计算）")]
    assert rag.value in ("红", "黄") and rag.fill.fgColor.rgb.endswith(("FFC7CE", "FFEB9C"))
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][:3] == ("类别序号", "类别名称", "项目数") and sum(r[2] for r in summary[1:]) == 30


def test_xlsx_writes_formula_like_text_as_text(run, office, tmp_path):
    """openpyxl would store a string starting with = as a formula: export keeps it a string,
    shown with Excel's quote prefix, in every sheet (projects, milestones)."""
    enrich(run)
    book_path = tmp_path / "book.xlsx"
    assert run(["jiebang", "export", "-o", str(book_path), "--as-of", AS_OF]).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    ws = book["4 民生"]
    headers = [c.value for c in ws[1]]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    # hostile text stays text, never a formula
    unit = rows[24][headers.index("牵头单位")]
    assert unit.value == HOSTILE[0] and unit.data_type == "s" and unit.quotePrefix
    for row in (23, 22):
        assert rows[row][headers.index("牵头单位")].data_type == "s"
    ms = book["里程碑"]
    assert any(c.value == HOSTILE[3] and c.data_type == "s" for row in ms.iter_rows() for c in row)


def test_english_headers_and_other_formats(run, office, tmp_path):
    out = run(["jiebang", "export", "--format", "json", "--kind", "categories", "--lang", "en"])
    assert out.exit_code == 0 and '"name": "建设现代产业体系"' in out.output
    md = run(["jiebang", "export", "--format", "md", "--kind", "people", "--lang", "en"])
    assert "| person id | name |" in md.output
    sheet = tmp_path / "p.csv"
    assert (
        run(["jiebang", "export", "-f", "csv", "--kind", "projects", "-o", str(sheet), "--lang", "en"]).exit_code == 0
    )
    assert sheet.read_text("utf-8-sig").startswith("category,number,title,")
    # English headers import as well as Chinese ones
    assert run(["jiebang", "import", str(sheet), "--dry-run"]).exit_code == 0


# ------------------------------------------------------------------------------ bad input


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# (header row, data row, where the problem is, its code, a word its message or hint gives)
BAD = [
    ("编号,项目名,类别", "31,新项目,民生", "bad.csv:1:项目名", "sheet.unknown-header", "项目名称"),
    ("编号,项目名称,类别,计划完成", "31,新项目,民生,2022-02-30", "bad.csv:2:计划完成", "usage.no-such-day", "2月"),
    ("编号,项目名称,类别", "31,新项目,民声", "bad.csv:2:类别", "find.category", "民生"),
    ("编号,项目名称,类别,负责人", "31,新项目,民生,梁楚祥", "bad.csv:2:负责人", "edit.no-person-near", "梁楚翔"),
    ("编号,项目名称,类别", "31,,民生", "bad.csv:2:项目名称", "sheet.no-title", ""),
    ("编号,项目名称,类别,状态", "31,新项目,民生,进行", "bad.csv:2:状态", "sheet.bad-status", "active"),
    ("编号,项目名称,类别", "x1,新项目,民生", "bad.csv:2:编号", "sheet.not-a-number", ""),
]


@pytest.mark.parametrize("case", BAD, ids=[b[3] for b in BAD])
def test_bad_rows_are_located_and_nothing_is_written(run, office, tmp_path, case):
    header, row, where, code, word = case
    sheet = write_csv(tmp_path / "bad.csv", [header.split(","), row.split(",")])
    before = head(office)
    result = run(["jiebang", "import", str(sheet), "--on", "2022-03-01"])
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if f"[{code}]" in x)
    assert line.split(": ", 1)[0].endswith(where)
    assert word in result.output
    assert head(office) == before and git(office, "status", "--porcelain") == ""


def test_duplicate_numbers_and_all_problems_at_once(run, office, tmp_path):
    sheet = write_csv(
        tmp_path / "dup.csv",
        [
            ["编号", "项目名称", "类别", "项目导师"],
            ["31", "甲", "民生", ""],
            ["31", "乙", "民生", ""],
            ["32", "丙", "民生", "无名氏"],
        ],
    )
    result = run(["jiebang", "import", str(sheet), "--on", "2022-03-01", "--lang", "en"])
    assert result.exit_code == 1
    assert "dup.csv:3:编号: error [sheet.duplicate]" in result.output and "dup.csv:2" in result.output
    assert "dup.csv:4:项目导师: error [edit.no-person]" in result.output
    assert "3 problems" not in result.output and "2 problems" in result.output


def test_dry_run_writes_nothing(run, office, tmp_path):
    sheet = write_csv(
        tmp_path / "new.csv", [["编号", "项目名称", "类别", "团队负责人"], ["31", "新项目", "民生", "梁楚翔"]]
    )
    before = head(office)
    result = run(["jiebang", "import", str(sheet), "--dry-run", "--on", "2022-03-01"])
    assert result.exit_code == 0 and "新建" in result.output and "31" in result.output
    assert head(office) == before and git(office, "status", "--porcelain") == ""
    bad = write_csv(tmp_path / "bad.csv", [["编号", "项目名称", "类别"], ["31", "新项目", "不存在"]])
    result = run(["jiebang", "import", str(bad), "--dry-run"])
    assert result.exit_code == 1 and "[find.category]" in result.output
    assert git(office, "status", "--porcelain") == ""


def test_gbk_csv_and_a_mapping_file(run, office, tmp_path):
    sheet = write_csv(
        tmp_path / "gbk.csv",
        [["说明行"], ["序号", "难题名称", "所属类别", "挂帅人"], ["31", "農貿市場二期", "民生", "梁楚翔"]],
        encoding="gb18030",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text("kind: projects\nheader_row: 2\ncolumns:\n  难题名称: title\n  所属类别: category\n", "utf-8")
    result = run(["jiebang", "import", str(sheet), "--mapping", str(mapping), "--on", "2022-03-01"])
    assert result.exit_code == 0, result.output
    project = (office / "registry/programmes/ronggui-2022/projects/31.yaml").read_text("utf-8")
    assert "title: 農貿市場二期" in project and "leader: P0007" in project
    assert git(office, "log", "-1", "--format=%s").startswith("jiebang: import gbk.csv create=1")


def test_unreadable_and_ambiguous_files_are_usage_errors(run, office, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert run(["jiebang", "import", str(broken)]).exit_code == 2
    unknown = tmp_path / "x.ods"
    unknown.write_bytes(b"")
    assert run(["jiebang", "import", str(unknown)]).exit_code == 2
    vague = write_csv(tmp_path / "sheet.csv", [["id", "name"], ["X1", "甲"]])  # people or units?
    result = run(["jiebang", "import", str(vague)])
    assert result.exit_code == 2 and "看不出" in result.output and "--kind" in result.output
    assert git(office, "status", "--porcelain") == ""


def test_formula_cells_in_a_users_workbook_are_never_run(run, office, tmp_path):
    """A formula someone typed comes in as the value the file saved, or not at all; a text cell
    that looks like one comes in as text."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "项目"
    ws.append(["编号", "项目名称", "类别", "牵头单位"])
    ws.append([31, "新项目", "民生", "=1+1"])  # a real formula, no saved value
    ws.append([32, "另一项目", "民生", HOSTILE[0]])
    ws["D3"].data_type = "s"
    path = tmp_path / "user.xlsx"
    book.save(path)
    result = run(["jiebang", "import", str(path), "--on", "2022-03-01"])
    assert result.exit_code == 0, result.output
    first = (office / "registry/programmes/ronggui-2022/projects/31.yaml").read_text("utf-8")
    second = (office / "registry/programmes/ronggui-2022/projects/32.yaml").read_text("utf-8")
    assert "lead_unit" not in first
    assert "HYPERLINK" in second


def test_through_the_installed_entry_point(sh, office, tmp_path):
    book = tmp_path / "book.xlsx"
    done = sh("export", "-o", str(book), "--as-of", AS_OF, cwd=office)
    assert done.returncode == 0, done.stderr
    again = sh("import", str(book), "--dry-run", cwd=office)
    assert again.returncode == 0, again.stderr
    assert "未变" in again.stdout + again.stderr
    bad = write_csv(tmp_path / "bad.csv", [["编号", "项目名称", "类别"], ["31", "新项目", "民声"]])
    refused = sh("import", str(bad), "--lang", "en", cwd=office)
    assert refused.returncode == 1 and "bad.csv:2:类别" in refused.stdout


def test_people_units_milestones_and_readings(run, office, tmp_path):
    """Each kind imports, keyed so that a second import of the same rows adds nothing."""
    assert (
        run(["jiebang", "add", "indicator", "24", "--name", "新增车位", "--unit", "个", "--target", "300"]).exit_code
        == 0
    )
    files = [
        write_csv(tmp_path / "units.csv", [["单位名称", "单位类型", "上级单位"], ["城建办", "区直部门", "容桂街道"]]),
        write_csv(
            tmp_path / "people.csv", [["姓名", "所在单位", "职务"], ["张三", "城建办", "干事"], ["梁楚翔", "", "科长"]]
        ),
        write_csv(
            tmp_path / "milestones.csv",
            [
                ["项目编号", "节点名称", "节点期限", "节点状态", "完成日期"],
                ["24", "完成选址", "2022-06-30", "完成", "2022-06-20"],
            ],
        ),
        write_csv(
            tmp_path / "readings.csv",
            [["对象", "指标", "截至日期", "实际值", "限定"], ["24", "I1", "2022-06", "120", "余"]],
        ),
    ]
    result = run(["jiebang", "import", *map(str, files), "--on", "2022-06-30"])
    assert result.exit_code == 0, result.output
    assert "新建 4、更新 1" in result.output  # 梁楚翔 gains a post
    people = (office / "registry/people.yaml").read_text("utf-8")
    assert "name: 张三" in people and "post: 科长" in people
    project = (office / "registry/programmes/ronggui-2022/projects/24.yaml").read_text("utf-8")
    assert "done_on: 2022-06-20" in project and "qualifier: more_than" in project and "on: 2022-06" in project
    before = head(office)
    again = run(["jiebang", "import", *map(str, files), "--on", "2022-06-30"])
    assert again.exit_code == 0 and head(office) == before and "新建 0、更新 0、未变 5" in again.output
    wrong = write_csv(tmp_path / "u2.csv", [["单位名称", "单位类型"], ["城建办", "企业"]])
    refused = run(["jiebang", "import", str(wrong), "--kind", "units"])
    assert refused.exit_code == 1 and "[sheet.unit-differs]" in refused.output


def test_headers_match_in_any_script_and_width_and_glosses_are_stripped(run, office, tmp_path):
    sheet = write_csv(
        tmp_path / "t.csv", [["Ｎｏ.", "項目名稱", "類別", "團隊負責人"], ["31", "黃巖發(fā)展项目", "民生", "梁楚翔"]]
    )
    result = run(["jiebang", "import", str(sheet), "--on", "2022-03-01"])
    assert result.exit_code == 0, result.output
    project = (office / "registry/programmes/ronggui-2022/projects/31.yaml").read_text("utf-8")
    assert "title: 黃巖發展项目" in project


def test_export_usage_errors(run, office, tmp_path):
    assert run(["jiebang", "export"]).exit_code == 2  # XLSX needs -o
    assert run(["jiebang", "export", "--format", "csv", "-o", str(tmp_path / "one.csv")]).exit_code == 2  # six kinds
    assert not (tmp_path / "one.csv").exists()


def test_milestone_rows_update_rename_and_cancel(run, office, tmp_path):
    for argv in (["add", "milestone", "24", "--title", "完成选址", "--due", "2022-06-30"],
                 ["add", "milestone", "24", "--title", "完成设计", "--due", "2022-08-31"]):  # fmt: skip
        assert run(["jiebang", *argv]).exit_code == 0
    rows = [
        ["项目编号", "节点编号", "节点名称", "节点期限", "节点状态"],
        ["24", "M1", "完成选址和设计", "2022-06-30", "计划"],
        ["24", "M2", "完成设计", "2022-08-31", "取消"],
    ]
    sheet = write_csv(tmp_path / "milestones.csv", rows)
    refused = run(["jiebang", "import", str(sheet), "--on", "2022-06-01"])
    assert refused.exit_code == 1 and "milestones.csv:3:节点状态" in refused.output  # cancelling needs a reason
    result = run(["jiebang", "import", str(sheet), "--on", "2022-06-01", "--reason", "合并为一个节点"])
    assert result.exit_code == 0, result.output
    project = (office / "registry/programmes/ronggui-2022/projects/24.yaml").read_text("utf-8")
    assert "title: 完成选址和设计" in project and "cancel_reason: 合并为一个节点" in project


SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "sources"


PUBLISHED = ("number", "category", "title", "title_published", "title_full", "scope", "scope_published")


def _listed(root: Path) -> dict[str, object]:
    """What the published list says of a register: each category's number and name, each project's
    published fields, and the people named in its team (by name: ids differ between registers)."""
    register = root / "registry"
    names = {p["id"]: p["name"] for p in yaml.safe_load((register / "people.yaml").read_text("utf-8"))["people"]}
    programme = yaml.safe_load((register / "programmes/ronggui-2022/programme.yaml").read_text("utf-8"))
    projects = {}
    for path in sorted((register / "programmes/ronggui-2022/projects").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        team = (data.get("teams") or [{}])[0]
        people = {role: sorted(names[i] for i in (team.get(role) or [])) for role in ("mentors", "lead_officials")}
        people["leader"] = names.get(team.get("leader"))
        projects[path.name] = {**{f: data.get(f) for f in PUBLISHED}, **people}
    categories = [(c["number"], c["name"]) for c in programme["categories"]]
    return {"categories": categories, "projects": projects}


def test_the_published_list_text_imports_through_the_same_plan(run, tmp_path):
    """Article 000 pasted as text (`imports.bangdan`): categories, projects and
    the people named beside them, in one commit, valid; a second import changes nothing."""
    article = SOURCES / "000_4e946c745feaa5df.txt"
    if not article.exists():
        pytest.skip("the shared sources are not beside this checkout")
    target = fresh(run, tmp_path)
    result = run(["jiebang", "import", str(article), "--registry", str(target), "--on", "2022-02-24"])
    assert result.exit_code == 0, result.output
    assert run(["jiebang", "validate", "--registry", str(target)]).exit_code == 0
    sample, imported = SAMPLE / "programmes/ronggui-2022/projects", target / "registry/programmes/ronggui-2022/projects"
    assert sorted(p.name for p in imported.glob("*.yaml")) == sorted(p.name for p in sample.glob("*.yaml"))
    expected = _listed(SAMPLE.parent)
    assert len(expected["projects"]) == 30 and len(expected["categories"]) == 6
    assert sum(bool(p["leader"]) + len(p["mentors"]) for p in expected["projects"].values()) >= 4  # the article names 4
    assert _listed(target) == expected  # categories, projects and the people named, field by field
    before = head(target)
    again = run(["jiebang", "import", str(article), "--registry", str(target), "--on", "2022-02-24"])
    assert again.exit_code == 0 and head(target) == before


def test_one_sheet_of_a_workbook(run, office, tmp_path):
    book = tmp_path / "book.xlsx"
    run(["jiebang", "export", "-o", str(book), "--as-of", AS_OF])
    result = run(["jiebang", "import", str(book), "--sheet", "人员", "--dry-run"])
    assert result.exit_code == 0 and "未变 7" in result.output and "新建 0" in result.output
    missing = run(["jiebang", "import", str(book), "--sheet", "没有这张表"])
    assert missing.exit_code == 2 and "汇总" in missing.output  # names the sheets there are


def test_a_list_numbered_per_category_is_numbered_in_order_and_warnings_do_not_refuse(run, tmp_path):
    target = fresh(run, tmp_path)
    text = "一、建设现代产业体系\n1、甲项目(东部片区)\n导师：胡添强\n2、乙项目\n"
    text += "二、持续增进民生福祉\n1、丙项目\n3、丁项目\n"
    listing = tmp_path / "list.txt"
    listing.write_text(text, "utf-8")
    result = run(["jiebang", "import", str(listing), "--registry", str(target), "--on", "2022-02-24"])
    assert result.exit_code == 0, result.output
    assert "[import.number-gap]" in result.output  # a warning, shown, not a refusal
    projects = target / "registry/programmes/ronggui-2022/projects"
    assert sorted(p.name for p in projects.glob("*.yaml")) == ["01.yaml", "02.yaml", "03.yaml", "04.yaml"]
    first = (projects / "01.yaml").read_text("utf-8")
    assert "scope: 东部片区" in first and "mentors: [P0001]" in first
    before = head(target)
    again = run(["jiebang", "import", str(listing), "--registry", str(target), "--on", "2022-02-24"])
    assert again.exit_code == 0 and head(target) == before  # matched by title: nothing twice

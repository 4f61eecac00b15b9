"""`jiebang render html` (issue 11, part 4): the offline site's pages, read back as HTML.

The overview's figures must be `jiebang status --format json`'s; register text is untrusted and
must stay text; every link must lead to a file the site has; a bad folder or programme is
refused with exit 2 and nothing written. tests/test_browser.py opens the same site in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO, SAMPLE, git, repo_of
from jiebang import api
from jiebang.present.html.pages import SafeNames

DEMO = REPO / "tests" / "fixtures" / "demo" / "registry"
HOSTILE = "<script>alert('x')</script> & \"引号\""


class _Page(HTMLParser):
    """What the tests read from a page: links, the overview's figures, the text, the SVG."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.sources: list[str] = []
        self.rows: dict[str, dict[str, str]] = {}  # data-category → data-key → cell text
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._row: str | None = None
        self._cell: str | None = None
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if "src" in a:
            self.sources.append(a["src"])
        if tag == "link" and "href" in a:
            self.sources.append(a["href"])
        if tag == "tr" and "data-category" in a:
            self._row = a["data-category"]
            self.rows[self._row] = {}
        if tag == "td" and self._row is not None and "data-key" in a:
            self._cell = a["data-key"]
            self.rows[self._row][self._cell] = a.get("data-value", "")
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None
        if tag == "tr":
            self._row = None
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if not self._script:
            self.text.append(data)
        if self._row is not None and self._cell is not None and self._cell != "average_progress":
            self.rows[self._row][self._cell] += data.strip()


def read(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text("utf-8"))
    return parser


def render(run, out: Path, *args: str) -> object:
    return run(["jiebang", "render", "html", "-o", str(out), *args])


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo register (8 projects, milestones, indicators, red, amber and green) as a site."""
    from typer.testing import CliRunner

    from jiebang.cli import app

    out = tmp_path_factory.mktemp("demo") / "site"
    result = CliRunner().invoke(app, ["render", "html", "-o", str(out), "-r", str(DEMO), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    return out


def _status(run, *args: str) -> dict:
    result = run(["jiebang", "status", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


FIGURES = ("projects", "open", "underway", "review", "done", "stopped", "red", "amber", "green", "paused", "unrated")


def _same_figures(page: _Page, status: dict) -> None:
    """Every figure of every category row and of the total, as the overview shows it."""
    expected = {row["category"]: row for row in status["categories"]} | {"total": status["total"]}
    assert set(page.rows) == set(expected)
    for key, row in expected.items():
        shown = page.rows[key]
        assert {f: int(shown[f]) for f in FIGURES} == {f: row[f] for f in FIGURES}, key
        assert int(shown["overdue_milestones"]) == row["overdue_milestones"]
        average = row["average_progress"]
        assert shown["average_progress"] == ("" if average is None else f"{average:g}")


def test_the_overview_shows_the_figures_status_json_gives(demo_site: Path, run) -> None:
    page = read(demo_site / "index.html")
    status = _status(run, "-r", str(DEMO), "--as-of", "2023-06-30")
    assert status["total"]["red"] == 1 and status["total"]["amber"] == 3  # figures worth comparing
    _same_figures(page, status)
    titles = [p["title"] for p in status["projects"]]
    text = "".join(page.text)
    assert all(title in text for title in titles)


def test_the_bundled_sample_overview_agrees_with_status(tmp_path: Path, run) -> None:
    result = render(run, tmp_path / "site", "--as-of", "2022-06-30")
    assert result.exit_code == 0, result.output
    _same_figures(read(tmp_path / "site" / "index.html"), _status(run, "--as-of", "2022-06-30"))
    assert len(list((tmp_path / "site" / "projects").glob("*.html"))) == 30


def _local(href: str) -> bool:
    return not urlsplit(href).scheme and not href.startswith(("#", "//"))


def test_every_link_leads_to_a_page_of_the_site_and_nothing_is_fetched(demo_site: Path) -> None:
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) == 1 + 1 + 8 + 5  # the overview, the brief, 8 projects, the 5 people the reports name
    for path in pages:
        page = read(path)
        assert page.sources == [], f"{path} loads {page.sources}"  # no script, style or font from anywhere
        for href in page.links:
            if _local(href):
                target = (path.parent / unquote(urlsplit(href).path)).resolve()
                assert target.is_file(), f"{path.name}: {href}"
                assert target.is_relative_to(demo_site.resolve())
        text = path.read_text("utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert '<meta charset="utf-8">' in text and '<html lang="zh-CN">' in text
        assert "@media print" in text
        assert not re.search(r"@import|url\(", text)  # no stylesheet or font from elsewhere


def test_a_project_page_has_the_report_a_timeline_and_charts(demo_site: Path) -> None:
    page3 = (demo_site / "projects" / "demo-2023-3.html").read_text("utf-8")
    assert "【3】测试项目三：节点严重逾期" in page3
    timeline = re.search(r'<svg class="timeline".*?</svg>', page3, re.S)
    assert timeline, "no timeline"
    assert re.findall(r'data-id="(M\d)"', timeline[0]) == ["M1", "M2", "M3", "M4"]
    assert "#c62828" in timeline[0]  # M2 is overdue: red
    assert '<svg class="indicator"' not in page3  # no indicator, no chart
    page6 = (demo_site / "projects" / "demo-2023-6.html").read_text("utf-8")
    charts = re.findall(r'<svg class="indicator".*?</svg>', page6, re.S)
    assert len(charts) == 2
    assert len(re.findall(r'<circle class="reading"', charts[0])) == 2  # readings 60 and 120
    assert 'class="target"' in charts[0] and "200" in charts[0]
    assert "<title>2023-05-31 120</title>" in charts[0]


def test_people_have_pages_linked_both_ways(demo_site: Path) -> None:
    project = read(demo_site / "projects" / "demo-2023-1.html")
    assert "../people/P0003.html" in project.links  # the leader 测试丙
    person = read(demo_site / "people" / "P0003.html")
    assert "测试丙 (P0003)" in "".join(person.text)
    assert "../projects/demo-2023-1.html" in person.links and "../projects/demo-2023-5.html" in person.links
    assert "../index.html" in person.links
    overview = read(demo_site / "index.html")
    assert "people/P0003.html" in overview.links and "projects/demo-2023-8.html" in overview.links


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo register, with a project title and an update that hold markup."""
    root = repo_of(tmp_path, monkeypatch, DEMO)
    path = root / "registry" / "programmes" / "demo-2023" / "projects" / "01.yaml"
    text = path.read_text("utf-8").replace("title: 测试项目一：按期推进", f"title: {json.dumps(HOSTILE)}")
    text = text.replace("summary: 试点基本完成（虚构）", 'summary: "<img src=x onerror=alert(1)>"')
    path.write_text(text, "utf-8")
    git(root, "commit", "-qam", "hand: markup in a title")
    return root


def test_register_text_is_escaped_everywhere(hostile: Path, run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = render(run, out, "--as-of", "2023-06-30")
    assert result.exit_code == 0, result.output
    for path in out.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "<script>alert" not in text and "<img" not in text, path
    index = (out / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;引号&quot;" in index
    assert HOSTILE in "".join(read(out / "index.html").text)  # ...and reads as written
    project = out / "projects" / "demo-2023-1.html"
    assert HOSTILE in "".join(read(project).text)
    assert "<img src=x onerror=alert(1)>" in "".join(read(project).text)
    assert HOSTILE in "".join(read(out / "people" / "P0003.html").text)


def test_english_pages(tmp_path: Path, run) -> None:
    result = render(run, tmp_path / "site", "-r", str(DEMO), "--as-of", "2023-06-30", "--lang", "en")
    assert result.exit_code == 0, result.output
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert '<html lang="en">' in index and "Progress by category" in index and "As of 2023-06-30" in index
    assert "pages written to" in result.stderr


def test_a_second_render_updates_the_site_and_removes_stale_pages(tmp_path: Path, run) -> None:
    out = tmp_path / "site"
    assert render(run, out, "-r", str(DEMO), "--as-of", "2023-06-30").exit_code == 0
    assert (out / "projects" / "demo-2023-8.html").exists()
    # on 2023-01-05 only the projects that existed by then, and their people
    result = render(run, out, "-r", str(DEMO), "--as-of", "2023-01-05")
    assert result.exit_code == 0, result.output
    listed = (out / api.SITE_MARKER).read_text("utf-8").splitlines()
    assert sorted(listed) == sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert "2023-01-05" in (out / "index.html").read_text("utf-8")
    assert len(listed) < 15


def test_a_folder_of_other_files_is_refused_unless_forced(tmp_path: Path, run) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", "utf-8")
    result = render(run, out, "-r", str(DEMO))
    assert result.exit_code == 2
    assert "--force" in result.stderr and str(out) in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]  # nothing written
    result = render(run, out, "-r", str(DEMO), "--force")
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text("utf-8") == "keep me" and (out / "index.html").exists()
    # a render there now is a previous render: no --force needed, and notes.txt is still not ours
    assert render(run, out, "-r", str(DEMO)).exit_code == 0
    assert (out / "notes.txt").exists()


def test_a_file_for_a_folder_and_an_unknown_programme_are_refused(tmp_path: Path, run, sh) -> None:
    target = tmp_path / "site.html"
    target.write_text("x", "utf-8")
    result = render(run, target, "-r", str(DEMO))
    assert result.exit_code == 2 and "不是文件夹" in result.stderr
    assert target.read_text("utf-8") == "x"
    missing = tmp_path / "new"
    result = render(run, missing, "-r", str(DEMO), "--programme", "nope-2099")
    assert result.exit_code == 2 and "nope-2099" in result.stderr
    assert not missing.exists()
    # the same through the installed command
    done = sh("render", "html", "-o", str(target), "-r", str(DEMO), "--lang", "en")
    assert done.returncode == 2 and "is a file, not a folder" in done.stderr and "Traceback" not in done.stderr


def test_the_installed_command_renders_a_programme(tmp_path: Path, sh) -> None:
    done = sh("render", "html", "-o", str(tmp_path / "site"), "--programme", "ronggui-2022", "--as-of", "2022-06-30")
    assert done.returncode == 0, done.stderr
    assert "已生成 36 个网页" in done.stderr  # overview, brief, 30 projects, the 4 people the sample names
    assert done.stdout == ""
    assert "█" not in done.stderr and "━" not in done.stderr  # no progress bar when not on a terminal


def test_the_site_is_rendered_one_page_at_a_time() -> None:
    reg, _ = api.open_register(str(SAMPLE))
    from datetime import date

    site = api.html_site(reg, as_of=date(2022, 6, 30), lang="zh")
    pages = site.pages()
    first = next(pages)
    assert first.path == "index.html" and "容桂" in first.text
    assert 1 + sum(1 for _ in pages) == site.count == 35


def test_file_names_are_safe_on_windows() -> None:
    names = SafeNames()
    assert names("ronggui-2022-24") == "ronggui-2022-24"
    assert names("CON") == "_CON" and names("com1") == "_com1" and names("aux") == "_aux"
    assert names("a b:c?") == "a_20b_3ac_3f"
    assert names("测试") == "_6d4b_8bd5"
    assert names("p0001") == "p0001" and names("P0001") == "P0001-2"  # not the same file where case does not count
    assert names("P0001") == "P0001-2"  # the same key, the same name
    for name in ("CON", "a b:c?", "测试", "P0001", "x" * 300):
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,90}", names(name))


def test_rendering_changes_nothing_in_the_register(tmp_path: Path, run) -> None:
    """Rendering reads: the register's files and git are untouched."""
    root = tmp_path / "copy"
    shutil.copytree(DEMO, root / "registry")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    assert render(run, tmp_path / "site", "-r", str(root / "registry")).exit_code == 0
    assert git(root, "status", "--porcelain") == ""


def test_markdown_becomes_html_without_raw_markup_or_script_links() -> None:
    """report_md escapes the data it quotes; the converter refuses raw HTML and script links as well."""
    from jiebang.present.html.layout import from_markdown

    out = from_markdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>\n\n| a |\n|---|\n| 1 |\n")
    assert "<script>" not in out and "<b>" not in out and "href=" not in out
    assert "&lt;script&gt;" in out and "<table>" in out


def test_two_programmes_and_an_id_naming_two_people(repo: Path, run, tmp_path: Path) -> None:
    """Before `migrate` each programme keeps its own people: P0001 of one is not P0001 of the other,
    so 别人甲 must not be linked to 测试甲's page; both programmes' projects are listed."""
    registry = repo / "registry" / "programmes"
    shutil.copytree(registry / "hm-2023", registry / "hm-2024")
    programme = registry / "hm-2024" / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("id: hm-2023", "id: hm-2024"), "utf-8")
    people = registry / "hm-2024" / "people.yaml"
    people.write_text(people.read_text("utf-8").replace("name: 测试甲", "name: 别人甲"), "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "hand: a second programme")
    out = tmp_path / "site"
    result = render(run, out, "--as-of", "2023-06-30")
    assert result.exit_code == 0, result.output
    index = read(out / "index.html")
    assert "projects/hm-2023-1.html" in index.links and "projects/hm-2024-1.html" in index.links
    assert {"hm-2023/1", "hm-2024/1"} <= set(index.text)
    assert "测试甲 (P0001)" in "".join(read(out / "people" / "P0001.html").text)
    assert "../people/P0001.html" in read(out / "projects" / "hm-2023-1.html").links
    for path in out.rglob("*.html"):
        for href in read(path).links:
            if _local(href):
                assert (path.parent / href).resolve().is_file(), f"{path.name}: {href}"
    other = read(out / "projects" / "hm-2024-1.html")
    assert "别人甲" in "".join(other.text)
    assert "../people/P0001.html" not in other.links  # 别人甲 is not 测试甲
    assert "../people/P0002.html" in other.links  # the mentor, the same person in both
    assert "people/P0001.html" in index.links  # from hm-2023/1's row, not hm-2024/1's
    rows = (out / "index.html").read_text("utf-8").split('<tr data-key="hm-2024/1">', 1)[1].split("</tr>", 1)[0]
    assert "别人甲" in rows and "P0001.html" not in rows


def test_nothing_from_the_restricted_store_reaches_the_site(repo: Path, store: Path, run, tmp_path: Path) -> None:
    """A site is copied and passed on: not a record of the restricted store, not even their count,
    although one is configured (JIEBANG_RESTRICTED) and holds an assessment of the project's leader."""
    (store / "assessments" / "2023.yaml").write_text(
        "schema_version: 1\nassessments:\n"
        "  - {id: A0101, date: 2023-03-01, kind: quarterly, subject_type: person, subject: P0001,\n"
        "    assessor: 组织部（虚构）, level: excellent, outcome: advance}\n",
        "utf-8",
    )
    git(store, "add", "-A")
    git(store, "commit", "-qm", "store: an assessment")
    report = run(["jiebang", "report", "1", "--as-of", "2023-06-30"])
    assert "受限记录" in report.stdout  # what a report in the office says, and the site must not
    out = tmp_path / "site"
    result = render(run, out, "--as-of", "2023-06-30")
    assert result.exit_code == 0, result.output
    for path in out.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "受限" not in text and "A0101" not in text and "组织部" not in text, path
    assert render(run, tmp_path / "other", "--include-restricted").exit_code == 2
    assert not (tmp_path / "other").exists()


def test_a_terminal_sees_a_progress_bar_and_a_pipe_does_not(tmp_path: Path, sh) -> None:
    """TTY_COMPATIBLE=1 makes Rich treat the pipe as a terminal (tests/test_terminal.py)."""
    terminal = {"TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "COLUMNS": "100"}
    done = sh("render", "html", "-o", str(tmp_path / "a"), "--as-of", "2022-06-30", env=terminal)
    assert done.returncode == 0, done.stderr
    assert "正在生成网页" in done.stderr and "100%" in done.stderr  # 35 pages: the bar, filled
    done = sh("render", "html", "-o", str(tmp_path / "b"), "--as-of", "2022-06-30")
    assert done.returncode == 0 and "正在生成网页" not in done.stderr and "%" not in done.stderr


def test_the_brief_page_is_jiebang_brief_in_html(tmp_path: Path, run) -> None:
    """`--period` (or --from/--to, default the 30 days to --as-of) as `jiebang brief` takes it, in
    the layout `jiebang brief --format md` prints, linked from every page."""
    out = tmp_path / "site"
    args = ["-r", str(DEMO), "--as-of", "2023-06-30", "--period", "2023-06"]
    result = render(run, out, *args)
    assert result.exit_code == 0, result.output
    md = run(["jiebang", "brief", *args, "--format", "md"])
    assert md.exit_code == 0, md.output
    from jiebang.present.html.layout import from_markdown

    page = (out / "brief.html").read_text("utf-8")
    assert from_markdown(md.stdout) in page
    assert "<title>调度讲评简报（2023-06-01至2023-06-30）</title>" in page
    assert "brief.html" in read(out / "index.html").links
    assert "../brief.html" in read(out / "projects" / "demo-2023-3.html").links
    assert "../brief.html" in read(out / "people" / "P0003.html").links
    # by default, the 30 days to --as-of
    assert render(run, tmp_path / "b", "-r", str(DEMO), "--as-of", "2023-06-30").exit_code == 0
    assert "2023-06-01至2023-06-30" in (tmp_path / "b" / "brief.html").read_text("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "2023-13"],
        ["--period", "2023-06", "--from", "2023-06-01"],
        ["--from", "2023-07-01", "--to", "2023-06-01"],
    ],
)
def test_a_bad_period_is_refused_and_nothing_written(tmp_path: Path, run, args: list[str]) -> None:
    result = render(run, tmp_path / "site", "-r", str(DEMO), *args)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "site").exists()


def test_a_command_run_earlier_in_the_process_leaves_no_options_behind(run, tmp_path: Path) -> None:
    """In-process callers run many commands: `render html` takes no store, so an earlier
    `report --include-restricted` must not make it look for that report's one."""
    earlier = run(["jiebang", "report", "3", "-r", str(DEMO), "--restricted", str(tmp_path / "nowhere"),
                   "--include-restricted"])  # fmt: skip
    assert earlier.exit_code == 2
    result = run(["jiebang", "render", "html", "-o", str(tmp_path / "site"), "-r", str(DEMO), "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output

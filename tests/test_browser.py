"""The rendered site in a real browser (issue 11, part 5): headless Chromium opens the overview,
reads its figures from the page and compares them with `jiebang status --format json`, follows a
link to a project page and to the brief, checks that nothing was fetched from outside the site, and keeps a
screenshot (in `JIEBANG_ARTIFACTS`, else pytest's tmp folder).

Without Chromium these tests skip, except under CI (`CI` set), where they fail: CI installs
Debian's `chromium` (.ci/run) and must not pass by skipping them.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import REPO, git, repo_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

DEMO = REPO / "tests" / "fixtures" / "demo" / "registry"
FIGURES = ("projects", "open", "underway", "review", "done", "stopped", "red", "amber", "green", "paused", "unrated")


def _tool():  # benchmarks/site_screenshot.py: how the browser is found and launched, in one place
    spec = importlib.util.spec_from_file_location("site_screenshot", REPO / "benchmarks" / "site_screenshot.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if TOOL.chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must run the browser tests (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = TOOL.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("JIEBANG_ARTIFACTS") or tmp_path / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Visit:
    """A page opened from the site, with every request it made and any dialog a script opened."""

    def __init__(self, browser: Browser, site: Path, *, script: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1100, "height": 820}, java_script_enabled=script)
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        # nothing leaves the machine even if a page asked: every request outside the site is refused
        prefix = site.resolve().as_uri() + "/"
        self.context.route(lambda url: not url.startswith(prefix), lambda route: route.abort("blockedbyclient"))
        self.page: Page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.prefix = prefix

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.prefix)]

    def close(self) -> None:
        self.context.close()


def _status(run, *args: str) -> dict:
    result = run(["jiebang", "status", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _figures(page: Page) -> dict[str, dict[str, int]]:
    """The overview's category rows and total as the browser shows them (the cells' text)."""
    rows = page.eval_on_selector_all(
        "table.summary tbody tr",
        """rows => rows.map(r => [r.dataset.category,
              Object.fromEntries(Array.from(r.querySelectorAll("td[data-key]")).map(
                  c => [c.dataset.key, c.textContent.trim()]))])""",
    )
    return dict(rows)


def _expected(status: dict) -> dict[str, dict[str, str]]:
    rows = {row["category"]: row for row in status["categories"]} | {"total": status["total"]}
    out = {}
    for key, row in rows.items():
        average = row["average_progress"]
        out[key] = {
            **{f: str(row[f]) for f in (*FIGURES, "overdue_milestones")},
            "average_progress": "—" if average is None else f"{average:g}%",
        }
    return out


@pytest.mark.parametrize("case", [(None, "2022-06-30"), (DEMO, "2023-06-30")], ids=["sample", "demo"])
def test_the_overview_in_chromium_shows_status_figures_and_leads_to_projects(
    browser: Browser, run, tmp_path: Path, artifacts: Path, case: tuple[Path | None, str]
) -> None:
    registry, day = case
    chosen = ["-r", str(registry)] if registry else []
    site = tmp_path / "site"
    result = run(["jiebang", "render", "html", "-o", str(site), "--as-of", day, *chosen])
    assert result.exit_code == 0, result.output
    status = _status(run, "--as-of", day, *chosen)
    visit = Visit(browser, site)
    try:
        page = visit.page
        page.goto((site / "index.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert _figures(page) == _expected(status)
        shown = [a.strip() for a in page.locator("table.projects tbody tr td:nth-child(2)").all_inner_texts()]
        assert shown == [p["title"] for p in status["projects"]]
        page.screenshot(path=str(artifacts / f"overview-{'demo' if registry else 'sample'}.png"), full_page=True)
        # follow a link: the first project, or on the demo the one with a milestone overdue
        number = 3 if registry else status["projects"][0]["number"]
        title = next(p["title"] for p in status["projects"] if p["number"] == number)
        page.get_by_role("link", name=title, exact=True).click()
        page.wait_for_load_state()
        assert page.url.startswith(visit.prefix + "projects/")
        assert title in page.locator("h1").inner_text()
        assert page.title().endswith(title)
        if registry:
            marks = page.locator("svg.timeline g.milestone").evaluate_all("gs => gs.map(g => g.dataset.id)")
            assert marks == ["M1", "M2", "M3", "M4"]
            assert "场地移交" in page.locator("table", has_text="场地移交").inner_text()
        page.screenshot(path=str(artifacts / f"project-{'demo' if registry else 'sample'}.png"), full_page=True)
        page.get_by_role("link", name="总览").click()
        page.wait_for_load_state()
        assert page.url == visit.prefix + "index.html"
        page.get_by_role("link", name="调度讲评简报").click()  # the brief for the 30 days to --as-of
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("调度讲评简报")
        assert page.locator("h2").count() == 6
        assert visit.outside() == [], visit.outside()
        assert len(visit.requests) >= 4  # the overview, the project page, back, the brief: requests were seen
    finally:
        visit.close()


def test_the_site_reads_without_javascript(browser: Browser, run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run(["jiebang", "render", "html", "-o", str(site), "-r", str(DEMO), "--as-of", "2023-06-30"]).exit_code == 0
    visit = Visit(browser, site, script=False)
    try:
        visit.page.goto((site / "index.html").as_uri())
        assert _figures(visit.page)["total"]["red"] == "1"  # read from the DOM, which needs no script
        assert visit.page.locator("table.projects tbody tr").count() == 8
    finally:
        visit.close()


def test_markup_in_the_register_shows_as_text_in_the_browser(
    browser: Browser, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo_of(tmp_path, monkeypatch, DEMO)
    path = root / "registry" / "programmes" / "demo-2023" / "projects" / "01.yaml"
    hostile = "<script>alert('x')</script><img src=http://example.invalid/x.png onerror=alert(2)>"
    path.write_text(
        path.read_text("utf-8").replace("title: 测试项目一：按期推进", f"title: {json.dumps(hostile)}"), "utf-8"
    )
    git(root, "commit", "-qam", "hand: markup in a title")
    site = tmp_path / "site"
    assert run(["jiebang", "render", "html", "-o", str(site), "--as-of", "2023-06-30"]).exit_code == 0
    visit = Visit(browser, site)
    try:
        for name in ("index.html", "projects/demo-2023-1.html"):
            visit.page.goto((site / name).as_uri())
            assert hostile in visit.page.locator("main").inner_text()
            assert visit.page.locator("main img").count() == 0
        assert visit.dialogs == [] and visit.outside() == []
    finally:
        visit.close()

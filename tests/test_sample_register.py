"""The bundled 容桂 2022 register: valid, and exactly what article 000 publishes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from conftest import REPO, SAMPLE, SHARED
from jiebang.checks import schema
from jiebang.checks import validate as checks
from jiebang.model import loader

ARTICLE = SHARED / "sources" / "000_4e946c745feaa5df.txt"


def _load():
    reg, problems = loader.load(SAMPLE)
    assert problems == []
    return reg


def test_sample_register_is_valid() -> None:
    reg = _load()
    assert checks.validate(reg) == []


def test_schemas_are_valid_schemas() -> None:
    assert schema.check_schemas() == []
    for path in (REPO / "schemas").glob("*.schema.json"):
        doc = json.loads(path.read_text("utf-8"))
        assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert doc["$id"].endswith(path.name)
        assert " / " in doc["title"] and " / " in doc["description"]  # Chinese / English


def test_categories_and_numbers() -> None:
    programme = _load().programmes["ronggui-2022"]
    per_category = Counter(p.data["category"] for p in programme.projects)
    assert [per_category[n] for n in range(1, 7)] == [3, 7, 8, 6, 2, 4]
    assert sorted(p.data["number"] for p in programme.projects) == list(range(1, 31))
    assert programme.record is not None
    assert programme.record.data["declared"] == {"categories": 6, "projects": 30}


def test_named_people_are_where_the_article_puts_them() -> None:
    programme = _load().programmes["ronggui-2022"]
    people = {pid: p["name"] for pid, p in programme.person_ids().items()}
    teams = {p.data["number"]: p.data["teams"][0] for p in programme.projects}
    assert people[teams[1]["mentors"][0]] == "胡添强"
    assert people[teams[6]["mentors"][0]] == "李耀新"
    assert people[teams[9]["leader"]] == "郑丹妍"
    assert people[teams[24]["leader"]] == "梁楚翔"
    named = {n for n, t in teams.items() if t.get("leader") or t.get("mentors")}
    assert named == {1, 6, 9, 24}  # nothing invented for the other 26


def test_published_titles_are_the_articles_own_characters() -> None:
    if not ARTICLE.exists():
        import pytest

        pytest.skip("shared/sources is not beside the checkout")
    article = ARTICLE.read_text("utf-8")
    for project in _load().programmes["ronggui-2022"].projects:
        data = project.data
        line = f"{data['number']}、{data['title_published']}"
        if data.get("scope_published"):
            line += f"({data['scope_published']})"
        assert line in article, line
        assert data["task_order"]["issued_on"] == "2022-02-24"


def test_every_file_declares_its_schema_for_editors() -> None:
    for path in SAMPLE.rglob("*.yaml"):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file() and target.parent == (REPO / "schemas").resolve(), path
        assert Path(target).name.startswith(loader.classify(SAMPLE.resolve(), path.resolve())[0].value)

"""The bundled register and every example register as one register (issue 10): ids never collide,
the whole validates, and `status --by programme` rolls up per programme and per strand."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import pytest

from conftest import REPO

spec = importlib.util.spec_from_file_location("combine", REPO / "examples" / "combine.py")
assert spec and spec.loader
combine = importlib.util.module_from_spec(spec)
spec.loader.exec_module(combine)

# Article number → the example register built from it (000 is the bundled register).
EXAMPLES = {"001": "huangyan", "002": "wangcheng", "003": "pengjiang", "004": "longgang"}


@pytest.fixture(scope="module")
def together(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("together") / "registry"
    combine.combine(out)
    return out


def test_every_article_has_its_example_and_all_are_combined() -> None:
    names = {p.name for p in combine.SOURCES[1:]}
    assert names == set(EXAMPLES.values())


@pytest.mark.parametrize(("article", "slug"), EXAMPLES.items())
def test_each_example_keeps_to_its_id_ranges(article: str, slug: str) -> None:
    """People P<n>…, units U<n>… (n the article number), programmes/cohorts/meetings named by slug."""
    import yaml

    root = REPO / "examples" / slug
    n = str(int(article))
    for name, key, prefix in (("people.yaml", "people", "P"), ("units.yaml", "units", "U")):
        data = yaml.safe_load((root / name).read_text("utf-8")) or {}
        for entry in data.get(key) or []:
            assert entry["id"].startswith(prefix + n) and len(entry["id"]) == 5, (name, entry["id"])
    for folder in ("programmes", "cohorts", "meetings"):
        for item in (root / folder).glob("*") if (root / folder).is_dir() else ():
            assert item.name.startswith(slug), item


def test_a_shared_id_is_refused_not_merged(tmp_path: Path) -> None:
    twice = (REPO / "registry", REPO / "registry")
    with pytest.raises(SystemExit, match=r"is in two registers|is also in"):
        combine.combine(tmp_path / "out", twice)


def test_the_combined_register_validates(together: Path, run) -> None:
    result = run(["jiebang", "validate", "--registry", str(together)])
    assert result.exit_code == 0, result.output


def test_status_rolls_up_per_programme_and_per_strand(together: Path, run) -> None:
    result = run(["jiebang", "status", "--by", "programme", "--registry", str(together), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["programme"]: row for row in json.loads(result.output)["programmes"]}
    programmes = {p.name for source in combine.SOURCES for p in (source / "programmes").iterdir()}
    assert programmes <= set(rows)
    # Every article's programme is there, the strands of 双百双千 under their parent.
    assert {"ronggui-2022", "huangyan-dandang", "wangcheng-2020"} <= programmes
    assert any(name.startswith("pengjiang") for name in programmes)
    assert any(name.startswith("longgang") for name in programmes)
    for strand in ("huangyan-shituan", "huangyan-ganbu", "huangyan-zhuanyuan", "huangyan-hezhang"):
        assert rows[strand]["depth"] == 1
    # Per programme: the counts are that programme's own projects.
    assert rows["ronggui-2022"]["projects"] == 30
    assert rows["wangcheng-2020"]["projects"] == len(
        list((together / "programmes/wangcheng-2020/projects").glob("*.yaml"))
    )


def test_the_csv_total_is_the_sum_of_every_programme_row(together: Path, run) -> None:
    result = run(["jiebang", "status", "--by", "programme", "--registry", str(together), "--format", "csv"])
    table = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
    body = table[1:]
    total = body[-1]
    own = [row for row in body[:-1] if not row[0].endswith("合计")]  # each programme once, roll-ups left out
    assert (
        int(total[1])
        == sum(int(row[1]) for row in own)
        == 30
        + sum(len(list(p.glob("*.yaml"))) for p in together.glob("programmes/*/projects") if "ronggui" not in str(p))
    )

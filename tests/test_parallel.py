"""Cold `validate` across processes (`jiebang.files.parallel`, issue 12): what it prints, and what
it leaves in the cache, are exactly what one process gives; a pool that cannot start or breaks
means one process, never a failure; `--jobs` / `JIEBANG_JOBS` choose, and 1 keeps it in-process."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import shutil
import subprocess
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import cache_rows, git
from jiebang.files import cache, parallel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth

PROJECTS = parallel.MIN_ITEMS + 40  # enough files for a pool, on either side of every batch


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic register with one of each planted error, under git (made once, copied per test)."""
    root = tmp_path_factory.mktemp("synthetic") / "office"
    planted = synth.generate(root / "registry", PROJECTS, plant=2 * len(synth.PLANTS))
    assert len(planted) == 2 * len(synth.PLANTS)
    projects = root / "registry" / "programmes" / "synth-001" / "projects"
    shutil.copy(projects / "010.yaml", projects / "999.yaml")  # which one is the repeat depends on the order read
    (projects / "998.yaml").write_bytes("title: 农贸市场\n".encode("gb18030"))  # not UTF-8
    (projects / "997.yaml").write_text("title: [unclosed\n", "utf-8")  # not YAML
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


@pytest.fixture
def office(synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the synthetic register (no cache), the working folder set to it."""
    root = tmp_path / "office"
    shutil.copytree(synthetic, root)
    monkeypatch.chdir(root)
    for name in ("JIEBANG_JOBS", "JIEBANG_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    return root


def _validate(run: Any, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = run(["jiebang", "validate", "--format", "json", *args], env=env)
    return result.exit_code, result.stdout


def _cache_entries(register: Path) -> dict[str, bytes]:
    """The entries of each file (those of the whole register name its folder)."""
    return cache_rows(register, "parsed") | cache_rows(register, "checked")


class _Recording:
    """Stands in for the process pool: records how it was made, and maps here."""

    made: list[int]
    mapped: list[str]

    def __init__(self, max_workers: int) -> None:
        type(self).made.append(max_workers)

    def map(self, function: Any, items: Any, chunksize: int = 1) -> Any:
        assert chunksize >= 1
        type(self).mapped.append(getattr(function, "func", function).__name__)
        return map(function, items)

    def shutdown(self, **_kwargs: object) -> None:
        pass


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of every pool a run makes (none really started)."""
    made: list[int] = []
    monkeypatch.setattr(_Recording, "made", made, raising=False)
    monkeypatch.setattr(_Recording, "mapped", [], raising=False)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _Recording)
    return made


# ------------------------------------------------------------------------------ same answers


@pytest.mark.parametrize("cached", [False, True], ids=["no-cache", "cache"])
def test_processes_print_and_store_exactly_what_one_process_does(
    office: Path, tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    if not cached:
        monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    other = tmp_path / "other"
    shutil.copytree(office, other)
    serial = _validate(run, "--jobs", "1")
    monkeypatch.chdir(other)
    spread = _validate(run, "--jobs", "2")
    assert serial[0] == spread[0] == 1
    assert serial[1] == spread[1]
    for planted in ("schema.enum", "schema.unknown-field", "ref.person", "ref.category", "yaml.duplicate-key"):
        assert spread[1].count(f'"{planted}"') >= 2
    assert '"first": "registry/programmes/synth-001/projects/010.yaml"' in spread[1]
    assert '"yaml.encoding-gbk"' in spread[1] and '"yaml.syntax"' in spread[1]
    assert _cache_entries(office / "registry") == _cache_entries(other / "registry")
    assert bool(_cache_entries(other / "registry")) is cached
    if cached:  # and what the processes stored is what a warm run reads back
        assert _validate(run, "--jobs", "1") == serial


def test_worker_processes_started_afresh_give_the_same_answer(office: Path) -> None:
    """Windows starts workers with spawn (nothing inherited): the work must travel as plain data."""
    program = "import multiprocessing, sys; multiprocessing.set_start_method('spawn'); " + (
        "from jiebang.cli import main; sys.argv[0] = 'jiebang'; main()"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", program, "validate", "--format", "json", "--jobs", jobs],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "JIEBANG_NO_CACHE": "1"},
            check=False,
        )
        for jobs in ("1", "2")
    ]
    assert [r.returncode for r in runs] == [1, 1], runs[1].stderr
    assert runs[0].stdout == runs[1].stdout
    assert runs[1].stderr == ""


# ------------------------------------------------------------------------------ choosing, and falling back


def test_jobs_come_from_the_option_the_environment_or_the_cores(
    office: Path, run: Any, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")  # every run cold
    expected = _validate(run, "--jobs", "1")
    assert _validate(run, env={"JIEBANG_JOBS": "1"}) == expected
    assert pools == []
    assert _validate(run) == expected
    assert pools == [3]  # one pool for reading and checking, as many workers as the machine has cores
    assert _Recording.mapped == ["_parse_item"]  # each file checked where it was parsed
    assert _validate(run, "--jobs", "2", env={"JIEBANG_JOBS": "5"}) == expected
    assert _validate(run, env={"JIEBANG_JOBS": "5"}) == expected
    assert pools == [3, 2, 5]
    monkeypatch.delenv("JIEBANG_NO_CACHE")
    assert _validate(run) == expected
    assert _validate(run) == expected  # warm: nothing left to spread
    assert pools == [3, 2, 5, 3]


@pytest.mark.parametrize("value", ["0", "abc", "-2"])
def test_a_number_of_jobs_that_is_none_is_a_usage_error(office: Path, run: Any, value: str) -> None:
    assert run(["jiebang", "validate", "--jobs", value]).exit_code == 2
    assert run(["jiebang", "validate"], env={"JIEBANG_JOBS": value}).exit_code == 2


def test_a_small_register_stays_in_process(office: Path, run: Any, pools: list[int]) -> None:
    for path in sorted((office / "registry").rglob("projects/*.yaml"))[parallel.MIN_ITEMS - 4 :]:
        path.unlink()  # MIN_ITEMS - 1 files left: the projects but four, programme, people and units
    git(office, "commit", "-qam", "fewer")
    assert _validate(run, "--jobs", "4")[0] == 1
    assert pools == []
    (office / "registry" / "programmes" / "synth-001" / "projects" / "9999.yaml").write_text("[", "utf-8")
    shutil.rmtree(office / "registry" / cache.FOLDER)
    assert _validate(run, "--jobs", "4")[0] == 1
    assert pools == [4]  # MIN_ITEMS files to read; the MIN_ITEMS - 1 read well are checked here


@pytest.mark.parametrize(
    "failure",
    [PermissionError(1, "Operation not permitted"), NotImplementedError("no sem_open"), ImportError("no _ctypes")],
    ids=["no-processes", "no-semaphores", "no-module"],
)
def test_a_pool_that_cannot_start_means_one_process(
    office: Path, run: Any, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    monkeypatch.setenv("JIEBANG_NO_CACHE", "1")
    expected = _validate(run, "--jobs", "1")
    attempts = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise failure

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    assert _validate(run, "--jobs", "2") == expected
    assert len(attempts) == 1  # checking does not try again after reading could not


def test_inside_a_worker_process_of_some_pool_it_starts_none(
    office: Path, run: Any, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python refuses children to a daemonic process (a pool's worker): one process, not a crash."""
    expected = _validate(run, "--jobs", "1")
    shutil.rmtree(office / "registry" / cache.FOLDER)
    monkeypatch.setattr(multiprocessing, "current_process", lambda: SimpleNamespace(daemon=True))
    assert _validate(run, "--jobs", "2") == expected
    assert pools == []


def test_a_pool_that_breaks_means_the_batch_is_done_here(office: Path, run: Any, monkeypatch) -> None:
    expected = _validate(run, "--jobs", "1")
    shutil.rmtree(office / "registry" / cache.FOLDER)
    made, shut = [], []

    class Breaking:
        def __init__(self, max_workers: int) -> None:
            made.append(max_workers)

        def map(self, *_args: object, **_kwargs: object) -> Any:
            raise BrokenProcessPool("a worker died")

        def shutdown(self, **kwargs: object) -> None:
            shut.append(kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Breaking)
    assert _validate(run, "--jobs", "2") == expected
    assert made == [2]  # checking does not try again after reading broke
    assert shut == [{"wait": False, "cancel_futures": True}]
    assert _cache_entries(office / "registry")  # what was done here filled the cache as usual


def test_results_come_back_in_order_and_one_job_never_makes_a_pool(pools: list[int]) -> None:
    items = list(range(parallel.MIN_ITEMS))
    with parallel.jobs(1):
        assert parallel.map_in_order(str, items) == [str(i) for i in items]
    assert pools == []
    with parallel.jobs(8):
        assert parallel.map_in_order(str, items[:-1]) == [str(i) for i in items[:-1]]
        assert pools == []
        assert parallel.map_in_order(str, items) == [str(i) for i in items]
        assert parallel.map_in_order(str, items) == [str(i) for i in items]
    assert pools == [8]  # one pool for the whole run
    assert parallel.map_in_order(str, items) == [str(i) for i in items]
    assert pools == [8]  # outside `jobs`: here

"""Scale benchmark (issue 12): every command of the issue's table on a synthetic register, with PASS/FAIL.

    python benchmarks/scale.py [--projects 10000] [--keep DIR]

Builds the register with `synth.py` in a fresh git repository, then runs each command as a
fresh process and reports its CPU time (user + system of the process and everything it started,
git and validate's worker processes included) — CPU time, not wall time, so a busy machine changes
the figures less. The one exception is the row comparing a cold validate on every core with one on
a single process: spreading work over processes saves wall time, never CPU time, so that row is in
wall time (and says so) and moves with whatever else the machine is doing. Ratios
(against check-jsonschema, against a cold run) are taken in the same run on the same files.
Peak memory is the largest resident set of the measured process. Each short command (a write,
a report, a warm read, validate after one change) runs `ROUNDS` times and its median is taken.
The start-up row reuses `startup.py`'s measurement on the bundled sample.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import startup  # noqa: E402
import synth  # noqa: E402

# Runs one command and prints its CPU seconds and peak RSS (KiB) as JSON: measured in a process of
# its own so the figures are the command's alone. `resource` is POSIX; elsewhere wall time is used.
_PROBE = r"""
import json, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - start
try:
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, rss = r.ru_utime + r.ru_stime, r.ru_maxrss
except ImportError:
    cpu, rss = wall, 0
print(json.dumps({"cpu": cpu, "wall": wall, "rss_kib": rss, "code": code}))
"""


@dataclass
class Figure:
    cpu: float
    wall: float
    rss_mib: float
    code: int


ROUNDS = 3  # runs of each short command: its figure is their median (one run moves with the machine's neighbours)


def median(figures: list[Figure]) -> Figure:
    """The median of each figure of several runs of one command."""
    return Figure(
        statistics.median(f.cpu for f in figures),
        statistics.median(f.wall for f in figures),
        statistics.median(f.rss_mib for f in figures),
        max(f.code for f in figures),
    )


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> Figure:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    data = json.loads(done.stdout)
    return Figure(data["cpu"], data["wall"], data["rss_kib"] / 1024, data["code"])


def _cells(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _bundled_schema(into: Path) -> Path:
    """project.schema.json as one file check-jsonschema resolves by pointer (see `schema.bundled`)."""
    from jiebang.checks import schema

    path = into / "project.bundled.json"
    path.write_text(json.dumps(schema.bundled("project"), ensure_ascii=False), "utf-8")
    return path


def _build(work: Path, projects: int) -> None:
    """The synthetic register, committed in a fresh git repository (writes commit; reads see a clean tree)."""
    work.mkdir(parents=True, exist_ok=True)
    synth.generate(work / "registry", projects)
    _git(work, "init", "-q")
    _git(work, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "add", "-A")
    _git(work, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "synthetic register")


def _not_on(work: Path, numbers: tuple[str, ...], count: int) -> list[str]:
    """`count` people of the register that none of these projects names (at any size, however
    synth.py spread people over teams)."""
    import re

    registry = work / "registry"
    wanted = {int(n) for n in numbers}
    projects = registry.glob("programmes/*/projects/*.yaml")
    named = "".join(p.read_text("utf-8") for p in projects if p.stem.isdigit() and int(p.stem) in wanted)
    people = re.findall(r"^  - id: (P\d+)$", (registry / "people.yaml").read_text("utf-8"), re.MULTILINE)
    return [p for p in people if p not in named][:count]


def _env() -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "120"}
    env |= {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
            for what, value in (("NAME", "bench"), ("EMAIL", "bench@example.org"))}  # fmt: skip
    env.pop("JIEBANG_REGISTRY", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # what a user runs has its bytecode cached
    return env


def _validate_rows(
    jb: Callable[..., Figure], work: Path, files: list[str], baseline: Figure, uncached: tuple[Figure, Figure]
) -> list[tuple[str, str, str, bool | None]]:
    """Cold (without a cache on one process and on every core, then filling it on every core,
    then on one) and warm validate, against check-jsonschema's `baseline`. The ratio is taken on
    one process, as check-jsonschema runs: processes add CPU time (each record is sent to them
    and back) to save wall time."""
    rows: list[tuple[str, str, str, bool | None]] = []
    cold = jb("validate")
    for what, figure in (
        ("validate, cold, no cache, one process", uncached[0]),
        ("validate, cold, filling the cache", cold),
    ):
        speedup = baseline.cpu / figure.cpu
        rows.append(
            (
                what,
                f"{figure.cpu:.1f} s; check-jsonschema {baseline.cpu:.1f} s ({speedup:.1f}× faster)",
                "≥ 10× faster",
                speedup >= 10,
            )
        )
    spread = uncached[1]
    rows.append(
        (
            f"validate, cold, no cache, {os.cpu_count()} processes",
            f"{spread.cpu:.1f} s CPU ({baseline.cpu / spread.cpu:.1f}×), {spread.wall:.1f} s WALL",
            "(for comparison)",
            None,
        )
    )
    shutil.rmtree(work / "registry" / ".jiebang-cache")  # cold again, on one process
    serial = jb("validate", "--jobs", "1")
    rows.append(
        (
            f"validate, cold, WALL time: {os.cpu_count()} processes vs --jobs 1",
            f"{cold.wall:.1f} s vs {serial.wall:.1f} s (CPU {cold.cpu:.1f} s vs {serial.cpu:.1f} s)",
            "less wall time",
            cold.wall < serial.wall,
        )
    )
    again = jb("validate")
    rows.append(("validate again, nothing changed", f"{again.cpu:.1f} s ({again.cpu / cold.cpu:.0%} of cold)",
                 "≤ 10% of cold", again.cpu <= 0.1 * cold.cpu))  # fmt: skip
    runs = []
    for k in range(ROUNDS):  # another file each time
        one = Path(files[len(files) // 2 + k])
        one.write_text(one.read_text("utf-8").replace("summary: ", "summary: 修订：", 1), "utf-8")
        _git(work, "commit", "-qam", "one file changed")
        runs.append(jb("validate"))
    changed = median(runs)
    rows.append(("validate again, one file changed", f"{changed.cpu:.1f} s ({changed.cpu / cold.cpu:.0%} of cold)",
                 "≤ 10% of cold", changed.cpu <= 0.1 * cold.cpu))  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the register here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    jiebang = shutil.which("jiebang", path=str(bin_dir))
    checker = shutil.which("check-jsonschema", path=str(bin_dir))
    if not jiebang or not checker:
        print("needs jiebang and check-jsonschema installed here: pip install -e '.[test]'", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="jiebang-scale-"))
    _build(work, args.projects)
    env = _env()

    def jb(*argv: str, cached: bool = True) -> Figure:
        figure = run([jiebang, *argv], work, env if cached else {**env, "JIEBANG_NO_CACHE": "1"})
        if figure.code not in (0, 1):
            print(f"  ! jiebang {' '.join(argv)} exited {figure.code}", file=sys.stderr)
        return figure

    files = sorted(str(p) for p in (work / "registry" / "programmes").rglob("projects/*.yaml"))
    schema = _bundled_schema(work)
    baseline = run([checker, "--schemafile", str(schema), *files], work, env)
    # without a cache, what the row measures
    uncached = (jb("validate", "--jobs", "1", cached=False), jb("validate", cached=False))
    rows = _validate_rows(jb, work, files, baseline, uncached)
    newcomers = _not_on(work, ("23", "24"), ROUNDS + 1)  # a member already there would be refused (exit 2)
    first = jb("assign", "23", "--member", newcomers[0])  # builds the facts index a write checks on
    write = median([jb("assign", "24", "--member", person) for person in newcomers[1:]])
    rows.append(("one write (assign 24 --member, committed)", f"{write.cpu:.1f} s (first write {first.cpu:.1f} s)",
                 "≤ 1 s", write.cpu <= 1))  # fmt: skip
    report = median([jb("report", "24") for _ in range(ROUNDS)])  # the first right after a write
    rows.append(("report 24", f"{report.cpu:.2f} s", "≤ 0.3 s", report.cpu <= 0.3))
    for argv in (("list", "--category", "民生"), ("status",), ("list", "--format", "json")):
        jb(*argv)  # warm: what a cache keeps is allowed to help
        figure = median([jb(*argv) for _ in range(ROUNDS)])
        rows.append((" ".join(argv), f"{figure.cpu:.1f} s", "≤ 1 s (warm)", figure.cpu <= 1))
    status = jb("status")
    rows.append(("peak memory, status", f"{status.rss_mib:.0f} MiB", "≤ 300 MiB", status.rss_mib <= 300))
    with tempfile.TemporaryDirectory() as cwd:  # the bundled sample, as benchmarks/startup.py measures it
        ours = startup.measure([jiebang, "list", "--category", "民生"], 7, cwd)
        bare = startup.measure([sys.executable, str(HERE / "bare_typer_rich.py"), "--category", "民生"], 7, cwd)
    ratio = statistics.median(ours) / statistics.median(bare)
    rows.append(
        (
            "list --category 民生 on the sample vs bare Typer+Rich",
            f"{ratio:.2f}",
            f"≤ {startup.TARGET}",
            ratio <= startup.TARGET,
        )
    )

    print(f"{args.projects} projects ({sum(Path(f).stat().st_size for f in files) / 1e6:.1f} MB of project files)")
    width = max(_cells(r[0]) for r in rows)
    for what, figure_text, target, ok in rows:
        pad = " " * (width - _cells(what))
        print(f"{what}{pad}  {figure_text:<48}  {target:<14}  {'' if ok is None else 'PASS' if ok else 'FAIL'}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

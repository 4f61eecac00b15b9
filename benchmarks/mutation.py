"""Mutation testing of the core: do the tests notice when the code is quietly wrong?

mutmut 3 changes one small thing at a time (a `<` for a `<=`, `and` for `or`, a string emptied)
in the modules below and runs the tests that reach the changed function; a mutant the tests
still pass with ("survived") is a broken promise nobody would see. Each module is run with its
own tests, in its own copy of the checkout (mutmut writes a `mutants/` folder beside
pyproject.toml), so a run fits in CI and leaves the checkout as it was.

Run: python benchmarks/mutation.py [MODULE ...] [--fail-under 90] [--show-survivors] [--only FUNCTION ...]
                                   [--sample N [--seed S]]
Prints, per module, killed / all mutants and the score, not counting (nor running) the mutants
listed in benchmarks/mutation-equivalent.txt (each with the reason no test can tell it from the
code). `--sample N` runs N of each module's mutants drawn at random, a new draw whenever the
module's code changes (or as `--seed` says): how CI fits the large modules in its time, the
score then an estimate (at a true 97%, N = 60 puts it below 90% about once in 500 draws). A
mutant newly listed as equivalent leaves the draw and lets in one other; the rest stay.
Needs the test extras (`pip install -e '.[test]'`), which bring mutmut.
"""

from __future__ import annotations

import argparse
import fnmatch
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EQUIVALENT = REPO / "benchmarks" / "mutation-equivalent.txt"
SPINNER = tuple("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")  # the frames mutmut draws its progress with

# The tests that answer for validate.py beyond personal data: the golden cases and each rule's own.
VALIDATE_TESTS = (
    "tests/test_validate_cases.py",
    "tests/test_lifecycle_table.py",
    "tests/test_people_units.py",
    "tests/test_cohorts.py",
    "tests/test_assessments.py",
    "tests/test_strands.py",
    "tests/test_indicators.py",
    "tests/test_mutation_kills.py",
    "tests/test_incremental_checks.py",
    "tests/test_remembered.py",
    "tests/test_cache.py",  # the engine's per-file results: damaged, stale and moved entries
    "tests/test_validate_changes.py",  # the short road after a few project files changed
)

# validate.py beyond personal data, by the kind of rule: each group a run of its own.
VALIDATE_GROUPS = {
    "refs": (
        "check_layout", "_duplicates", "check_unique", "_one_identity", "check_refs", "check_register_refs",
        "_records", "_by_name", "_person_refs", "_category_ref", "_local_refs", "_near", "_text", "_problem",
        "check_units", "_ancestor_of_itself", "project_ids", "check_project_ids",
    ),
    "lifecycle": ("check_lifecycle", "_history", "check_counts"),
    "records": (
        "check_not_future", "_first_day", "check_postings_overdue", "check_assessments", "_named",
        "check_meetings", "check_cohorts", "_cohort_dates", "_posted_twice",
    ),
    "text": (
        "check_files", "_values", "_strings", "check_text", "control_characters", "check_strands",
        "check_glosses", "check_finite", "check_indicators", "never_store_added", "_line_of", "validate",
        "_most_specific", "finite", "glosses",
    ),
    # how the rules are run: per file and cached, narrowed to the files a write changed, in parallel
    "engine": (
        "_validate", "_final", "validate_changes", "_per_file", "_cached", "_key", "check_one", "_store",
        "_narrowed", "schema_problems",
    ),
}  # fmt: skip

# module: (source file, mutant-name patterns, the tests that answer for it)
TARGETS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "lifecycle": (
        "src/jiebang/model/lifecycle.py",
        ("jiebang.model.lifecycle.*",),
        ("tests/test_lifecycle_table.py", "tests/test_mutation_kills.py"),
    ),
    "dates": (
        "src/jiebang/model/dates.py",
        ("jiebang.model.dates.*",),
        ("tests/test_imprecise_dates.py", "tests/test_dates.py", "tests/test_mutation_kills.py"),
    ),
    "derive": (
        "src/jiebang/queries/derive.py",
        ("jiebang.queries.derive.*",),
        (
            "tests/test_derive.py",
            "tests/test_read_outputs.py",
            "tests/test_amend.py",
            "tests/test_indicators.py",  # indicator values by period and qualifier (issue 10)
            "tests/test_imprecise_dates.py",
            "tests/test_mutation_kills.py",
        ),
    ),
    "validate-pii": (
        "src/jiebang/checks/validate.py",
        (
            "jiebang.checks.validate.x_check_personal_data__mutmut_*",
            "jiebang.checks.validate.x_personal_data__mutmut_*",
            "jiebang.checks.validate.x__in_text__mutmut_*",
            "jiebang.checks.validate.x__git_identities__mutmut_*",
            "jiebang.checks.validate.x__severity__mutmut_*",
            "jiebang.checks.validate.x__joined__mutmut_*",
        ),
        (
            "tests/test_personal_data.py",
            "tests/test_promises.py",
            "tests/test_validate_cases.py",
            "tests/test_hostile_input.py",
            "tests/test_mutation_kills.py",
        ),
    ),
    # The rest of validate.py, by the kind of rule, each a run that fits in minutes (issue 13).
    **{
        f"validate-{group}": (
            "src/jiebang/checks/validate.py",
            tuple(f"jiebang.checks.validate.x_{function}__mutmut_*" for function in functions),
            VALIDATE_TESTS,
        )
        for group, functions in VALIDATE_GROUPS.items()
    },
    # ...and all four at once, one set-up for them all: how CI runs them (sampled).
    "validate": (
        "src/jiebang/checks/validate.py",
        tuple(f"jiebang.checks.validate.x_{f}__mutmut_*" for functions in VALIDATE_GROUPS.values() for f in functions),
        VALIDATE_TESTS,
    ),
    "pii": (
        "src/jiebang/checks/pii.py",
        ("jiebang.checks.pii.*",),
        ("tests/test_personal_data.py", "tests/test_promises.py", "tests/test_malformed.py"),
    ),
    "audit": (
        "src/jiebang/writes/audit.py",
        ("jiebang.writes.audit.*",),
        (
            "tests/test_audit_rules.py",
            "tests/test_audit_moves.py",
            "tests/test_changelog.py",
            "tests/test_audit_truth.py",
            "tests/test_audit_briefs.py",
            "tests/test_mutation_kills.py",
            "tests/test_promises.py",
            "tests/test_authorize.py",
        ),
    ),
    "store": (
        "src/jiebang/writes/store.py",
        ("jiebang.writes.store.*",),
        (
            "tests/test_store.py",
            "tests/test_store_mutants.py",
            "tests/test_text_survives.py",
            "tests/test_mutation_kills.py",
        ),
    ),
}
# Beside the code, what the tests read: the schemas and samples (found from the package, as in a
# checkout), the README walkthrough and the fixtures.
ALSO_COPY = ("schemas", "registry", "examples", "README.md", "benchmarks")


def equivalents() -> dict[str, str]:
    """Mutant name → why it cannot be killed, from the committed list (`name  # reason`)."""
    out = {}
    for line in EQUIVALENT.read_text("utf-8").splitlines() if EQUIVALENT.exists() else ():
        name, _, reason = line.partition("#")
        if name.strip():
            out[name.strip()] = reason.strip()
    return out


def checkout_copy(into: Path) -> Path:
    """The checkout's files as they are now (tracked and new, not ignored), without mutmut's state."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    root = into / REPO.name
    for rel in filter(None, (name.decode() for name in listed)):
        source = REPO / rel
        if source.is_file() and not rel.startswith("mutants/"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / rel)
    shared = REPO.parent / "shared"  # the tests find the domain notes beside the checkout
    if shared.is_dir():
        (into / "shared").symlink_to(shared)
    return root


def configure(root: Path, source: str, tests: tuple[str, ...]) -> None:
    def toml_list(items: tuple[str, ...]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    with (root / "pyproject.toml").open("a", encoding="utf-8") as out:
        out.write(
            "\n[tool.mutmut]\n"
            'source_paths = ["src"]\n'
            f'only_mutate = ["{source}"]\n'
            f"also_copy = {toml_list(ALSO_COPY)}\n"
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
            # One order, one process: mutmut forks per mutant itself.
            'pytest_add_cli_args = ["-p", "no:randomly", "-p", "no:xdist", "-p", "no:cacheprovider"]\n'
        )


def only_patterns(source: str, functions: list[str]) -> tuple[str, ...]:
    """mutmut's names for the mutants of some functions (`_brief`, `Document.set`, globs allowed)."""
    module = source.removeprefix("src/").removesuffix(".py").replace("/", ".")
    out = []
    for function in functions:
        owner, _, method = function.rpartition(".")
        out.append(f"{module}.xǁ{owner}ǁ{method}__mutmut_*" if owner else f"{module}.x_{function}__mutmut_*")
    return tuple(out)


@functools.cache
def _generated(source: str) -> tuple[str, ...]:
    """Every mutant of a file, named as mutmut names them (its own generator, on the file as it is)."""
    from mutmut.mutation.file_mutation import mutate_file_contents

    module = source.removeprefix("src/").removesuffix(".py").replace("/", ".")
    made = mutate_file_contents(source, (REPO / source).read_text("utf-8")).mutant_names
    return tuple(f"{module}.{mutant}" for mutant in made)


def mutants_of(name: str, only: list[str] | None = None) -> list[str]:
    """The target's mutants (of the functions `only` names, if given)."""
    source, patterns, _ = TARGETS[name]
    names = _generated(source)
    chosen = [n for n in names if any(fnmatch.fnmatchcase(n, p) for p in patterns)]
    if only:
        narrowed = only_patterns(source, only)
        chosen = [n for n in chosen if any(fnmatch.fnmatchcase(n, p) for p in narrowed)]
    return chosen


def run_module(name: str, mutants: list[str], jobs: int, keep: Path | None) -> dict[str, str]:
    """Mutant name → mutmut's verdict (killed, survived, timeout, …) for some of a module's mutants.

    With `keep`, the copy stays in keep/MODULE for `mutmut show NAME` there."""
    source, _, tests = TARGETS[name]
    with tempfile.TemporaryDirectory(prefix=f"mutation-{name}-") as tmp:
        into = Path(tmp)
        if keep:
            into = keep / name
            shutil.rmtree(into, ignore_errors=True)
            into.mkdir(parents=True)
        root = checkout_copy(into)
        configure(root, source, tests)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        mutmut = [sys.executable, "-m", "mutmut"]
        log = into / "mutmut.log"
        with log.open("wb") as out:
            command = [*mutmut, "run", "--max-children", str(jobs), *mutants]
            ran = subprocess.run(command, cwd=root, env=env, stdout=out, stderr=out, check=False)
        if ran.returncode:
            raise SystemExit(f"mutmut run failed for {name} (exit {ran.returncode}); its last words:\n{_tail(log)}")
        listing = subprocess.run(
            [*mutmut, "results", "--all", "true"], cwd=root, env=env, capture_output=True, text=True, check=True
        ).stdout
    wanted = set(mutants)
    verdicts = {}
    for line in listing.splitlines():
        mutant, _, verdict = line.strip().rpartition(": ")
        if mutant in wanted:
            verdicts[mutant] = verdict
    return verdicts


def _tail(log: Path, lines: int = 60) -> str:
    """The end of mutmut's output without its spinner frames, which it redraws with carriage returns."""
    text = log.read_text(encoding="utf-8", errors="replace").replace("\r", "\n")
    kept = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(SPINNER)]
    return "\n".join(kept[-lines:])


def draw(mutants: list[str], sample: int | None, seed: str) -> list[str]:
    """`sample` of the mutants, the same for the same seed; all of them when there are no more.

    Each mutant is ranked by a hash of the seed and its own name and the first `sample` are taken:
    leaving one out (listed as equivalent) lets in the next in rank and changes nothing else, so a
    sample stays the one its kills were judged on."""
    if sample is None or sample >= len(mutants):
        return mutants
    ranked = sorted(mutants, key=lambda m: hashlib.sha256(f"{seed}\0{m}".encode()).digest())
    return sorted(ranked[:sample])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=[], choices=[*TARGETS, []], help="default: all")
    parser.add_argument("--fail-under", type=float, default=0.0, help="exit 1 when a module scores below this %%")
    parser.add_argument("--show-survivors", action="store_true", help="list the surviving mutants' names")
    parser.add_argument("--keep", type=Path, help="leave each module's copy in KEEP/MODULE, to `mutmut show` there")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="FUNCTION",
        help="run only these functions' mutants (`changes`, `_Undone.see`, globs allowed): a short partial run",
    )
    parser.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="run N mutants of each module drawn at random (all when it has fewer): the score is an estimate",
    )
    parser.add_argument("--seed", help="what the sample is drawn with (default: the module's source, hashed)")
    args = parser.parse_args(argv)
    known = equivalents()
    failed = False
    print(f"{'module':<20}{'killed':>8}{'of':>6}{'equiv.':>8}{'score':>8}{'time':>8}  sample")
    for name in args.modules or TARGETS:
        started = time.monotonic()
        every = mutants_of(name, args.only)
        # A listed equivalent is not run: no test can kill it, so it would cost every test that reaches it.
        counted = [m for m in every if m not in known]
        # The draw follows the code: the same while the module is unchanged (a new test is judged on the
        # mutants that showed the need for it), a new one when it changes.
        seed = args.seed or hashlib.sha256((REPO / TARGETS[name][0]).read_bytes()).hexdigest()[:12]
        run = draw(counted, args.sample, f"{seed}:{name}")
        verdicts = run_module(name, run, args.jobs, args.keep and args.keep.resolve()) if run else {}
        killed = sum(verdicts.get(m) in ("killed", "timeout") for m in run)
        score = 100.0 * killed / len(run) if run else 100.0
        seconds = time.monotonic() - started
        drawn = f"{len(run)} of {len(counted)}, seed {seed[:12]}" if run is not counted else "all"
        equivalent = len(every) - len(counted)
        print(f"{name:<20}{killed:>8}{len(run):>6}{equivalent:>8}{score:>7.1f}%{seconds:>7.0f}s  {drawn}", flush=True)
        if args.show_survivors:
            for mutant in run:
                if verdicts.get(mutant) not in ("killed", "timeout"):
                    print(f"    {mutant}: {verdicts.get(mutant, 'not run')}")
        failed |= score < args.fail_under
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

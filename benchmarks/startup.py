"""Start-up benchmark: wall time of `jiebang list --category 民生` against a bare Typer + Rich script.

Target (issue 12): the ratio is at most 1.1. Run: python benchmarks/startup.py [--runs N]
Prints the median and best of N runs for each, and the ratio of medians. Both run as fresh
processes with the same interpreter, output to a pipe, so import cost is what is measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = 1.1


def measure(argv: list[str], runs: int, cwd: str) -> list[float]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("JIEBANG_REGISTRY", None)
    # Measure what a user runs: an installed package with its bytecode cached (pip writes it at
    # install; some sandboxes set PYTHONDONTWRITEBYTECODE, which would recompile every run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=True)  # warm the OS file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    jiebang = shutil.which("jiebang", path=str(Path(sys.executable).parent)) or shutil.which("jiebang")
    if not jiebang:
        print("jiebang is not installed in this environment", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as cwd:  # no registry/ here: the bundled sample is used
        ours = measure([jiebang, "list", "--category", "民生"], args.runs, cwd)
        bare = measure([sys.executable, str(HERE / "bare_typer_rich.py"), "--category", "民生"], args.runs, cwd)
    ratio = statistics.median(ours) / statistics.median(bare)
    for label, times in (("jiebang list --category 民生", ours), ("bare Typer + Rich (30 rows)", bare)):
        print(f"{label:<28}  median {statistics.median(times) * 1000:7.1f} ms   best {min(times) * 1000:7.1f} ms")
    print(f"ratio {ratio:.2f} (target ≤ {TARGET})  {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

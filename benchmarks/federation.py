"""Federation benchmark (issue 12): R registers × P projects federated vs one R·P-project register.

    python benchmarks/federation.py [--registers 10] [--projects 100] [--repeat 3] [--keep DIR]
    python benchmarks/federation.py --registers 100 --projects 1000      # the issue's size (long)

Builds, with `synth.py`, R member registers of P projects each (seeds 1…R) and a city register
whose `federation.yaml` names them, and one register of R·P projects in R programmes of P (the
same shape in one folder). Each command runs as a fresh process in both, once to fill the caches
(what a cache keeps is allowed to help, as in `scale.py`) and then `--repeat` times; the median
CPU time (user + system of the process and its children, `scale.run`) is compared. Target: the
federation takes at most twice the single register's time, command by command.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scale  # noqa: E402
import synth  # noqa: E402

COMMANDS = (("list", "--format", "json"), ("status", "--format", "json"), ("validate",))
TARGET = 2.0


def build(work: Path, registers: int, projects: int) -> tuple[Path, Path]:
    """The city (members under `members/`) and the single register, as (city, single) folders."""
    city = work / "city" / "registry"
    city.mkdir(parents=True, exist_ok=True)
    lines = ["schema_version: 1", "name: 合成测试市（虚构）", "members:"]
    for index in range(1, registers + 1):
        name = f"d{index:03d}"
        synth.generate(work / "city" / "members" / name / "registry", projects, seed=index)
        lines.append(f"  {name}: ../members/{name}")
    (city / "federation.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    single = work / "single" / "registry"
    synth.generate(single, registers * projects, programmes=registers)
    return city, single


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registers", type=int, default=10)
    parser.add_argument("--projects", type=int, default=100, help="projects per member register")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs per command (the median is kept)")
    parser.add_argument("--keep", type=Path, help="build the registers here and keep them (default: a temporary one)")
    args = parser.parse_args()
    jiebang = shutil.which("jiebang", path=str(Path(sys.executable).parent))
    if not jiebang:
        print("needs jiebang installed here: pip install -e .", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="jiebang-federation-"))
    city, single = build(work, args.registers, args.projects)
    env = scale._env()

    def cpu(root: Path, argv: tuple[str, ...]) -> float:
        command = [jiebang, *argv, "--registry", str(root)]
        first = scale.run(command, work, env)  # fills the caches
        if first.code != 0:
            print(f"  ! jiebang {' '.join(argv)} exited {first.code} on {root}", file=sys.stderr)
        return statistics.median(scale.run(command, work, env).cpu for _ in range(args.repeat))

    total = args.registers * args.projects
    print(f"{args.registers} registers × {args.projects} projects, federated, vs one register of {total}")
    failed = False
    for argv in COMMANDS:
        one, many = cpu(single, argv), cpu(city, argv)
        ratio = many / one
        failed |= ratio > TARGET
        what = " ".join(argv)
        print(f"{what:<22} one {one:6.2f} s  federated {many:6.2f} s  ×{ratio:4.2f}  ≤ ×{TARGET:g}  "
              f"{'PASS' if ratio <= TARGET else 'FAIL'}")  # fmt: skip
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

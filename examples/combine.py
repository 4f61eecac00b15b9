"""Put the bundled register and every example register into one register folder.

Each example keeps to its own id ranges (people P<n>001…, units U<n>001…, where n is its source
article's number; programme, cohort and meeting ids begin with its slug), so the registers
combine without renumbering: the programmes, cohorts, meetings and assessments are copied as
they are and the register-wide people and units lists are concatenated. An id found twice is
refused rather than merged — two registers naming one id are not the same person or unit.

Run: python examples/combine.py OUT    then    jiebang status --by programme --registry OUT
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = (HERE.parent / "registry", *sorted(p for p in HERE.iterdir() if (p / "people.yaml").is_file()))
FOLDERS = ("programmes", "cohorts", "meetings", "assessments")
LISTS = {"people.yaml": ("people", "people.schema.json"), "units.yaml": ("units", "units.schema.json")}


def combine(out: Path, sources: tuple[Path, ...] = SOURCES) -> list[Path]:
    """The registers in `sources` as one register in `out` (which must not exist); returns `sources`."""
    out.mkdir(parents=True)
    for source in sources:
        for folder in FOLDERS:
            for item in sorted((source / folder).glob("*")) if (source / folder).is_dir() else ():
                target = out / folder / item.name
                if target.exists():
                    raise SystemExit(f"{item}: {folder}/{item.name} is in two registers")
                target.parent.mkdir(parents=True, exist_ok=True)
                (shutil.copytree if item.is_dir() else shutil.copy2)(item, target)
    for name, (key, schema) in LISTS.items():
        entries: list[dict] = []
        seen: dict[str, Path] = {}
        for source in sources:
            path = source / name
            data = yaml.safe_load(path.read_text("utf-8")) if path.is_file() else None
            for entry in (data or {}).get(key) or []:
                if entry["id"] in seen:
                    raise SystemExit(f"{path}: {key} id {entry['id']} is also in {seen[entry['id']]}")
                seen[entry["id"]] = path
                entries.append(entry)
        header = (
            f"# yaml-language-server: $schema=../schemas/{schema}\n"
            f"# Made by examples/combine.py from {len(sources)} registers.\n\n"
        )
        body = yaml.safe_dump({"schema_version": 1, key: entries}, allow_unicode=True, sort_keys=False)
        (out / name).write_text(header + body, encoding="utf-8")
    return list(sources)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for source in combine(Path(sys.argv[1])):
        print(source)

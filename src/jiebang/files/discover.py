"""Which register a command works on.

In order: the `--registry` option, the `JIEBANG_REGISTRY` variable (both passed in by the
caller; the core reads no environment), the nearest `registry/` folder upward from the
working folder (as git finds `.git`), and last the bundled 容桂 sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jiebang.errors import RegisterNotFound, UsageError
from jiebang.files import paths, resources

ENV_VAR = "JIEBANG_REGISTRY"
FEDERATION_FILE = "federation.yaml"  # a city register's list of its members (`model.federation`)


@dataclass(frozen=True, slots=True)
class Found:
    root: Path
    origin: str  # option | env | discovered | bundled


def is_register_root(path: Path) -> bool:
    return (path / "programmes").is_dir() or is_federation(path)


def is_federation(path: Path) -> bool:
    """A city register: a register folder whose `federation.yaml` names member registers."""
    return (path / FEDERATION_FILE).is_file()


def normalise(path: Path) -> Path | None:
    """A register root given as itself or as the folder that holds `registry/`."""
    if is_register_root(path):
        return path
    if is_register_root(path / "registry"):
        return path / "registry"
    return None


def find(option: str | None, env: str | None, cwd: Path, *, federation: bool = False) -> Found:
    """The register a command works on; a federation only for a caller that reads one
    (`federation`): every other command works on one member, and is told so."""
    found = _find(option, env, cwd)
    if not federation and is_federation(found.root):
        raise UsageError("federation.one-member", path=str(found.root))
    return found


def _find(option: str | None, env: str | None, cwd: Path) -> Found:
    for value, origin in ((option, "option"), (env, "env")):
        if value:
            path = Path(value).expanduser()
            if not path.exists():
                raise RegisterNotFound("register.missing", path=str(path), origin=origin)
            root = normalise(path)
            if root is None:
                raise RegisterNotFound("register.not-a-register", path=str(path), origin=origin)
            return Found(root.resolve(), origin)
    for folder in (cwd, *cwd.parents):
        candidate = folder / "registry"
        if is_register_root(candidate):
            return Found(candidate.resolve(), "discovered")
        if folder.name == "registry" and is_register_root(folder):
            return Found(folder.resolve(), "discovered")
    return Found(resources.sample_registry(), "bundled")


def root_of(path: Path) -> Path | None:
    """The register a file or folder belongs to (for `validate PATH`). A linked file is not followed:
    it belongs where it lies, and the loader reports it there."""
    path = path.parent.resolve() / path.name if paths.is_link(path) else path.resolve()
    for folder in (path, *path.parents):
        if folder.is_dir() and (root := normalise(folder)) is not None:
            return root
    return None


def is_sample(found: Found) -> bool:
    """Whether `found` is jiebang's own sample: the installed one, or `registry/` in a source checkout.

    In a clone of jiebang (a pyproject.toml naming the project `jiebang` beside `registry/`)
    the sample is "the nearest registry/ upward", and writing it would commit to the tool's
    own repository. Both are read-only alike."""
    if found.origin == "bundled":
        return True
    import tomllib  # not on the read path: writes, `doctor` and the cache ask this

    try:
        project = tomllib.loads((found.root.parent / "pyproject.toml").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    table = project.get("project")
    return found.root.name == "registry" and isinstance(table, dict) and table.get("name") == "jiebang"

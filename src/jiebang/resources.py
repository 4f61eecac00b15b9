"""Where the schemas and the bundled sample register are, installed or in a checkout.

They live once, at the repository root (`schemas/`, `registry/`); a wheel carries them as
`jiebang/_data/`. An editable install or a plain checkout finds them at the root instead.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """`schemas` or `registry`, from the wheel's `_data/` or else the source checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


def schemas_dir() -> Path:
    return data_dir("schemas")


def sample_registry() -> Path:
    return data_dir("registry")


def init_files() -> dict[str, str]:
    """Files `jiebang init` adds beside a new register: pre-commit and GitHub Actions wiring."""
    workflow = data_dir("examples") / "github-actions" / "validate-register.yml"
    return {
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG,
        ".github/workflows/validate-register.yml": workflow.read_text("utf-8"),
    }


PRE_COMMIT_CONFIG = """\
# Checks the register before every commit (https://pre-commit.com): pre-commit install
repos:
  - repo: local
    hooks:
      - id: jiebang-validate
        name: jiebang validate
        entry: jiebang validate
        language: system
        pass_filenames: false
        files: ^registry/.*\\.ya?ml$
"""

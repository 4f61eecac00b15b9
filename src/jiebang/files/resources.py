"""Where the schemas and the bundled sample register are, installed or in a checkout.

They live once, at the repository root (`schemas/`, `registry/`); a wheel carries them as
`jiebang/_data/`. An editable install or a plain checkout finds them at the root instead.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # jiebang/, above files/


@cache
def data_dir(name: str) -> Path:
    """`schemas` or `registry`, from the wheel's `_data/` or else the source checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


def schemas_dir() -> Path:
    return data_dir("schemas")


@cache
def schemas_fingerprint() -> str:
    """A hash of the schema files: what cached results are kept under (a changed schema may
    judge the same file otherwise)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(schemas_dir().glob("*.json")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


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
# Who may change what (validate --since … --authorize) is judged on commits, so the CI workflow checks it.
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

RESTRICTED_README = """\
# 受限库 / Restricted store

本目录只存受限记录：人员和单位的考核、优进拙退结果、容错免责（含依据）、问责文号。
它有自己的 git 仓库，绝不能提交到共享登记册；只把本目录交给专班。

    assessments/<名称>.yaml    assessments: / exemptions: / accountability:

读取：jiebang report 24 --restricted 本目录 --include-restricted
校验：jiebang validate --restricted 本目录

This folder holds restricted records only: assessments of people and units, 优进拙退 outcomes,
exemptions (容错免责, with their basis) and accountability references (问责). It is a git
repository of its own and must never be committed to the shared register; share it with the
office alone. Read it with `--restricted PATH --include-restricted`, check it with
`jiebang validate --restricted PATH`.
"""

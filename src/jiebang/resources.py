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

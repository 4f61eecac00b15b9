"""Reading a record's fields whose shape `validate` checks: the readers take what is well-formed
and skip the rest, so a broken hand edit is reported once (by `validate`), not crashed on."""

from __future__ import annotations

from datetime import date
from typing import Any


def dicts(value: object) -> list[dict[str, Any]]:
    """The mapping items of a list field; anything else counts as no items."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def plain(value: object) -> Any:
    """Dates written without quotes load as dates; rows and cards carry them as ISO text."""
    return value.isoformat() if isinstance(value, date) else value

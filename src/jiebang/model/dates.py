"""The one reading of a record's date: full, or imprecise as EDTF level 1 allows.

ISO 8601-2 / Library of Congress Extended Date/Time Format, level 1: `2023`, `2023-05` or
`2023-05-01`, each optionally followed by a qualifier. It lives in the model layer so that every
layer above (team rosters here, derivations in `queries.derive`, which re-exports it) reads dates
by the same rule.

The ordering rule: an imprecise date sorts and compares as the last day of its period, the first
day it is certain to have happened by.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from functools import cache

EDTF = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%]?)$")

# The qualifiers: `~` approximate, which jiebang uses for a date inferred (推定) from context
# rather than stated; `?` uncertain (存疑): stated somewhere, but possibly wrong; `%` both.
QUALIFIERS = {"~": "inferred", "?": "uncertain", "%": "inferred_uncertain"}


def date_span(value: object) -> tuple[date, date] | None:
    """The first and last day a date may mean: "2023-05~" → 1 to 31 May 2023; None when it is
    not a date. A qualifier does not widen the span (EDTF level 1 says how sure the date is, not
    by how much it may be off). `date` objects and a year written as a number count too."""
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return day, day
    return _text_span(str(value)) if isinstance(value, str | int) else None  # True reads "True": no match


@cache
def _text_span(text: str) -> tuple[date, date] | None:
    """`date_span` of text, remembered: a register repeats its dates, and views read each one many times."""
    m = EDTF.match(text.strip())
    if not m:
        return None
    year, months, day = int(m[1]), [int(m[2])] if m[2] else [1, 12], m[3] and int(m[3])
    try:  # ValueError for year 0, month 0 or 13, 30 February
        first = date(year, months[0], day if day is not None else 1)
        last = date(year, months[-1], day if day is not None else calendar.monthrange(year, months[-1])[1])
    except ValueError:
        return None
    return first, last


def parse_partial_date(value: object) -> date | None:
    """A full or imprecise date as the last day it may mean (the ordering rule): the one parser
    for every date of a record of something that happened.

    A figure for "2021-11" is the month's result, known once the month is over, so it counts
    from 2021-11-30 on; a status entered "2023-05~" holds at 2023-05-31, not yet at 2023-05-15.
    """
    span = date_span(value)
    return span[1] if span else None


def date_qualifier(value: object) -> str | None:
    """The qualifier's meaning (`inferred`, `uncertain`, `inferred_uncertain`), else None."""
    m = EDTF.match(value.strip()) if isinstance(value, str) and date_span(value) else None
    return QUALIFIERS.get(m[4]) if m else None


def on_or_before(value: object, day: str) -> bool:
    """`value` happened by `day` (ISO) under the ordering rule; a date that cannot be read counts
    as having happened (it is there now)."""
    when, limit = parse_partial_date(value), parse_partial_date(day)
    return when is None or limit is None or when <= limit

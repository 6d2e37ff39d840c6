"""The one reader of a date someone typed: «29/11/2026» as every Vietnamese office writes it, or
«2026-11-29» as a browser's date picker, a URL or a YAML file sends it.

Shared by the web's forms (app/web/dates.py), the registers (office/register.py) and anything else
that takes a typed day, so «31/02/2026» gets the same answer everywhere. A two-digit year is
refused: «26» could be 1926 or 2026 and a register must not guess.
"""

from __future__ import annotations

import datetime as _dt
import re

from vanban.library.errors import VanbanError

#: What a date field accepts, for its `pattern` attribute and for the parser below.
DAY_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"
EXAMPLE = "ví dụ 29/11/2026"

_VIETNAMESE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class DayError(VanbanError):
    """A typed date that is not one, said in Vietnamese."""


def day_shown(day: _dt.date) -> str:
    """29/11/2026, with the two-digit day and month a Vietnamese document writes."""
    return day.strftime("%d/%m/%Y")


def parse_day(text: str) -> _dt.date | None:
    """The date `text` names, None when it is empty; a `DayError` that says what is wrong otherwise."""
    text = text.strip()
    if not text:
        return None
    if match := _VIETNAMESE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise DayError(f"«{text}» không phải ngày; hãy gõ ngày/tháng/năm, {EXAMPLE}.")
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise DayError(f"Ngày {day:02d}/{month:02d}/{year:04d} không có thật; hãy chọn lại ngày.") from None


def as_shown(text: str) -> str:
    """What a date field shows back: a valid date as dd/mm/yyyy, anything else exactly as typed,
    so a mistake is corrected in place rather than retyped."""
    try:
        day = parse_day(text)
    except DayError:
        text = text.strip()
        iso = _ISO.fullmatch(text)
        return f"{iso[3]}/{iso[2]}/{iso[1]}" if iso else text
    return day_shown(day) if day else ""

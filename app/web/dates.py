"""Date fields of the web's forms: text fields read by `library/typed_dates.py`.

Why text fields and not `<input type=date>`: on an English-language Chrome, common on office PCs,
the picker shows and expects mm/dd/yyyy, so 03/04/2026 would mean 4 March to the browser and 3
April to the văn thư. A text field read by the shared parser means the same on every browser; the
`date_field` macro (templates/_macros.html) draws it with these hints.
"""

from __future__ import annotations

from vanban.library.typed_dates import DAY_PATTERN, EXAMPLE, DayError, as_shown, day_shown, parse_day

#: The placeholder of every date field.
PLACEHOLDER = "ngày/tháng/năm"

__all__ = ["DAY_PATTERN", "EXAMPLE", "PLACEHOLDER", "DayError", "as_shown", "day_shown", "parse_day"]

"""app/web/dates.py: the one reader of a typed date — dd/mm/yyyy or yyyy-mm-dd, impossible days named."""

from __future__ import annotations

import datetime as dt

import pytest

from vanban.app.web.dates import DayError, parse_day
from vanban.app.web.dates import as_shown as typed_day


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("29/11/2026", dt.date(2026, 11, 29)),
        ("7/9/2009", dt.date(2009, 9, 7)),
        (" 07/09/2009 ", dt.date(2009, 9, 7)),
        ("2026-11-29", dt.date(2026, 11, 29)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("", None),
    ],
)
def test_both_forms_are_read(typed, day):
    assert parse_day(typed) == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Ngày 31/02/2026 không có thật; hãy chọn lại ngày."),
        ("2026-02-31", "Ngày 31/02/2026 không có thật; hãy chọn lại ngày."),
        ("29/02/2025", "Ngày 29/02/2025 không có thật; hãy chọn lại ngày."),
        ("1/13/2026", "Ngày 01/13/2026 không có thật; hãy chọn lại ngày."),
    ],
)
def test_an_impossible_day_is_named(typed, message):
    with pytest.raises(DayError) as caught:
        parse_day(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize("typed", ["29/11/26", "11-29-2026", "29.11.2026", "hôm nay", "2026/11/29"])
def test_other_shapes_are_refused_with_the_example(typed):
    with pytest.raises(DayError) as caught:
        parse_day(typed)
    assert f"«{typed}» không phải ngày" in str(caught.value) and "ví dụ 29/11/2026" in str(caught.value)


def test_a_field_shows_the_day_back_as_ddmmyyyy_and_a_mistake_as_typed():
    assert typed_day("2026-01-05") == "05/01/2026"
    assert typed_day("5/1/2026") == "05/01/2026"
    assert typed_day("2026-02-31") == "31/02/2026"
    assert typed_day("31/02/2026") == "31/02/2026"
    assert typed_day("hôm qua") == "hôm qua"
    assert typed_day("") == ""

"""Vietnamese text toolkit: normalisation, folding, legacy encodings, dates and numbers in words.

Everything users read must be NFC with full diacritics; everything users *type* may come without
them.  `fold` is the bridge between the two, and the reading rules here follow the formal Northern
usage of provincial documents ("một trăm linh năm", "nghìn", "tỷ").
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from decimal import Decimal

__all__ = [
    "nfc",
    "fold",
    "from_legacy",
    "detect_legacy",
    "format_date",
    "place_date",
    "number_to_words",
    "money_to_words",
    "format_number",
]

LEGACY_ENCODINGS = ("tcvn3", "vni")

_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", vowel + mark) for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" for mark in _TONE_MARKS
) | {"đ", "Đ"}
# Beyond Latin-1: no legacy byte read as Latin-1 or cp1252 can be one of these.
_UNICODE_ONLY_LETTERS = frozenset(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF)
_UNICODE_SHARE = 0.25


def nfc(text: str) -> str:
    """Compose combining marks: IMEs on some systems emit NFD, which breaks regexes and printing."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase and strip every diacritic (đ→d) so that "Đường Sắt" and "duong sat" meet."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "d").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare).lower()


def detect_legacy(text: str) -> str | None:
    """Name the legacy encoding ("tcvn3", "vni"…) the text is written in, or None for Unicode."""
    import viparse

    return viparse.detect_text_encoding(text)


def is_unicode_vietnamese(text: str) -> bool:
    """Clearly Unicode already: every non-ASCII character a Vietnamese letter, general
    punctuation or a small digit ("KT₂") (no legacy residue such as TCVN3's "¸", "µ", "®" or VNI's "ø", "ñ", "ö"), and a
    quarter of the letters ones that only Unicode has (ế, ạ, ư, đ…), which legacy bytes never make.
    """
    letters = unicode_only = 0
    for ch in text:
        if ch < "\x80":
            continue
        if ch in VIETNAMESE_LETTERS:
            letters += 1
            unicode_only += ch in _UNICODE_ONLY_LETTERS
        elif not ("\u2000" <= ch <= "\u206f" or "\u2070" <= ch <= "\u209f"):  # punctuation, small digits
            return False
    return unicode_only > 0 and unicode_only >= _UNICODE_SHARE * letters


def from_legacy(text: str, encoding: str | None = None) -> str:
    """Turn TCVN3 (ABC, .VnTime) or VNI text into Unicode NFC; Unicode text passes through.

    The conversion tables are viparse's: they were checked against real legacy documents,
    keep TCVN3's "ư" (byte 0xAD, a soft hyphen in Latin-1) and leave Unicode text alone.
    Text that is clearly Unicode Vietnamese skips viparse's detection (trial conversions of the
    whole text, most of the cost of reading a file) and gets only the whitespace and
    control-character cleanup viparse gives Unicode text, so the result is the same.
    """
    import viparse

    if encoding is not None and encoding.lower() not in LEGACY_ENCODINGS + ("viscii", "vps"):
        raise ValueError(f"Bảng mã không được hỗ trợ: {encoding}")
    if encoding is None and is_unicode_vietnamese(text):
        from viparse.normalize.cleanup import clean_text

        return nfc(clean_text(nfc(text)))
    fixed = viparse.fix(text, encoding=encoding.lower() if encoding else "auto")
    return nfc(fixed)


def format_date(day: _dt.date) -> str:
    """NĐ 30 date: days below 10 and months 1–2 take a leading zero ("ngày 05 tháng 01 năm 2021")."""
    day_part = f"{day.day:02d}"
    month_part = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day_part} tháng {month_part} năm {day.year}"


def place_date(place: str, day: _dt.date) -> str:
    """The ô 4 line of the header: "Hà Tĩnh, ngày 15 tháng 12 năm 2020"."""
    return f"{nfc(place).strip()}, {format_date(day)}"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_UNITS = ("", "nghìn", "triệu")
_BILLION = 10**9


def _units_after_tens(tens: int, unit: int) -> str:
    """The last syllable changes sound after "mươi": mốt, tư, lăm (but "mười một", "mười bốn")."""
    if unit == 0:
        return ""
    if unit == 5:
        return "lăm"
    if tens >= 2 and unit == 1:
        return "mốt"
    if tens >= 2 and unit == 4:
        return "tư"
    return _DIGITS[unit]


def _read_triple(value: int, leading: bool) -> list[str]:
    """Read 0–999; inside a number (not leading) an empty hundreds is said: "không trăm linh năm"."""
    hundreds, rest = divmod(value, 100)
    tens, unit = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if unit:
            if words:
                words.append("linh")
            words.append(_DIGITS[unit])
    elif tens == 1:
        words.append("mười")
        if unit:
            words.append(_units_after_tens(1, unit))
    else:
        words += [_DIGITS[tens], "mươi"]
        if unit:
            words.append(_units_after_tens(tens, unit))
    return words


def _read_below_billion(value: int, leading: bool) -> list[str]:
    groups = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words: list[str] = []
    for position in range(len(groups) - 1, -1, -1):
        group = groups[position]
        if group == 0:
            continue
        words += _read_triple(group, leading=leading and not words)
        if _GROUP_UNITS[position]:
            words.append(_GROUP_UNITS[position])
    return words


def _read(value: int, leading: bool = True) -> list[str]:
    if value < _BILLION:
        return _read_below_billion(value, leading)
    billions, rest = divmod(value, _BILLION)
    words = _read(billions, leading) + ["tỷ"]
    if rest:
        words += _read_below_billion(rest, leading=False)
    return words


def number_to_words(n: int) -> str:
    """Formal Northern reading: 105 "một trăm linh năm", 1005 "một nghìn không trăm linh năm"."""
    if isinstance(n, bool) or int(n) != n:
        raise ValueError(f"Chỉ đọc được số nguyên: {n!r}")
    n = int(n)
    if n == 0:
        return "không"
    if n < 0:
        return "âm " + number_to_words(-n)
    return " ".join(_read(n))


def money_to_words(amount: int, currency: str = "đồng") -> str:
    """Amount in words as written under a figure: "Một tỷ hai trăm năm mươi triệu đồng"."""
    words = f"{number_to_words(amount)} {currency}"
    return words[0].upper() + words[1:]


def format_number(value: int | float | Decimal) -> str:
    """Vietnamese figures: "." between thousands, "," before decimals (1.250.000; 1.250,5)."""
    if isinstance(value, bool):
        raise ValueError(f"Không phải số: {value!r}")
    text = format(Decimal(str(value)), "f") if not isinstance(value, int) else str(value)
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + (f",{decimals}" if decimals else "")


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """ "IV": the numerals of mục I., II. in plans and of Phụ lục I, II (Word's upperRoman too)."""
    digits = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        digits.append(symbol * count)
    return "".join(digits)

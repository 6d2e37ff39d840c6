"""Repairs of recognised (OCR) text before the structure parser reads it, each on plain strings.

Tesseract's Vietnamese model reads printed administrative text well; what it gets wrong is
predictable and costly for the parser: marks of the stamp and the signature read as stray symbols,
"Điều" read as "Điểu"/"Diều" and "II." as "H." (the parser then misses the heading), "0"/"O" and "l"/"I"/"1"
swapped inside a số hiệu (search by số hiệu then fails), words split with a hyphen at a line end,
and the page numbers and running heads of every page mixed into the body.  Each repair is narrow
on purpose: it changes only what its pattern proves is an OCR slip, never ordinary text.
"""

from __future__ import annotations

import re

from vanban.library.readers.pdf import implausible_share
from vanban.library.vietnamese import fold

#: Tokens with no letter or digit that printed text does use on their own.
_KEPT_PUNCTUATION = frozenset("-–—+*•…:;,.()/%\"'“”")
_STRAY_CONFIDENCE = 45.0
_ARTICLE = re.compile(r"^(\W*)([^\W\d_]{4})(?=\s+[0-9lI]{1,3}\s*[.:])")
_NUMBER_SYMBOL = re.compile(
    r"(?<![\w/])(?P<number>[0-9OolI]{1,6})(?P<year>/[0-9OolI]{4})?/(?P<symbol>[A-ZĐ0lI][A-Za-zĐđ0-9lI]*(?:-[A-Za-zĐđ0-9lI]+)*)"
)
_SPACED_SYMBOL = re.compile(r"(?<=\d/)([A-ZĐ][A-Za-zĐđ0-9]*)-\s+(?=[A-ZĐ])")
_ROMAN_HEADING = re.compile(r"^([IVXlH|]{1,4})\.\s*(?=[A-ZĐ][^a-zđ]*$)")  # not "1.": a clause in capitals
#: "IIIL KINH PHÍ": the full stop read as an L; only after a numeral that cannot take an L (not "X").
_ROMAN_STOP_AS_L = re.compile(r"^([IVX]*[IV][IVX]*)L\s+(?=[A-ZĐ][^a-zđ]*$)")
#: The vowels "iê"/"yê" never go without their circumflex in Vietnamese: a tone mark on a bare "e"
#: after "i"/"y" ("QUYÉT", "TRUYÈN") is Tesseract dropping the circumflex of a capital.
_IE_LOST_HAT = re.compile(r"(?<=[iyIY])[éèẻẽẹÉÈẺẼẸ]")
_IE_HATTED = dict(zip("éèẻẽẹÉÈẺẼẸ", "ếềểễệẾỀỂỄỆ", strict=True))
#: "TỈNH" read "TĨNH" in an agency line ("UBND TĨNH PHÚ THỌ"); "HÀ TĨNH" is never at these places.
_TINH_AS_TINH = re.compile(r"(?:^|(?<=^UBND )|(?<=^HĐND )|(?<=NHÂN DÂN ))TĨNH(?= [A-ZĐÀ-Ỹ])")
#: Look-alike characters no Vietnamese text uses: the Icelandic eth for Đ, fraction and division
#: slashes in a số hiệu.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "⁄": "/", "∕": "/"})
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:Trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–—\s]*$", re.IGNORECASE)
_RUNNING_HEAD_MAX = 80
#: The header's "Số: … /KÝ-HIỆU" line and its "Địa danh, ngày … tháng … năm …" line, whole.
_NUMBER_LINE = re.compile(r"^(?P<head>S[ốỐ]\s*:)\s*(?P<number>.*?)\s*(?P<symbol>/[A-ZĐ][\w.&-]*)$")
_CLEAN_NUMBER = re.compile(r"\d{1,6}(?:/\d{4})?")
_DATE_LINE = re.compile(
    r"^(?P<place>[^\W\d_][\w .-]*,\s*ngày)\s*(?P<day>\S.{0,6}?)\s*(?P<rest>tháng\s*\d{1,2}\s*năm\s*\d{4}.*)$"
)


def is_stray(token: str, confidence: float) -> bool:
    """A token the stamp, the signature or a speck made: symbols only (not punctuation text uses),
    or a doubtful word no Vietnamese syllable spells."""
    if not any(ch.isalnum() for ch in token):
        return not set(token) <= _KEPT_PUNCTUATION
    if confidence >= _STRAY_CONFIDENCE or any(ch.isdigit() for ch in token):
        return False
    word = token.strip("".join(_KEPT_PUNCTUATION))
    return not word.replace("-", "").isalpha() or implausible_share(word) == 1.0


def fix_article_heading(line: str) -> str:
    """ "Điểu 3." / "Đìều 3." / "Diều 3." at a line start → "Điều 3." (only a four-letter word that
    folds to "dieu" followed by a number, so body words are never touched)."""
    match = _ARTICLE.match(line)
    if not match or fold(match.group(2)).lower() != "dieu":
        return line
    rest = line[match.end() :]
    number = re.match(r"(\s+)([0-9lI]{1,3})", rest)
    if number:
        digits = number.group(2).replace("l", "1").replace("I", "1")
        rest = number.group(1) + digits + rest[number.end() :]
    return f"{match.group(1)}Điều{rest}"


def fix_number_symbols(line: str) -> str:
    """Inside a số hiệu only: letters read for digits in the number and year ("l716" → "1716",
    "2O25" → "2025"), digits read for letters in the ký hiệu ("QĐ-UBNl" → "QĐ-UBNI", "B0" → "BO"),
    leaving a digit that stands beside a digit ("C04") alone; a space after a hyphen goes
    ("05/KH- UBND" → "05/KH-UBND")."""

    def digits(text: str) -> str:
        return text.translate(str.maketrans("OolI", "0011"))

    def letters(segment: str) -> str:
        chars = list(segment)
        for i, ch in enumerate(chars):
            before = chars[i - 1] if i else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if ch == "0" and not before.isdigit() and not after.isdigit():
                chars[i] = "O"
            elif ch == "l" and not before.islower() and not after.islower():
                chars[i] = "I"
        return "".join(chars)

    def repair(match: re.Match) -> str:
        number = match.group("number")
        if not any(ch.isdigit() for ch in number):
            return match.group(0)
        year = digits(match.group("year") or "")
        symbol = "-".join(letters(s) for s in match.group("symbol").split("-"))
        return f"{digits(number)}{year}/{symbol}"

    return _NUMBER_SYMBOL.sub(repair, _SPACED_SYMBOL.sub(r"\1-", line))


def fix_roman_heading(line: str) -> str:
    """ "H. NỘI DUNG" → "II. NỘI DUNG", "HI." → "III.", "l." → "I.": the serifs of two capital I run
    together into an H; "I.MỤC ĐÍCH" gets its space back; "IIIL KINH PHÍ" → "III. KINH PHÍ" (the full
    stop read as an L, which no numeral ending in I or V can take).  Only a line that is a heading in
    capitals, so "H." in a sentence stays."""
    stop = _ROMAN_STOP_AS_L.match(line)
    if stop:
        line = f"{stop.group(1)}. {line[stop.end() :]}"
    match = _ROMAN_HEADING.match(line)
    if not match:
        return line
    numeral = match.group(1).replace("H", "II").translate(str.maketrans("l|", "II"))
    return f"{numeral}. {line[match.end() :]}" if len(numeral) <= 4 else line


def fix_capital_marks(line: str) -> str:
    """What Tesseract's Vietnamese model drops or confuses on capitals and look-alikes, where the
    spelling proves it: "QUYÉT ĐỊNH" → "QUYẾT ĐỊNH" (iê/yê always wear the circumflex), "PHÓ GIÁM
    ĐÓC" → "PHÓ GIÁM ĐỐC", "UBND TĨNH PHÚ THỌ" → "UBND TỈNH PHÚ THỌ" (only on a line in capitals),
    "QĐÐ" (eth) → "QĐĐ", "15⁄QĐ" → "15/QĐ"."""
    line = _IE_LOST_HAT.sub(lambda m: _IE_HATTED[m.group(0)], line.translate(_LOOKALIKES))
    line = re.sub(r"\bGIÁM ĐÓC\b", "GIÁM ĐỐC", line)
    letters = [ch for ch in line if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        line = _TINH_AS_TINH.sub("TỈNH", line)
    return line


def blank_handwritten(line: str) -> str:
    """The số or the day an official writes by hand on the printed form ("Số: 4Z/46 /QĐ-UBND",
    "Lâm Đồng, ngày 4b tháng 10 năm 2025") is read as a mix of digits and marks; anything but a
    clean number there is left blank, as a draft leaves it, so the ký hiệu, place and month still
    parse and no wrong number is stored."""
    number = _NUMBER_LINE.match(line)
    if number and number["number"] and not _CLEAN_NUMBER.fullmatch(number["number"]):
        return f"{number['head']} {number['symbol']}"
    date = _DATE_LINE.match(line)
    if date and not re.fullmatch(r"\d{1,2}", date["day"]):
        return f"{date['place']} {date['rest']}"
    return line


def join_hyphenated(lines: list[str]) -> list[str]:
    """A line ending in a word cut by a hyphen ("484/KH-" + "UBND", "bền vữ-" + "ng") is joined to
    the next: the hyphen stays in a ký hiệu or a compound, goes when the pieces make one syllable."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if re.search(r"\w-$", previous) and line[:1].isalnum():
            head = previous.split()[-1][:-1]
            tail = line.split()[0]
            syllable = head.islower() and tail.islower() and implausible_share(head + tail) == 0.0
            out[-1] = previous[:-1] + line if syllable else previous + line
        else:
            out.append(line)
    return out


def repair_lines(lines: list[str]) -> list[str]:
    """The line-level repairs of one page, in the order they depend on each other."""
    fixed = [
        blank_handwritten(fix_number_symbols(fix_roman_heading(fix_article_heading(fix_capital_marks(line)))))
        for line in lines
    ]
    return join_hyphenated(fixed)


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Page numbers (a line of only a number, "- 2 -", "Trang 2", "2/5") at a page's top or foot,
    and a running head: the same short first line on two or more pages after the first."""
    pages = [_drop_page_number(lines) for lines in pages]
    firsts = [_first_text(lines) for lines in pages[1:]]
    repeated = {line for line in firsts if line and len(line) <= _RUNNING_HEAD_MAX and firsts.count(line) >= 2}
    return [pages[0], *([line for line in lines if line not in repeated] for lines in pages[1:])] if pages else []


def _drop_page_number(lines: list[str]) -> list[str]:
    """The page number at either end, and the specks above the first line of text ("ai", "F": a
    signing tool's stamp or dust read as letters; no page opens with a line of two letters)."""
    while lines and sum(ch.isalnum() for ch in lines[0]) < 3 and not _PAGE_NUMBER.match(lines[0]):
        lines = lines[1:]
    text = [i for i, line in enumerate(lines) if line.strip()]
    ends = {text[0], text[-1]} if text else set()
    return [line for i, line in enumerate(lines) if not (i in ends and _PAGE_NUMBER.match(line))]


def _first_text(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip()), "")

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
from collections.abc import Callable

from vanban.library.doctypes import TYPE_BY_ABBREVIATION
from vanban.library.nd30 import SIGNING_PREFIXES
from vanban.library.readers.ocr_vocabulary import correct
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
    r"^(?P<place>[^\W\d_][\w .-]*,\s*ngày)\s*(?P<day>.{0,7}?)\s*tháng\s*(?P<month>.{0,6}?)\s*(?P<rest>năm\s*\d{4}.*)$"
)
_CLEAN_DAY = re.compile(r"\d{1,2}")


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


def fix_symbol_type(line: str) -> str:
    """ "Số: 15/QĐĐ-UBND" → "Số: 15/QĐ-UBND": on the số line, a type abbreviation that no document
    type has but becomes one when a doubled letter is read once (a pen stroke read as a second Đ)."""
    number = _NUMBER_LINE.match(line)
    if not number:
        return line
    parts = number["symbol"][1:].split("-")
    head = parts[0]
    if head in TYPE_BY_ABBREVIATION:
        return line
    single = re.sub(r"(\w)\1", r"\1", head)
    if single == head or single not in TYPE_BY_ABBREVIATION:
        return line
    return line[: number.start("symbol")] + "/" + "-".join([single, *parts[1:]]) + line[number.end("symbol") :]


def blank_handwritten(line: str) -> str:
    """The số, the day or the month an official writes by hand on the printed form ("Số: 4Z/46 /QĐ-UBND",
    "Lâm Đồng, ngày 4b tháng 10 năm 2025", "tháng Ê năm") is read as a mix of digits and marks; anything but a
    clean number there is left blank, as a draft leaves it, so the ký hiệu, place and month still
    parse and no wrong number is stored."""
    number = _NUMBER_LINE.match(line)
    if number and number["number"] and not _CLEAN_NUMBER.fullmatch(number["number"]):
        return f"{number['head']} {number['symbol']}"
    date = _DATE_LINE.match(line)
    if date and not (_CLEAN_DAY.fullmatch(date["day"] or "0") and _CLEAN_DAY.fullmatch(date["month"] or "0")):
        day, month = (x if _CLEAN_DAY.fullmatch(x) else "" for x in (date["day"], date["month"]))
        return " ".join(x for x in (date["place"], day, "tháng", month, date["rest"]) if x)
    return line


def join_number_line(lines: list[str]) -> list[str]:
    """ "Số:" alone, its ký hiệu "/STTTT-CNTT" on the next line (the handwritten number between them
    was read as a line break or dropped as a stray) → one "Số: /STTTT-CNTT" line."""
    out: list[str] = []
    for line in lines:
        if out and re.fullmatch(r"S[ốỐ]\s*:", out[-1].strip()) and re.match(r"^/[A-ZĐ]", line.strip()):
            out[-1] = f"{out[-1].strip()} {line.strip()}"
        else:
            out.append(line)
    return out


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
        fix_symbol_type(
            blank_handwritten(fix_number_symbols(fix_roman_heading(fix_article_heading(fix_capital_marks(line)))))
        )
        for line in lines
    ]
    return join_hyphenated(join_number_line(fixed))


#: The lines a header or signature block is made of, which no noise rule may drop.
_HEADER_ITEM = re.compile(r"^(?:S[ốỐ]\s*:|V/v\b|[-–+•]\s)|ngày\s.*tháng|tháng\s.*năm")
#: Where the body begins under a header: the căn cứ, the Kính gửi, an article or a numbered part.
_BODY_OPENER = re.compile(
    r"^(?:Căn cứ|Kính gửi|Thực hiện|Theo đề nghị|Xét đề nghị|Điều\s+\d|Chương\s+[IVXLC\d]+\b"
    r"|Phần\s+(?:thứ|[IVXLC\d]+\b)|[IVX]+\.\s|\d+\.\s)"
)
_HEADER_MAX_LINES = 30
#: The labels of a signing tool's box printed over a scan ("Ký bởi: …", "Cơ quan: …", "Ngày ký: …").
_SIGNING_TOOL_LABELS = ("ky boi", "co quan:", "ngay ky", "thoi gian ky", "email:")
_GOOD_SHARE = 0.4


def _is_word(token: str) -> bool:
    """A Vietnamese word of two letters or more, an abbreviation in capitals ("UBND", "VT"), a
    number of two digits or more ("2026") or a số hiệu ("484/KH-UBND")."""
    word = token.strip("".join(_KEPT_PUNCTUATION) + "'`´ˆ~^")
    if re.fullmatch(r"\d{2,}|\d+(?:/\d{4})?/[A-ZĐ][\w.&-]*", word):
        return True
    if len(word) < 2 or not word.isalpha():
        return False
    return (word.isupper() and len(word) <= 6) or implausible_share(word.lower()) == 0.0


def is_noise_line(line: str) -> bool:
    """A line a stamp, a signature or a speck made inside a header or a signature block ("ˆ TA",
    "'. Á", "NANM?o6", "HN N ."): under three letters in real words, or real words under 40 % of
    its characters.  The header's own items (Số, V/v, the date line, a "- " recipient, a
    TM./KT. line) are never noise."""
    text = line.strip()
    if not text or _HEADER_ITEM.search(text) or text.startswith(SIGNING_PREFIXES):
        return False
    letters = sum(len(t) for t in text.split() if _is_word(t))
    return letters < 3 or letters < _GOOD_SHARE * len(text.replace(" ", ""))


def _is_signing_tool_line(line: str) -> bool:
    return fold(line.strip()).lower().startswith(_SIGNING_TOOL_LABELS)


def _correct_where(lines: list[str], eligible: Callable[[str], bool]) -> list[str]:
    """Vocabulary correction (`ocr_vocabulary.correct`) over each run of consecutive lines for which
    `eligible` holds; a date line's địa danh is corrected on its own, the rest of it left alone."""
    out = list(lines)
    run: list[int] = []
    for index in [*range(len(lines)), None]:
        if index is not None and eligible(lines[index]):
            run.append(index)
            continue
        for i, fixed in zip(run, correct([lines[i] for i in run]), strict=True):
            out[i] = fixed
        run = []
        if index is not None:
            place = re.match(r"^([^\W\d_][^,]{1,40}?)(,\s*ngày\b.*)$", lines[index])
            if place:
                out[index] = correct([place[1]])[0] + place[2]
    return out


def _is_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def repair_header(lines: list[str]) -> list[str]:
    """The first page's header, down to where the body begins: lines a stamp or a signing tool's
    box left there dropped (they would end the header before the tên loại), and the agency names,
    Quốc hiệu, Tiêu ngữ, tên loại and địa danh spelled as the vocabulary has them.  The trích yếu
    (free text) and the body are not touched."""
    end = next((i for i, line in enumerate(lines) if _BODY_OPENER.match(line.strip())), None)
    end = min(end if end is not None else len(lines), _HEADER_MAX_LINES)
    head = _vv_together([x for x in lines[:end] if not (is_noise_line(x) or _is_signing_tool_line(x))])
    head = _correct_where(head, lambda x: _is_capitals(x) or _is_national_line(x))
    return head + lines[end:]


#: A V/v line is as narrow as the header's left column; a body line runs the page's width.
_VV_WIDTH = 55
_VV_MAX_LINES = 3


def _vv_together(head: list[str]) -> list[str]:
    """A công văn's V/v whose last lines were read after the right column ("V/v chuẩn bị…", Quốc
    hiệu, date line, "Chương trình MTQG…"): when the header band ends above the V/v's end, the rest
    of it comes out below the date line.  Up to three short lines in lower case there, before a
    blank line or the body, go back under the V/v's first lines."""
    vv = next((i for i, line in enumerate(head) if line.strip().startswith("V/v")), None)
    if vv is None:
        return head
    right = [i for i, line in enumerate(head) if i > vv and (_DATE_LINE.match(line.strip()) or _is_national_line(line))]
    if not right:
        return head
    after = right[-1] + 1
    moved = []
    while after + len(moved) < len(head) and len(moved) < _VV_MAX_LINES:
        line = head[after + len(moved)].strip()
        if not line or _is_capitals(line) or len(line) > _VV_WIDTH or not line[:1].isalnum():
            break
        moved.append(head[after + len(moved)])
    if not moved:
        return head
    end = vv + 1
    while end < len(head) and head[end].strip() and not (_is_national_line(head[end]) or _DATE_LINE.match(head[end])):
        end += 1
    rest = head[end:after] + head[after + len(moved) :]
    return head[:end] + moved + rest


def _is_national_line(line: str) -> bool:
    return fold(line.strip()).lower().startswith(("cong hoa", "doc lap"))


def repair_signature(lines: list[str]) -> list[str]:
    """The last page's signature block, from its Nơi nhận or first TM./KT. line to the end: the
    stamp's and the signature's noise lines dropped (they would join the signer's title), titles in
    capitals and the "Nơi nhận" label spelled as the vocabulary has them."""
    starts = [
        i for i, line in enumerate(lines)
        if fold(line.strip()).lower().startswith("noi nhan") or line.strip().startswith(SIGNING_PREFIXES)
    ]  # fmt: skip
    if not starts:
        return lines
    tail = [x for x in lines[starts[0] :] if not is_noise_line(x)]
    tail = _correct_where(tail, lambda x: _is_capitals(x) or fold(x.strip()).lower().startswith("noi nhan"))
    return lines[: starts[0]] + tail


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

"""Find references to documents and to their parts in Vietnamese text.

Matching runs on the folded text (no diacritics, lower case), so "QĐ 889", "qd 889" and
"Quyết định số 889/QĐ-TTg" are one pattern; because folding NFC text keeps every character in
place, spans found there are spans of the original, from which the số hiệu is copied verbatim.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from vanban.library.doctypes import ABBREVIATIONS, ALL_TYPE_NAMES, type_from_symbol
from vanban.library.vietnamese import fold, nfc

#: Laws often cited by name alone; matched without diacritics, returned in their proper spelling.
KNOWN_LAWS = (
    "Luật Bảo vệ môi trường",
    "Luật Sử dụng năng lượng tiết kiệm và hiệu quả",
    "Luật Tổ chức Chính phủ",
    "Luật Tổ chức chính quyền địa phương",
    "Luật Ban hành văn bản quy phạm pháp luật",
    "Luật Ngân sách nhà nước",
    "Luật Đấu thầu",
    "Luật Kế toán",
    "Luật Đầu tư công",
    "Luật Quản lý, sử dụng tài sản công",
    "Luật Chuyển giao công nghệ",
    "Luật Khoa học và công nghệ",
    "Luật Lưu trữ",
    "Luật Thương mại",
    "Luật Doanh nghiệp",
    "Luật Hợp tác xã",
    "Luật Tiêu chuẩn và quy chuẩn kỹ thuật",
    "Luật Bảo vệ quyền lợi người tiêu dùng",
)


@dataclass(frozen=True)
class Citation:
    """One reference found in a text; `number` is the full số hiệu only when the text gives it."""

    text: str
    span: tuple[int, int]
    doc_type: str | None = None
    number: str | None = None
    serial: int | None = None
    year: int | None = None
    signed_on: _dt.date | None = None
    name: str | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["span"] = list(self.span)
        data["signed_on"] = self.signed_on.isoformat() if self.signed_on else None
        return data


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_TYPE_WORDS = {fold(name): name for name in ALL_TYPE_NAMES}
_TYPE_WORDS.update({fold(abbr): name for name, abbr in ABBREVIATIONS.items()})
_TYPE_RE = _alternation(_TYPE_WORDS)
#: A serial may carry a letter or a second number ("01a/QĐ-UBND", "130-12/PT-NC"): offices write both.
_SERIAL = r"\d+[a-z]?(?:-\d+)?"
_NUM = rf"{_SERIAL}(?:/\d{{4}})?(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?"


def _date_pattern(prefix: str = "") -> str:
    """An optional ", ngày 24/6/2020" or "ngày 24 tháng 6 năm 2020"; `prefix` keeps group names apart
    where a law's date and a typed document's date are alternatives of one pattern."""
    return (
        rf"(?:,?\s+ngay\s+(?:(?P<{prefix}d1>\d{{1,2}})[/.-](?P<{prefix}m1>\d{{1,2}})[/.-](?P<{prefix}y1>\d{{4}})"
        rf"|(?P<{prefix}d2>\d{{1,2}})\s+thang\s+(?P<{prefix}m2>\d{{1,2}})\s+nam\s+(?P<{prefix}y2>\d{{4}})))?"
    )


_DATE = _date_pattern()
_LAWS = {fold(name): name for name in KNOWN_LAWS}
#: A law by name, as căn cứ lines write it: "Luật Bảo vệ môi trường (năm 2020) (số 72/2020/QH14) (ngày …)".
_LAW_RE = (
    rf"(?P<law>{_alternation(_LAWS)})(?:\s+(?:nam\s+)?(?P<lawyear>(?:19|20)\d\d)\b)?"
    rf"(?:\s+so\s+(?P<lawnum>\d+/\d{{4}}/qh\d+)\b)?{_date_pattern('law')}"
)
_DOCREF_RE = rf"(?P<type>{_TYPE_RE})(?:(?:\s+[a-z]+){{0,3}}?\s+so\s*:?\s*|\s+)(?P<num>{_NUM})(?![\w/]){_DATE}"
_TARGET = rf"(?:{_DOCREF_RE}|{_LAW_RE})"
_PART_RE = re.compile(
    rf"\b(?:diem\s+(?P<point>[a-z])\s+)?(?:khoan\s+(?P<clause>\d+)\s+)?dieu\s+(?P<article>\d+[a-z]?)\b"
    rf"(?:\s+(?:cua\s+)?{_TARGET})?"
)
_DOC_RE = re.compile(rf"\b{_TARGET}")
_SYMBOL_RE = re.compile(
    rf"(?<![\w/-])(?P<sym>{_SERIAL}(?:/\d{{4}})?/[a-z]+[a-z0-9]*(?:-[a-z0-9]+)+|\d+/\d{{4}}/qh\d+)(?![\w/])"
)


def _signed_on(match: re.Match, prefix: str = "") -> _dt.date | None:
    for d, m, y in ((f"{prefix}d1", f"{prefix}m1", f"{prefix}y1"), (f"{prefix}d2", f"{prefix}m2", f"{prefix}y2")):
        if match.groupdict().get(d):
            try:
                return _dt.date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                return None
    return None


def _split_number(raw: str) -> tuple[str | None, int | None, int | None]:
    """ "86/2018/NQ-HĐND" → (full number, 86, 2018); "86/2018" → (None, 86, 2018); "889" → (None, 889, None).

    Any shape is accepted (a number in the library may be "130-12/PT-NC" or "01a/QĐ-UBND"): a serial
    that is not plain digits is None, so a short "QĐ 130" is never completed with such a number.
    """
    parts = raw.split("/")
    serial = int(parts[0]) if parts[0].isascii() and parts[0].isdigit() else None
    year = int(parts[1]) if len(parts) > 1 and re.fullmatch(r"\d{4}", parts[1]) else None
    full = raw if re.search(r"/[^\d/]", raw) or (len(parts) == 3) else None
    return full, serial, year


def _document_fields(match: re.Match, text: str) -> dict:
    """Fields of the document named by a _TARGET match (a typed số hiệu or a law's name)."""
    groups = match.groupdict()
    if groups.get("law"):
        start, end = match.span("law")
        signed_on = _signed_on(match, "law")
        number = text[match.start("lawnum") : match.end("lawnum")] if groups.get("lawnum") else None
        year = int(groups["lawyear"]) if groups.get("lawyear") else None
        year = year or (signed_on.year if signed_on else None) or (_split_number(number)[2] if number else None)
        fields = {"doc_type": "Luật", "name": _LAWS[groups["law"]], "year": year, "_orig": text[start:end]}
        return {**fields, "number": number, "signed_on": signed_on} if number or signed_on else fields
    if not groups.get("num"):
        return {}
    raw = text[match.start("num") : match.end("num")]
    full, serial, year = _split_number(raw)
    signed_on = _signed_on(match)
    doc_type = _TYPE_WORDS[groups["type"]]
    if full and type_from_symbol(full):
        doc_type = type_from_symbol(full) or doc_type
    return {
        "doc_type": doc_type,
        "number": full,
        "serial": serial,
        "year": year or (signed_on.year if signed_on else None),
        "signed_on": signed_on,
    }


def _point_letter(text: str, match: re.Match) -> str | None:
    """Keep "đ" as written: folding made it "d", but điểm đ is not điểm d."""
    if not match["point"]:
        return None
    return text[match.start("point")]


def find_citations(text: str, known_numbers: Iterable[str] = ()) -> list[Citation]:
    """Every reference in `text`, in order; `known_numbers` completes short forms like "QĐ 889"."""
    text = nfc(text)
    folded = fold(text)
    taken: list[tuple[int, int]] = []
    found: list[Citation] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= s or span[0] >= e for s, e in taken)

    def add(span: tuple[int, int], **fields) -> None:
        fields.pop("_orig", None)
        taken.append(span)
        found.append(Citation(text=text[span[0] : span[1]], span=span, **fields))

    for match in _PART_RE.finditer(folded):
        add(
            match.span(),
            article=text[match.start("article") : match.end("article")],
            clause=match["clause"],
            point=_point_letter(text, match),
            **_document_fields(match, text),
        )
    for match in _DOC_RE.finditer(folded):
        if free(match.span()):
            fields = _document_fields(match, text)
            if fields.get("doc_type") == "Luật" and not text[match.start()].isupper():
                continue
            add(match.span(), **fields)
    for match in _SYMBOL_RE.finditer(folded):
        if free(match.span()):
            raw = text[match.start() : match.end()]
            full, serial, year = _split_number(raw)
            add(match.span(), doc_type=type_from_symbol(raw), number=raw, serial=serial, year=year)
    found.sort(key=lambda c: c.span)
    known = list(known_numbers)
    return [_complete(c, known) for c in found] if known else found


def _complete(citation: Citation, known_numbers: list[str]) -> Citation:
    """Fill a short reference's full số hiệu when exactly one known document fits it."""
    if citation.number or citation.serial is None:
        return citation
    candidates = []
    for number in known_numbers:
        full, serial, year = _split_number(number)
        if serial != citation.serial:
            continue
        if citation.year and year and citation.year != year:
            continue
        if citation.doc_type and type_from_symbol(number) not in (citation.doc_type, None):
            continue
        candidates.append(number)
    if len(candidates) != 1:
        return citation
    values = asdict(citation)
    values["number"] = candidates[0]
    values["span"] = citation.span
    return Citation(**values)

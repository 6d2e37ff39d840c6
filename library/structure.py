"""Plain text of an official document → `Document`: header block, outline, signature, appendix.

Two outline styles exist (NĐ 30/2020 Phụ lục I, Mục II.6): legal documents go Phần › Chương › Mục
› Tiểu mục › Điều › Khoản › Điểm; plans and reports go I. › 1. › a) › "- " items.  The text may
come from a PDF, so a paragraph cut by a page break (a line that starts in lower case) is joined
back, and emphasis markers left by converters ("**", "*") are dropped.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from vanban.library.doctypes import type_from_heading, type_from_symbol
from vanban.library.model import Document, Section, SectionKind, Signature
from vanban.library.nd30 import SIGNING_PREFIXES
from vanban.library.tasktable import parse_task_rows
from vanban.library.vietnamese import fold, nfc

#: Unnumbered children of a plan's headings: "y" is a "- " item, "doan" a plain paragraph.
PARAGRAPH_KINDS = (SectionKind.ITEM, SectionKind.PARAGRAPH)
CENTRAL_CITIES = ("Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

_NUMBER_RE = re.compile(r"Số\s*:?\s*(\d+[\w/.-]*[\wĐđ])", re.UNICODE)
_DATE_RE = re.compile(
    r"(?P<place>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÓÒỎÕỌÉÈẺẼẸÝỲỶỸỴ][^,\n\t|]*?),\s*ngày\s+(?P<d>\d{1,2})"
    r"\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_DATE_START_RE = re.compile(r",\s*ngày\s+\d{1,2}\b")
_RULE_RE = re.compile(r"^[_\-–—=.\s]{3,}$")
_NATIONAL_RE = re.compile(r"^(cong hoa xa hoi chu nghia( viet nam)?|viet nam$|doc lap\s*-\s*tu do\s*-\s*hanh phuc)")
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?\s*(.*)$")
_APPENDIX_RE = re.compile(r"^(PHỤ LỤC|Phụ lục)(\s+[IVXLC\d]+)?\s*$")

_PHAN = re.compile(r"^Phần\s+(thứ\s+\S+|[IVXLC]+)\b\.?\s*(.*)$")
_CHUONG = re.compile(r"^Chương\s+([IVXLC]+|\d+)\b\.?\s*(.*)$")
_MUC = re.compile(r"^Mục\s+(\d+)\b\.?\s*(.*)$")
_TIEU_MUC = re.compile(r"^Tiểu mục\s+(\d+)\b\.?\s*(.*)$")
_DIEU = re.compile(r"^Điều\s+(\d+[a-z]?)\.\s*(.*)$")
_NUMBERED = re.compile(r"^(\d+)\.\s*(.*)$")
_POINT = re.compile(r"^(?:[-–]\s+)?([a-zđ])\)\s*(.*)$")
_ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.*)$")
_DASH = re.compile(r"^[-–+•]\s*(.*)$")

_LEGAL_LEVELS = {
    SectionKind.PART: 0,
    SectionKind.CHAPTER: 1,
    SectionKind.SECTION: 2,
    SectionKind.SUBSECTION: 3,
    SectionKind.ARTICLE: 4,
    SectionKind.CLAUSE: 5,
    SectionKind.POINT: 6,
}
_PLAN_LEVELS = {SectionKind.SECTION: 1, SectionKind.CLAUSE: 2, SectionKind.POINT: 3}


@dataclass
class _Zones:
    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)


def clean_lines(text: str) -> list[str]:
    """NFC lines, right-stripped, with converter emphasis ("**", "*") split away."""
    lines: list[str] = []
    for raw in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip("\r\n").replace("\u00a0", " ")
        if "**" in line and "\t" not in line:
            parts = [p.strip().strip("*").strip() for p in re.split(r"\*{2,}", line)]
            lines.extend(p for p in parts if p)
            continue
        lines.append(line.strip() if "\t" not in line else line.strip(" "))
    return lines


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_rule(line: str) -> bool:
    return bool(_RULE_RE.match(line))


def _is_legal(lines: list[str]) -> bool:
    return sum(1 for line in lines if _DIEU.match(line)) >= 2 or any(_CHUONG.match(x) for x in lines)


def _split_zones(lines: list[str]) -> _Zones:
    zones = _Zones()
    body_start = _header_end(lines)
    zones.header = lines[:body_start]
    rest = lines[body_start:]
    tail_start = next(
        (
            i
            for i, line in enumerate(rest)
            if _RECIPIENTS_RE.match(line) or (line.startswith(SIGNING_PREFIXES) and _is_upper(line))
        ),
        len(rest),
    )
    appendix_start = next((i for i in range(tail_start, len(rest)) if _APPENDIX_RE.match(rest[i].strip())), len(rest))
    zones.body = rest[:tail_start]
    zones.tail = rest[tail_start:appendix_start]
    zones.appendix = rest[appendix_start:]
    return zones


def _header_end(lines: list[str]) -> int:
    """Index of the first body line: after the trích yếu, or after the date/V/v when there is none."""
    seen_marker = False
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line or _is_rule(line) or _NATIONAL_RE.match(fold(line)) or not any(c.isalpha() for c in line):
            index += 1
            continue
        if (
            "\t" in line
            or _NUMBER_RE.match(line)
            or _DATE_RE.search(line)
            or _DATE_START_RE.search(line)
            or line.startswith("V/v")
        ):
            seen_marker = True
            index += 1
            continue
        if type_from_heading(line):
            index += 1
            while index < len(lines) and (not lines[index].strip() or _is_rule(lines[index].strip())):
                index += 1
            if index < len(lines) and not _starts_body(lines[index], after_type=True):
                index += 1
            return index
        if _is_upper(line) and not _starts_body(line):
            index += 1
            continue
        return index if seen_marker else 0
    return index if seen_marker else 0


def _starts_body(line: str, after_type: bool = False) -> bool:
    """True for a line that can only be body; a trích yếu may itself begin "Thực hiện…"."""
    line = line.strip()
    openers = ("Căn cứ", "Kính gửi") if after_type else ("Căn cứ", "Kính gửi", "Thực hiện")
    return bool(_CHUONG.match(line) or _PHAN.match(line) or _DIEU.match(line) or _ROMAN.match(line)) or line.startswith(
        openers
    )


def _display_agency(lines: list[str]) -> str:
    """ "ỦY BAN NHÂN DÂN" + "TỈNH HÀ TĨNH" → "UBND tỉnh Hà Tĩnh": how the name is cited in text."""
    name = " ".join(lines)
    name = re.sub(r"\s+", " ", name).strip()
    short = {
        "ỦY BAN NHÂN DÂN": "UBND",
        "UỶ BAN NHÂN DÂN": "UBND",
        "HỘI ĐỒNG NHÂN DÂN": "HĐND",
        "UBND": "UBND",
        "HĐND": "HĐND",
    }
    for long, abbr in short.items():
        if name.startswith(long):
            rest = name[len(long) :].strip()
            match = re.match(r"^(TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.*)$", rest)
            if match:
                return f"{abbr} {match[1].lower()} {match[2].title()}"
            return f"{abbr} {rest.title()}".strip()
    if name in _PROPER_AGENCY_NAMES:
        return _PROPER_AGENCY_NAMES[name]
    return name[:1] + name[1:].lower()


_PROPER_AGENCY_NAMES = {
    "CHÍNH PHỦ": "Chính phủ",
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
    "QUỐC HỘI": "Quốc hội",
    "BỘ CÔNG THƯƠNG": "Bộ Công Thương",
    "SỞ CÔNG THƯƠNG": "Sở Công Thương",
    "BỘ NỘI VỤ": "Bộ Nội vụ",
    "BỘ TÀI CHÍNH": "Bộ Tài chính",
    "SỞ TÀI CHÍNH": "Sở Tài chính",
    "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG": "Bộ Tài nguyên và Môi trường",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG": "Sở Tài nguyên và Môi trường",
}


def _issuer_from_symbol(number: str, place: str) -> str:
    """Without header lines, the ký hiệu and địa danh still name the body: KH-UBND + Hà Tĩnh."""
    symbol = number.split("/")[-1]
    body = symbol.split("-")[-1] if "-" in symbol else ""
    if body in ("UBND", "HĐND") and place:
        unit = "thành phố" if place in CENTRAL_CITIES else "tỉnh"
        return f"{body} {unit} {place}"
    return _ISSUER_BY_SYMBOL.get(body, body)


_ISSUER_BY_SYMBOL = {"CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "BCT": "Bộ Công Thương", "BNV": "Bộ Nội vụ"}


def _parse_header(doc: Document, header: list[str], everything: list[str]) -> None:
    agency: list[str] = []
    title_next = False
    for raw in header:
        line = raw.strip()
        if not line or _is_rule(line) or _NATIONAL_RE.match(fold(line)):
            continue
        if title_next:
            doc.title = line
            title_next = False
            continue
        for cell in line.split("\t"):
            _read_header_cell(doc, cell.strip(), agency)
        if doc.doc_type == "" and type_from_heading(line):
            doc.doc_type = type_from_heading(line) or ""
            title_next = True
    if not doc.signed_on:
        _read_header_cell(doc, " ".join(line.strip() for line in header), [])
    if not doc.number or not doc.signed_on:
        found_agency: list[str] = []
        for line in everything:
            if "\t" in line or "Số" in line:
                for cell in line.split("\t"):
                    _read_header_cell(doc, cell.strip(), found_agency)
        agency = agency or found_agency
    if agency:
        if len(agency) >= 2 and not re.match(r"^(TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ)\b", agency[1]):
            doc.parent_issuer = _display_agency(agency[:1])
            doc.issuer = _display_agency(agency[1:])
        else:
            doc.issuer = _display_agency(agency)
    elif doc.number:
        doc.issuer = _issuer_from_symbol(doc.number, doc.place)
    if not doc.doc_type and doc.number:
        doc.doc_type = type_from_symbol(doc.number) or ("Công văn" if doc.title.startswith("V/v") else "")


def _read_header_cell(doc: Document, cell: str, agency: list[str]) -> None:
    """Pick the số hiệu, địa danh–ngày, V/v and agency names out of one header line or cell."""
    number = _NUMBER_RE.search(cell)
    if number and not doc.number:
        doc.number = number[1]
        before = cell[: number.start()].strip(" _")
        if before and _is_upper(before):
            agency.extend(part for part in re.split(r"\s*_{2,}\s*", before) if part.strip())
        return
    date = _DATE_RE.search(cell)
    if date and not doc.signed_on:
        try:
            doc.signed_on = _dt.date(int(date["y"]), int(date["m"]), int(date["d"]))
        except ValueError:
            return
        doc.place = re.split(r"_{2,}|Hạnh phúc|\s{2,}", date["place"])[-1].strip()
        return
    if cell.startswith("V/v") and not doc.title:
        doc.title = cell
        return
    if _is_upper(cell) and not type_from_heading(cell) and not doc.number and not _NATIONAL_RE.match(fold(cell)):
        agency.append(cell.strip(" _"))


def _join_broken_paragraphs(lines: list[str]) -> list[str]:
    """A body line that starts in lower case continues the paragraph a page break cut."""
    joined: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if joined and text[0].islower() and not _POINT.match(text) and not joined[-1].endswith((".", ":", ";")):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined


def _append_text(node: Section, text: str) -> None:
    node.text = f"{node.text}\n{text}" if node.text else text


class _Outline:
    """The open headings while reading an outline: a new heading closes those at its level or below."""

    def __init__(self, roots: list[Section]):
        self.roots = roots
        self.stack: list[tuple[int, Section]] = []

    def push(self, level: int, node: Section) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        (self.stack[-1][1].children if self.stack else self.roots).append(node)
        self.stack.append((level, node))


def _parse_legal(lines: list[str], doc: Document) -> None:
    outline = _Outline(doc.sections)
    stack, push = outline.stack, outline.push
    preamble: list[str] = []
    pending_title: Section | None = None

    for line in lines:
        if "\t" in line:
            continue
        if pending_title is not None:
            pending_title.title = line
            pending_title = None
            continue
        heading = None
        for kind, pattern, label in (
            (SectionKind.PART, _PHAN, "Phần"),
            (SectionKind.CHAPTER, _CHUONG, "Chương"),
            (SectionKind.SUBSECTION, _TIEU_MUC, "Tiểu mục"),
            (SectionKind.SECTION, _MUC, "Mục"),
            (SectionKind.ARTICLE, _DIEU, "Điều"),
        ):
            match = pattern.match(line)
            if match:
                heading = Section(label=f"{label} {match[1]}", kind=kind, title=match[2].strip())
                push(_LEGAL_LEVELS[kind], heading)
                if kind != SectionKind.ARTICLE and not heading.title:
                    pending_title = heading
                break
        if heading:
            continue
        in_article = any(node.kind == SectionKind.ARTICLE for _, node in stack)
        clause = _NUMBERED.match(line)
        point = _POINT.match(line)
        if in_article and clause:
            push(
                _LEGAL_LEVELS[SectionKind.CLAUSE],
                Section(f"Khoản {clause[1]}", SectionKind.CLAUSE, text=clause[2].strip()),
            )
        elif in_article and point:
            push(
                _LEGAL_LEVELS[SectionKind.POINT], Section(f"Điểm {point[1]}", SectionKind.POINT, text=point[2].strip())
            )
        elif stack:
            _append_text(stack[-1][1], line)
        else:
            preamble.append(line)
    doc.preamble = "\n".join(preamble)


def _parse_plan(lines: list[str], doc: Document) -> None:
    outline = _Outline(doc.sections)
    stack, push = outline.stack, outline.push
    preamble: list[str] = []

    def add_paragraph(text: str, kind: str) -> None:
        parent = stack[-1][1]
        count = sum(1 for c in parent.children if c.kind in PARAGRAPH_KINDS) + 1
        parent.children.append(Section(f"đoạn {count}", kind, text=text))

    for line in lines:
        if "\t" in line:
            continue
        roman = _ROMAN.match(line)
        numbered = _NUMBERED.match(line)
        point = _POINT.match(line)
        dash = _DASH.match(line)
        if roman:
            push(_PLAN_LEVELS[SectionKind.SECTION], Section(roman[1], SectionKind.SECTION, title=roman[2].strip()))
        elif numbered and stack:
            push(_PLAN_LEVELS[SectionKind.CLAUSE], Section(numbered[1], SectionKind.CLAUSE, title=numbered[2].strip()))
        elif point and stack:
            push(_PLAN_LEVELS[SectionKind.POINT], Section(point[1], SectionKind.POINT, title=point[2].strip()))
        elif not stack:
            preamble.append(line)
        elif line.endswith("./.") and not dash:
            doc.closing = line
        else:
            add_paragraph(dash[1].strip(), SectionKind.ITEM) if dash else add_paragraph(line, SectionKind.PARAGRAPH)
    for _, node in doc.walk():  # headings keep their printed punctuation ("1. Sở Công Thương:")
        if node.kind in (SectionKind.CLAUSE, SectionKind.POINT) and not node.children:
            node.text, node.title = node.title, ""
    doc.preamble = "\n".join(preamble)


def _parse_tail(doc: Document, tail: list[str]) -> None:
    in_recipients = False
    authority: list[str] = []
    for raw in tail:
        line = raw.strip()
        if not line or _is_rule(line):
            continue
        match = _RECIPIENTS_RE.match(line)
        if match:
            in_recipients = True
            line = match[1].strip()
            if not line:
                continue
        if in_recipients and _DASH.match(line):
            doc.recipients.append(_DASH.match(line)[1].strip())
            continue
        if _is_upper(line) or line.startswith(SIGNING_PREFIXES):
            in_recipients = False
            authority.append(line)
            continue
        if authority and not doc.signature.name and _looks_like_name(line):
            doc.signature.name = line
    if authority:
        prefixed = [a for a in authority if a.startswith(SIGNING_PREFIXES)]
        title = authority[-1] if not authority[-1].startswith(SIGNING_PREFIXES) else ""
        doc.signature = Signature(authority=prefixed, title=title, name=doc.signature.name)


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def _parse_appendix(doc: Document, lines: list[str]) -> None:
    rows: list[list[str]] = []
    titles: list[str] = []
    for line in lines:
        if "\t" in line:
            rows.append(line.split("\t"))
        elif line.strip() and not rows and not _APPENDIX_RE.match(line.strip()):
            titles.append(line.strip())
    doc.appendix_title = next((t for t in titles if not t.startswith("(")), "")
    doc.appendix_ref = next((t for t in titles if t.startswith("(")), "")
    parsed = parse_task_rows(rows)
    if parsed:
        doc.tasks = parsed[0]
        doc.task_groups = [{"key": key, "title": title} for key, title in parsed[1]]
    elif rows:
        doc.tables.append(rows)


def parse_text(text: str) -> Document:
    """Parse an official document's text into its header metadata, outline, tail and appendix."""
    lines = clean_lines(text)
    zones = _split_zones(lines)
    doc = Document()
    _parse_header(doc, zones.header, lines)
    body = _join_broken_paragraphs(zones.body)
    doc.style = "legal" if _is_legal(body) else "plan"
    (_parse_legal if doc.style == "legal" else _parse_plan)(body, doc)
    _parse_tail(doc, zones.tail)
    _parse_appendix(doc, zones.appendix)
    return doc

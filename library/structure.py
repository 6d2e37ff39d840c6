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

from vanban.library.doctypes import type_at_start, type_from_heading, type_from_symbol
from vanban.library.model import Annex, Document, Section, SectionKind, Signature
from vanban.library.nd30 import SIGNING_PREFIXES
from vanban.library.tasktable import parse_task_rows
from vanban.library.vietnamese import fold, nfc

#: Unnumbered children of a plan's headings: "y" is a "- " item, "doan" a plain paragraph.
PARAGRAPH_KINDS = (SectionKind.ITEM, SectionKind.PARAGRAPH)
CENTRAL_CITIES = ("Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

_NUMBER_RE = re.compile(r"(?:\b[Ss]ố\s*:|\bSỐ\b:?)\s*(?P<n>\d[\w.-]*?)?\s*(?P<s>/[\w/.&-]*[^\W_])")
_DATE_RE = re.compile(
    r"(?:(?<![\w/-])(?P<place>[^\W\d_][\w.-]*(?: +[^\W\d_][\w.-]*){0,5})\s*,\s*)?"
    r"(?i:ngày)[ \t]*(?P<d>\d{1,2})?[ \t]*(?i:tháng)[ \t]*(?P<m>\d{1,2})?[ \t]*(?i:năm)[ \t]*(?P<y>\d{4})"
)
_SPLIT_BEFORE = re.compile(r"\s+(?=CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|ĐẢNG CỘNG SẢN|V/v\b|Số\s*:)")
_FORM_CODE_RE = re.compile(r"^[A-Z]+\d*/[\w.-]+$")  # a form's code in a corner ("BM01/KTN-QT7.0")
_RULE_RE = re.compile(r"^[_\-–—=.\s]{3,}$")
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?\s*(.*)$")
_APPENDIX_RE = re.compile(r"^(PHỤ LỤC|Phụ lục)(\s+[IVXLC\d]+)?\s*$|^Mẫu(?: số)?\s+\d+[\w.]*$")
_KEM_THEO_RE = re.compile(r"^\((?:Ban hành )?[Kk]èm theo\b")
#: Attached texts that come with a heading of their own and a "kèm theo" line.
_ANNEX_TYPES = ("Quy định", "Quy chế", "Điều lệ", "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án")

_PHAN = re.compile(r"^Phần\s+(thứ\s+\S+|[IVXLC]+)\b\.?\s*(.*)$")
_CHUONG = re.compile(r"^Chương\s+([IVXLC]+|\d+)\b\.?\s*(.*)$")
_MUC = re.compile(r"^(?:Mục|MỤC)\s+(\d+)\b\.?\s*(.*)$")
_TIEU_MUC = re.compile(r"^Tiểu mục\s+(\d+)\b\.?\s*(.*)$")
_DIEU = re.compile(r"^Điều\s+(\d+[a-z]?)\.\s*(.*)$")
#: "1." and, in hand-typed plans, "2- Biện pháp…"; not "2.500 hộ" nor "2-3 ngày".
_NUMBERED = re.compile(r"^(\d+)(?:\.(?!\d)|-(?=\s*[^\W\d_]))\s*(.*)$")
#: "4.1." / "2.3" under the "4." above; parts of one or two digits, so "2.500 hộ" is no label.
_NESTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.*)$")
_POINT = re.compile(r"^(?:[-–]\s+)?([a-zđ])\)\s*(.*)$")
_ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.*)$")
_DASH = re.compile(r"^[-–+•]\s*(.*)$")
#: An unnumbered item and its marker: "- ", "• ", and the "+ " / "* " sub-items (these two need a
#: letter after them, so "+84…" or "*)" stay text).
_BULLET = re.compile(r"^(?:([-–•])\s*|([+*])(?:\s+|(?=[^\W\d_])))(.*)$")
#: Where two "+" options printed side by side meet (a checkbox table flattened to one line).
_SIDE_BY_SIDE = re.compile(r"\s+\+\s+")

_LEGAL_LEVELS = {
    SectionKind.PART: 0,
    SectionKind.CHAPTER: 1,
    SectionKind.SECTION: 2,
    SectionKind.SUBSECTION: 3,
    SectionKind.ARTICLE: 4,
    SectionKind.CLAUSE: 5,
    SectionKind.POINT: 6,
}
#: Plan levels leave room between "1." (20) and "a)" (30) for "1.1." (21) and "1.1.1." (22).
_PLAN_LEVELS = {SectionKind.SECTION: 10, SectionKind.CLAUSE: 20, SectionKind.POINT: 30}


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


_TITLE_OPENERS = ("Về ", "VỀ ", "(")
_AUTHORITY_OPENERS = (
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "CHỦ TỊCH",
    "BỘ TRƯỞNG",
    "THỦ TƯỚNG",
    "ỦY BAN",
    "UỶ BAN",
    "HỘI ĐỒNG",
    "GIÁM ĐỐC",
    "TỔNG ",
    "CHÁNH ",
    "TRƯỞNG BAN",
    "BAN THƯỜNG VỤ",
)
_GENERIC_TYPE_WORDS = ("bản", "bảng", "phiếu", "giấy", "đơn", "sổ", "tờ")


@dataclass
class _Header:
    """What the header block printed, before it becomes metadata."""

    agencies: list[str] = field(default_factory=list)
    end: int = 0
    heading: str = ""


def _is_national(segment: str) -> bool:
    """Quốc hiệu and tiêu ngữ (any dashes), or a party header's "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    folded = fold(segment)
    return folded.startswith(("cong hoa xa hoi chu nghia", "doc lap", "dang cong san viet nam")) or folded == "viet nam"


def _read_number(doc: Document, text: str) -> str:
    """Take the first "Số: 15/2010/QĐ-UBND" (or a draft's "Số:   /KH-UBND") out of `text`."""
    match = _NUMBER_RE.search(text)
    if not match or not re.search(r"[^\W\d_]", match["s"]):
        return text
    if not doc.symbol:
        doc.symbol = match["s"]
        doc.number = f"{match['n']}{match['s']}" if match["n"] else ""
    return f"{text[: match.start()]}\t{text[match.end() :]}"


def _place(words: str) -> str:
    """The địa danh before ", ngày": the capitalised words that end the text ("Hạnh phúc Lâm Đồng"
    → "Lâm Đồng", when the tiêu ngữ and the date line came out of a PDF as one line)."""
    kept: list[str] = []
    for word in reversed(words.split()):
        if not (word[:1].isupper() or (word == "phố" and kept)):
            break
        kept.insert(0, word)
    return " ".join(kept).strip(" _-–")


def _read_date(doc: Document, text: str) -> str:
    """Take the first địa danh–ngày line out of `text`; a blank day leaves the month, a blank month
    leaves nothing but the place."""
    match = _DATE_RE.search(text)
    if not match:
        return text
    if not doc.signed_on and not doc.signed_month:
        year, month, day = int(match["y"]), match["m"], match["d"]
        if month and day:
            try:
                doc.signed_on = _dt.date(year, int(month), int(day))
            except ValueError:
                pass
        elif month and 1 <= int(month) <= 12:
            doc.signed_month = f"{year}-{int(month):02d}"
        doc.place = doc.place or _place(match["place"] or "")
    return f"{text[: match.start()]}\t{text[match.end() :]}"


def _header_segments(doc: Document, line: str) -> list[str]:
    """A header line cut into its printed pieces: tabs, then before the quốc hiệu, tiêu ngữ, "Số:"
    and "V/v" (a PDF puts both header columns on one line), with the số and the date read out."""
    text = _read_date(doc, _read_number(doc, line))
    pieces = [p for cell in text.split("\t") for p in _SPLIT_BEFORE.split(cell)]
    return [p for p in (re.sub(r"[_\-–—=]{3,}", " ", p).strip() for p in pieces) if p]


def _is_agency(segment: str) -> bool:
    """An upper-case name of the left column; a form code ("BM01/KTN-QT7.0") is not one."""
    return (
        _is_upper(segment)
        and not _is_national(segment)
        and not re.search(r"\d", segment)
        and not type_at_start(segment)
    )


def _heading_type(line: str) -> tuple[str, str] | None:
    """The tên loại of a heading line and the words after it. Types the library does not list
    ("BẢNG TỔNG HỢP KẾT QUẢ", "BẢN TỰ KIỂM ĐIỂM") are read as printed when the line is short, in
    one case and begins with a word documents are named by."""
    if not (_is_upper(line) or line.islower() or type_from_heading(line)):
        return None
    found = type_at_start(line)
    if found:
        return found
    words = line.split()
    if 2 <= len(words) <= 6 and words[0].lower() in _GENERIC_TYPE_WORDS and not line.endswith((".", ":", ";")):
        return line[:1].upper() + line[1:].lower(), ""
    return None


def _is_authority_line(line: str, title: list[str]) -> bool:
    """The thẩm quyền line under a trích yếu ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "CHÍNH PHỦ")."""
    if not _is_upper(line) or not title:
        return False
    return not _is_upper(" ".join(title)) or line.startswith(_AUTHORITY_OPENERS)


def _read_identification(doc: Document, header: _Header, line: str) -> bool:
    """A Công báo copy names issuer, số and date under the tên loại: "CỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP
    NGÀY 09 THÁNG 3 NĂM 2007"."""
    match = re.match(r"^(?:CỦA|Của)\s+(.+?)\s+(?:SỐ|[Ss]ố)\b", line)
    if not match or not _NUMBER_RE.search(line):
        return False
    header.agencies.append(match[1])
    _read_date(doc, _read_number(doc, line))
    return True


def _read_title(doc: Document, header: _Header, lines: list[str], index: int, rest: str) -> int:
    """The trích yếu under the tên loại, over as many lines as it was printed on; returns the index
    of the first body line."""
    parts = [rest] if rest.startswith(_TITLE_OPENERS) else []
    while index < len(lines) and len(parts) < 8:
        line = lines[index].strip()
        if not line or _is_rule(line):
            if parts:
                break
            index += 1
            continue
        if _read_identification(doc, header, line):
            index += 1
            continue
        if _starts_body(line, after_type=True) or line.startswith("(") or _is_authority_line(line, parts):
            break
        if re.match(r"^[^\W\d][\w ]{0,25}:", line):  # a form's field ("Thời gian: …", "Kính gửi: …")
            break
        parts.append(line)
        index += 1
    doc.title = " ".join(parts)
    return index


def _read_vv(doc: Document, lines: list[str], index: int, first: str) -> int:
    """A công văn's "V/v …", continued on the lines below it until the next header piece."""
    parts = [first]
    while index < len(lines):
        line = lines[index].strip()
        if not line or _is_rule(line) or _is_national(line) or _NUMBER_RE.search(line) or _DATE_RE.search(line):
            break
        if _starts_body(line) or _is_upper(line):
            break
        parts.append(line)
        index += 1
    doc.title = " ".join(parts)
    return index


def _read_header(doc: Document, lines: list[str]) -> _Header:
    """Read the header block (agency lines, số, date, tên loại, trích yếu or V/v) and find where the
    body begins. It stops at the first line that is neither, so a text without a header is all body."""
    header = _Header()
    index = 0
    anchored = False
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line or _is_rule(line) or _FORM_CODE_RE.match(line):
            continue
        if _starts_body(line):
            index -= 1
            break
        heading = _heading_type(line) if "\t" not in line else None
        if heading and not _NUMBER_RE.search(line):
            doc.doc_type = heading[0]
            header.heading = line
            header.end = _read_title(doc, header, lines, index, heading[1])
            return header
        if index < len(lines) and re.search(r"(?i:năm)\s*$", line) and re.match(r"^\d{4}\b", lines[index].strip()):
            line = f"{line} {lines[index].strip()}"  # a narrow column wrapped the year
            index += 1
        marker = bool(_NUMBER_RE.search(line) or _DATE_RE.search(line))
        recognised = marker
        for segment in _header_segments(doc, line):
            if segment.startswith("V/v") and not doc.title:
                index = _read_vv(doc, lines, index, segment)
                recognised = True
            elif _is_national(segment):
                recognised = anchored = True
            elif _is_agency(segment):
                recognised = True
                header.agencies.append(segment)
        anchored = anchored or marker
        if not recognised:
            index -= 1
            break
        header.end = index
    if not (anchored or doc.title):  # upper-case lines alone are headings of a headerless text
        return _Header()
    return header


def _starts_body(line: str, after_type: bool = False) -> bool:
    """True for a line that can only be body; a trích yếu may itself begin "Thực hiện…"."""
    line = line.strip()
    openers = ("Căn cứ", "Kính gửi") if after_type else ("Căn cứ", "Kính gửi", "Thực hiện")
    return bool(_CHUONG.match(line) or _PHAN.match(line) or _DIEU.match(line) or _ROMAN.match(line)) or line.startswith(
        openers
    )


def _agency_groups(lines: list[str]) -> list[str]:
    """Header lines → agency names: "ỦY BAN NHÂN DÂN" + "TỈNH LÂM ĐỒNG" is one name, "UBND TỈNH LÂM
    ĐỒNG" + "SỞ NỘI VỤ" are two (the parent, then the issuer)."""
    groups: list[str] = []
    for line in lines:
        starts_place = line.lower().startswith(_PLACE_LEVELS)
        previous_open = bool(groups) and groups[-1].lower().endswith(_OPEN_ENDINGS)
        if groups and (starts_place or previous_open):
            groups[-1] = f"{groups[-1]} {line}"
        else:
            groups.append(line)
    while len(groups) > 2:  # NĐ 30 prints two levels at most: the rest of a name wrapped over lines
        wrapped = next((i for i in range(len(groups) - 1, 0, -1) if not _starts_name(groups[i])), None)
        if wrapped is None:
            break
        groups[wrapped - 1 : wrapped + 1] = [f"{groups[wrapped - 1]} {groups[wrapped]}"]
    return groups


def _starts_name(line: str) -> bool:
    """The line opens an agency's name ("CỤC …", "UBND …", "TRUNG TÂM …"), not the rest of one
    ("TỘI PHẠM VỀ MA TUÝ" under "CỤC CẢNH SÁT ĐIỀU TRA")."""
    words = line.lower().split()
    return bool(words) and (words[0] in _NAME_STARTS or line.split()[0] in _ACRONYMS)


#: Lower-cased, not folded: "HÀ TĨNH" must not read as a line ending in "TỈNH".
_PLACE_LEVELS = ("tỉnh ", "thành phố ", "huyện ", "quận ", "thị xã ", "xã ", "phường ", "thị trấn ")
_OPEN_ENDINGS = (" tỉnh", " thành phố", " huyện", " quận", " thị xã", " xã", " phường")
_ACRONYMS = {"UBND", "HĐND", "MTTQ", "UBMTTQ", "TP.", "VP"}
_NAME_HEADS = {"bộ", "sở", "vụ", "cục", "phòng", "ban"}
_HEAD_PREFIXES = {"văn", "chi", "đảng", "tổng"}
_PLACE_WORDS = {"tỉnh", "huyện", "quận", "xã", "phường"}
_COMMON_AFTER_HEAD = {"nhân", "cơ", "quan", "bộ"}
#: First words of an agency's name: the heads above, and the bodies a header names first.
_NAME_STARTS = _NAME_HEADS | _HEAD_PREFIXES | {
    "ủy", "uỷ", "hội", "thanh", "trung", "trường", "viện", "học", "bệnh", "công", "kho", "tòa", "toà",
    "ngân", "liên", "mặt", "tỉnh", "huyện", "thành", "quận", "xã", "phường", "đoàn", "cảng", "chính", "quốc",
}  # fmt: skip
_FIXED_NAMES = (("chính phủ", "Chính phủ"), ("quốc hội", "Quốc hội"), ("trung ương", "Trung ương"))


def _is_acronym(word: str) -> bool:
    """ "UBND", "NC&KSTTHC": kept in capitals (a word without a vowel is no Vietnamese word)."""
    letters = re.sub(r"[^\w]", "", word)
    return word in _ACRONYMS or (len(letters) > 1 and not re.search(r"[aeiouy]", fold(letters)))


def printed_name(text: str) -> str:
    """An agency name as printed, in sentence case: "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" → "Ủy ban nhân
    dân tỉnh Lâm Đồng", "SỞ THÔNG TIN & TRUYỀN THÔNG" → "Sở Thông tin & Truyền thông". Capitals are a
    matter of layout in a header; the name is cited in sentence case with its proper nouns."""
    text = re.sub(r"\s+", " ", text).strip()
    if not _is_upper(text):
        return text
    words: list[str] = []
    capitalise, proper, named, previous = True, False, False, ""
    for position, word in enumerate(text.split()):
        lower = word.lower()
        if _is_acronym(word):
            words.append(word)
        elif proper or (capitalise and (position == 0 or lower not in _COMMON_AFTER_HEAD)):
            words.append(lower[:1].upper() + lower[1:])
        else:
            words.append(lower)
        proper = proper or lower in _PLACE_WORDS or f"{previous} {lower}" in ("thành phố", "thị trấn")
        head = lower in _NAME_HEADS and (position == 0 or previous in _HEAD_PREFIXES)
        named = named or head
        capitalise = head or (named and lower in ("&", "và", "-", "–"))
        previous = lower
    name = " ".join(words)
    for common, proper_name in _FIXED_NAMES:
        name = re.sub(rf"(?<=\s){common}\b", proper_name, name)
    name = re.sub(r"\b(Bộ|Sở) Công thương\b", r"\1 Công Thương", name)
    return re.sub(r"(?<=\b(?:Ủy|Uỷ) ban )Nhân", "nhân", name)


def _issuer_from_symbol(symbol: str, place: str) -> str:
    """Without header lines, the ký hiệu and địa danh still name the body: KH-UBND + Hà Tĩnh."""
    code = symbol.split("/")[-1]
    body = code.split("-")[-1] if "-" in code else ""
    if body in ("UBND", "HĐND") and place:
        unit = "thành phố" if place in CENTRAL_CITIES else "tỉnh"
        return f"{body} {unit} {place}"
    return _ISSUER_BY_SYMBOL.get(body, body)


_ISSUER_BY_SYMBOL = {"CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "BCT": "Bộ Công Thương", "BNV": "Bộ Nội vụ"}


def _apply_header(doc: Document, header: _Header) -> None:
    """Issuer and parent from the agency lines; the tên loại from the ký hiệu when no heading named
    it, and a document with a header but no tên loại is a công văn (NĐ 30, Phụ lục III)."""
    groups = _agency_groups(header.agencies)
    if groups:
        doc.issuer = printed_name(groups[-1])
        doc.parent_issuer = printed_name(groups[-2]) if len(groups) >= 2 else ""
    elif doc.symbol:
        doc.issuer = _issuer_from_symbol(doc.symbol, doc.place)
    if not doc.doc_type and (doc.symbol or groups or doc.title.startswith("V/v")):
        doc.doc_type = type_from_symbol(doc.symbol) or "Công văn"


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


def _bullet(line: str) -> tuple[str, list[str]] | None:
    """An unnumbered item's marker ("-" for "-", "–", "•") and its text; a "+" line holding several
    options side by side ("+ Bộ, ngành + HĐND tỉnh") gives each of them."""
    match = _BULLET.match(line)
    if not match:
        return None
    marker = "-" if match[1] else match[2]
    text = match[3].strip()
    pieces = _SIDE_BY_SIDE.split(text) if marker == "+" else [text]
    if len(pieces) > 1 and all(p[:1].isupper() for p in pieces):
        return marker, pieces
    return marker, [text]


class _Items:
    """The open unnumbered items under the current heading. A marker not yet open nests under the
    item above ("- " then "+ "), one already open closes the items below it, the way people type
    sub-items without a fixed order of markers ("* " over "- " in one form, "- " over "+ " in another)."""

    def __init__(self) -> None:
        self.open: list[tuple[str, Section]] = []

    def add(self, heading: Section, marker: str, text: str) -> None:
        markers = [m for m, _ in self.open]
        if marker in markers:
            del self.open[markers.index(marker) :]
        parent = self.open[-1][1] if self.open else heading
        label = marker if marker in "+*" else _paragraph_label(parent)
        item = Section(label, SectionKind.ITEM, text=text)
        parent.children.append(item)
        self.open.append((marker, item))


def _paragraph_label(parent: Section) -> str:
    """ "đoạn N": the place of a "- " item or paragraph among its parent's unnumbered children."""
    return f"đoạn {sum(1 for c in parent.children if c.kind in PARAGRAPH_KINDS and c.label.startswith('đoạn')) + 1}"


def _plan_heading(line: str) -> tuple[int, Section] | None:
    """A numbered heading of a plan and its level: "I.", "1.", "1.1.", "a)"."""
    roman = _ROMAN.match(line)
    if roman:
        return _PLAN_LEVELS[SectionKind.SECTION], Section(roman[1], SectionKind.SECTION, title=roman[2].strip())
    nested = _NESTED.match(line)
    if nested:
        level = _PLAN_LEVELS[SectionKind.CLAUSE] + nested[1].count(".")
        return level, Section(nested[1], SectionKind.CLAUSE, title=nested[2].strip())
    numbered = _NUMBERED.match(line)
    if numbered:
        return _PLAN_LEVELS[SectionKind.CLAUSE], Section(numbered[1], SectionKind.CLAUSE, title=numbered[2].strip())
    point = _POINT.match(line)
    if point:
        return _PLAN_LEVELS[SectionKind.POINT], Section(point[1], SectionKind.POINT, title=point[2].strip())
    return None


def _parse_plan(lines: list[str], doc: Document) -> None:
    outline = _Outline(doc.sections)
    stack, push = outline.stack, outline.push
    preamble: list[str] = []
    items = _Items()

    for line in lines:
        if "\t" in line:
            continue
        heading = _plan_heading(line)
        bullet = _bullet(line)
        if heading and (stack or heading[1].kind != SectionKind.POINT):
            push(*heading)
            items = _Items()
        elif not stack:
            preamble.append(line)
        elif line.endswith("./.") and not bullet:
            doc.closing = line
        elif bullet:
            for text in bullet[1]:
                items.add(stack[-1][1], bullet[0], text)
        else:
            parent = stack[-1][1]
            parent.children.append(Section(_paragraph_label(parent), SectionKind.PARAGRAPH, text=line))
            items = _Items()
    for _, node in doc.walk():  # headings keep their printed punctuation ("1. Sở Công Thương:")
        if node.kind in (SectionKind.CLAUSE, SectionKind.POINT) and not node.children:
            node.text, node.title = node.title, ""
    doc.preamble = "\n".join(preamble)


def _parse_tail(doc: Document, tail: list[str]) -> list[str]:
    """Nơi nhận, authority lines, the signer's title and name; returns the lines that are none of
    these (a footnote printed under the signature), which belong to the body."""
    in_recipients = False
    authority: list[str] = []
    name, titled = "", 0
    leftovers: list[str] = []
    for raw in tail:
        line = raw.strip()
        flattened = _one_line_signature(line) if not line.startswith(SIGNING_PREFIXES) else None
        form = _form_signer(line) if not (authority or name) else None
        if flattened or form:
            authority.append((flattened or form)[0])
            name, titled = name or (flattened or form)[1], len(authority)
            continue
        if not line or _is_rule(line) or _SIGN_MARK_RE.match(line):
            continue
        match = _RECIPIENTS_RE.match(line)
        if match:
            in_recipients = True
            line = match[1].strip()
            if not line:
                continue
        if (in_recipients or doc.recipients) and _DASH.match(line):
            # the Nơi nhận list goes on after a title line read between its items (two columns read across)
            in_recipients = True
            doc.recipients.append(_DASH.match(line)[1].strip())
            continue
        person = _person_name(line) if authority and not name else ""
        if person:
            name, titled = person, len(authority)
        elif _is_upper(line) or line.startswith(SIGNING_PREFIXES):
            in_recipients = False
            authority.append(line)
        elif in_recipients and doc.recipients and not doc.recipients[-1].endswith((";", ".")):
            doc.recipients[-1] = f"{doc.recipients[-1]} {line}"  # a recipient wrapped onto two lines
        else:
            leftovers.append(line)
    if authority:
        prefixed = [a for a in authority if a.startswith(SIGNING_PREFIXES)]
        title = _signer_title(authority[:titled] if name else authority)
        doc.signature = Signature(authority=prefixed, title=title, name=name)
    return leftovers


def _signer_title(authority: list[str]) -> str:
    """The title lines after the last "TM."/"KT." line, joined: a title printed on two lines ("VỤ
    TRƯỞNG" / "VỤ TỔ CHỨC PHI CHÍNH PHỦ") is one title."""
    last = max((i for i, line in enumerate(authority) if line.startswith(SIGNING_PREFIXES)), default=-1)
    return " ".join(authority[last + 1 :])


#: Common family names: an upper-case line under a signer's title is the name only when it begins
#: with one ("CHÂU MINH PHÚ"), because a title ("PHÓ CHỦ TỊCH") has the shape of a name too.
_SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đoàn đinh trương lâm mai trịnh đào"
    " cao lưu hà tạ châu thái tô quách lương kiều chu triệu thân tăng hứa mạc từ nông vương lại".split()
)
#: A name after one of these is someone named in the text ("Bà Trần Thị Hoa"), not a signer.
_HONORIFICS = ("Ông ", "Bà ", "Đồng chí ", "Luật sư ", "Anh ", "Chị ")
#: A rank printed before the signer's name ("Thiếu tướng Ngô Thanh Bình"): not part of the name.
_RANKS = re.compile(r"^(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy|uý))\s+(?=\S)")
#: "(Đã ký)", "(Ký, ghi rõ họ tên)", "(Chữ ký, dấu …)": marks of the signing space, no text of it.
_SIGN_MARK_RE = re.compile(r"^[(\[].*[)\]]$")
#: A form's sign-off line: a title of one to four words, a colon, a name.
_FORM_SIGNER_RE = re.compile(r"^([^\W\d_]+(?: [^\W\d_]+){0,3})\s*:\s*(\S.*)$")


def _person_name(line: str) -> str:
    """The person's name on `line` as cited, or "": "Trần Văn Tuấn" as typed, "CHÂU MINH PHÚ" (a
    name set in an all-capitals font) in title case."""
    if line.startswith(_HONORIFICS):
        return ""
    line = re.sub(_RANKS, "", line)
    if _looks_like_name(line):
        return line
    titled = " ".join(w[:1].upper() + w[1:].lower() for w in line.split())
    if _is_upper(line) and _looks_like_name(titled) and titled.split()[0].lower() in _SURNAMES:
        return titled
    return ""


def _form_signer(line: str) -> tuple[str, str] | None:
    """ "Chuyên viên: Trương Hải Châu": a form's sign-off line → (title, name)."""
    match = _FORM_SIGNER_RE.match(line)
    name = _person_name(match[2].strip()) if match and match[1][0].isupper() else ""
    return (match[1], name) if name else None


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def _is_outline_line(line: str) -> bool:
    """A numbered line of an outline: after a real signature there is none (an example block of
    "TM. …" inside a Thông tư is followed by more Điều, khoản and điểm)."""
    line = line.strip()
    return any(p.match(line) for p in (_CHUONG, _DIEU, _ROMAN, _NUMBERED, _NESTED, _POINT))


def _is_signing_line(line: str) -> bool:
    return line.startswith(SIGNING_PREFIXES) and _is_upper(line)


def _one_line_signature(line: str) -> tuple[str, str] | None:
    """ "BỘ TRƯỞNG (Đã ký) Trần Văn Tuấn": a signature table flattened to one line → (title, name)."""
    words = re.sub(r"\((?:đã|Đã|ĐÃ) ký\)", " ", line).split()
    upper = next((k for k, word in enumerate(words) if not _is_upper(word)), len(words))
    name = " ".join(words[upper:])
    return (" ".join(words[:upper]), name) if upper and _looks_like_name(name) else None


def _annex_start(lines: list[str], index: int, floor: int) -> int | None:
    """Where an attached text begins when line `index` opens it: a "PHỤ LỤC"/"Mẫu 1" line itself; the
    agency lines above a repeated quốc hiệu; the heading lines above a "(Ban hành kèm theo …)"."""
    line = lines[index].strip()
    if _APPENDIX_RE.match(line):
        return index
    if "\t" in line:  # a table row
        return None
    first = _SPLIT_BEFORE.split(line.split("\t")[0])[0]
    if _is_national(line) or (_is_agency(first) and first != line and _is_national(line[len(first) :].strip())):
        start = index
        while start - 1 > floor and (_is_upper(lines[start - 1].strip()) or _is_rule(lines[start - 1].strip())):
            start -= 1
        return start if lines[start].strip() else start + 1
    heading = type_at_start(line) if _is_upper(line) else None
    if (
        heading
        and heading[0] in _ANNEX_TYPES
        and any(_KEM_THEO_RE.match(x.strip()) for x in lines[index + 1 : index + 5])
    ):
        return index  # "QUY ĐỊNH" over its "kèm theo" line; a chapter's "QUY ĐỊNH CHUNG" has none
    if _KEM_THEO_RE.match(line):
        start = index
        while start - 1 > floor and lines[start - 1].strip() and not _looks_like_name(lines[start - 1].strip()):
            start -= 1
        return start
    return None


def _is_prose(lines: list[str], index: int, starts: list[int]) -> bool:
    """A long line well below an annex's start is its body, not its trích yếu."""
    return len(lines[index].strip()) > 80 and (not starts or index - starts[-1] > 8)


def _annex_starts(lines: list[str], start: int) -> list[int]:
    """The first line of each text attached after the signature at `start`; an annex's own heading
    block (quốc hiệu, tên loại, "kèm theo") opens no second annex until its body has begun."""
    starts: list[int] = []
    in_body = True
    for index in range(start + 1, len(lines)):
        line = lines[index].strip()
        found = _annex_start(lines, index, starts[-1] if starts else start)
        if found is not None and (in_body or _APPENDIX_RE.match(line)):
            starts.append(max(found, starts[-1] + 1 if starts else start + 1))
            in_body = False
        elif line and (_is_outline_line(line) or "\t" in line or _DASH.match(line) or _is_prose(lines, index, starts)):
            in_body = True
    return starts


def _signature_start(lines: list[str]) -> tuple[int, list[int]]:
    """Where the signature block (or Nơi nhận) begins and where each annex after it begins: the first
    candidate after which no outline line comes before the next annex."""
    for index, line in enumerate(lines):
        line = line.strip()
        if not (_RECIPIENTS_RE.match(line) or _is_signing_line(line)):
            continue
        starts = _annex_starts(lines, index)
        end = starts[0] if starts else len(lines)
        if not any(_is_outline_line(x) for x in lines[index + 1 : end]):
            return index, starts
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    if last >= 0 and _one_line_signature(lines[last].strip()):
        return last, []
    return len(lines), []


def _is_title_line(line: str) -> bool:
    """A signer's title as printed above the signing space: short, in capitals, no number or colon."""
    return (
        _is_upper(line)
        and len(line.split()) <= 10
        and not re.search(r"[\d:]", line)
        and not (_is_national(line) or _is_outline_line(line) or _is_rule(line))
    )


def _title_above(lines: list[str], index: int) -> int | None:
    """The first of the (at most three) title lines above the name at `index`, across the blank
    lines and "(Đã ký)" marks of the signing space; None when there is no title."""
    above = index - 1
    while above >= 0 and (not lines[above].strip() or _SIGN_MARK_RE.match(lines[above].strip())):
        above -= 1
    titles: list[int] = []
    while above >= 0 and len(titles) < 3 and _is_title_line(lines[above].strip()):
        titles.append(above)
        above -= 1
    return titles[-1] if titles else None


def _closes_text(lines: list[str], index: int) -> bool:
    """Line `index` follows the "./." that ends a text, or is its last line."""
    before = next((x.strip() for x in reversed(lines[:index]) if x.strip()), "")
    return before.endswith("./.") or not any(x.strip() for x in lines[index + 1 :])


def _bare_signature(lines: list[str]) -> tuple[int, int] | None:
    """The last signature printed with neither "TM."/"KT." nor Nơi nhận, as (first, last) line: a
    head signing in their own name ("BỘ TRƯỞNG" / "(Đã ký)" / "Trần Văn Tuấn"), a person signing
    their own paper ("NGƯỜI TỰ KIỂM ĐIỂM" / name), a form's "Chuyên viên: Trương Hải Châu" after the
    "./.". A form may go on below it (the boxes for later opinions), so the last one is taken."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip()
        if _form_signer(line) and _closes_text(lines, index):
            return index, index
        first = _title_above(lines, index) if _person_name(line) else None
        if first is not None:
            return first, index
    return None


def _split_signature(lines: list[str]) -> tuple[list[str], list[str], list[list[str]]]:
    """Body, signature tail and the attached texts (each a list of lines) of what follows a header.
    The lines after a signature found by `_bare_signature` stay in the body."""
    tail_start, starts = _signature_start(lines)
    tail_end = None
    bare = _bare_signature(lines) if tail_start == len(lines) else None
    if bare:
        tail_start, tail_end = bare[0], bare[1] + 1
        starts = _annex_starts(lines, bare[1])
    bounds = [*starts, len(lines)]
    annexes = [lines[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    if tail_end is None:
        return lines[:tail_start], lines[tail_start : bounds[0]], annexes
    return lines[:tail_start] + lines[tail_end : bounds[0]], lines[tail_start:tail_end], annexes


def _annex_heading(annex: Annex, lines: list[str]) -> int:
    """Fill the annex's heading, title and "kèm theo" line; returns the index of its first body line.
    A heading block with its own agency lines and quốc hiệu is read like a document's header."""
    index = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if index < len(lines) and _APPENDIX_RE.match(lines[index].strip()):
        annex.heading = lines[index].strip()
        index += 1
    scratch = Document()
    header = _read_header(scratch, lines[index:])
    if header.end and (header.heading or scratch.title):
        printed = " ".join(x for x in (header.heading, scratch.title) if x)
        annex.heading, annex.title = (annex.heading, printed) if annex.heading else (header.heading, scratch.title)
        index += header.end
    else:
        titles: list[str] = []
        while index < len(lines) and len(titles) < 6:
            line = lines[index].strip()
            if "\t" in line or line.startswith("(") or (titles and not line) or _starts_body(line):
                break
            titles += [line] if line else []
            index += 1
        annex.title = " ".join(titles)
    refs: list[str] = []
    while index < len(lines) and (refs or lines[index].strip().startswith("(") or not lines[index].strip()):
        line = lines[index].strip()
        index += 1
        if line:
            refs.append(line)
            if line.endswith(")") or len(refs) > 3:
                break
    annex.ref = " ".join(refs)
    return index


def _parse_annex(doc: Document, lines: list[str]) -> Annex:
    """An attached text: heading, its own outline and tables; its own signature is not the document's."""
    annex = Annex(heading="")
    start = _annex_heading(annex, lines)
    body, tail, _ = _split_signature(lines[start:])
    scratch = Document()
    _parse_body(scratch, body + _parse_tail(Document(), tail))
    annex.style, annex.preamble, annex.sections, annex.tables = (
        scratch.style,
        scratch.preamble,
        scratch.sections,
        scratch.tables,
    )
    if _APPENDIX_RE.match(annex.heading) and scratch.tasks and not doc.tasks:
        doc.tasks, doc.task_groups = scratch.tasks, scratch.task_groups
        doc.appendix_title, doc.appendix_ref = annex.title, annex.ref
    return annex


def _take_tables(doc: Document, lines: list[str]) -> list[str]:
    """Runs of tab-separated rows become the document's tables (a task table becomes its tasks); the
    other lines are returned for the outline, so no cell text is lost."""
    kept: list[str] = []
    rows: list[list[str]] = []
    for line in [*lines, None]:
        if line is not None and "\t" in line:
            rows.append([cell.strip() for cell in line.split("\t")])
            continue
        if line is not None and not line.strip():
            continue  # a blank line between rows does not end the table
        if rows:
            _add_table(doc, rows)
            rows = []
        if line:
            kept.append(line)
    return kept


def _add_table(doc: Document, rows: list[list[str]]) -> None:
    parsed = parse_task_rows(rows) if not doc.tasks else None
    if parsed and parsed[0]:
        doc.tasks = parsed[0]
        doc.task_groups = [{"key": key, "title": title} for key, title in parsed[1]]
    elif any(cell for row in rows for cell in row):
        doc.tables.append(rows)


def _read_displaced_header(doc: Document, header: _Header, lines: list[str]) -> None:
    """A converter may move the header table away from the top (a Markdown copy puts it after the
    text): a table row holding both a "Số:" and the quốc hiệu is that header, wherever it is."""
    for line in lines:
        if "\t" in line and _NUMBER_RE.search(line) and any(_is_national(p) for p in _SPLIT_BEFORE.split(line)):
            for segment in _header_segments(doc, line):
                if _is_agency(segment) and not header.agencies:
                    header.agencies.append(segment)
            return


def _parse_body(doc: Document, lines: list[str]) -> None:
    body = _join_broken_paragraphs(_take_tables(doc, lines))
    doc.style = "legal" if _is_legal(body) else "plan"
    (_parse_legal if doc.style == "legal" else _parse_plan)(body, doc)


def parse_text(text: str) -> Document:
    """Parse an official document's text into its header metadata, outline, signature and annexes."""
    lines = clean_lines(text)
    doc = Document()
    header = _read_header(doc, lines)
    if not doc.symbol:
        _read_displaced_header(doc, header, lines)
    _apply_header(doc, header)
    body, tail, annexes = _split_signature(lines[header.end :])
    _parse_body(doc, body + _parse_tail(doc, tail))
    doc.annexes = [_parse_annex(doc, annex) for annex in annexes]
    return doc

"""Where each NĐ 30 element (ô 1–14 of Phụ lục I) sits in an inspected document.

Found by what the decree says the element is (its text, its place in the header table, its
order), so a file typed by hand in Word and one made by vanban are judged the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from docx.oxml.ns import qn

from vanban.generator.checker.parts import Block, Inspected, is_date_line
from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS, LEGAL_ABBREVIATIONS, type_from_heading
from vanban.library.nd30 import NATIONAL_NAMES
from vanban.library.vietnamese import fold

LEGAL_TYPES = set(LEGAL_ABBREVIATIONS) | {"Luật", "Bộ luật", "Hiến pháp"}
_BASIS = re.compile(
    r"^can cu (luat|bo luat|hien phap|phap lenh|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|ke hoach|"
    r"cong van|van ban|chuong trinh|de an|thong bao|huong dan|y kien|ket luan)\b"
)


DOCUMENT, APPENDIX, FORMS = "văn bản", "phụ lục", "tập mẫu"
_FORM_HEADING = re.compile(r"^Mẫu\s+(số\s+)?\d+(\.\d+)*(\s|$)")


@dataclass
class AppendixParts:
    section: int
    label: Block
    title: list[Block] = field(default_factory=list)
    reference: Block | None = None


class Anatomy:
    def __init__(self, doc: Inspected):
        self.doc = doc
        self.first = doc.sections[0].blocks

    def _texty(self, blocks: list[Block]) -> list[Block]:
        return [b for b in blocks if b.clean and not b.is_rule_text]

    @cached_property
    def national(self) -> Block | None:
        return next((b for b in self.first[:40] if b.clean.upper() in NATIONAL_NAMES), None)

    @cached_property
    def floating_header(self) -> bool:
        """The header block is drawn in text boxes: its positions cannot be read from the text flow."""
        return self.national is None and any(t.upper() in NATIONAL_NAMES for t in self.doc.floating_texts)

    @cached_property
    def header(self) -> list[Block]:
        """The header block: the table that holds the quốc hiệu, or the first paragraphs."""
        if self.national is None:
            return []
        if self.national.table is not None:
            return [b for b in self.first if b.table == self.national.table]
        return self.first[: self.national.index + 8]

    @cached_property
    def motto(self) -> Block | None:
        if self.national is None:
            return None
        for block in self.header:
            if block.index > self.national.index and block.col == self.national.col and block.clean:
                return block if not block.is_rule_text else None
        return None

    @cached_property
    def number(self) -> Block | None:
        return next((b for b in self.header if re.match(r"^Số\s*:", b.clean) or b.clean.startswith("Số ")), None)

    @cached_property
    def date(self) -> Block | None:
        return next((b for b in self.header if is_date_line(b.clean)), None)

    @cached_property
    def left_column(self) -> list[Block]:
        if self.number is None or self.national is None or self.national.table is None:
            return []
        return [b for b in self.header if b.col == self.number.col]

    @cached_property
    def issuer_area(self) -> list[Block]:
        return [b for b in self._texty(self.left_column) if b.index < self.number.index]

    @cached_property
    def issuer(self) -> list[Block]:
        """Tên cơ quan ban hành: the bold lines of the left block (the parent's are not bold)."""
        return [b for b in self.issuer_area if not b.none("bold")]

    @cached_property
    def parent(self) -> list[Block]:
        first_bold = self.issuer[0].index if self.issuer else 10**9
        return [b for b in self.issuer_area if b.none("bold") and b.index < first_bold]

    @cached_property
    def letter_subject(self) -> list[Block]:
        """A công văn's "V/v …" lines under the number."""
        lines = [b for b in self._texty(self.left_column) if self.number and b.index > self.number.index]
        if lines and lines[0].clean.startswith("V/v"):
            return lines
        return []

    @cached_property
    def after_header(self) -> list[Block]:
        last = max((b.index for b in self.header), default=0)
        return [b for b in self.first if b.index > last and b.table is None]

    @cached_property
    def title_area(self) -> list[Block]:
        """The blocks after the header, tables included: some offices set the tên loại and trích yếu
        in a borderless table cell of their own."""
        last = max((b.index for b in self.header), default=0)
        return [b for b in self.first if b.index > last and b.index < self.signature_start]

    @cached_property
    def type_title(self) -> Block | None:
        for block in self.title_area:
            if not block.clean:
                continue
            name = type_from_heading(block.clean)
            return block if name and block.clean == block.clean.upper() else None
        return None

    @cached_property
    def type_name(self) -> str | None:
        if self.type_title is not None:
            return type_from_heading(self.type_title.clean)
        return "Công văn" if self.letter_subject else None

    @property
    def is_legal(self) -> bool:
        """A legal normative document (nghị định, luật, thông tư): its format is not set by NĐ 30."""
        return self.type_name in LEGAL_TYPES

    @cached_property
    def summary(self) -> list[Block]:
        """Trích yếu: the lines under the tên loại up to the rule."""
        if self.type_title is None:
            return []
        lines = []
        for block in self.title_area:
            if block.index <= self.type_title.index:
                continue
            if not block.clean or block.is_rule_text or block.table != self.type_title.table:
                break
            lines.append(block)
            if self.doc.rule_after(block):
                break
        return lines

    @cached_property
    def recipients_label(self) -> Block | None:
        return next((b for b in reversed(self.first) if re.match(r"^Nơi\s+nhận\s*:", b.clean)), None)

    @cached_property
    def signature_start(self) -> int:
        label = self.recipients_label
        if label is None:
            return len(self.doc.blocks) + 1
        if label.table is not None:
            return min(b.index for b in self.first if b.table == label.table)
        return label.index

    @cached_property
    def recipients(self) -> list[Block]:
        label = self.recipients_label
        if label is None:
            return []
        return [
            b
            for b in self.first
            if b.index > label.index and b.clean and (b.table, b.row, b.col) == (label.table, label.row, label.col)
        ]

    @cached_property
    def recipient_items(self) -> list[tuple[Block, str]]:
        """Nơi nhận items with wrapped lines joined back: a line not starting with "-" continues the last."""
        items: list[tuple[Block, str]] = []
        for block in self.recipients:
            if items and not block.clean.startswith(("-", "+")):
                first, text = items[-1]
                items[-1] = (first, f"{text} {block.clean}")
            else:
                items.append((block, block.clean))
        return items

    @cached_property
    def signature(self) -> list[Block]:
        """Ô 7a/7b: the lines of the signing column (authority and titles, then the name)."""
        label = self.recipients_label
        if label is None or label.table is None:
            return []
        return [
            b for b in self._texty(self.first) if (b.table, b.row) == (label.table, label.row) and b.col != label.col
        ]

    @cached_property
    def signing_lines(self) -> list[Block]:
        """The printed signing lines (authority, titles, name), without notes in brackets."""
        return [b for b in self.signature if b.visible and not b.visible.startswith("(")]

    @cached_property
    def competence(self) -> Block | None:
        """Thẩm quyền ban hành (PL III Mẫu 1.1–1.3): the upper-case line between the trích yếu and
        the căn cứ, e.g. «CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH»."""
        if not self.summary or self.basis_start is None:
            return None
        return next(
            (
                b
                for b in self.after_header
                if self.summary[-1].index < b.index < self.basis_start.index
                and b.clean
                and not b.is_rule_text
                and b.clean == b.clean.upper()
                and any(c.isalpha() for c in b.clean)
            ),
            None,
        )

    @cached_property
    def addressee(self) -> list[Block]:
        start = next((b for b in self.after_header if b.clean.startswith("Kính gửi")), None)
        if start is None or start.index >= self.signature_start:
            return []
        lines = [start]
        for block in self.after_header:
            if block.index > start.index and block.clean.startswith(("-", "+")) and block.index == lines[-1].index + 1:
                lines.append(block)
        return lines

    @cached_property
    def basis_start(self) -> Block | None:
        """The first "Căn cứ <văn bản>…" line (not a heading such as "Căn cứ của Kế hoạch")."""
        return next(
            (b for b in self.after_header if _BASIS.match(fold(b.clean).lower()) and b.index < self.signature_start),
            None,
        )

    @cached_property
    def basis(self) -> list[Block]:
        """Căn cứ ban hành: the italic lines from the first "Căn cứ" on."""
        start = self.basis_start
        if start is None:
            return []
        lines = []
        for block in self.after_header:
            if block.index < start.index or not block.clean:
                continue
            if not block.all("italic"):
                break
            lines.append(block)
        return lines

    @cached_property
    def body(self) -> list[Block]:
        """Nội dung: paragraphs of section 1 between the title part and the signature."""
        skip = {b.index for b in (*self.summary, *self.addressee, *self.basis)}
        start = max(
            [b.index for b in (self.type_title, *self.summary, *self.addressee, *self.basis) if b is not None]
            + [max((b.index for b in self.header), default=0)]
        )
        rule = self.doc.rule_after(self.summary[-1]) if self.summary else None
        contents = in_table_of_contents(self.doc.blocks)
        return [
            b
            for b in self.after_header
            if start < b.index < self.signature_start
            and b.clean
            and b.index not in skip
            and b.index not in contents
            and not b.is_rule_text
            and not (rule and b.index == self.summary[-1].index + 1)
        ]

    @cached_property
    def opening(self) -> Block | None:
        """The first line of text outside tables: a document's header, or a «Phụ lục»/«Mẫu» heading."""
        return next((b for b in self.first if b.clean and b.table is None and not b.is_rule_text), None)

    @cached_property
    def kind(self) -> str:
        """What the file is, which decides the rules that judge it: `DOCUMENT`; `APPENDIX`, a Phụ lục
        issued as its own file (PL III Mẫu 2.1/2.2: «Phụ lục …» then «(Kèm theo … số …)», no quốc
        hiệu); or `FORMS`, a set of sample forms like PL III itself (several «Mẫu 1.x» headings,
        opening with «Phụ lục» or «Mẫu» instead of a header). Real documents open with their header."""
        opening = self.opening.clean if self.opening is not None else ""
        forms = sum(1 for b in self.doc.blocks if _FORM_HEADING.match(b.clean))
        if re.match(r"^(phụ lục|mẫu)\b", opening, re.IGNORECASE) and forms >= 2:
            return FORMS
        if self._appendix_in(self.doc.sections[0]) is not None:
            return APPENDIX
        return DOCUMENT

    def _appendix_in(self, section) -> AppendixParts | None:
        """The «Phụ lục» label opening `section`, with its title and «(Kèm theo …)» line."""
        texty = [b for b in section.blocks if b.clean and b.table is None and not b.is_rule_text]
        if not texty or not re.match(r"^phụ lục\b", texty[0].clean, re.IGNORECASE):
            return None
        parts = AppendixParts(section=section.number, label=texty[0])
        for block in texty[1:4]:
            if block.clean.startswith("(") and "kèm theo" in block.clean.lower():
                parts.reference = block
                break
            parts.title.append(block)
        if section.number == 1 and parts.reference is None:
            return None  # a first page that only says "Phụ lục" is not known to be an appendix file
        return parts

    @cached_property
    def appendices(self) -> list[AppendixParts]:
        """Each section that is a Phụ lục: those after the document, or the whole file when it is one."""
        sections = self.doc.sections if self.kind != DOCUMENT else self.doc.sections[1:]
        return [parts for parts in map(self._appendix_in, sections) if parts is not None]


def symbol_type(number_text: str) -> str | None:
    """The type part of a ký hiệu ("Số: 05/KH-UBND" → "KH"), or None when it names no type."""
    match = re.search(r"/([^/\s]+)$", number_text.strip())
    if not match:
        return None
    head = match.group(1).split("-")[0]
    known = set(ADMINISTRATIVE_ABBREVIATIONS.values()) | set(LEGAL_ABBREVIATIONS.values())
    return head if head in known else None


def in_table_of_contents(blocks: list[Block]) -> set[int]:
    """Blocks inside a TOC field: a table of contents is a list of headings and page numbers, not
    body text, so the body rules do not judge its lines."""
    inside, depth, toc_depth = set(), 0, None
    for block in blocks:
        if toc_depth is not None:
            inside.add(block.index)
        for element in block.p.iter(qn("w:fldChar"), qn("w:instrText")):
            if element.tag == qn("w:instrText"):
                if toc_depth is None and (element.text or "").strip().upper().startswith("TOC"):
                    toc_depth = depth
                    inside.add(block.index)
            elif element.get(qn("w:fldCharType")) == "begin":
                depth += 1
            elif element.get(qn("w:fldCharType")) == "end":
                depth -= 1
                if toc_depth is not None and depth < toc_depth:
                    toc_depth = None
    return inside

"""Rules on the page as a whole (PL I, Phần I, Mục I): paper, orientation, margins, font, page numbers.

These are `general`: they apply to any material vanban checks, administrative document or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml.ns import qn

from vanban.generator.checker.anatomy import DOCUMENT, Anatomy
from vanban.generator.checker.pages import page_count
from vanban.generator.checker.parts import Block
from vanban.generator.checker.resolve import ParagraphFormat, RunFormat
from vanban.generator.checker.rules.registry import ERROR, WARNING, Issue, rule
from vanban.generator.checker.wording import alignment, font_sizes, page_area
from vanban.generator.wordml.oxml import mm_to_twips, mm_to_twips_up, twips_to_mm
from vanban.library.nd30 import (
    FONT,
    MARGINS_MM,
    PAGE_NUMBER_SIZE,
    PAPER_HEIGHT_MM,
    PAPER_TOLERANCE_MM,
    PAPER_WIDTH_MM,
    Span,
    decimal,
)

#: Where CJK scripts begin (CJK Radicals Supplement); below it, non-ASCII letters are Latin.
_EAST_ASIAN_START = 0x2E80
#: How far from the middle of the line a centre tab stop may sit and still centre the page number.
CENTRE_TAB_SLACK_MM = 10
MARGIN_NAMES = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}
#: What a finding about the page itself is about (it has no paragraph): `wording.page_area`.
PAGE_AREA, HEADER_AREA = "khổ giấy, lề trang", "đầu trang (nơi đặt số trang)"


def page_where(anatomy: Anatomy, section: int, area: str, key: str) -> dict:
    """`where` of a finding about a section's page: no paragraph, the `area` a văn thư is shown;
    `text` keeps the key that the real-document truth (bench/realdocs.py) matches findings on."""
    shown = page_area(area, section, len(anatomy.doc.sections))
    return {"section": section, "paragraph": None, "text": key, "area": shown}


def _is_a4(width: int, height: int) -> bool:
    """Either orientation of A4, in twips as the file stores it."""
    short, long = sorted((width, height))
    slack = mm_to_twips(PAPER_TOLERANCE_MM)
    return abs(short - mm_to_twips(PAPER_WIDTH_MM)) <= slack and abs(long - mm_to_twips(PAPER_HEIGHT_MM)) <= slack


def _margin_allowed(twips: int, span: Span) -> bool:
    """Compared in whole twips, with the bounds rounded up the way Word stores millimetres."""
    slack = mm_to_twips(span.tolerance)
    return mm_to_twips_up(span.low) - slack <= twips <= mm_to_twips_up(span.high) + slack


@rule("ND30-01", "PL I, Phần I, Mục I.1–I.2", "Khổ giấy A4, hướng trang, lề trang", general=True, attachment=True)
def page_setup(anatomy: Anatomy) -> Iterable[Issue]:
    appendix_sections = {a.section for a in anatomy.appendices}
    for section in anatomy.doc.sections:
        props = section.properties
        where = page_where(anatomy, section.number, PAGE_AREA, f"phần (section) {section.number}")
        if props is None:
            yield Issue(where, "khai báo khổ giấy và lề trang", "không có")
            continue
        size = props.find(qn("w:pgSz"))
        width = int(size.get(qn("w:w"), "0")) if size is not None else 0
        height = int(size.get(qn("w:h"), "0")) if size is not None else 0
        if not _is_a4(width, height):
            yield Issue(
                where,
                f"khổ A4 ({PAPER_WIDTH_MM} × {PAPER_HEIGHT_MM} mm)",
                f"{decimal(twips_to_mm(width), 0)} × {decimal(twips_to_mm(height), 0)} mm",
            )
        has_table = any(b.table is not None for b in section.blocks)
        in_appendix = section.number in appendix_sections or anatomy.kind != DOCUMENT  # the whole file is one
        if width > height and not (has_table or in_appendix):
            yield Issue(
                where,
                "trình bày theo chiều dài (dọc); chỉ nằm ngang khi có bảng biểu hoặc là phụ lục",
                "trang nằm ngang, không có bảng",
                WARNING,
            )
        margins = props.find(qn("w:pgMar"))
        for side, span in MARGINS_MM.items():
            value = abs(int(margins.get(qn(f"w:{side}"), "0"))) if margins is not None else 0
            if not _margin_allowed(value, span):
                yield Issue(where, f"{MARGIN_NAMES[side]} {span.text()} mm", f"{decimal(twips_to_mm(value))} mm")


def _rendering_slots(fmt: RunFormat, text: str) -> set[str]:
    """The font slots Word draws this text with: ascii for ASCII letters, hAnsi for the other Latin
    letters (Vietnamese ă, đ, ơ, ư, ạ… are Latin, not East Asian), eastAsia for CJK characters or for
    Latin letters under `w:hint="eastAsia"`. The eastAsia and cs slots of Vietnamese text are never
    seen, so a Calibri there is not a finding."""
    slots = set()
    for char in text:
        if char.isspace():
            continue
        if ord(char) < 0x80:
            slots.add("w:ascii")
        elif ord(char) >= _EAST_ASIAN_START or fmt.hint == "eastAsia":
            slots.add("w:eastAsia")
        else:
            slots.add("w:hAnsi")
    return slots


def _is_font(name: str | None) -> bool:
    return bool(name) and name.strip().casefold() == FONT.casefold()


def _in_family(name: str | None) -> bool:
    """Times New Roman, or a face name of it ("Times New Roman Bold", which the Government's own
    decree file uses): Windows finds that face, another machine may substitute a font, so such a
    name is a warning, not an error."""
    return bool(name) and name.strip().casefold().startswith(FONT.casefold())


@rule(
    "ND30-02", "PL I, Phần I, Mục I.3", "Phông chữ Times New Roman, màu đen, mã Unicode", general=True, attachment=True
)
def fonts(anatomy: Anatomy) -> Iterable[Issue]:
    problems: dict[tuple[str, str, str], list[Block]] = {}

    def note(block: Block, expected: str, found: str, severity: str = ERROR) -> None:
        problems.setdefault((expected, found, severity), []).append(block)

    for block in anatomy.doc.blocks:
        for fmt, text in block.text_runs():
            names = {fmt.fonts[slot] for slot in _rendering_slots(fmt, text)}
            others = sorted(n or "phông mặc định của máy (không chọn phông)" for n in names if not _in_family(n))
            styled = sorted(n for n in names if _in_family(n) and not _is_font(n))
            if others:
                note(block, f"phông chữ {FONT} (cả chữ có dấu)", "phông " + ", ".join(others))
            if styled:
                note(
                    block,
                    f"tên phông «{FONT}»; chữ đậm, nghiêng chọn bằng nút Đậm, Nghiêng",
                    "tên phông " + ", ".join(f"«{n}»" for n in styled),
                    WARNING,
                )
            color = (fmt.color or "auto").upper()
            if color == "FFFFFF":
                note(block, "chữ màu đen", "chữ màu trắng (không nhìn thấy khi in)", WARNING)
            elif color not in ("AUTO", "000000"):
                note(block, "chữ màu đen", f"chữ có màu (mã màu {color})")
        if not block.normalized:
            note(block, "chữ Unicode dựng sẵn", "chữ Unicode tổ hợp (dấu gõ tách khỏi chữ)", WARNING)
    for (expected, found, severity), blocks in problems.items():
        unique = list(dict.fromkeys(b.index for b in blocks))
        yield Issue(blocks[0].where(), expected, f"{found} ở {len(unique)} đoạn", severity)


def _header_part(anatomy: Anatomy, number: int, kind: str):
    """The header of type `kind` in force in section `number` (inherited from earlier sections)."""
    document = anatomy.doc.document
    for section in reversed(anatomy.doc.sections[:number]):
        if section.properties is None:
            continue
        for reference in section.properties.findall(qn("w:headerReference")):
            if reference.get(qn("w:type")) == kind:
                return document.part.related_parts[reference.get(qn("r:id"))].element
    return None


def _page_field(header) -> object | None:
    if header is None:
        return None
    for p in header.iter(qn("w:p")):
        simple = [f.get(qn("w:instr"), "") for f in p.iter(qn("w:fldSimple"))]
        complex_ = [t.text or "" for t in p.iter(qn("w:instrText"))]
        if any(re.match(r"\s*PAGE\b", text) for text in simple + complex_):
            return p
    return None


def _centred_by_tab(p, fmt: ParagraphFormat, text_width: int | None) -> bool:
    """The number is pushed by tabs onto a centre tab stop near the middle of the line (Word's
    Header style: a centre stop at 8.25 cm), which centres it as well as `jc=center` does."""
    before = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:instrText"), qn("w:fldSimple")):
        if node.tag in (qn("w:instrText"), qn("w:fldSimple")):
            break
        if node.tag == qn("w:tab") and node.getparent().tag == qn("w:r"):
            before.append("\t")
        elif node.tag == qn("w:t"):
            before.append(node.text or "")
    leading = "".join(before)
    tabs = leading.count("\t")
    stops = [(kind, position) for kind, position in fmt.tabs if position > fmt.left_twips]
    if not tabs or leading.strip() or len(stops) < tabs or text_width is None:
        return False
    kind, position = stops[tabs - 1]
    return kind == "center" and abs(position - text_width / 2) <= mm_to_twips(CENTRE_TAB_SLACK_MM)


@rule("ND30-03", "PL I, Phần I, Mục I.4 và III.1.đ", "Số trang", general=True, attachment=True)
def page_numbers(anatomy: Anatomy) -> Iterable[Issue]:
    sheet = anatomy.doc.sheet
    first = anatomy.doc.sections[0]
    where = {**page_where(anatomy, 1, HEADER_AREA, "đầu trang (header)"), "area": "đầu trang của trang 1"}
    title_page = first.properties is not None and first.properties.find(qn("w:titlePg")) is not None
    numbered = _page_field(_header_part(anatomy, 1, "default")) is not None
    if numbered and (not title_page or _page_field(_header_part(anatomy, 1, "first")) is not None):
        yield Issue(where, "không hiện số trang ở trang 1 (trang đầu khác)", "trang 1 có số trang")
    one_page = page_count(anatomy.doc) == 1  # page 1 shows no number, so a one-page text needs none
    for section in anatomy.doc.sections:
        where = page_where(anatomy, section.number, HEADER_AREA, "đầu trang (header)")
        p = _page_field(_header_part(anatomy, section.number, "default"))
        if p is None:
            if not one_page:
                yield Issue(where, "số trang ở giữa đầu trang, từ trang 2 (Chèn › Số trang)", "không có số trang")
            continue
        fmt = sheet.paragraph_format(p)
        runs = [sheet.run_format(p, r) for r in p.iter(qn("w:r"))]
        sizes = {r.size for r in runs if r.size}
        if fmt.align != "center" and not _centred_by_tab(p, fmt, anatomy.doc.section_text_width(section.number)):
            yield Issue(where, "số trang căn giữa", alignment(fmt.align))
        if not sizes or not all(PAGE_NUMBER_SIZE.allows(s) for s in sizes):
            yield Issue(where, f"số trang cỡ chữ {PAGE_NUMBER_SIZE.text()}", font_sizes(sizes))
        if any(r.bold or r.italic for r in runs):
            yield Issue(where, "số trang chữ đứng, không đậm", "đậm hoặc nghiêng")
    for appendix in (a for a in anatomy.appendices if a.section > 1):  # section 1 starts at 1 anyway
        props = anatomy.doc.sections[appendix.section - 1].properties
        numbering = props.find(qn("w:pgNumType")) if props is not None else None
        if numbering is None or numbering.get(qn("w:start")) != "1":
            yield Issue(
                appendix.label.where(), "phụ lục đánh số trang riêng, bắt đầu từ 1", "đánh số tiếp theo văn bản"
            )

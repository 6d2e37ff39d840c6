"""The NĐ 30 shell around a rendered body: page, header block, title, Kính gửi, signature,
Nơi nhận, page numbers and appendix sections. Speaks in the decree's terms; XML lives in oxml.

Column widths and rule lengths come from font metrics: the right header column is as wide as
the quốc hiệu needs so it never wraps, the tiêu ngữ rule is exactly the tiêu ngữ's width, and the
issuer and trích yếu rules are 2/5 of their text line (the decree allows 1/3 to 1/2).
"""

from __future__ import annotations

import io

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.text.paragraph import Paragraph

from vanban.generator.compose.model import Appendix, BodyTable, Draft, TableSpec
from vanban.generator.compose.outline import figure_marker
from vanban.generator.compose.styles import RECIPIENTS_LABEL_BEFORE_PT, install_styles
from vanban.generator.wordml.metrics import balanced_lines, longest_line_mm, text_width_mm
from vanban.generator.wordml.oxml import (
    add_field,
    keep_row_together,
    mm_to_twips,
    mm_to_twips_up,
    remove_table_borders,
    repeat_header_row,
    set_cell_borders,
    set_cell_margins,
    set_page_number_start,
    set_paragraph_border,
    set_paragraph_style,
    set_table_grid,
)
from vanban.library.model import SectionKind
from vanban.library.nd30 import (
    ADDRESSEE_SIZE,
    DATE_SIZE,
    ISSUER_RULE,
    ISSUER_SIZE,
    LETTER_SUMMARY_SIZE,
    MARGINS_MM,
    MOTTO,
    MOTTO_RULE,
    MOTTO_SIZE,
    NATIONAL_NAME,
    NATIONAL_NAME_SIZE,
    PAPER_HEIGHT_MM,
    PAPER_WIDTH_MM,
    PARENT_SIZE,
    SUMMARY_RULE,
    SUMMARY_SIZE,
)
from vanban.library.vietnamese import roman

CELL_MARGIN_MM = 1.9
SIGNATURE_LEFT_MM = 62


def text_width(landscape: bool = False) -> float:
    page = PAPER_HEIGHT_MM if landscape else PAPER_WIDTH_MM
    return page - MARGINS_MM["left"].chosen - MARGINS_MM["right"].chosen


def punctuate(items: list[str], between: str = ";", last: str = ".") -> list[str]:
    """One item per line, each ending `between` and the last `last` (căn cứ, Kính gửi, Nơi nhận)."""
    cleaned = [item.strip().rstrip(";.,").strip() for item in items if item and item.strip()]
    return [item + (last if i == len(cleaned) - 1 else between) for i, item in enumerate(cleaned)]


def ensure_closing_mark(text: str) -> str:
    """The body ends with "./." (every Phụ lục III template does)."""
    text = text.rstrip()
    if not text or text.endswith("./."):
        return text
    return text.rstrip(".") + "./."


def _margin(side: str) -> Twips:
    """Rounded up, so 15 mm is 851 twips and never falls below the decree's minimum."""
    return Twips(mm_to_twips_up(MARGINS_MM[side].chosen))


def setup_section(section, landscape: bool) -> None:
    width, height = mm_to_twips(PAPER_WIDTH_MM), mm_to_twips(PAPER_HEIGHT_MM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Twips(height), Twips(width)) if landscape else (Twips(width), Twips(height))
    )
    section.top_margin = _margin("top")
    section.bottom_margin = _margin("bottom")
    section.left_margin = _margin("left")
    section.right_margin = _margin("right")
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True


def number_pages(document, section) -> None:
    """Page numbers centred in the top margin, hidden on page 1 (an empty first-page header)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    set_paragraph_style(paragraph, "VBSoTrang")
    add_field(paragraph, "PAGE")
    first = section.first_page_header
    first.is_linked_to_previous = False
    for extra in first.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first.paragraphs[0].text = ""


#: Digits printed small, as the signed plan prints the copy count in "Lưu: VT, KT₂.".
_SMALL_DIGITS = {
    **{chr(0x2080 + d): ("subscript", str(d)) for d in range(10)},
    "¹": ("superscript", "1"),
    "²": ("superscript", "2"),
    "³": ("superscript", "3"),
    **{chr(0x2070 + d): ("superscript", str(d)) for d in (0, 4, 5, 6, 7, 8, 9)},
}


def add_text(paragraph, text: str) -> None:
    """Text as runs; a small digit ("₂") becomes a plain digit in a subscript/superscript run, so
    the document prints it as the source did and every font has the glyph."""
    plain = ""
    for char in text:
        if char in _SMALL_DIGITS:
            if plain:
                paragraph.add_run(plain)
                plain = ""
            position, digit = _SMALL_DIGITS[char]
            run = paragraph.add_run(digit)
            run.font.subscript, run.font.superscript = position == "subscript", position == "superscript"
        else:
            plain += char
    if plain:
        paragraph.add_run(plain)


class Shell:
    """Builds the parts of one document around its rendered body."""

    def __init__(self, document, draft: Draft):
        self.document = document
        self.draft = draft

    def paragraph(self, container, text: str, style_id: str, reuse_first: bool = False):
        existing = container.paragraphs if reuse_first else []
        if existing and len(existing) == 1 and not existing[0].text:
            paragraph = existing[0]
        else:
            paragraph = container.add_paragraph()
        set_paragraph_style(paragraph, style_id)
        add_text(paragraph, text)
        return paragraph

    def rule(self, container, inner_mm: float, rule_mm: float):
        """An empty paragraph whose bottom border is the rule, indented to `rule_mm` and centred."""
        paragraph = container.add_paragraph()
        set_paragraph_style(paragraph, "VBDuongKe")
        side = Mm(max(0.0, (inner_mm - rule_mm) / 2))
        paragraph.paragraph_format.left_indent = side
        paragraph.paragraph_format.right_indent = side
        set_paragraph_border(paragraph, "bottom")
        return paragraph

    # ô 1–5b
    def header_block(self) -> None:
        draft, agency = self.draft, self.draft.agency
        total = text_width()
        date_size = DATE_SIZE.chosen
        right_inner = (
            max(
                text_width_mm(NATIONAL_NAME, NATIONAL_NAME_SIZE.chosen, bold=True),
                text_width_mm(MOTTO, MOTTO_SIZE.chosen, bold=True),
                text_width_mm(draft.date_line, date_size, italic=True),
            )
            + 2
        )
        if right_inner > 105:
            date_size, right_inner = (
                DATE_SIZE.low,
                max(
                    text_width_mm(NATIONAL_NAME, NATIONAL_NAME_SIZE.chosen, bold=True) + 2,
                    text_width_mm(draft.date_line, DATE_SIZE.low, italic=True) + 2,
                ),
            )
        right = right_inner + 2 * CELL_MARGIN_MM
        left = total - right
        left_inner = left - 2 * CELL_MARGIN_MM
        table = self.document.add_table(rows=2, cols=2)
        remove_table_borders(table)
        set_table_grid(table, [mm_to_twips(left), mm_to_twips(right)])
        set_cell_margins(table, mm_to_twips(CELL_MARGIN_MM), mm_to_twips(CELL_MARGIN_MM))
        names, numbers = table.rows
        left_cell, right_cell = names.cells

        issuer_lines = [
            line
            for name in agency.name_lines
            for line in balanced_lines(name, left_inner, ISSUER_SIZE.chosen, bold=True)
        ]
        first = True
        for line in agency.parent_lines:
            for wrapped in balanced_lines(line, left_inner, PARENT_SIZE.chosen):
                self.paragraph(left_cell, wrapped, "VBCoQuanChuQuan", reuse_first=first)
                first = False
        for line in issuer_lines:
            self.paragraph(left_cell, line, "VBCoQuanBanHanh", reuse_first=first)
            first = False
        longest = max(text_width_mm(line, ISSUER_SIZE.chosen, bold=True) for line in issuer_lines)
        self.rule(left_cell, left_inner, ISSUER_RULE.chosen * longest)

        self.paragraph(right_cell, NATIONAL_NAME, "VBQuocHieu", reuse_first=True)
        self.paragraph(right_cell, MOTTO, "VBTieuNgu")
        self.rule(right_cell, right_inner, MOTTO_RULE.chosen * text_width_mm(MOTTO, MOTTO_SIZE.chosen, bold=True))

        number_cell, date_cell = numbers.cells
        self.paragraph(number_cell, draft.number_line, "VBSoKyHieu", reuse_first=True)
        if draft.kind == "cong-van":
            for index, line in enumerate(balanced_lines(f"V/v {draft.title}", left_inner, LETTER_SUMMARY_SIZE.chosen)):
                paragraph = self.paragraph(number_cell, line, "VBTrichYeuCongVan")
                if index:
                    paragraph.paragraph_format.space_before = Pt(0)
        date = self.paragraph(date_cell, draft.date_line, "VBDiaDanh", reuse_first=True)
        if date_size != DATE_SIZE.chosen:
            for run in date.runs:
                run.font.size = Pt(date_size)

    # ô 5a
    def title_block(self) -> None:
        if self.draft.kind == "cong-van":
            return
        self.paragraph(self.document, self.draft.type_name.upper(), "VBTenLoai")
        self.paragraph(self.document, self.draft.title, "VBTrichYeu")
        longest = longest_line_mm(self.draft.title, text_width(), SUMMARY_SIZE.chosen, bold=True)
        self.rule(self.document, text_width(), SUMMARY_RULE.chosen * longest)

    # ô 9a
    def addressee(self) -> None:
        recipients = self.draft.recipients_to
        if not recipients:
            return
        label = "Kính gửi:"
        if len(recipients) == 1:
            paragraph = self.paragraph(self.document, f"{label} {punctuate(recipients)[0]}", "VBKinhGui")
            paragraph.alignment = 1
            return
        items = [f"- {item}" for item in punctuate(recipients)]
        label_mm = text_width_mm(label + " ", ADDRESSEE_SIZE.chosen)
        widest = max(text_width_mm(item, ADDRESSEE_SIZE.chosen) for item in items)
        indent = max(label_mm + 5, (text_width() - widest) / 2)
        for index, item in enumerate(items):
            paragraph = self.paragraph(self.document, "", "VBKinhGui")
            fmt = paragraph.paragraph_format
            fmt.left_indent = Mm(indent)
            fmt.space_before = Pt(6 if index == 0 else 0)
            fmt.space_after = Pt(6 if index == len(items) - 1 else 0)
            if index == 0:
                fmt.first_line_indent = Mm(-label_mm - 2)
                fmt.tab_stops.add_tab_stop(Mm(indent), WD_TAB_ALIGNMENT.LEFT)
                paragraph.add_run(f"{label}\t{item}")
            else:
                paragraph.add_run(item)

    def figures(self, content) -> None:
        """Swap each placeholder paragraph for its picture (caption below) or table (caption above)."""
        markers = {figure_marker(f.caption): f for f in self.draft.figures}
        for element in content:
            if element.tag != qn("w:p"):
                continue
            paragraph = Paragraph(element, self.document.part)
            insert = markers.get(paragraph.text.strip())
            if insert is None:
                continue
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
            if isinstance(insert, BodyTable):
                set_paragraph_style(paragraph, "VBChuThich")
                paragraph.add_run(insert.caption)
                paragraph.paragraph_format.keep_with_next = True  # a caption never ends a page alone
                element.addnext(self.table(insert.spec, text_width())._tbl)
                continue
            set_paragraph_style(paragraph, "VBHinh")
            paragraph.add_run().add_picture(io.BytesIO(insert.png), width=Mm(insert.width_mm))
            caption = paragraph.insert_paragraph_before(insert.caption)
            set_paragraph_style(caption, "VBChuThich")
            element.addnext(caption._p)

    # ô 7 + 9b
    def signature_block(self) -> None:
        draft = self.draft
        table = self.document.add_table(rows=1, cols=2)
        remove_table_borders(table)
        right = text_width() - SIGNATURE_LEFT_MM
        set_table_grid(table, [mm_to_twips(SIGNATURE_LEFT_MM), mm_to_twips(right)])
        set_cell_margins(table, 0, mm_to_twips(CELL_MARGIN_MM))
        keep_row_together(table.rows[0])
        recipients_cell, signer_cell = table.rows[0].cells
        self.paragraph(recipients_cell, "Nơi nhận:", "VBNoiNhan", reuse_first=True)
        for line in noi_nhan_lines(draft):
            self.paragraph(recipients_cell, line, "VBNoiNhanMuc")
        first = True
        for line in [*draft.signer.authority, draft.signer.title]:
            if line:
                paragraph = self.paragraph(signer_cell, line.upper(), "VBQuyenHan", reuse_first=first)
                if first:  # level with "Nơi nhận:"; the authority lines below are single-spaced
                    paragraph.paragraph_format.space_before = Pt(RECIPIENTS_LABEL_BEFORE_PT)
                first = False
        self.paragraph(signer_cell, draft.signer.name, "VBNguoiKy", reuse_first=first)

    # Phụ lục
    def appendix_section(self, appendix: Appendix, index: int) -> None:
        draft = self.draft
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        setup_section(section, appendix.landscape)
        set_page_number_start(section, 1)
        label = "Phụ lục" if len(draft.appendices) == 1 else f"Phụ lục {roman(index)}"
        self.paragraph(self.document, label, "VBPhuLuc")
        if appendix.title:
            self.paragraph(self.document, appendix.title.upper(), "VBTenPhuLuc")
        self.paragraph(
            self.document,
            f"(Kèm theo {draft.type_name} số {draft.reference} {draft.date_words} của {draft.agency.full_name})",
            "VBKemTheo",
        )
        for text in appendix.paragraphs:
            self.paragraph(self.document, text, "VBNoiDung")
        for spec in appendix.tables:
            self.table(spec, text_width(appendix.landscape))

    def table(self, spec: TableSpec, width_mm: float):
        """A bordered table at the end of the document (callers may move it); returns it."""
        columns = len(spec.columns)
        table = self.document.add_table(rows=1 + len(spec.rows), cols=columns)
        set_cell_borders(table)
        scale = width_mm / sum(spec.widths)
        set_table_grid(table, [mm_to_twips(w * scale) for w in spec.widths])
        rows = table.rows
        repeat_header_row(rows[0])
        for cell, name in zip(rows[0].cells, spec.columns, strict=True):
            self.paragraph(cell, name, "VBBangTieuDe", reuse_first=True)
        for row, values in zip(rows[1:], spec.rows, strict=True):
            cells = row.cells
            if isinstance(values, str):
                merged = cells[0].merge(cells[-1])
                paragraph = self.paragraph(merged, values, "VBBangTieuDe", reuse_first=True)
                paragraph.alignment = 0
                continue
            keep_row_together(row)
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                paragraph = self.paragraph(cell, value, "VBBang", reuse_first=True)
                if column == 0:
                    paragraph.alignment = 1
        return table


def noi_nhan_lines(draft: Draft) -> list[str]:
    """Nơi nhận items: "- Như trên;" when there is a Kính gửi, "- Như Điều N;" for a decision,
    the user's list, and the last "- Lưu: VT, <đơn vị>."."""
    items = [r.strip().removeprefix("-").strip() for r in draft.recipients if r.strip()]
    items = [i for i in items if not i.lower().startswith("lưu:")]
    first = None
    if draft.kind == "quyet-dinh":
        first = f"Như Điều {executing_article(draft)}"
    elif draft.addressed:
        first = "Như trên"
    if first and not any(i.rstrip(";.").lower() == first.lower() for i in items):
        items.insert(0, first)
    archive = draft.archive or ", ".join(filter(None, ["VT", draft.agency.drafting_unit]))
    lines = [f"- {item.rstrip(';.')};" for item in items]
    lines.append(f"- Lưu: {archive.rstrip('.')}.")
    return lines


def executing_article(draft: Draft) -> int:
    """The number of the last Điều of a decision (who executes it), after its content and effect."""
    return sum(1 for s in draft.sections if s.kind == SectionKind.ARTICLE) + 2


#: python-docx refuses a core property longer than this; the document itself keeps the full text.
CORE_PROPERTY_LIMIT = 255


def core_property_text(text: str) -> str:
    """A long trích yếu shortened with an ellipsis for the file's properties (shown in Explorer)."""
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "…"


def keep_last_paragraph_with_signature(content) -> None:
    """The signature never stands alone on a page: the body's last paragraph (the closing sentence
    or the last Điều) is kept with the signature table that follows it."""
    paragraphs = [e for e in content if e.tag == qn("w:p") and "".join(e.itertext()).strip()]
    if paragraphs:
        paragraphs[-1].get_or_add_pPr().keepNext_val = True


def build_shell(document, draft: Draft) -> None:
    """Wrap the rendered body in `document` with everything NĐ 30 puts around it."""
    install_styles(document)
    body = document.element.body
    content = [element for element in body if element.tag != qn("w:sectPr")]
    for element in content:
        body.remove(element)
    section = document.sections[0]
    setup_section(section, landscape=False)
    number_pages(document, section)
    shell = Shell(document, draft)
    shell.header_block()
    shell.title_block()
    shell.addressee()
    end = body.find(qn("w:sectPr"))
    for element in content:
        end.addprevious(element)
    shell.figures(content)
    keep_last_paragraph_with_signature(content)
    shell.signature_block()
    for index, appendix in enumerate(draft.appendices, 1):
        shell.appendix_section(appendix, index)
    properties = document.core_properties
    properties.title = core_property_text(draft.title)
    properties.author = draft.agency.full_name
    properties.language = "vi-VN"

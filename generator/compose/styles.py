"""The named paragraph styles of an NĐ 30 document, one per element (ô) of Phụ lục I.

Documents use these styles rather than direct formatting so that an official can change, say,
the body size from 14 to 13 pt once in Word. Templates carry the styles; `install_styles` adds
only the ones a template lacks, so a user's edits win.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from vanban.generator.wordml.metrics import text_width_mm
from vanban.generator.wordml.oxml import set_document_language, set_fonts, set_size
from vanban.library.nd30 import (
    ADDRESSEE_SIZE,
    APPENDIX_LABEL_SIZE,
    APPENDIX_REFERENCE_SIZE,
    APPENDIX_TITLE_SIZE,
    AUTHORITY_SIZE,
    BODY_SIZE,
    DATE_SIZE,
    FIRST_LINE_INDENT_CM,
    FONT,
    ISSUER_SIZE,
    LETTER_SUMMARY_GAP_PT,
    LETTER_SUMMARY_SIZE,
    LINE_SPACING,
    MOTTO_SIZE,
    NATIONAL_NAME_SIZE,
    NUMBER_SIZE,
    PAGE_NUMBER_SIZE,
    PARAGRAPH_SPACING_PT,
    PARENT_SIZE,
    RECIPIENTS_LABEL_SIZE,
    RECIPIENTS_SIZE,
    SIGNER_NAME_SIZE,
    SUMMARY_SIZE,
    TYPE_NAME_SIZE,
)

#: Space above "Nơi nhận:" and above the first authority line beside it, so the two columns start level.
RECIPIENTS_LABEL_BEFORE_PT = 6

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


@dataclass(frozen=True)
class StyleSpec:
    name: str
    style_id: str
    size: float
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = CENTER
    first_line_cm: float = 0.0
    #: A hanging indent: wrapped lines start under the text, not under the "- " (Nơi nhận).
    hanging_cm: float = 0.0
    #: Indented from both margins (a quotation set apart).
    block_cm: float = 0.0
    before: float = 0
    after: float = 0
    line: float = 1.0
    keep_with_next: bool = False


BODY = StyleSpec(
    "VB Nội dung",
    "VBNoiDung",
    BODY_SIZE.chosen,
    align=JUSTIFY,
    first_line_cm=FIRST_LINE_INDENT_CM,
    after=PARAGRAPH_SPACING_PT.chosen,
    line=LINE_SPACING.chosen,
)
STYLES: dict[str, StyleSpec] = {
    spec.style_id: spec
    for spec in (
        BODY,
        StyleSpec("VB Quốc hiệu", "VBQuocHieu", NATIONAL_NAME_SIZE.chosen, bold=True),
        StyleSpec("VB Tiêu ngữ", "VBTieuNgu", MOTTO_SIZE.chosen, bold=True),
        StyleSpec("VB Cơ quan chủ quản", "VBCoQuanChuQuan", PARENT_SIZE.chosen),
        StyleSpec("VB Cơ quan ban hành", "VBCoQuanBanHanh", ISSUER_SIZE.chosen, bold=True),
        StyleSpec("VB Đường kẻ", "VBDuongKe", 4, after=4),
        StyleSpec("VB Số ký hiệu", "VBSoKyHieu", NUMBER_SIZE.chosen),
        StyleSpec(
            "VB Trích yếu công văn",
            "VBTrichYeuCongVan",
            LETTER_SUMMARY_SIZE.chosen,
            before=LETTER_SUMMARY_GAP_PT.chosen,
        ),
        StyleSpec("VB Địa danh", "VBDiaDanh", DATE_SIZE.chosen, italic=True),
        StyleSpec("VB Tên loại", "VBTenLoai", TYPE_NAME_SIZE.chosen, bold=True, before=12, keep_with_next=True),
        StyleSpec("VB Trích yếu", "VBTrichYeu", SUMMARY_SIZE.chosen, bold=True, keep_with_next=True),
        StyleSpec("VB Kính gửi", "VBKinhGui", ADDRESSEE_SIZE.chosen, align=LEFT, before=6, after=6),
        StyleSpec("VB Thẩm quyền", "VBThamQuyen", BODY_SIZE.chosen, bold=True, before=6, after=12, keep_with_next=True),
        replace(BODY, name="VB Căn cứ", style_id="VBCanCu", italic=True),
        StyleSpec("VB Quyết định", "VBQuyetDinh", BODY_SIZE.chosen, bold=True, before=6, after=12, keep_with_next=True),
        StyleSpec("VB Chương", "VBChuong", BODY_SIZE.chosen, bold=True, before=12, keep_with_next=True),
        StyleSpec("VB Tên chương", "VBTenChuong", BODY_SIZE.chosen, bold=True, after=12, keep_with_next=True),
        replace(BODY, name="VB Mục", style_id="VBMuc", bold=True, before=6, keep_with_next=True),
        replace(BODY, name="VB Khoản", style_id="VBKhoan", bold=True, keep_with_next=True),
        replace(BODY, name="VB Điều", style_id="VBDieu", bold=True, before=6, keep_with_next=True),
        StyleSpec(
            "VB Nơi nhận",
            "VBNoiNhan",
            RECIPIENTS_LABEL_SIZE.chosen,
            bold=True,
            italic=True,
            align=LEFT,
            before=RECIPIENTS_LABEL_BEFORE_PT,
        ),
        StyleSpec(
            "VB Nơi nhận mục",
            "VBNoiNhanMuc",
            RECIPIENTS_SIZE.chosen,
            align=LEFT,
            hanging_cm=text_width_mm("- ", RECIPIENTS_SIZE.chosen) / 10,
        ),
        StyleSpec("VB Quyền hạn ký", "VBQuyenHan", AUTHORITY_SIZE.chosen, bold=True),
        StyleSpec("VB Người ký", "VBNguoiKy", SIGNER_NAME_SIZE.chosen, bold=True, before=72),
        StyleSpec("VB Phụ lục", "VBPhuLuc", APPENDIX_LABEL_SIZE.chosen, bold=True, keep_with_next=True),
        StyleSpec("VB Tên phụ lục", "VBTenPhuLuc", APPENDIX_TITLE_SIZE.chosen, bold=True, keep_with_next=True),
        StyleSpec("VB Kèm theo", "VBKemTheo", APPENDIX_REFERENCE_SIZE.chosen, italic=True, after=12),
        StyleSpec("VB Số trang", "VBSoTrang", PAGE_NUMBER_SIZE.chosen),
        StyleSpec("VB Hình", "VBHinh", BODY_SIZE.chosen, before=6, keep_with_next=True),
        StyleSpec("VB Chú thích hình", "VBChuThich", 13, italic=True, after=6),
        StyleSpec("VB Bảng", "VBBang", 12, align=LEFT, before=2, after=2),
        StyleSpec("VB Bảng tiêu đề", "VBBangTieuDe", 12, bold=True, before=2, after=2),
    )
}


def install_styles(document) -> None:
    """Make the document Vietnamese Times New Roman throughout and add any missing VB style."""
    defaults = set_document_language(document)
    set_size(defaults, BODY_SIZE.chosen)
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), FONT)
    normal.font.size = Pt(BODY_SIZE.chosen)
    existing = {style.style_id for style in document.styles}
    for spec in STYLES.values():
        if spec.style_id not in existing:
            install_style(document, spec)


def install_style(document, spec: StyleSpec) -> None:
    """Add one VB style (callers check it is missing; a user's edited style is never replaced)."""
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    set_fonts(style.element.get_or_add_rPr(), FONT)
    style.font.color.rgb = RGBColor(0, 0, 0)
    paragraph = style.paragraph_format
    paragraph.alignment = spec.align
    paragraph.first_line_indent = Cm(spec.first_line_cm or -spec.hanging_cm)
    if spec.hanging_cm or spec.block_cm:
        paragraph.left_indent = Cm(spec.hanging_cm + spec.block_cm)
    if spec.block_cm:
        paragraph.right_indent = Cm(spec.block_cm)
    paragraph.space_before = Pt(spec.before)
    paragraph.space_after = Pt(spec.after)
    paragraph.line_spacing = spec.line
    paragraph.keep_with_next = spec.keep_with_next
    paragraph.widow_control = True

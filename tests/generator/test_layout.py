"""Every type generates, with the geometry, fonts and styles NĐ 30 asks for, and checks clean."""

from __future__ import annotations

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from vanban.generator.checker import check_document
from vanban.generator.compose.shell import punctuate
from vanban.generator.wordml.metrics import text_width_mm
from vanban.generator.wordml.oxml import twips_to_mm
from vanban.library.nd30 import MOTTO, NATIONAL_NAME

from .conftest import KINDS, composed, paragraph, paragraphs


@pytest.mark.parametrize("kind", KINDS)
def test_every_type_checks_clean(kind):
    report = check_document(composed(kind))
    assert report.errors == [], [f.to_dict() for f in report.errors]


def test_reproduced_plan_checks_clean(plan_document):
    report = check_document(plan_document)
    assert report.errors == [], [f.to_dict() for f in report.errors]
    assert report.document_type == "Kế hoạch"


def test_page_is_a4_with_margins_in_range(plan_document):
    first = plan_document.sections[0]
    assert (first.page_width.twips, first.page_height.twips) == (11906, 16838)
    assert 1134 <= first.top_margin.twips <= 1418 and 1134 <= first.bottom_margin.twips <= 1418
    assert 1701 <= first.left_margin.twips <= 1985 and 851 <= first.right_margin.twips <= 1134


def test_fonts_in_all_four_slots_and_vietnamese(plan_document):
    defaults = plan_document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(s)) for s in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    body_style = plan_document.styles["VB Nội dung"].element
    style_fonts = body_style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert style_fonts.get(qn("w:eastAsia")) == "Times New Roman"


def test_header_columns_keep_the_national_name_on_one_line(plan_document):
    header = plan_document.tables[0]
    right_twips = int(header.columns[1]._gridCol.get(qn("w:w")))
    margins = 2 * 108
    assert twips_to_mm(right_twips - margins) > text_width_mm(NATIONAL_NAME, 13, bold=True)
    assert header.cell(0, 1).paragraphs[0].text == NATIONAL_NAME
    assert header.cell(0, 1).paragraphs[1].text == MOTTO


def test_rules_are_measured_from_the_text(plan_document):
    header = plan_document.tables[0]
    motto_rule = header.cell(0, 1).paragraphs[2]
    inner = twips_to_mm(int(header.columns[1]._gridCol.get(qn("w:w"))) - 2 * 108)
    rule = inner - motto_rule.paragraph_format.left_indent.mm - motto_rule.paragraph_format.right_indent.mm
    assert rule == pytest.approx(text_width_mm(MOTTO, 14, bold=True), abs=0.2)
    issuer = [p.text for p in header.cell(0, 0).paragraphs if p.text]
    assert issuer == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"]


def test_number_and_date_share_a_row(plan_document):
    row = plan_document.tables[0].rows[1]
    assert row.cells[0].paragraphs[0].text == "Số: 484/KH-UBND"
    assert row.cells[1].paragraphs[0].text == "Hà Tĩnh, ngày 15 tháng 12 năm 2020"


def test_content_uses_named_styles(plan_document):
    styles = {p.style.name for p in paragraphs(plan_document) if p.text}
    assert {"VB Nội dung", "VB Mục", "VB Khoản", "VB Tên loại", "VB Trích yếu", "VB Nơi nhận mục"} <= styles
    assert paragraph(plan_document, "I. MỤC TIÊU").style.name == "VB Mục"
    assert paragraph(plan_document, "1. Mục tiêu chung").style.name == "VB Khoản"


def test_page_numbers_hidden_on_page_one_and_restarted_in_the_appendix(plan_document):
    main, appendix = plan_document.sections
    assert main.different_first_page_header_footer
    assert "PAGE" in main.header._element.xml
    assert "PAGE" not in main.first_page_header._element.xml
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (appendix.page_width.twips, appendix.page_height.twips) == (16838, 11906)
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_appendix_holds_both_task_tables(plan_document):
    table = plan_document.tables[-1]
    texts = [row.cells[0].text for row in table.rows]
    assert texts[0] == "TT"
    assert "I. NHIỆM VỤ GIAI ĐOẠN 2021-2025" in texts and "II. NHIỆM VỤ NĂM 2021" in texts
    assert sum(1 for t in texts if t.isdigit()) == 53
    reference = paragraph(plan_document, "(Kèm theo")
    assert reference.text == (
        "(Kèm theo Kế hoạch số 484/KH-UBND ngày 15 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh Hà Tĩnh)"
    )


def test_signature_and_recipients(plan_document):
    signature = plan_document.tables[1]
    left = [p.text for p in signature.cell(0, 0).paragraphs]
    right = [p.text for p in signature.cell(0, 1).paragraphs]
    assert left[0] == "Nơi nhận:" and left[-1] == "- Lưu: VT, KT2."
    assert all(item.startswith("- ") and item.endswith(";") for item in left[1:-1])
    assert right == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Hồng Lĩnh"]


def test_letter_has_subject_under_number_and_no_type_title():
    document = composed("cong-van")
    left = [p.text for p in document.tables[0].cell(1, 0).paragraphs]
    assert left[0] == "Số: 215/UBND-KT"
    assert " ".join(left[1:]).startswith("V/v đôn đốc báo cáo")
    assert not any(p.style.name == "VB Tên loại" for p in paragraphs(document))
    assert paragraph(document, "Kính gửi:").text == "Kính gửi:\t- Các sở, ban, ngành cấp tỉnh;"


def test_decision_parts():
    document = composed("quyet-dinh")
    texts = [p.text for p in paragraphs(document) if p.text]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in texts
    assert "QUYẾT ĐỊNH:" in texts
    assert texts[texts.index("QUYẾT ĐỊNH:") - 1].startswith("Theo đề nghị của")
    assert texts[texts.index("QUYẾT ĐỊNH:") - 1].endswith(".")
    assert any(t.startswith("Điều 4.") and t.endswith("./.") for t in texts)
    assert "- Như Điều 4;" in texts


def test_submission_starts_recipients_with_nhu_tren():
    document = composed("to-trinh")
    texts = [p.text for p in paragraphs(document)]
    assert "- Như trên;" in texts
    assert any(t.startswith("Kính trình Ủy ban nhân dân tỉnh Hà Tĩnh xem xét") for t in texts)


def test_punctuate_lists():
    assert punctuate(["a;", "b.", " c "]) == ["a;", "b;", "c."]

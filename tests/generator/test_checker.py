"""The checker finds a seeded defect of every rule, and stays quiet on the Government's own decree."""

from __future__ import annotations

from collections.abc import Callable

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from tests.conftest import shared_path
from vanban.generator.checker import check_document, check_file
from vanban.generator.checker.rules import RULES
from vanban.library.errors import VanbanError

from .conftest import composed, paragraph, paragraphs


def _set_text(p, text: str) -> None:
    for run in p.runs[1:]:
        run._r.getparent().remove(run._r)
    p.runs[0].text = text


def _margin(doc):
    doc.sections[0].left_margin = Mm(25)


def _letter_paper(doc):
    doc.sections[0].page_width = Mm(216)


def _arial(doc):
    paragraph(doc, "1. Mục đích").runs[0].font.name = "Arial"


def _red(doc):
    paragraph(doc, "1. Mục đích").runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)


def _page_one_numbered(doc):
    doc.sections[0].different_first_page_header_footer = False


def _appendix_numbering(doc):
    doc.sections[-1]._sectPr.remove(doc.sections[-1]._sectPr.find(qn("w:pgNumType")))


def _motto_dash(doc):
    _set_text(paragraph(doc, "Độc lập"), "Độc lập – Tự do – Hạnh phúc")


def _motto_rule_short(doc):
    rule = doc.tables[0].cell(0, 1).paragraphs[2]
    rule.paragraph_format.left_indent = Mm(35)


def _narrow_header_column(doc):
    from vanban.generator.wordml.oxml import set_table_grid

    set_table_grid(doc.tables[0], [5000, 4350])


def _issuer_not_bold(doc):
    for run in paragraph(doc, "ỦY BAN NHÂN DÂN").runs:
        run.bold = False
    for run in paragraph(doc, "TỈNH HÀ TĨNH").runs:
        run.bold = False


def _number_without_zero(doc):
    _set_text(paragraph(doc, "Số:"), "Số: 5/KH-UBND")


def _date_not_italic(doc):
    for run in paragraph(doc, "Hà Tĩnh, ngày").runs:
        run.italic = False


def _date_without_zero(doc):
    _set_text(paragraph(doc, "Hà Tĩnh, ngày"), "Hà Tĩnh, ngày 5 tháng 1 năm 2026")


def _summary_not_bold(doc):
    for run in paragraph(doc, "Tổ chức tập huấn").runs:
        run.bold = False


def _body_left_aligned(doc):
    paragraph(doc, "Nâng cao nhận thức").alignment = WD_ALIGN_PARAGRAPH.LEFT


def _body_small(doc):
    for run in paragraph(doc, "Nâng cao nhận thức").runs:
        run.font.size = Pt(12)


def _body_no_indent(doc):
    paragraph(doc, "Nâng cao nhận thức").paragraph_format.first_line_indent = Cm(0)


def _basis_semicolon(doc):
    basis = paragraph(doc, "Theo đề nghị của")
    _set_text(basis, basis.text.rstrip(".") + ";")


def _article_not_bold(doc):
    for run in paragraph(doc, "Điều 1.").runs:
        run.bold = False


def _point_order(doc):
    _set_text(paragraph(doc, "b) Đề xuất"), "c) Đề xuất khen thưởng.")


def _party_prefix(doc):
    _set_text(paragraph(doc, "TM. ỦY BAN"), "T/M. ỦY BAN NHÂN DÂN")


def _name_upper(doc):
    _set_text(paragraph(doc, "Nguyễn Hồng Lĩnh"), "NGUYỄN HỒNG LĨNH")


def _recipients_label_size(doc):
    paragraph(doc, "Nơi nhận:").runs[0].font.size = Pt(14)


def _no_archive_line(doc):
    last = paragraph(doc, "- Lưu:")
    last._p.getparent().remove(last._p)


def _no_addressee(doc):
    for p in paragraphs(doc):
        if p.text.startswith(("Kính gửi", "- Ủy ban nhân dân các huyện")) and p._p.getparent().tag == qn("w:body"):
            p._p.getparent().remove(p._p)


def _wrong_symbol(doc):
    _set_text(paragraph(doc, "Số:"), "Số: 05/BC-UBND")


def _appendix_label_upper(doc):
    _set_text(paragraph(doc, "Phụ lục"), "PHỤ LỤC")


def _appendix_without_reference(doc):
    reference = paragraph(doc, "(Kèm theo")
    reference._p.getparent().remove(reference._p)


def _collective_prefix_on_a_title(doc):
    _set_text(paragraph(doc, "TM. ỦY BAN"), "TM. CHỦ TỊCH")


def _deputy_prefix_on_a_body(doc):
    _set_text(paragraph(doc, "KT. CHỦ TỊCH"), "KT. ỦY BAN NHÂN DÂN")


def _appendix_not_mentioned(doc):
    for p in paragraphs(doc):
        if p.text != "Phụ lục" and "hụ lục" in p.text:
            _set_text(p, p.text.replace("Phụ lục", "bảng").replace("phụ lục", "bảng"))


APPENDIX_YAML_KIND = "ke-hoach"
DEFECTS: list[tuple[str, str, Callable]] = [
    ("ND30-01", "ke-hoach", _margin),
    ("ND30-01", "ke-hoach", _letter_paper),
    ("ND30-02", "ke-hoach", _arial),
    ("ND30-02", "ke-hoach", _red),
    ("ND30-03", "ke-hoach", _page_one_numbered),
    ("ND30-03", "plan", _appendix_numbering),
    ("ND30-04", "ke-hoach", _motto_dash),
    ("ND30-04", "ke-hoach", _motto_rule_short),
    ("ND30-04", "ke-hoach", _issuer_not_bold),
    ("ND30-04", "ke-hoach", _narrow_header_column),
    ("ND30-05", "ke-hoach", _number_without_zero),
    ("ND30-05", "ke-hoach", _date_not_italic),
    ("ND30-05", "ke-hoach", _date_without_zero),
    ("ND30-06", "ke-hoach", _summary_not_bold),
    ("ND30-07", "ke-hoach", _body_left_aligned),
    ("ND30-07", "ke-hoach", _body_small),
    ("ND30-07", "ke-hoach", _body_no_indent),
    ("ND30-08", "quyet-dinh", _basis_semicolon),
    ("ND30-09", "quyet-dinh", _article_not_bold),
    ("ND30-09", "quyet-dinh", _point_order),
    ("ND30-10", "ke-hoach", _party_prefix),
    ("ND30-10", "ke-hoach", _name_upper),
    ("ND30-11", "ke-hoach", _recipients_label_size),
    ("ND30-11", "ke-hoach", _no_archive_line),
    ("ND30-12", "cong-van", _no_addressee),
    ("ND30-13", "ke-hoach", _wrong_symbol),
    ("ND30-14", "plan", _appendix_label_upper),
    ("ND30-14", "plan", _appendix_without_reference),
    ("ND30-15", "ke-hoach", _collective_prefix_on_a_title),
    ("ND30-15", "ke-hoach", _deputy_prefix_on_a_body),
    ("ND30-16", "plan", _appendix_not_mentioned),
]


def fresh_plan():
    """The reproduced multi-year plan, which has a Phụ lục the body points to."""
    from vanban.generator.compose.document import compose

    from .conftest import plan_draft

    return compose(plan_draft())


@pytest.fixture
def fresh():
    def make(kind: str):
        return fresh_plan() if kind == "plan" else composed(kind)

    return make


@pytest.mark.parametrize(("rule_id", "kind", "defect"), DEFECTS, ids=[d[2].__name__.strip("_") for d in DEFECTS])
def test_seeded_defect_is_found(fresh, rule_id, kind, defect):
    document = fresh(kind)
    assert not [f for f in check_document(document).errors if f.rule == rule_id]
    defect(document)
    found = [f for f in check_document(document).errors if f.rule == rule_id]
    assert found, f"{rule_id} did not notice {defect.__name__}"
    assert all(f.expected and f.found and f.where for f in found)


def test_every_rule_has_a_seeded_defect():
    """Every format rule (ND30-…) has a defect it must catch; HL-01 only warns (tests below)."""
    assert {r.id for r in RULES if r.id.startswith("ND30-")} == {d[0] for d in DEFECTS}
    assert len(RULES) == 18


def test_rules_run_in_the_decree_order():
    """Findings are reported rule by rule; the split into page/header/body/closing/appendix keeps the order,
    and the two rules added after the decree's list (ND30-15, ND30-16) follow it."""
    assert [r.id for r in RULES] == [f"ND30-{n:02d}" for n in range(1, 17)] + ["HL-01", "CC-01"]


def test_finding_shape():
    document = composed("ke-hoach")
    _number_without_zero(document)
    finding = next(f for f in check_document(document).findings if f.rule == "ND30-05").to_dict()
    assert set(finding) == {"rule", "title", "locator", "severity", "where", "expected", "found", "place"}
    assert finding["where"]["text"] == "Số: 5/KH-UBND" and finding["where"]["paragraph"] == 7
    assert finding["place"] == "đoạn 5 (tính từ đầu văn bản)", "the empty paragraphs above it are not counted"
    assert finding["severity"] == "error" and finding["found"] == "«Số: 5/KH-UBND»"


def test_formatting_is_resolved_through_styles():
    """Changing the body style (not a paragraph) is seen in every paragraph that uses it."""
    document = composed("ke-hoach")
    document.styles["VB Nội dung"].font.size = Pt(12)
    found = [f for f in check_document(document).errors if f.rule == "ND30-07"]
    assert found and found[0].found.startswith("cỡ chữ 12 ở ")


def test_missing_number_is_a_warning_not_an_error():
    document = composed("ke-hoach")
    _set_text(paragraph(document, "Số:"), "Số:      /KH-UBND")
    report = check_document(document)
    assert not [f for f in report.errors if f.rule == "ND30-05"]
    [blank] = [f for f in report.findings if f.rule == "ND30-05"]
    assert blank.severity == "warning" and blank.found == "số để trống: dự thảo chờ cấp số"
    assert blank.expected == "số và ngày do văn thư ghi khi cấp số (Điều 15)"


def test_government_decree_has_no_errors():
    report = check_file(shared_path("corpus/official-docx/30_2020_ND_CP.docx"))
    assert report.document_type == "Nghị định"
    assert report.errors == [], [f.to_dict() for f in report.errors]


def test_landscape_appendix_with_15mm_bottom_margin_is_flagged():
    report = check_file(shared_path("corpus/official-docx/Phuluc1.docx"))
    margins = [f for f in report.errors if f.rule == "ND30-01" and "lề dưới" in f.expected]
    assert margins and margins[0].found == "15 mm"
    assert margins[0].place == "khổ giấy, lề trang, phần 2 của văn bản (sau dấu ngắt phần thứ 1)"


def test_unreadable_file_is_a_vanban_error(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_text("không phải docx", encoding="utf-8")
    with pytest.raises(VanbanError, match="không đọc được tệp (Word )?.docx"):
        check_file(bad)


def test_plain_python_docx_document_fails(tmp_path):
    path = tmp_path / "tho.docx"
    plain = docx.Document()
    plain.add_paragraph("Xin chào")
    plain.add_page_break()  # two pages, so the missing page number counts too
    plain.add_paragraph("Trang hai")
    plain.save(path)
    rules = {f.rule for f in check_file(path).errors}
    assert {"ND30-01", "ND30-02", "ND30-03", "ND30-04", "ND30-05", "ND30-07"} <= rules


def test_old_word_format_gets_a_clear_message(tmp_path):
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(VanbanError, match="chỉ kiểm tra được tệp .docx; tệp .doc phải mở bằng Word"):
        check_file(old)


def test_header_in_text_boxes_is_a_warning_not_false_errors():
    """Older templates draw the header in text boxes; the checker says it cannot judge that part
    instead of reporting a missing quốc hiệu, number and date."""
    from docx.oxml import parse_xml

    document = composed("ke-hoach")
    header = document.tables[0]._tbl
    lines = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-UBND",
        "Hà Tĩnh, ngày 15 tháng 01 năm 2026",
    ]
    paragraphs_xml = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    box = parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape style="width:200pt;height:80pt">'
        f"<v:textbox><w:txbxContent>{paragraphs_xml}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    header.addprevious(box)
    header.getparent().remove(header)
    report = check_document(document)
    header_findings = [f for f in report.findings if f.rule in ("ND30-04", "ND30-05")]
    assert [(f.rule, f.severity) for f in header_findings] == [("ND30-04", "warning")]
    assert "ô chữ nổi" in header_findings[0].found
    assert not [f for f in report.errors if f.rule in ("ND30-04", "ND30-05", "ND30-06")]


def test_decision_of_the_chairman_is_not_signed_for_the_collective():
    """Mẫu 1.2: a Quyết định whose thẩm quyền is «CHỦ TỊCH ỦY BAN NHÂN DÂN …» is the chairman's own:
    «KT. CHỦ TỊCH» is right, «TM. ỦY BAN NHÂN DÂN» above it is not."""
    document = composed("quyet-dinh")
    assert not [f for f in check_document(document).errors if f.rule == "ND30-15"], "the generator signs it right"
    deputy = paragraph(document, "KT. CHỦ TỊCH")
    deputy.insert_paragraph_before("TM. ỦY BAN NHÂN DÂN", style=deputy.style)
    found = [f for f in check_document(document).errors if f.rule == "ND30-15"]
    assert [f.found for f in found] == ["«TM. ỦY BAN NHÂN DÂN»"]


def test_numbered_appendix_is_looked_for_by_its_number():
    document = fresh_plan()
    _appendix_not_mentioned(document)
    _set_text(paragraph(document, "Phụ lục"), "Phụ lục II")
    body = paragraph(document, "(Nhiệm vụ cụ thể")
    _set_text(body, "(Nhiệm vụ cụ thể theo Phụ lục I kèm theo).")
    assert [f for f in check_document(document).errors if f.rule == "ND30-16"]
    _set_text(body, "(Nhiệm vụ cụ thể theo Phụ lục II kèm theo).")
    assert not [f for f in check_document(document).errors if f.rule == "ND30-16"]


def test_bodies_gone_by_the_documents_date_are_warned_about():
    document = composed("cong-van")
    recipient = paragraph(document, "- Ủy ban nhân dân các xã")
    _set_text(recipient, "- Sở Tài nguyên và Môi trường.")
    report = check_document(document)
    [warning] = [f for f in report.findings if f.rule == "HL-01"]
    assert warning.severity == "warning" and warning.expected == "Sở Nông nghiệp và Môi trường"
    assert "45/2025/NĐ-CP" in warning.found and report.ok, "a warning: the văn thư decides"


def test_a_document_of_2020_may_name_the_bodies_of_2020(plan_document):
    assert not [f for f in check_document(plan_document).findings if f.rule == "HL-01"]

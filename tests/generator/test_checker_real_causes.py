"""The causes of false findings seen on real office documents, each with a small file made here
(from a generated document, edited the way Word users do), and the true finding kept beside it."""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from vanban.generator.checker import check_document
from vanban.generator.checker.pages import page_count
from vanban.generator.checker.parts import Inspected

from .conftest import composed, paragraph
from .test_checker import _set_text

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _errors(document, rule_id: str) -> list:
    return [f for f in check_document(document).errors if f.rule == rule_id]


def _drawn_line(mm: float):
    """A DrawingML line floating over the paragraph, as Word's Insert > Shapes > Line writes it."""
    emu = int(mm * 36000)
    return parse_xml(
        f'<w:r {NAMESPACES}><w:drawing><wp:anchor behindDoc="0" simplePos="0" relativeHeight="1" '
        'locked="0" layoutInCell="1" allowOverlap="1" distT="0" distB="0" distL="0" distR="0">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>230000</wp:posOffset>'
        f'</wp:positionV><wp:extent cx="{emu}" cy="0"/><wp:wrapNone/><wp:docPr id="7" name="Line 7"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def _vml_line(mm: float):
    """An old-style VML line (files saved by Word 2003 and converters)."""
    points = mm * 72 / 25.4
    return parse_xml(f'<w:r {NAMESPACES}><w:pict><v:line from="0,0" to="{points:.2f}pt,0"/></w:pict></w:r>')


def _drop_rule_paragraph(document, column: int) -> None:
    """Take away the bordered empty paragraph that draws the rule in a header column."""
    rule = document.tables[0].cell(0, column).paragraphs[-1]
    assert not rule.text
    rule._p.getparent().remove(rule._p)


def _fonts(run, **slots: str) -> None:
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for name, value in slots.items():
        fonts.set(qn(f"w:{name}"), value)


# 1. rule lines drawn as shapes


def test_motto_rule_drawn_as_a_shape_in_its_own_paragraph_is_found():
    document = composed("ke-hoach")
    _drop_rule_paragraph(document, 1)
    paragraph(document, "Độc lập")._p.append(_drawn_line(60))
    assert _errors(document, "ND30-04") == []


def test_issuer_rule_anchored_in_the_number_row_is_found_and_measured():
    document = composed("ke-hoach")
    _drop_rule_paragraph(document, 0)
    number = paragraph(document, "Số:")._p
    number.append(_vml_line(18))
    assert _errors(document, "ND30-04") == []
    number.remove(number[-1])
    number.append(_vml_line(8))
    found = _errors(document, "ND30-04")
    assert found and found[0].found == "8 mm (đường kẻ vẽ bằng hình)"


def test_missing_issuer_rule_is_still_found():
    document = composed("ke-hoach")
    _drop_rule_paragraph(document, 0)
    assert [f.found for f in _errors(document, "ND30-04")] == ["không có đường kẻ"]


def test_a_line_break_takes_no_width():
    document = composed("ke-hoach")
    issuer = paragraph(document, "ỦY BAN NHÂN DÂN")
    before = Inspected(document).blocks[0].width_mm()
    issuer.runs[0]._r.insert(
        issuer.runs[0]._r.index(issuer.runs[0]._r.find(qn("w:t"))), parse_xml(f"<w:br {NAMESPACES}/>")
    )
    block = Inspected(document).blocks[0]
    assert block.text.startswith("\n") and block.width_mm() == before


# 2. fonts judged on the slots that draw the text


def test_east_asian_and_complex_slots_do_not_decide_the_font():
    document = composed("ke-hoach")
    for p in document.paragraphs:
        for run in p.runs:
            _fonts(run, eastAsia="Calibri", cs="Arial Unicode MS")
    assert _errors(document, "ND30-02") == []


def test_east_asia_hint_draws_vietnamese_letters_in_the_east_asian_font():
    document = composed("ke-hoach")
    _fonts(paragraph(document, "Nâng cao nhận thức").runs[0], eastAsia="Calibri", hint="eastAsia")
    found = _errors(document, "ND30-02")
    assert found and found[0].found.startswith("phông Calibri")
    assert found[0].expected == "phông chữ Times New Roman (cả chữ có dấu)"


def test_theme_font_on_the_visible_slot_is_resolved_and_found():
    document = composed("ke-hoach")
    run = paragraph(document, "Nâng cao nhận thức").runs[0]
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi"):
        fonts.attrib.pop(qn(slot), None)
    _fonts(run, asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi")
    found = _errors(document, "ND30-02")
    theme = Inspected(document).sheet.theme["minor"]
    assert found and found[0].found.startswith(f"phông {theme}")


def test_a_face_name_of_times_new_roman_is_a_warning():
    document = composed("ke-hoach")
    _fonts(paragraph(document, "KẾ HOẠCH").runs[0], ascii="Times New Roman Bold", hAnsi="Times New Roman Bold")
    report = check_document(document)
    assert not [f for f in report.errors if f.rule == "ND30-02"]
    assert any(f.rule == "ND30-02" and "Times New Roman Bold" in f.found for f in report.findings)


# 3. a blank day in a draft


def test_blank_day_is_a_warning_like_a_blank_number():
    for date in ("Hà Tĩnh, ngày      tháng 01 năm 2026", "Hà Tĩnh, ngày   tháng    năm 2026"):
        document = composed("ke-hoach")
        _set_text(paragraph(document, "Hà Tĩnh, ngày"), date)
        report = check_document(document)
        assert not [f for f in report.errors if f.rule == "ND30-05"], date
        [blank] = [f for f in report.findings if f.rule == "ND30-05"]
        assert blank.severity == "warning" and blank.found == "ngày tháng để trống: dự thảo chờ cấp số"
        assert blank.expected == "số và ngày do văn thư ghi khi cấp số (Điều 15)"


def test_badly_written_month_beside_a_blank_day_is_an_error():
    document = composed("ke-hoach")
    _set_text(paragraph(document, "Hà Tĩnh, ngày"), "Hà Tĩnh, ngày      tháng 1 năm 2026")
    assert _errors(document, "ND30-05")


# 4. page numbers on a one-page document


def _remove_page_numbers(document) -> None:
    for section in document.sections:
        for p in section.header.paragraphs:
            for child in list(p._p):
                if child.tag != qn("w:pPr"):
                    p._p.remove(child)


def test_one_page_document_needs_no_page_number():
    document = composed("cong-van")
    _remove_page_numbers(document)
    assert page_count(Inspected(document)) == 1
    assert _errors(document, "ND30-03") == []


def test_longer_document_still_needs_page_numbers():
    document = composed("cong-van")
    _remove_page_numbers(document)
    last = paragraph(document, "Đề nghị các cơ quan")
    for _ in range(80):
        last._p.addnext(parse_xml(last._p.xml))
    assert page_count(Inspected(document)) > 1
    assert [f.found for f in _errors(document, "ND30-03")] == ["không có số trang"]


def test_stated_page_count_is_used_only_when_plausible():
    document = docx.Document()  # its docProps/app.xml says 1 page
    document.add_paragraph("Một trang.")
    assert page_count(Inspected(document)) == 1
    for _ in range(120):
        document.add_paragraph("Nội dung dài để văn bản sang nhiều trang. " * 4)
    assert page_count(Inspected(document)) > 3


def test_page_number_centred_by_a_centre_tab_stop():
    document = composed("cong-van")  # one portrait section: the stop sits mid-line
    number = document.sections[0].header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.LEFT
    assert any("căn giữa" in f.expected for f in _errors(document, "ND30-03"))
    section = document.sections[0]
    middle = (section.page_width - section.left_margin - section.right_margin) // 2
    number.paragraph_format.tab_stops.add_tab_stop(middle, WD_TAB_ALIGNMENT.CENTER)
    number._p.insert(1, parse_xml(f"<w:r {NAMESPACES}><w:tab/></w:r>"))
    assert _errors(document, "ND30-03") == []


# 5. Kính gửi with one recipient


def test_single_recipient_after_kinh_gui_takes_no_period():
    document = composed("cong-van")
    _set_text(paragraph(document, "Kính gửi:"), "Kính gửi: Sở Tài chính")
    second = paragraph(document, "- Ủy ban nhân dân các xã")
    second._p.getparent().remove(second._p)
    assert _errors(document, "ND30-12") == []


def test_list_of_recipients_still_ends_with_a_period():
    document = composed("cong-van")
    _set_text(paragraph(document, "- Ủy ban nhân dân các xã"), "- Ủy ban nhân dân các xã, phường;")
    assert _errors(document, "ND30-12")


# 6. «Điều N.» whose period is not bold


def test_article_label_bold_except_its_period_is_bold():
    document = composed("quyet-dinh")
    article = paragraph(document, "Điều 2.")
    rest = article.text[len("Điều 2.") :]
    _set_text(article, "Điều 2")
    article.runs[0].bold = True
    article.add_run(".").bold = False
    article.add_run(rest).bold = True
    assert _errors(document, "ND30-09") == []


# 7. tab indents, a barely indented «Nơi nhận:»


def test_tab_at_the_start_of_a_paragraph_is_its_indent():
    document = composed("ke-hoach")
    body = paragraph(document, "Nâng cao nhận thức")
    body.paragraph_format.first_line_indent = Cm(0)
    body.runs[0].text = "\t" + body.runs[0].text
    assert _errors(document, "ND30-07") == []
    body.paragraph_format.tab_stops.add_tab_stop(Cm(3))
    found = _errors(document, "ND30-07")
    assert found and found[0].found == "thụt 3 cm ở 1 đoạn"


def test_recipients_label_indented_half_a_millimetre_is_flush_left():
    document = composed("ke-hoach")
    label = paragraph(document, "Nơi nhận:")
    label.paragraph_format.first_line_indent = Mm(0.5)
    assert _errors(document, "ND30-11") == []
    label.paragraph_format.first_line_indent = Cm(1)
    assert _errors(document, "ND30-11")


# 8. files that are not standalone documents


def _appendix_file():
    """The generated plan's Phụ lục section on its own, as a separately issued appendix file."""
    document = composed("ke-hoach")
    body = document.element.body
    for child in list(body):
        body.remove(child)
        if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            break
    return document


def test_appendix_file_is_judged_by_the_rules_that_apply():
    document = _appendix_file()
    report = check_document(document)
    assert report.mode == "phụ lục" and report.to_dict()["mode"] == "phụ lục"
    assert report.scope.startswith("tài liệu") and report.document_type == "Phụ lục"
    assert {f.rule for f in report.findings} <= {"ND30-01", "ND30-02", "ND30-03", "ND30-14"}
    assert report.ok, [f.to_dict() for f in report.errors]


def test_appendix_file_keeps_its_true_findings():
    document = _appendix_file()
    document.sections[-1].bottom_margin = Mm(15)
    for run in paragraph(document, "Phụ lục").runs:
        run.bold = False
    rules = {f.rule for f in check_document(document).errors}
    assert rules == {"ND30-01", "ND30-14"}


def _forms_file():
    """A set of sample forms like the Government's PL III: placeholders in 12 pt, no header of its own."""
    document = _appendix_file()
    anchor = paragraph(document, "(Kèm theo")
    for _ in range(4):  # two forms: a heading and a placeholder line each
        anchor._p.addnext(parse_xml(anchor._p.xml))
    added = [p for p in document.paragraphs if p.text.startswith("(Kèm theo")][1:]
    for position, p in enumerate(added):
        _set_text(p, f"Mẫu 1.{position // 2 + 1} - Mẫu văn bản" if position % 2 == 0 else "……………… (1) ……………")
        p.runs[0].font.size = Pt(12)
    return document


def test_set_of_forms_is_judged_without_size_rules_on_placeholders():
    document = _forms_file()
    report = check_document(document)
    assert report.mode == "tập mẫu", report.scope
    assert report.ok, [f.to_dict() for f in report.errors]
    _fonts(paragraph(document, "Mẫu 1.1").runs[0], ascii="Calibri", hAnsi="Calibri")
    assert {f.rule for f in check_document(document).errors} == {"ND30-02"}


def test_document_with_an_annex_of_forms_is_still_a_document():
    document = composed("ke-hoach")
    table_title = paragraph(document, "DỰ KIẾN LỊCH")
    for label in ("Mẫu số 02", "Mẫu số 01"):
        copy = parse_xml(table_title._p.xml)
        table_title._p.addnext(copy)
        _set_text(docx.text.paragraph.Paragraph(copy, table_title._parent), label)
    assert check_document(document).mode == "văn bản"


def _title_in_a_table(document):
    """Move the tên loại, trích yếu and its rule into a one-cell borderless table, as some offices do."""
    title = paragraph(document, "KẾ HOẠCH")._p
    lines = [title, title.getnext(), title.getnext().getnext()]
    section = document.sections[0]
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).width = section.page_width - section.left_margin - section.right_margin
    table._tbl.tblGrid.find(qn("w:gridCol")).set(qn("w:w"), str(table.cell(0, 0).width.twips))
    title.addprevious(table._tbl)
    cell = table.cell(0, 0)._tc
    cell.remove(cell.find(qn("w:p")))
    for line in lines:
        cell.append(line)


def test_title_and_summary_in_a_table_cell_are_found():
    document = composed("ke-hoach")
    _title_in_a_table(document)
    assert _errors(document, "ND30-06") == []
    for run in paragraph(document, "Tổ chức tập huấn").runs:
        run.bold = False
    assert [f.expected for f in _errors(document, "ND30-06")] == ["Trích yếu: chữ đậm"]

"""Every finding reads as Vietnamese for a văn thư: no English, no XML or Word-internal names, no
Python reprs, no decimal point; and where it is, said as a reader counts on paper."""

from __future__ import annotations

import re
from collections.abc import Iterator

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm, Mm, Pt

from tests.conftest import shared_path
from vanban.generator.checker import Finding, Report, check_document, check_file
from vanban.generator.checker.wording import font_sizes, page_area
from vanban.library.nd30 import decimal

from .conftest import composed, paragraph
from .test_checker import DEFECTS, _set_text, fresh_plan

#: Words Word or XML use that a văn thư never meets; an ASCII word not in here is judged by
#: `_foreign` (a Vietnamese syllable written without marks is allowed).
FORBIDDEN = re.compile(
    r"\b(ascii|hAnsi|eastAsia|cs|w:\w+|twips?|None|True|False|section|header|footer|border|drawing|"
    r"underscores|left|right|center|both|distribute|auto|text ?box|PAGE|NFC|NFD|XML|docx?)\b",
    re.IGNORECASE,
)
#: A Vietnamese syllable written in plain letters ("theo", "trang", "khi"): onset, vowels, final.
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?")
#: Names that are not words of a sentence: units, the font, programs and abbreviations of the decree.
ALLOWED = {"mm", "cm", "pt", "times", "new", "roman", "unicode", "word", "v"}
DECIMAL_POINT = re.compile(r"\d\.\d")
REPR = re.compile(r"[\[\]{}'\"]|\\n")
FONT_SIZE_IN_POINTS = re.compile(r"cỡ(?: chữ)? [\d,–\s và]+pt\b")


def _plain(text: str) -> str:
    """The words the checker wrote: the document's own text, which it quotes «…», and the font
    names it reports ("phông Calibri Light"), are not its words."""
    text = re.sub(r"«[^»]*»", "«»", text)
    return re.sub(r"phông ((?:[A-Z][\w-]*\s?)+)", "phông ", text)


def _foreign(word: str) -> bool:
    if len(word) == 1 or word.lower() in ALLOWED or (word.isupper() and len(word) <= 8):
        return False  # a point letter, a unit, an abbreviation (UBND, KH, PL, VT, TM)
    return not _SYLLABLE.fullmatch(word.lower())


def problems(finding: Finding) -> Iterator[str]:
    """What a văn thư should not have to read in this finding (expected, found, place, title)."""
    for name in ("title", "expected", "found", "place"):
        text = _plain(getattr(finding, name))
        if not text.strip():
            yield f"{name} rỗng"
        for pattern in (FORBIDDEN, DECIMAL_POINT, REPR, FONT_SIZE_IN_POINTS):
            for match in pattern.finditer(text):
                yield f"{name}: «{match.group(0)}» in «{getattr(finding, name)}»"
        for word in re.findall(r"[^\W\d_]+", text):
            if word.isascii() and _foreign(word):
                yield f"{name}: English «{word}» in «{getattr(finding, name)}»"


def test_the_scan_catches_what_it_looks_for():
    """Honest: each kind of programmer text the scan exists for is caught."""
    bad = [
        ("expected", "Times New Roman ở vị trí phông (ascii, hAnsi; eastAsia khi có gợi ý eastAsia)"),
        ("found", "10.0 mm"),
        ("found", "None"),
        ("found", "['Arial']"),
        ("expected", "số trang cỡ 13–14 pt"),
        ("found", "căn left ở 1 đoạn"),
        ("place", "phần (section) 1"),
        ("found", "13.1 mm (drawing)"),
        ("found", "the paragraph is missing"),
    ]
    for field, text in bad:
        values = {"title": "Tiêu đề", "expected": "cần", "found": "thấy", "place": "đoạn 1", field: text}
        finding = Finding("ND30-01", values["title"], "PL I", "error", {}, values["expected"], values["found"])
        finding.place = values["place"]
        assert list(problems(finding)), text
    clean = Finding("ND30-07", "Nội dung", "PL I", "error", {}, "cỡ chữ 13–14", "cỡ chữ 12 ở 1 đoạn")
    clean.place = "trang 2, đoạn 12 (tính từ đầu văn bản)"
    assert list(problems(clean)) == []


def _more_defects() -> Iterator[tuple[str, object]]:
    """Documents with the faults the seeded list leaves out: measures with a fraction, a hanging
    indent, a header in text boxes, a blank number and date, a bare python-docx file."""
    document = composed("cong-van")
    section = document.sections[0]
    section.left_margin, section.top_margin = Mm(27.5), Mm(12.5)
    body = paragraph(document, "Để có cơ sở tổng hợp")
    body.paragraph_format.first_line_indent = Cm(-0.64)
    body.paragraph_format.line_spacing = 2.25
    body.paragraph_format.space_after = Pt(0)
    body.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    following = paragraph(document, "Báo cáo gửi về")
    following.paragraph_format.space_before, following.paragraph_format.space_after = Pt(1.5), Pt(0)
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for run in header.runs:
        run.font.size, run.font.bold = Pt(12.5), True
    _set_text(paragraph(document, "Số:"), "Số:      /UBND-KT")
    _set_text(paragraph(document, "Hà Tĩnh, ngày"), "Hà Tĩnh, ngày      tháng      năm 2026")
    yield "cong-van, lề lẻ, thụt treo, số trống", document

    boxed = composed("ke-hoach")
    header_lines = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-UBND",
        "Hà Tĩnh, ngày 15 tháng 01 năm 2026",
    )
    lines = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in header_lines)
    box = parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape style="width:200pt;height:80pt">'
        f"<v:textbox><w:txbxContent>{lines}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    table = boxed.tables[0]._tbl
    table.addprevious(box)
    table.getparent().remove(table)
    yield "ke-hoach, phần đầu trong ô chữ nổi", boxed

    bare = docx.Document()  # Letter paper, inch margins, Calibri from the theme, no header at all
    bare.add_paragraph("Xin chào")
    bare.add_page_break()
    bare.add_paragraph("Trang hai")
    yield "python-docx trơn", bare


def _bad_reports() -> Iterator[tuple[str, Report]]:
    for rule_id, kind, defect in DEFECTS:
        document = fresh_plan() if kind == "plan" else composed(kind)
        defect(document)
        yield f"{rule_id} {defect.__name__}", check_document(document)
    for name, document in _more_defects():
        yield name, check_document(document)


def test_every_finding_on_bad_documents_reads_as_vietnamese():
    seen, faults = 0, []
    for name, report in _bad_reports():
        for finding in report.findings:
            seen += 1
            faults += [f"{name} {finding.rule}: {p}" for p in problems(finding)]
    assert seen > 80, "the bad documents must produce findings to scan"
    assert not faults, "\n".join(faults)


def test_real_documents_read_as_vietnamese():
    folder = shared_path("realdocs/files")  # skips when ../shared is absent
    faults = []
    for path in sorted(folder.glob("*.docx")):
        for finding in check_file(path).findings:
            faults += [f"{path.name} {finding.rule}: {p}" for p in problems(finding)]
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [(10.0, 1, "10"), (12.5, 1, "12,5"), (5.06, 1, "5,1"), (-0.64, 2, "-0,64"), (0.001, 2, "0"), (210, 0, "210")],
)
def test_decimal_comma(value, places, shown):
    assert decimal(value, places) == shown


def test_font_sizes_and_parts_are_worded_for_a_reader():
    assert font_sizes([11, 9, 11]) == "cỡ chữ 9 và 11"
    assert font_sizes([12.5]) == "cỡ chữ 12,5"
    assert page_area("khổ giấy, lề trang", 1, 1) == "khổ giấy, lề trang của văn bản"
    assert page_area("khổ giấy, lề trang", 2, 3) == "khổ giấy, lề trang, phần 2 của văn bản (sau dấu ngắt phần thứ 1)"


def test_blank_number_and_date_of_a_draft_say_the_van_thu_fills_them():
    document = composed("cong-van")
    _set_text(paragraph(document, "Số:"), "Số:      /UBND-KT")
    _set_text(paragraph(document, "Hà Tĩnh, ngày"), "Hà Tĩnh, ngày      tháng      năm 2026")
    report = check_document(document)
    blank = [f for f in report.findings if f.rule == "ND30-05"]
    assert report.ok and [f.severity for f in blank] == ["warning", "warning"]
    assert [f.found for f in blank] == ["số để trống: dự thảo chờ cấp số", "ngày tháng để trống: dự thảo chờ cấp số"]
    assert {f.expected for f in blank} == {"số và ngày do văn thư ghi khi cấp số (Điều 15)"}


def test_page_findings_name_the_part_only_when_there_are_several():
    single = composed("cong-van")
    single.sections[0].left_margin = Mm(25)
    [margin] = [f for f in check_document(single).errors if f.rule == "ND30-01"]
    assert margin.place == "khổ giấy, lề trang của văn bản" and margin.found == "25 mm"
    assert margin.where["paragraph"] is None

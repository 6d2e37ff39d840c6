"""PDF text as the page shows it: stamped form fields kept, header columns in order, and text
layers that cannot be Vietnamese refused or noted.  PDFs are made here, from a .docx through
LibreOffice, with pypdf adding the form field a signing tool would stamp."""

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

from vanban.library.errors import VanbanError
from vanban.library.readers import libreoffice, read_file
from vanban.library.readers.pdf import implausible_share, layout_lines

needs_tools = pytest.mark.skipif(
    libreoffice() is None or shutil.which("pdftotext") is None, reason="cần LibreOffice và pdftotext (poppler-utils)"
)
OCR_WITHOUT_VIETNAMESE = (
    "QUYTTDINH Vd viQc thirnh lAp HQi tl6ng thAm tlinh tinh Lam Ddng. Cdn c* Luqt TO ch*c chinh quydn "
    "dia phuong ngdy 19 thdng 6 ndm 2015; Cdn cri Nghi dinh s6 126/2024/ND-CP ngdy 08 thdng 10 ndm 2024 "
    "cria Chinh phri quy dinh vC td chric, hoat dQng vd qudn ly hQi; Theo dC nghi cria Gidm tl5c Sd NQi vu."
)


def _pdf_from_docx(tmp_path: Path, header: tuple[str, str], body: list[str]) -> Path:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = header
    for line in body:
        document.add_paragraph(line)
    source = tmp_path / "vb.docx"
    document.save(source)
    subprocess.run(
        [libreoffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    return tmp_path / "vb.pdf"


def _stamp_number(pdf: Path, target: Path, value: str) -> Path:
    """What a signing tool does: a text field placed in the blank after "Số:", filled with the number."""
    found = []
    PdfReader(pdf).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, *_: found.append((tm[4], tm[5])) if text.startswith("Số") else None
    )
    x, y = found[0]
    writer = PdfWriter()
    writer.append(PdfReader(pdf))
    page = writer.pages[0]
    field = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject("so"),
                NameObject("/F"): NumberObject(4),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (x + 22, y - 2, x + 52, y + 11)]),
                NameObject("/DA"): TextStringObject("/Helv 11 Tf 0 g"),
            }
        )
    )
    page[NameObject("/Annots")] = ArrayObject([field])
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = DictionaryObject({NameObject("/Helv"): writer._add_object(font)})
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject([field]),
            NameObject("/DR"): DictionaryObject({NameObject("/Font"): fonts}),
            NameObject("/DA"): TextStringObject("/Helv 11 Tf 0 g"),
        }
    )
    writer.update_page_form_field_values(page, {"so": value}, auto_regenerate=False)
    with target.open("wb") as handle:
        writer.write(handle)
    return target


HEADER = (
    "BỘ NỘI VỤ\nSố:          /BNV-CCHC\nV/v góp ý dự thảo báo cáo",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 18 tháng 9 năm 2025",
)
BODY = [
    "Kính gửi: Các bộ, cơ quan ngang bộ",
    "Thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030, Bộ Nội vụ đề nghị "
    "các cơ quan góp ý dự thảo báo cáo sơ kết.",
]


@needs_tools
def test_a_stamped_number_is_kept_and_header_columns_do_not_interleave(tmp_path):
    signed = _stamp_number(_pdf_from_docx(tmp_path, HEADER, BODY), tmp_path / "ky-so.pdf", "8151")
    assert "8151" not in PdfReader(signed).pages[0].extract_text()  # why pypdf alone is not enough
    raw = read_file(signed)
    lines = [line for line in raw.text.split("\n") if line.strip()]
    number = next(line for line in lines if line.startswith("Số:"))
    assert "8151" in number and number.endswith("/BNV-CCHC")
    left = [lines.index(number), lines.index("V/v góp ý dự thảo báo cáo")]
    right = [i for i, line in enumerate(lines) if line.startswith(("CỘNG HÒA", "Độc lập", "Hà Nội, ngày"))]
    assert lines[0] == "BỘ NỘI VỤ" and len(right) == 3 and max(left) < min(right)
    assert raw.notes == []


@needs_tools
def test_a_text_layer_that_is_not_vietnamese_is_refused_in_vietnamese(tmp_path):
    pdf = _pdf_from_docx(
        tmp_path, ("UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), [OCR_WITHOUT_VIETNAMESE] * 3
    )
    with pytest.raises(VanbanError) as caught:
        read_file(pdf)
    assert "không dùng được" in caught.value.message and "OCR" in caught.value.message
    assert caught.value.path == str(pdf)


@needs_tools
def test_a_doubtful_text_layer_is_kept_with_a_note(tmp_path):
    pdf = _pdf_from_docx(tmp_path, HEADER, [*BODY * 2, OCR_WITHOUT_VIETNAMESE[:150]])
    raw = read_file(pdf)
    assert "Bộ Nội vụ đề nghị" in raw.text
    assert len(raw.notes) == 1 and "có thể bị lỗi" in raw.notes[0]


def test_implausible_share_separates_vietnamese_from_ocr_garbage():
    real = " ".join(BODY) + " Sở Nội vụ, UBND tỉnh, CCHC, V/v, Hà Nội, ngày 18 tháng 9 năm 2025."
    assert implausible_share(real) < 0.05
    assert implausible_share(OCR_WITHOUT_VIETNAMESE) > 0.4


def test_layout_lines_read_a_header_block_column_by_column_and_leave_body_lines_whole():
    page = "\n".join(
        [
            "      UBND TỈNH LÂM ĐỒNG               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "          SỞ NỘI VỤ                       Độc lập - Tự do - Hạnh phúc",
            "",
            "     Số:      /TTr-SNV                   Lâm Đồng, ngày    tháng 12 năm 2025",
            "",
            "      Thực hiện Công văn số 4625/BNV-CCHC    của Bộ Nội vụ về việc xây dựng kế hoạch",
            "cải cách hành chính.",
        ]
    )
    assert layout_lines(page) == [
        "UBND TỈNH LÂM ĐỒNG",
        "SỞ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Số: /TTr-SNV",
        "Lâm Đồng, ngày tháng 12 năm 2025",
        "",
        "Thực hiện Công văn số 4625/BNV-CCHC của Bộ Nội vụ về việc xây dựng kế hoạch",
        "cải cách hành chính.",
    ]

"""OCR of scans: a small page drawn here with Pillow is recognised, repaired and stored with its
provenance; the repairs are tested on strings (they need no Tesseract)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from vanban.library.errors import VanbanError
from vanban.library.readers import OcrOptions, RecognisedText, read_file
from vanban.library.readers.ocr_repair import (
    blank_handwritten,
    drop_page_furniture,
    fix_article_heading,
    fix_capital_marks,
    fix_number_symbols,
    fix_roman_heading,
    is_stray,
    join_hyphenated,
)
from vanban.library.store import Library

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
BOLD = FONT.with_name("LiberationSerif-Bold.ttf")


def _tesseract_missing() -> str:
    if not shutil.which("tesseract"):
        return "Tesseract chưa cài (scripts/install-system-deps.sh cài tesseract-ocr tesseract-ocr-vie)"
    import pytesseract

    if "vie" not in pytesseract.get_languages():
        return "Tesseract chưa có bộ chữ tiếng Việt (tesseract-ocr-vie)"
    if not FONT.exists():
        return "thiếu phông Liberation Serif (fonts-liberation2) để vẽ trang thử"
    return ""


needs_tesseract = pytest.mark.skipif(bool(_tesseract_missing()), reason=_tesseract_missing() or "có Tesseract")

LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 15/QĐ-UBND"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Tĩnh, ngày 10 tháng 3 năm 2026"]
BODY = [
    ("QUYẾT ĐỊNH", True),
    ("Về việc thành lập Tổ công tác sản xuất bền vững", True),
    ("Điều 1. Thành lập Tổ công tác của tỉnh.", False),
    ("Điều 2. Quyết định này có hiệu lực từ ngày ký.", False),
]


def _scan(path: Path, dpi: int = 200) -> Path:
    """An A5-wide page at `dpi`: the two-column header side by side (Tesseract runs its rows
    together), a title, two articles and a speck of "stamp" noise."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72
    size = round(11 * scale)
    regular, bold = ImageFont.truetype(str(FONT), size), ImageFont.truetype(str(BOLD), size)
    image = Image.new("L", (round(560 * scale), round(300 * scale)), 255)
    draw = ImageDraw.Draw(image)
    line = round(16 * scale)
    for row, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        draw.text((round(30 * scale), round(20 * scale) + row * line), left, font=bold, fill=0)
        draw.text((round(250 * scale), round(20 * scale) + row * line), right, font=bold, fill=0)
    top = round(20 * scale) + 4 * line
    for row, (text, strong) in enumerate(BODY):
        draw.text((round(30 * scale), top + row * line), text, font=bold if strong else regular, fill=0)
    draw.text((round(500 * scale), round(270 * scale)), "~", font=regular, fill=0)
    image.save(path, dpi=(dpi, dpi))
    return path


@needs_tesseract
def test_a_scanned_image_enters_the_library_as_text_with_its_provenance(tmp_path):
    scan = _scan(tmp_path / "quyet-dinh.png")
    pages = []
    doc = Library(tmp_path / "data").add(
        [scan], ocr=OcrOptions("auto", lambda path, done, total: pages.append((path.name, done, total)))
    )[0]
    assert doc.number == "15/QĐ-UBND" and doc.signed_on.isoformat() == "2026-03-10"
    assert doc.issuer == "Ủy ban nhân dân tỉnh Hà Tĩnh" and doc.doc_type == "Quyết định"
    assert [s.label for s in doc.sections] == ["Điều 1", "Điều 2"]
    assert doc.scan.path == str(scan.resolve())
    assert doc.scan.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert [p.page for p in doc.scan.pages] == [1] and 70 <= doc.scan.pages[0].confidence <= 100
    assert "Tesseract" in doc.scan.engine and pages == [("quyet-dinh.png", 1, 1)]
    stored = Library(tmp_path / "data").get("15/QĐ-UBND")  # the record read back from disk
    assert stored.scan == doc.scan


@needs_tesseract
def test_the_header_columns_are_read_apart(tmp_path):
    raw = read_file(_scan(tmp_path / "a.png"))
    assert isinstance(raw, RecognisedText)
    lines = [line for line in raw.text.split("\n") if line.strip()]
    assert [line.split()[0] for line in lines[:6]] == [line.split()[0] for line in LEFT + RIGHT]
    assert lines[2] == "Số: 15/QĐ-UBND" and lines[3] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "~" not in raw.text  # the speck is a stray mark, not text


@needs_tesseract
def test_an_image_only_pdf_is_recognised_and_off_keeps_the_refusal(tmp_path):
    from PIL import Image

    pdf = tmp_path / "scan.pdf"
    with Image.open(_scan(tmp_path / "a.png", dpi=300)) as image:
        image.save(pdf, resolution=300)
    raw = read_file(pdf)
    assert "Số: 15/QĐ-UBND" in raw.text and raw.scan.pages[0].page == 1
    with pytest.raises(VanbanError, match="không có lớp chữ"):
        read_file(pdf, OcrOptions("off"))


def test_an_image_with_ocr_off_and_a_wrong_mode_are_refused(tmp_path):
    image = tmp_path / "a.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(VanbanError, match="--ocr off") as caught:
        read_file(image, OcrOptions("off"))
    assert str(image) in str(caught.value)
    with pytest.raises(VanbanError, match="auto, force, off"):
        OcrOptions("sometimes")


def test_without_tesseract_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    image = tmp_path / "a.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(VanbanError) as caught:
        read_file(image)
    assert "sudo apt-get install tesseract-ocr tesseract-ocr-vie" in caught.value.message
    assert caught.value.path == str(image)


@pytest.mark.parametrize("misread", ["Điểu 3. Hiệu lực", "Đìều 3. Hiệu lực", "Diều 3. Hiệu lực", "Điều 3. Hiệu lực"])
def test_a_misread_article_heading_is_repaired_at_a_line_start_only(misread):
    assert fix_article_heading(misread) == "Điều 3. Hiệu lực"
    assert fix_article_heading("Điểu l. Phạm vi") == "Điều 1. Phạm vi"
    assert fix_article_heading("Diều kiện cần") == "Diều kiện cần"  # not followed by a number
    assert fix_article_heading("theo Điểu 3. nêu trên") == "theo Điểu 3. nêu trên"


def test_a_roman_heading_read_as_letters_is_repaired_only_on_a_heading_line():
    assert fix_roman_heading("H. NỘI DUNG") == "II. NỘI DUNG"
    assert fix_roman_heading("HI. TỔ CHỨC THỰC HIỆN") == "III. TỔ CHỨC THỰC HIỆN"
    assert fix_roman_heading("l. MỤC ĐÍCH, YÊU CẦU") == "I. MỤC ĐÍCH, YÊU CẦU"
    assert fix_roman_heading("H. Nguyễn Văn A dự họp") == "H. Nguyễn Văn A dự họp"  # not a heading
    assert fix_roman_heading("IV. KINH PHÍ") == "IV. KINH PHÍ"
    assert fix_roman_heading("I.MỤC ĐÍCH, YÊU CẦU") == "I. MỤC ĐÍCH, YÊU CẦU"
    assert fix_roman_heading("1. MỤC TIÊU") == "1. MỤC TIÊU"
    assert fix_roman_heading("IIIL KINH PHÍ THỰC HIỆN") == "III. KINH PHÍ THỰC HIỆN"
    assert fix_roman_heading("IVL TỔ CHỨC") == "IV. TỔ CHỨC"
    assert fix_roman_heading("XL KINH PHÍ") == "XL KINH PHÍ"  # 40 is a numeral: not a misread stop
    assert fix_roman_heading("IIIL Kinh phí") == "IIIL Kinh phí"  # not a heading in capitals


def test_capitals_that_lost_their_marks_are_repaired_where_the_spelling_proves_it():
    assert fix_capital_marks("QUYÉT ĐỊNH") == "QUYẾT ĐỊNH"
    assert fix_capital_marks("SỞ THÔNG TIN VÀ TRUYÈN THÔNG") == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert fix_capital_marks("việc chuyẻn giao") == "việc chuyển giao"
    assert fix_capital_marks("Pierre Dupont") == "Pierre Dupont"  # no tone mark: not Vietnamese, untouched
    assert fix_capital_marks("KT. GIÁM ĐÓC") == "KT. GIÁM ĐỐC"
    assert fix_capital_marks("UBND TĨNH PHÚ THỌ") == "UBND TỈNH PHÚ THỌ"
    assert fix_capital_marks("TĨNH HÀ TĨNH") == "TỈNH HÀ TĨNH"
    assert fix_capital_marks("ỦY BAN NHÂN DÂN TĨNH LÂM ĐỒNG") == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert fix_capital_marks("HUYỆN TĨNH GIA") == "HUYỆN TĨNH GIA"  # a place name stays
    assert fix_capital_marks("TĨNH tâm mà xét") == "TĨNH tâm mà xét"  # not a line in capitals
    assert fix_capital_marks("Số: 15⁄QĐÐ-UBND") == "Số: 15/QĐĐ-UBND"


def test_letters_and_digits_are_swapped_back_only_inside_a_number_symbol():
    assert fix_number_symbols("Số: l716/QĐ-UBND") == "Số: 1716/QĐ-UBND"
    assert fix_number_symbols("Số: 15/2O25/QĐ-UBNl") == "Số: 15/2025/QĐ-UBNI"
    assert fix_number_symbols("Số: 08/B0-CCHC") == "Số: 08/BO-CCHC"
    assert fix_number_symbols("Số: 05/KH- UBND") == "Số: 05/KH-UBND"
    assert fix_number_symbols("Số: 3980/C04-P6") == "Số: 3980/C04-P6"  # a digit beside a digit stays
    assert fix_number_symbols("Quyết định 889/QĐ-TTg") == "Quyết định 889/QĐ-TTg"
    assert fix_number_symbols("lOl người, 10 lít") == "lOl người, 10 lít"  # no số hiệu: untouched
    assert fix_number_symbols("ngày 05/01/2020 và 72/2025/QH15") == "ngày 05/01/2020 và 72/2025/QH15"


def test_stray_marks_are_told_from_words():
    assert is_stray("|", 90) and is_stray("®", 30) and is_stray("ẵ§", 20)
    assert not is_stray("-", 90) and not is_stray("./.", 50) and not is_stray("“", 60)
    assert not is_stray("Điều", 30) and not is_stray("484/KH-UBND", 20) and not is_stray("xã", 10)
    assert is_stray("Qxzt", 20) and not is_stray("Qxzt", 90)


def test_a_word_cut_at_a_line_end_is_joined():
    assert join_hyphenated(["thực hiện Kế hoạch số 484/KH-", "UBND ngày 10"]) == [
        "thực hiện Kế hoạch số 484/KH-UBND ngày 10"
    ]
    assert join_hyphenated(["sản xuất bền vữ-", "ng của tỉnh"]) == ["sản xuất bền vững của tỉnh"]
    assert join_hyphenated(["kinh tế -", "xã hội"]) == ["kinh tế -", "xã hội"]  # a spaced dash is text


def test_page_numbers_and_running_heads_are_dropped():
    pages = [
        ["ỦY BAN NHÂN DÂN", "Điều 1. Phạm vi"],
        ["2", "KẾ HOẠCH 484", "Điều 2. Đối tượng", "- 2 -"],
        ["3", "KẾ HOẠCH 484", "Điều 3. Hiệu lực"],
    ]
    assert drop_page_furniture(pages) == [
        ["ỦY BAN NHÂN DÂN", "Điều 1. Phạm vi"],
        ["Điều 2. Đối tượng"],
        ["Điều 3. Hiệu lực"],
    ]


def test_a_handwritten_number_or_day_is_left_blank_not_stored_wrong():
    assert blank_handwritten("Số: 4Z/46 /QĐ-UBND") == "Số: /QĐ-UBND"
    assert blank_handwritten("Số: 3 3/C04-P6") == "Số: /C04-P6"
    assert blank_handwritten("Số: 215/UBND-KT") == "Số: 215/UBND-KT"  # printed: kept
    assert blank_handwritten("Số: 15/2025/QĐ-UBND") == "Số: 15/2025/QĐ-UBND"
    assert blank_handwritten("Số: /KH-UBND") == "Số: /KH-UBND"  # a draft's blank stays blank
    assert blank_handwritten("Lâm Đồng, ngày 4 6tháng 10 năm 2025") == "Lâm Đồng, ngày tháng 10 năm 2025"
    assert blank_handwritten("Phú Thọ, ngày 4b tháng 12 năm 2011") == "Phú Thọ, ngày tháng 12 năm 2011"
    assert blank_handwritten("Hà Tĩnh, ngày 02 tháng 11 năm 2026") == "Hà Tĩnh, ngày 02 tháng 11 năm 2026"
    assert blank_handwritten("theo Kế hoạch ngày 6 tháng 12 năm 2011") == "theo Kế hoạch ngày 6 tháng 12 năm 2011"


def test_specks_above_the_first_line_of_a_page_are_dropped():
    pages = [["ai", "F", "", "ỦY BAN NHÂN DÂN", "Số: 15/QĐ-UBND"], ["Điều 2. Đối tượng", "a) cá nhân"]]
    assert drop_page_furniture(pages) == [["ỦY BAN NHÂN DÂN", "Số: 15/QĐ-UBND"], ["Điều 2. Đối tượng", "a) cá nhân"]]

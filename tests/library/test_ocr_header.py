"""The header and signature block of a real scan: seals' red ink dropped, stamp noise ignored,
names corrected to the closed vocabulary of a header, and what the parser then reads.  The rules
are tested on small strings; red ink on an image drawn here (Tesseract only for the last test)."""

from __future__ import annotations

from tests.library.test_ocr import BOLD, FONT, needs_tesseract
from vanban.library.readers import read_file
from vanban.library.readers.ocr import _run_together
from vanban.library.readers.ocr_layout import without_red_ink
from vanban.library.readers.ocr_repair import (
    blank_handwritten,
    fix_symbol_type,
    is_noise_line,
    join_number_line,
    repair_header,
    repair_signature,
)
from vanban.library.readers.ocr_vocabulary import correct, vocabulary
from vanban.library.structure import parse_text


def test_marks_lost_on_capitals_are_restored_from_the_vocabulary():
    assert correct(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐÓNG"]) == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert correct(["SỞ THÔNG TIN VÀ TRUYN THÔNG"]) == ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]  # a letter lost
    assert correct(["QUYÉT ĐỊNH"]) == ["QUYẾT ĐỊNH"]
    assert correct(["Lâm Đóng"]) == ["Lâm Đồng"]  # the case printed is kept


def test_a_name_wrapped_over_two_lines_is_corrected_word_by_word_on_its_lines():
    fixed = correct(["BỘ CÔNG AN", "CỤC CẢNH SÁT ĐIÊU TRA", "TỘI PHẠM VÉ MA TUÝ"])
    assert fixed == ["BỘ CÔNG AN", "CỤC CẢNH SÁT ĐIỀU TRA", "TỘI PHẠM VỀ MA TUÝ"]  # "TUÝ" as printed, not "TÚY"


def test_what_the_vocabulary_cannot_decide_is_left_as_read():
    assert correct(["UBND TỈNH QUẢNG HINH"]) == ["UBND TỈNH QUẢNG HINH"]  # Bình or Ninh: one letter from both
    assert correct(["HỘI ĐỒNG NHÂN DÂN"]) == ["HỘI ĐỒNG NHÂN DÂN"]  # short: never "HỢP ĐỒNG"
    assert correct(["TỈNH QUẢNG NINH"]) == ["TỈNH QUẢNG NINH"]


def test_the_vocabulary_is_built_from_the_data_file_and_what_vanban_knows():
    names = {" ".join(entry) for entry in vocabulary()}
    assert {"Lâm Đồng", "Bà Rịa - Vũng Tàu", "Bộ Công an", "Phó Giám đốc"} <= names  # header_vocabulary.yaml
    assert "Quyết định" in names and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in names  # doctypes, nd30
    assert "Sở Thông tin và Truyền thông" in names  # succession.yaml (renamed in 2025)


def test_stamp_and_signature_noise_lines_are_told_from_header_lines():
    for noise in ("ˆ TA", "'. Á", "NANM?o6", "HN N .", "“", "%8...", "—— ~S2Ó41QI1II1I1 4Á xước C1111 1/11) —)"):
        assert is_noise_line(noise), noise
    for kept in ("BỘ Y TẾ", "KT. CHỦ TỊCH", "TM. UBND", "CỤC TRƯỞNG", "Số: /STTTT-CNTT", "- Lưu: VT, P6.",
                 "Hà Nội, ngày tháng năm 2025", "Thiếu tướng Ngô Thanh Bình", "UBND TỈNH PHÚ THỌ",
                 "484/KH-UBND năm 2026"):  # fmt: skip
        assert not is_noise_line(kept), kept


def test_the_header_loses_its_noise_and_is_corrected_but_title_and_body_are_not_touched():
    lines = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐÓNG",
        "Số: /QĐ-UBND",
        "",
        "ˆ TA",
        "Cơ quan: ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",  # a signing tool's box printed over the page
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lâm Đóng, ngày tháng 10 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Hội đồng thẩm định",
        "NANM?o6",
        "Căn cứ Luật Tổ chức chính quyền địa phương; Lâm Đóng",
        "ˆ TA",
    ]
    assert repair_header(lines) == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "Số: /QĐ-UBND",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lâm Đồng, ngày tháng 10 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Hội đồng thẩm định",
        "Căn cứ Luật Tổ chức chính quyền địa phương; Lâm Đóng",  # body: as read
        "ˆ TA",
    ]


def test_the_signature_block_loses_its_noise_and_its_label_is_spelled_right():
    lines = ["sự quan tâm chỉ đạo./.", "Noi nhận:", "- Như trên;", "KT. GIÁM ĐỐC", "'. Á", "PHÓ GIÁM ĐÓC", "HN N .",
             "Nguyễn Hữu Việt"]  # fmt: skip
    assert repair_signature(lines) == [
        "sự quan tâm chỉ đạo./.",
        "Nơi nhận:",
        "- Như trên;",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Hữu Việt",
    ]


def test_number_line_split_by_a_handwritten_number_is_joined():
    assert join_number_line(["Số:", "/STTTT-CNTT", "V/v đăng ký"]) == ["Số: /STTTT-CNTT", "V/v đăng ký"]
    assert join_number_line(["Số:", "Kính gửi"]) == ["Số:", "Kính gửi"]


def test_a_doubled_letter_in_the_type_of_a_symbol_is_read_once():
    assert fix_symbol_type("Số: /QĐĐ-UBND") == "Số: /QĐ-UBND"
    assert fix_symbol_type("Số: 3/TTr-SNV") == "Số: 3/TTr-SNV"
    assert fix_symbol_type("Số: 5/TTLT-BNV") == "Số: 5/TTLT-BNV"  # a type of its own
    assert fix_symbol_type("Số: 3980/C04-P6") == "Số: 3980/C04-P6"  # a công văn's unit, not a type


def test_a_handwritten_month_is_left_blank_like_a_handwritten_day():
    assert blank_handwritten("Hà Nội, ngày tháng Ê năm 2025") == "Hà Nội, ngày tháng năm 2025"
    assert blank_handwritten("Hà Nội, ngày 28 tháng 8 năm 2025") == "Hà Nội, ngày 28 tháng 8 năm 2025"


def test_a_line_read_without_its_spaces_is_recognised():
    assert _run_together("UBNDTỈNHPHÚTHỌ") and _run_together("UWBNDTINHPHUTHO")
    assert not _run_together("TRUYỀN") and not _run_together("NGHIÊNG") and not _run_together("Thôngtinvà")


def test_an_agency_name_printed_on_two_lines_under_its_parent_is_one_name():
    doc = parse_text(
        "BỘ CÔNG AN\nCỤC CẢNH SÁT ĐIỀU TRA\nTỘI PHẠM VỀ MA TUÝ\nSố: /C04-P6\nV/v chuẩn bị\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày tháng năm 2025\n"
        "Kính gửi: Ủy ban nhân dân tỉnh\nNội dung.\nNơi nhận:\n- Như trên;\nCỤC TRƯỞNG\n"
        "Thiếu tướng Ngô Thanh Bình\n"
    )
    assert doc.issuer == "Cục Cảnh sát điều tra tội phạm về ma tuý"
    assert doc.parent_issuer == "Bộ Công an"
    assert doc.signature.name == "Ngô Thanh Bình"  # the rank is not part of the name
    assert doc.signature.title == "CỤC TRƯỞNG"


def test_two_header_levels_stay_two():
    doc = parse_text("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: /TTr-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    assert (doc.parent_issuer, doc.issuer) == ("UBND tỉnh Lâm Đồng", "Sở Nội vụ")


def test_red_ink_is_dropped_and_black_print_over_it_kept():
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (200, 100), "white")
    draw = ImageDraw.Draw(page)
    draw.ellipse((20, 10, 120, 90), outline=(220, 40, 50), width=6)  # a seal's ring
    draw.rectangle((60, 45, 180, 55), fill=(10, 10, 10))  # print over it
    draw.rectangle((150, 10, 190, 20), fill=(30, 50, 160))  # blue handwriting
    grey = without_red_ink(page)
    assert grey.mode == "L"
    assert grey.getpixel((22, 50)) > 200  # the ring is paper now
    assert grey.getpixel((100, 50)) < 60 and grey.getpixel((170, 15)) < 120  # print and blue ink stay


@needs_tesseract
def test_a_signer_name_under_a_red_seal_is_read(tmp_path):
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    scale = 200 / 72
    page = Image.new("RGB", (round(400 * scale), round(140 * scale)), "white")
    draw = ImageDraw.Draw(page)
    bold = ImageFont.truetype(str(BOLD), round(13 * scale))
    regular = ImageFont.truetype(str(FONT), round(13 * scale))
    draw.text((round(150 * scale), round(15 * scale)), "CỤC TRƯỞNG", font=bold, fill=0)
    draw.text((round(100 * scale), round(100 * scale)), "Thiếu tướng Ngô Thanh Bình", font=bold, fill=0)
    red, seal = (215, 35, 45), Image.new("RGB", page.size, "white")  # ink on ink: the seal multiplies
    stamp = ImageDraw.Draw(seal)
    stamp.ellipse((round(80 * scale), round(30 * scale), round(200 * scale), round(135 * scale)), outline=red, width=9)
    stamp.text((round(105 * scale), round(70 * scale)), "BỘ CÔNG AN  ★", font=regular, fill=red)
    stamp.line((round(150 * scale), round(95 * scale), round(300 * scale), round(80 * scale)), fill=red, width=5)
    path = tmp_path / "chu-ky.png"
    ImageChops.multiply(page, seal).save(path, dpi=(200, 200))
    text = read_file(path).text
    assert "Ngô Thanh Bình" in text
    assert "CÔNG AN" not in text


def test_the_end_of_a_vv_read_after_the_right_column_goes_back_under_it():
    lines = [
        "Số: /C04-P6",
        "V/v chuẩn bị tổ chức triển khai",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày tháng năm 2025",
        "Chương trình MTQG phòng, chống ma tuý",  # not a "Chương I" heading
        "đến năm 2030",
        "Kính gửi: Ủy ban nhân dân tỉnh",
        "Trong thời gian qua, công tác phòng, chống ma tuý tại địa bàn tỉnh đã được quan tâm",
    ]
    assert repair_header(lines) == [
        "Số: /C04-P6",
        "V/v chuẩn bị tổ chức triển khai",
        "Chương trình MTQG phòng, chống ma tuý",
        "đến năm 2030",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày tháng năm 2025",
        "Kính gửi: Ủy ban nhân dân tỉnh",
        "Trong thời gian qua, công tác phòng, chống ma tuý tại địa bàn tỉnh đã được quan tâm",
    ]
    body = ["V/v góp ý", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 5 tháng 3 năm 2025", "",
            "Ngày 01/3/2025, Bộ Nội vụ nhận được văn bản số 15/UBND-NC của Ủy ban nhân dân tỉnh"]  # fmt: skip
    assert repair_header(body) == body  # a body line (after a blank, full width) stays where it is


def test_recipients_read_across_the_signer_title_stay_recipients():
    doc = parse_text(
        "BỘ CÔNG AN\nSố: /C04-P6\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKính gửi: Ủy ban nhân dân tỉnh\n"
        "1. Nội dung.\nNơi nhận:\n- Như kính gửi;\nCỤC TRƯỞNG\n- Văn phòng Bộ Công an (để p/h);\n"
        "- Giám đốc Công an tỉnh Lâm Đồng\n(để p/h);\n- Lưu: VT, P6.\nNgô Thanh Bình\n"
    )
    assert doc.recipients == ["Như kính gửi;", "Văn phòng Bộ Công an (để p/h);",
                              "Giám đốc Công an tỉnh Lâm Đồng (để p/h);", "Lưu: VT, P6."]  # fmt: skip
    assert (doc.signature.title, doc.signature.name) == ("CỤC TRƯỞNG", "Ngô Thanh Bình")
    assert [s.label for s in doc.sections] == ["1"] and not doc.sections[0].children  # no "- " items in the body

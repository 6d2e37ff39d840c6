"""Header facts that do not depend on a filled-in number, and texts attached after the signature."""

from vanban.index.entries import index_entries
from vanban.library.structure import parse_text, printed_name

DRAFT = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số:      /KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
Lâm Đồng, ngày   tháng 3 năm 2026

KẾ HOẠCH
Tuyên truyền cải cách hành chính
năm 2026

Thực hiện chỉ đạo của tỉnh, Ủy ban nhân dân tỉnh ban hành kế hoạch.
1. Mục đích
- Nâng cao nhận thức.
2. Yêu cầu
- Thiết thực.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def test_a_draft_keeps_symbol_and_month_and_leaves_number_and_day_blank():
    doc = parse_text(DRAFT)
    assert (doc.number, doc.symbol, doc.signed_on, doc.signed_month) == ("", "/KH-UBND", None, "2026-03")
    assert (doc.doc_type, doc.issuer, doc.parent_issuer, doc.place) == (
        "Kế hoạch",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
        "",
        "Lâm Đồng",
    )
    assert doc.title == "Tuyên truyền cải cách hành chính năm 2026"


def test_numbered_items_without_a_roman_heading_are_outline_items():
    doc = parse_text(DRAFT)
    assert [s.label for s in doc.sections] == ["1", "2"]
    assert doc.preamble.startswith("Thực hiện chỉ đạo")


def test_a_letter_with_a_two_line_vv_and_both_columns_on_one_line():
    text = (
        "BỘ TƯ PHÁP CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/BTP-PL\n"
        "V/v hướng dẫn hợp nhất các\nĐoàn Luật sư\nHà Nội, ngày 01 tháng 7 năm 2025\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh\n(Địa chỉ: Số 16 Ngô Quyền)\nBộ Tư pháp đề nghị như sau.\n"
    )
    doc = parse_text(text)
    assert (doc.number, doc.doc_type, doc.issuer) == ("12/BTP-PL", "Công văn", "Bộ Tư pháp")
    assert doc.title == "V/v hướng dẫn hợp nhất các Đoàn Luật sư"


def test_agency_names_read_in_sentence_case_as_printed():
    assert printed_name("SỞ THÔNG TIN & TRUYỀN THÔNG") == "Sở Thông tin & Truyền thông"
    assert printed_name("UBND TỈNH LÂM ĐỒNG") == "UBND tỉnh Lâm Đồng"
    assert printed_name("VĂN PHÒNG UBND TỈNH BÌNH THUẬN") == "Văn phòng UBND tỉnh Bình Thuận"
    assert printed_name("BỘ NỘI VỤ") == "Bộ Nội vụ"


DECISION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số: 15/2010/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 26 tháng 4 năm 2010

QUYẾT ĐỊNH
Ban hành Quy định về quản lý đại lý Internet

ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI
Căn cứ Luật Công nghệ thông tin;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý đại lý Internet.
Điều 2. Quyết định này có hiệu lực sau 10 ngày.
Ví dụ ghi quyền hạn:
TM. HỘI ĐỒNG NHÂN DÂN
Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành.
Nơi nhận:
- Như Điều 3;
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Ngô Thị Hằng

ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
QUY ĐỊNH
Về quản lý đại lý Internet
(Ban hành kèm theo Quyết định số 15/2010/QĐ-UBND ngày 26 tháng 4 năm 2010)

Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này áp dụng cho đại lý.
Chương II
GIỜ MỞ CỬA
Điều 2. Thời gian
1. Đại lý mở cửa từ 6 giờ.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Ngô Thị Hằng
"""


def test_an_attached_quy_dinh_is_an_annex_and_its_signature_is_not_merged():
    doc = parse_text(DECISION)
    assert doc.issuer == "Ủy ban nhân dân thành phố Hà Nội"
    assert [a.label for a in doc.find("dieu")] == ["Điều 1", "Điều 2", "Điều 3"]
    assert doc.signature.authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert doc.signature.name == "Ngô Thị Hằng"
    [annex] = doc.annexes
    assert (annex.heading, annex.title, annex.label) == ("QUY ĐỊNH", "Về quản lý đại lý Internet", "Quy định")
    assert annex.ref.startswith("(Ban hành kèm theo")
    assert [s.label for s in annex.sections] == ["Chương I", "Chương II"]
    paths = [str(e.path) for e in index_entries(doc)]
    assert "Quy định › Chương II › Điều 2 › Khoản 1" in paths


def test_body_tables_keep_their_rows_in_the_model_and_the_index():
    text = "KẾ HOẠCH\nTổ chức hội nghị\n\nI. LỊCH\nGiờ\tHoạt động\tNgười thực hiện\n14h00\tKhai mạc\tSở Nội vụ\n"
    doc = parse_text(text)
    assert doc.tables == [[["Giờ", "Hoạt động", "Người thực hiện"], ["14h00", "Khai mạc", "Sở Nội vụ"]]]
    assert any(e.text == "14h00 — Khai mạc — Sở Nội vụ" for e in index_entries(doc))

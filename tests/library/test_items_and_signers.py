"""Sub-items ("+", "*", "1.1."), signatures printed without "TM."/"KT." and text under a signature:
small texts shaped like the real documents where each went wrong."""

from __future__ import annotations

from pathlib import Path

from vanban.library.markdown_writer import document_metadata, document_to_markdown
from vanban.library.model import Document, Section, SectionKind
from vanban.library.readers.text import read_md
from vanban.library.structure import parse_text

HEADER = """UBND TỈNH LÂM ĐỒNG
SỞ TƯ PHÁP
Số: 12/TTr-STP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 05 tháng 12 năm 2025
TỜ TRÌNH
Về việc hợp nhất Đoàn Luật sư
Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh
"""


def _shape(sections: list[Section]) -> list[tuple]:
    """(label, kind, children) trees: what the outline looks like, without the text."""
    return [(s.label, s.kind.value, _shape(s.children)) for s in sections]


def test_plus_items_nest_under_the_dash_item_above() -> None:
    doc = parse_text(
        HEADER
        + """1. Ban Chủ nhiệm
- Chủ nhiệm: Luật sư A
- Phó Chủ nhiệm: 2 Luật sư. Cụ thể:
+ Luật sư B;
+ Luật sư C;
- Ủy viên: Luật sư D.
"""
    )
    assert _shape(doc.sections) == [
        (
            "1",
            "khoan",
            [("đoạn 1", "y", []), ("đoạn 2", "y", [("+", "y", []), ("+", "y", [])]), ("đoạn 3", "y", [])],
        )
    ]
    assert doc.sections[0].children[1].children[1].text == "Luật sư C;"


def test_star_items_hold_the_dash_items_below_them() -> None:
    doc = parse_text(
        HEADER
        + """4. Ý kiến của chuyên viên:
* Về trình tự: Đúng quy định.
* Về hình thức:
- Hình thức: Công văn.
- Thể thức: Bảo đảm.
* Đề xuất: Ký ban hành.
"""
    )
    stars = doc.sections[0].children
    assert [s.label for s in stars] == ["*", "*", "*"]
    assert [c.label for c in stars[1].children] == ["đoạn 1", "đoạn 2"]


def test_options_printed_side_by_side_are_items_each() -> None:
    doc = parse_text(HEADER + "1. Xin ý kiến:\n+ Văn bản của cơ quan trình + Bộ, ngành Trung ương\n+ HĐND tỉnh\n")
    texts = [c.text for c in doc.sections[0].children]
    assert texts == ["Văn bản của cơ quan trình", "Bộ, ngành Trung ương", "HĐND tỉnh"]


def test_a_plus_or_star_needs_a_word_after_it() -> None:
    doc = parse_text(HEADER + "1. Liên hệ:\n+84 263 3822 000\n*) Ghi chú cuối\n")
    assert [c.kind for c in doc.sections[0].children] == [SectionKind.PARAGRAPH, SectionKind.PARAGRAPH]


def test_nested_numbers_are_children_of_their_clause() -> None:
    doc = parse_text(
        HEADER
        + """3. Đề xuất của Sở Tư pháp
3.1. Đối với nhân sự:
a) Ban Chủ nhiệm
b) Hội đồng Khen thưởng
3.2. Đối với thời gian Đại hội.
2.500 hộ dân được hỗ trợ trong năm.
4. Độ mật: Không
"""
    )
    assert _shape(doc.sections) == [
        (
            "3",
            "khoan",
            [("3.1", "khoan", [("a", "diem", []), ("b", "diem", [])]), ("3.2", "khoan", [("đoạn 1", "doan", [])])],
        ),
        ("4", "khoan", []),
    ]


def test_a_number_with_a_hyphen_is_a_clause() -> None:
    doc = parse_text(HEADER + "1. Tự kiểm điểm:\n2- Biện pháp khắc phục:\n4-Kết quả bỏ phiếu\n2-3 ngày một lần.\n")
    assert [s.label for s in doc.sections] == ["1", "2", "4"]
    assert doc.sections[-1].title == "Kết quả bỏ phiếu"
    assert doc.sections[-1].children[0].text == "2-3 ngày một lần."


def test_a_title_on_two_lines_is_one_title() -> None:
    doc = parse_text(
        HEADER
        + "Nội dung.\nNơi nhận:\n- Như trên;\nTL. BỘ TRƯỞNG\nVỤ TRƯỞNG\nVỤ TỔ CHỨC PHI CHÍNH PHỦ\n\nThang Thị Hạnh\n"
    )
    assert doc.signature.authority == ["TL. BỘ TRƯỞNG"]
    assert doc.signature.title == "VỤ TRƯỞNG VỤ TỔ CHỨC PHI CHÍNH PHỦ"
    assert doc.signature.name == "Thang Thị Hạnh"


def test_a_head_signing_in_their_own_name_after_example_blocks() -> None:
    """Example signatures inside the articles are followed by more articles; the real one is last."""
    doc = parse_text(
        """THÔNG TƯ
Hướng dẫn thể thức
Điều 1. Chữ ký
Ví dụ:
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn A
Điều 2. Hiệu lực
Thông tư này có hiệu lực sau 45 ngày.

BỘ TRƯỞNG

(Đã ký)

Trần Văn Tuấn
"""
    )
    assert (doc.signature.title, doc.signature.name, doc.signature.authority) == ("BỘ TRƯỞNG", "Trần Văn Tuấn", [])
    assert [s.label for s in doc.sections] == ["Điều 1", "Điều 2"]


def test_a_person_signing_their_own_paper_with_the_form_going_on_below() -> None:
    doc = parse_text(
        """ĐẢNG BỘ CƠ QUAN UBND HUYỆN ĐẢNG CỘNG SẢN VIỆT NAM
CHI BỘ THANH TRA
Lệ Thuỷ, ngày 29 tháng 11 năm 2011
BẢN TỰ KIỂM ĐIỂM
ĐÁNH GIÁ CHẤT LƯỢNG ĐẢNG VIÊN
Họ và tên: Châu Minh Phú
1. Tự kiểm điểm:
- Về tư tưởng chính trị.
3. Tự nhận loại: Đảng viên đủ tư cách
NGƯỜI TỰ KIỂM ĐIỂM

CHÂU MINH PHÚ

4-Kết quả bỏ phiếu xếp loại của chi bộ
5-Ý kiến nhận xét của cấp uỷ cơ sở
T/M CẤP UỶ CƠ SỞ
"""
    )
    assert (doc.signature.title, doc.signature.name) == ("NGƯỜI TỰ KIỂM ĐIỂM", "Châu Minh Phú")
    assert [s.label for s in doc.sections] == ["1", "3", "4", "5"]


def test_a_forms_sign_off_line_after_the_closing_mark() -> None:
    doc = parse_text(
        HEADER
        + """4. Ý kiến của chuyên viên:
* Đề xuất: Ký ban hành.
Kính trình lãnh đạo xem xét, quyết định./.
Chuyên viên: Trương Hải Châu

5. Ý kiến của lãnh đạo phòng:
"""
    )
    assert (doc.signature.title, doc.signature.name) == ("Chuyên viên", "Trương Hải Châu")
    assert [s.label for s in doc.sections] == ["4", "5"]


def test_a_sign_off_box_with_dotted_lines_names_no_signer() -> None:
    """A routing slip's last box (title, dotted lines for an opinion, a blank date) is no signature."""
    doc = parse_text(
        HEADER + "1. Nội dung.\nKÍNH TRÌNH LÃNH ĐẠO UBND TỈNH\n........\nNgày tháng 12 năm 2025\n\nNguyễn Minh\n"
    )
    assert doc.signature.name == ""


def test_a_footnote_under_the_signature_stays_in_the_record() -> None:
    doc = parse_text(
        HEADER
        + """Đề nghị các cơ quan góp ý¹./.
Nơi nhận:
- Như trên;
- Sở Khoa học và Công nghệ, Sở Kế hoạch
và Đầu tư;
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Trần Hữu Tuấn

1
Gồm: Sở Khoa học và Công nghệ, Sở Tài chính.
"""
    )
    assert doc.recipients == ["Như trên;", "Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư;"]
    assert doc.signature.name == "Trần Hữu Tuấn"
    assert "Gồm: Sở Khoa học và Công nghệ, Sở Tài chính." in doc.preamble


def test_markdown_export_reads_back_with_its_sub_items(tmp_path: Path) -> None:
    """The exported Markdown parses back to the same outline: "+"/"*" are not turned into "- "."""
    text = (
        HEADER
        + """1. Ý kiến:
* Về hình thức:
- Hình thức: Công văn.
+ Bản giấy;
+ Bản điện tử.
1.1. Thống nhất hoàn toàn
2. Độ mật: Không
"""
    )
    doc = parse_text(text)
    markdown = document_to_markdown(doc, document_metadata(doc))
    back = parse_text(read_md(tmp_path / "x.md", markdown.encode()).text)
    assert _shape(back.sections) == _shape(doc.sections)
    assert _shape(doc.sections)[0][2][0] == ("*", "y", [("đoạn 1", "y", [("+", "y", []), ("+", "y", [])])])


def test_generated_items_still_write_as_dashes() -> None:
    item = Section("-", SectionKind.ITEM, text="x")
    doc = Document(sections=[Section("1", SectionKind.CLAUSE, title="A", children=[item])])
    assert "- x" in document_to_markdown(doc, {})

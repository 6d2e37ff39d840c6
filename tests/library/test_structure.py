"""The structure parser on the shipped plan (never skipped), the seed and the legal texts in ../shared."""

import datetime as dt
from collections import Counter

import pytest

from tests.conftest import shared_path
from vanban.library.corpus_build import build_record
from vanban.library.readers import markdown_to_lines, read_file
from vanban.library.readers.text import read_law_json as _read_law_json
from vanban.library.store import SHIPPED_CORPUS, Library
from vanban.library.structure import parse_text
from vanban.library.tasktable import merge_fragment

PLAN_FILE = SHIPPED_CORPUS / "ke-hoach-484-kh-ubnd-2020.md"


def check_plan_outline(doc):
    assert doc.number == "484/KH-UBND"
    assert doc.doc_type == "Kế hoạch"
    assert doc.issuer == "UBND tỉnh Hà Tĩnh"
    assert doc.signed_on == dt.date(2020, 12, 15)
    assert doc.signature.name == "Nguyễn Hồng Lĩnh"
    assert doc.signature.authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert doc.signature.title == "PHÓ CHỦ TỊCH"
    assert doc.title.startswith("Thực hiện Chương trình hành động quốc gia")
    assert [s.label for s in doc.sections] == ["I", "II", "III", "IV"]
    assert [s.title for s in doc.sections] == [
        "MỤC TIÊU",
        "NHIỆM VỤ VÀ GIẢI PHÁP",
        "KINH PHÍ THỰC HIỆN",
        "TỔ CHỨC THỰC HIỆN",
    ]
    assert [len(s.children) for s in doc.sections] == [2, 7, 3, 5]
    tasks_ii_1 = doc.sections[1].children[0]
    assert tasks_ii_1.title.startswith("Tuyên truyền, phổ biến nhận thức")
    assert [c.label for c in tasks_ii_1.children] == [f"đoạn {i}" for i in range(1, 6)]
    assert doc.sections[2].children[0].text.startswith("Kinh phí để thực hiện được huy động")
    assert doc.preamble.startswith("Thực hiện Quyết định số 889/QĐ-TTg")
    assert doc.closing.endswith("xem xét, quyết định./.")
    assert doc.recipients[0] == "Bộ Công Thương (b/c);" and doc.recipients[-1] == "Lưu: VT, KT₂.", (
        "printed small, kept as printed"
    )


def check_plan_tasks(doc):
    counts = Counter(t.group for t in doc.tasks)
    assert counts == {"2021-2025": 30, "2021": 23}
    for group, size in counts.items():
        assert [t.no for t in doc.tasks if t.group == group] == [str(i) for i in range(1, size + 1)]
    by_key = {(t.group, t.no): t for t in doc.tasks}
    first = by_key[("2021-2025", "1")]
    assert first.lead == "Sở Công Thương"
    assert first.partners == "Các Sở, ban ngành cấp tỉnh; UBND các huyện, thị xã, thành phố; đơn vị có liên quan"
    assert (first.product, first.period) == ("03lớp/năm", "2021-2025")
    # rows cut by a page break are whole again, without the words printed on both pages
    assert by_key[("2021-2025", "5")].content.endswith("tại một số tỉnh, thành phổ trong nước")
    assert by_key[("2021-2025", "16")].partners.endswith("thành phố; các tổ chức và cá nhân liên quan")
    assert "liên quan nhân" not in by_key[("2021-2025", "16")].partners
    assert by_key[("2021", "1")].content.endswith("đơn vị, doanh nghiệp, hợp tác xã, cơ sở sản xuất trên địa bàn")
    assert by_key[("2021", "13")].partners == (
        "Các Sở, ban ngành cấp tỉnh, UBND các huyện, thị xã, thành phố; các tổ chức và cá nhân liên quan"
    )
    assert by_key[("2021", "18")].content.startswith("Đa dạng hóa các điểm bán hàng, điểm kinh doanh xanh")
    assert by_key[("2021-2025", "26")].partners.startswith("Các Sở, ban ngành cấp tỉnh, UBND các huyện")
    assert by_key[("2021-2025", "6")].lead.startswith("Các Sở, ngành, đơn vị theo nhiệm vụ")
    assert by_key[("2021", "23")].period == ""
    assert all(t.content for t in doc.tasks)


def test_shipped_plan_record(tmp_path):
    doc = Library(tmp_path).get("484/KH-UBND")
    check_plan_outline(doc)
    check_plan_tasks(doc)
    assert [g["key"] for g in doc.task_groups] == ["2021-2025", "2021"]


def test_shipped_plan_body_alone_parses_to_the_same_outline():
    doc = parse_text(read_file(PLAN_FILE).text)
    check_plan_outline(doc)


def test_seed_text_parses():
    doc = parse_text(shared_path("seeds/kh-484-ubnd-2020-ha-tinh.txt").read_text(encoding="utf-8"))
    check_plan_outline(doc)
    check_plan_tasks(doc)
    # II.6 first item was split by a page break in the signed document
    first_item = doc.sections[1].children[5].children[0].text
    assert "tại nước ngoài tạo thêm cơ hội quảng bá" in first_item


def test_shipped_corpus_is_exactly_what_the_parser_makes_of_the_seed():
    seed = shared_path("seeds/kh-484-ubnd-2020-ha-tinh.txt").read_text(encoding="utf-8")
    _, files = build_record(seed, "Bản chữ trích từ văn bản đã ký (kh-484-ubnd-2020-ha-tinh.txt)")
    for name, content in files.items():
        assert (SHIPPED_CORPUS / name).read_text(encoding="utf-8") == content, name


def test_nd30_markdown_has_7_chapters_38_articles():
    text = shared_path("corpus/nd-30-2020-ND-CP_noi-dung.txt").read_text(encoding="utf-8")
    doc = parse_text(markdown_to_lines(text.split("\n", 1)[1]))
    assert doc.style == "legal"
    assert [s.label for s in doc.find("chuong")] == [f"Chương {r}" for r in "I II III IV V VI VII".split()]
    articles = doc.find("dieu")
    assert [a.label for a in articles] == [f"Điều {i}" for i in range(1, 39)]
    assert articles[0].title == "Phạm vi điều chỉnh"
    assert doc.find("chuong")[0].title == "QUY ĐỊNH CHUNG"
    assert (doc.number, doc.doc_type, doc.title) == ("30/2020/NĐ-CP", "Nghị định", "Về công tác văn thư")
    assert doc.signed_on == dt.date(2020, 3, 5)
    article_8 = articles[7]
    assert article_8.title == "Thể thức văn bản"
    assert [c.label for c in article_8.children][:2] == ["Khoản 1", "Khoản 2"]


def test_nd30_official_docx_reads_to_38_articles():
    doc = parse_text(read_file(shared_path("corpus/official-docx/30_2020_ND_CP.docx")).text)
    assert len(doc.find("chuong")) == 7
    assert [a.label for a in doc.find("dieu")] == [f"Điều {i}" for i in range(1, 39)]
    assert (doc.number, doc.issuer, doc.place) == ("30/2020/NĐ-CP", "Chính phủ", "Hà Nội")
    assert doc.signed_on == dt.date(2020, 3, 5)
    assert doc.signature.name == "Nguyễn Xuân Phúc"
    assert doc.signature.authority == ["TM. CHÍNH PHỦ"] and doc.signature.title == "THỦ TƯỚNG"
    assert doc.recipients[-1].startswith("Lưu: VT")
    article_4 = doc.find("dieu")[3]
    points = [p.label for p in article_4.children[1].children]
    assert points[:3] == ["Điểm a", "Điểm b", "Điểm c"]


def test_environment_law_has_171_articles():
    path = shared_path("corpus/luat-bvmt-2020_alqac2023-law-json.txt")
    raw = _read_law_json(path, path.read_bytes())
    doc = parse_text(raw.text)
    articles = doc.find("dieu")
    assert len(articles) == 171
    assert articles[145].label == "Điều 146" and articles[145].title == "Mua sắm xanh"
    assert [c.label for c in articles[145].children] == ["Khoản 1", "Khoản 2"]
    assert raw.metadata == {"doc_type": "Luật", "title": "Luật Bảo vệ môi trường"}


LEGAL_SAMPLE = """CHÍNH PHỦ
Số: 12/2024/NĐ-CP
Hà Nội, ngày 05 tháng 02 năm 2024
NGHỊ ĐỊNH
Quy định thử nghiệm
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Phần thứ nhất
QUY ĐỊNH CHUNG
Chương I
PHẠM VI
Mục 1
ĐỐI TƯỢNG
Tiểu mục 1
CHI TIẾT
Điều 1. Phạm vi
1. Khoản một có:
a) điểm a;
đ) điểm đ.
2. Khoản hai.
Điều 2. Hiệu lực
Nghị định này có hiệu lực từ ngày ký./.
"""


def test_legal_hierarchy_all_levels():
    doc = parse_text(LEGAL_SAMPLE)
    part = doc.sections[0]
    assert (part.label, part.title) == ("Phần thứ nhất", "QUY ĐỊNH CHUNG")
    chapter = part.children[0]
    section = chapter.children[0]
    subsection = section.children[0]
    article = subsection.children[0]
    assert [chapter.label, section.label, subsection.label, article.label] == [
        "Chương I",
        "Mục 1",
        "Tiểu mục 1",
        "Điều 1",
    ]
    assert [c.label for c in article.children] == ["Khoản 1", "Khoản 2"]
    assert [p.label for p in article.children[0].children] == ["Điểm a", "Điểm đ"]
    assert subsection.children[1].text == "Nghị định này có hiệu lực từ ngày ký./."
    assert doc.preamble == "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"
    assert (doc.number, doc.issuer, doc.signed_on) == ("12/2024/NĐ-CP", "Chính phủ", dt.date(2024, 2, 5))


@pytest.mark.parametrize(
    ("cell", "fragment", "merged"),
    [
        ("thành phố", "phố; các tổ chức", "thành phố; các tổ chức"),
        ("các tổ chức và cá nhân liên quan", "nhân liên quan", "các tổ chức và cá nhân liên quan"),
        ("đơn vị, doanh", "ng nghiệp, hợp tác xã", "đơn vị, doanh nghiệp, hợp tác xã"),
        ("các hội", "chợ, triển lãm", "các hội chợ, triển lãm"),
        ("", "mới", "mới"),
        ("cũ", "", "cũ"),
    ],
)
def test_merge_fragment(cell, fragment, merged):
    assert merge_fragment(cell, fragment) == merged


def test_two_agencies_joined_in_one_task_cell_are_separated():
    from vanban.library.tasktable import parse_task_rows, separate_agencies

    assert separate_agencies("Sở Công Thương Các Sở, ngành") == "Sở Công Thương; các Sở, ngành"
    assert (
        separate_agencies("Các Sở, ngành theo nhiệm vụ UBND tỉnh giao") == "Các Sở, ngành theo nhiệm vụ UBND tỉnh giao"
    )
    tasks, _ = parse_task_rows(
        [["TT", "Nội dung", "Cơ quan chủ trì"], ["1", "Tuyên truyền", "Sở Công Thương Các Sở, ngành"]]
    )
    assert tasks[0].lead == "Sở Công Thương; các Sở, ngành"


def test_task_rows_numbered_otherwise_are_kept_and_repeated_headers_dropped():
    from vanban.library.tasktable import parse_task_rows

    tasks, _ = parse_task_rows(
        [
            ["STT", "Nội dung", "Cơ quan chủ trì"],
            ["4", "Thảo luận", "Sở Công Thương"],
            ["4.1", "Báo cáo của Sở", "Sở Công Thương"],
            ["STT", "Nội dung", "Cơ quan chủ trì"],
            ["4.2", "Ý kiến các đơn vị", "Các sở"],
        ]
    )
    assert [(t.no, t.content) for t in tasks] == [
        ("4", "Thảo luận"),
        ("4.1", "Báo cáo của Sở"),
        ("4.2", "Ý kiến các đơn vị"),
    ]

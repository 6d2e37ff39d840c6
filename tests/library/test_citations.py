import datetime as dt

import pytest

from vanban.library.citations import find_citations
from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS, type_from_symbol


def one(text, **kwargs):
    found = find_citations(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_full_decision_with_date():
    text = "Thực hiện Quyết định số 889/QĐ-TTg ngày 24/6/2020 của Thủ tướng Chính phủ"
    c = one(text)
    assert (c.doc_type, c.number, c.serial, c.year) == ("Quyết định", "889/QĐ-TTg", 889, 2020)
    assert c.signed_on == dt.date(2020, 6, 24)
    assert text[c.span[0] : c.span[1]] == "Quyết định số 889/QĐ-TTg ngày 24/6/2020"


@pytest.mark.parametrize(
    ("text", "doc_type", "number", "serial", "year"),
    [
        ("QĐ 889", "Quyết định", None, 889, None),
        ("qd 889", "Quyết định", None, 889, None),
        ("Nghị quyết số 86/2018/NQ-HĐND", "Nghị quyết", "86/2018/NQ-HĐND", 86, 2018),
        ("NQ 86/2018", "Nghị quyết", None, 86, 2018),
        ("Kế hoạch số 202/KH-UBND", "Kế hoạch", "202/KH-UBND", 202, None),
        ("Kế hoạch hành động số 202/KH-UBND", "Kế hoạch", "202/KH-UBND", 202, None),
        ("Nghị định 30/2020/NĐ-CP", "Nghị định", "30/2020/NĐ-CP", 30, 2020),
        ("Tờ trình số 12/TTr-SCT", "Tờ trình", "12/TTr-SCT", 12, None),
        ("Luật số 72/2020/QH14", "Luật", "72/2020/QH14", 72, 2020),
        ("theo 221/2012/TTLT-BTC-BCT", "Thông tư liên tịch", "221/2012/TTLT-BTC-BCT", 221, 2012),
    ],
)
def test_document_references(text, doc_type, number, serial, year):
    c = one(text)
    assert (c.doc_type, c.number, c.serial, c.year) == (doc_type, number, serial, year)


def test_date_in_words():
    c = one("Kế hoạch số: 484/KH-UBND ngày 15 tháng 12 năm 2020 của UBND tỉnh")
    assert c.number == "484/KH-UBND" and c.signed_on == dt.date(2020, 12, 15)


def test_law_by_name():
    c = one("theo Luật Bảo vệ môi trường")
    assert (c.doc_type, c.name, c.article) == ("Luật", "Luật Bảo vệ môi trường", None)


def test_law_name_typed_in_lower_case_is_matched_to_its_proper_name():
    c = one("theo quy định của Luật sử dụng năng lượng tiết kiệm và hiệu quả.")
    assert c.name == "Luật Sử dụng năng lượng tiết kiệm và hiệu quả"


def test_common_word_luat_is_not_a_citation():
    assert find_citations("chính sách, pháp luật xuất nhập khẩu của các quốc gia") == []


def test_article_of_a_law():
    c = one("Điều 146 Luật Bảo vệ môi trường quy định mua sắm xanh")
    assert (c.article, c.name, c.doc_type) == ("146", "Luật Bảo vệ môi trường", "Luật")
    assert c.text == "Điều 146 Luật Bảo vệ môi trường"


def test_point_clause_article():
    c = one("theo điểm a khoản 2 Điều 8")
    assert (c.point, c.clause, c.article, c.doc_type) == ("a", "2", "8", None)


def test_point_d_with_stroke_is_not_d():
    c = one("điểm đ khoản 1 Điều 8 Nghị định 30/2020/NĐ-CP")
    assert (c.point, c.clause, c.article, c.number) == ("đ", "1", "8", "30/2020/NĐ-CP")


def test_short_forms_are_completed_from_known_numbers():
    known = ["889/QĐ-TTg", "86/2018/NQ-HĐND", "30/2020/NĐ-CP", "484/KH-UBND"]
    assert one("QĐ 889", known_numbers=known).number == "889/QĐ-TTg"
    assert one("NQ 86/2018", known_numbers=known).number == "86/2018/NQ-HĐND"
    assert one("Điều 8 Nghị định 30", known_numbers=known).number == "30/2020/NĐ-CP"
    assert one("NQ 86/2019", known_numbers=known).number is None


def test_every_reference_in_the_plan_preamble_in_order():
    text = (
        "Thực hiện Mục tiêu số 12 tại Phụ lục của Kế hoạch hành động số 202/KH-UBND ngày 10/6/2020; "
        "theo Nghị quyết số 86/2018/NQ-HĐND ngày 18/7/2018 và Quyết định số 1244/QĐ-UBND ngày 07/5/2013."
    )
    numbers = [c.number for c in find_citations(text)]
    assert numbers == ["202/KH-UBND", "86/2018/NQ-HĐND", "1244/QĐ-UBND"]


def test_nfd_input_gives_nfc_spans():
    import unicodedata

    c = one(unicodedata.normalize("NFD", "Quyết định số 889/QĐ-TTg"))
    assert c.number == "889/QĐ-TTg"


def test_mixed_case_abbreviations_are_data():
    assert ADMINISTRATIVE_ABBREVIATIONS["Quy định"] == "QyĐ"
    assert ADMINISTRATIVE_ABBREVIATIONS["Chương trình"] == "CTr"
    assert ADMINISTRATIVE_ABBREVIATIONS["Tờ trình"] == "TTr"
    assert ADMINISTRATIVE_ABBREVIATIONS["Bản trích sao"] == "TrS"
    assert type_from_symbol("05/TTr-SCT") == "Tờ trình"
    assert type_from_symbol("05/QyĐ-UBND") == "Quy định"
    assert type_from_symbol("484/KH-UBND") == "Kế hoạch"

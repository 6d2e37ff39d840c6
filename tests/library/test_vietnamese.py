import datetime as dt
import unicodedata

import pytest

from vanban.library.vietnamese import (
    fold,
    format_date,
    format_number,
    from_legacy,
    is_unicode_vietnamese,
    money_to_words,
    nfc,
    number_to_words,
    place_date,
)


def test_nfc_composes_combining_marks():
    decomposed = unicodedata.normalize("NFD", "Kế hoạch Hà Tĩnh")
    assert decomposed != "Kế hoạch Hà Tĩnh"
    assert nfc(decomposed) == "Kế hoạch Hà Tĩnh"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường Sắt", "duong sat"),
        ("sản xuất sạch hơn", "san xuat sach hon"),
        ("MUA SẮM CÔNG XANH", "mua sam cong xanh"),
        ("ưu tiên ơn huệ", "uu tien on hue"),
        (unicodedata.normalize("NFD", "Nghị định"), "nghi dinh"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_keeps_length_of_nfc_text():
    text = "Điều 146 Luật Bảo vệ môi trường"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Tr\xadêng ®¹i häc, ng\xadêi d©n, n\xadíc", "Trường đại học, người dân, nước"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ],
)
def test_from_legacy_detects_tcvn3_and_vni(legacy, unicode):
    assert from_legacy(legacy) == unicode


def test_from_legacy_keeps_tcvn3_u_horn_soft_hyphen():
    assert from_legacy("ng\xadêi", "tcvn3") == "người"


@pytest.mark.parametrize(
    "text",
    ["Kế hoạch số 484/KH-UBND ngày 15/12/2020", "Hello world, café", "Số: 05/BNV-VP — © 2020", ""],
)
def test_from_legacy_passes_unicode_through(text):
    assert from_legacy(text) == text


UNICODE_PARAGRAPH = "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc. Kế hoạch sản xuất bền vững.\n"
LEGACY_SAMPLES = [
    "Céng hßa x· héi chñ nghÜa ViÖt Nam",
    "Tr\xadêng ®¹i häc, ng\xadêi d©n",
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc",
]


@pytest.mark.parametrize("legacy", LEGACY_SAMPLES)
def test_legacy_or_mixed_text_is_not_taken_for_unicode(legacy):
    assert not is_unicode_vietnamese(legacy)
    assert not is_unicode_vietnamese(UNICODE_PARAGRAPH * 5 + legacy)
    assert is_unicode_vietnamese(UNICODE_PARAGRAPH)


def test_text_without_vietnamese_letters_still_goes_through_detection():
    assert not is_unicode_vietnamese("Hello world, café")
    assert not is_unicode_vietnamese("Số liệu ¼")


def test_the_unicode_shortcut_gives_what_full_detection_gives():
    """On the shipped corpus (all Unicode) skipping detection changes nothing, cleanup included."""
    import viparse

    from vanban.library.readers import markdown_to_lines, split_front_matter
    from vanban.library.readers.base import decode as _decode
    from vanban.library.store import SHIPPED_CORPUS

    texts = [UNICODE_PARAGRAPH + "  hai   khoảng trắng\x0c\n\n\n\ncuối  "]
    for path in sorted(SHIPPED_CORPUS.glob("*.md")):
        texts.append(nfc(markdown_to_lines(split_front_matter(path, _decode(path, path.read_bytes()))[1])))
    for text in texts:
        assert is_unicode_vietnamese(text)
        assert from_legacy(text) == nfc(viparse.fix(text))


def test_from_legacy_rejects_unknown_encoding():
    with pytest.raises(ValueError):
        from_legacy("abc", "koi8-r")


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2021, 1, 5), "ngày 05 tháng 01 năm 2021"),
        (dt.date(2020, 12, 15), "ngày 15 tháng 12 năm 2020"),
        (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (dt.date(2020, 2, 9), "ngày 09 tháng 02 năm 2020"),
        (dt.date(2020, 3, 5), "ngày 05 tháng 3 năm 2020"),
    ],
)
def test_format_date(day, text):
    assert format_date(day) == text


def test_place_date():
    assert place_date("Hà Tĩnh", dt.date(2020, 12, 15)) == "Hà Tĩnh, ngày 15 tháng 12 năm 2020"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (30, "ba mươi"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (2020, "hai nghìn không trăm hai mươi"),
        (15000, "mười lăm nghìn"),
        (400_036_105, "bốn trăm triệu không trăm ba mươi sáu nghìn một trăm linh năm"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (1_250_000_000, "một tỷ hai trăm năm mươi triệu"),
        (10**12, "một nghìn tỷ"),
        (10**15, "một triệu tỷ"),
        (2 * 10**18 + 1, "hai tỷ tỷ không trăm linh một"),
        (-21, "âm hai mươi mốt"),
    ],
)
def test_number_to_words(n, words):
    assert number_to_words(n) == words


def test_number_to_words_rejects_fractions():
    with pytest.raises(ValueError):
        number_to_words(1.5)


def test_money_to_words():
    assert money_to_words(1_250_000_000) == "Một tỷ hai trăm năm mươi triệu đồng"
    assert money_to_words(50_000_000) == "Năm mươi triệu đồng"


@pytest.mark.parametrize(
    ("value", "text"),
    [(1250000, "1.250.000"), (1250.5, "1.250,5"), (0, "0"), (999, "999"), (-1234567.25, "-1.234.567,25"), (0.5, "0,5")],
)
def test_format_number(value, text):
    assert format_number(value) == text

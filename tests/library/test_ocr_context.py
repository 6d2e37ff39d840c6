"""Marks put right from context after OCR (`ocr_context`): small strings against a small model built
here, so each test states the counts it relies on; and the shipped model on the real scans' slips."""

from __future__ import annotations

import pytest

from vanban.library.readers.ocr_context import bigrams, from_pairs, repair_marks, repair_roman_numerals

MODEL = from_pairs(
    {
        "tổ chức": 40,
        "chức thực": 12,
        "thực hiện": 30,
        "đồng thẩm": 3,
        "thẩm định": 20,
        "ban hành": 25,
        "bản đồ": 4,
        "kế hoạch": 30,
        "kê khai": 2,
    }
)


def _fix(line: str) -> tuple[str, int]:
    lines, count = repair_marks([line], MODEL)
    return lines[0], count


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("chuẩn bị tô chức triển khai", "chuẩn bị tổ chức triển khai"),  # ô → ổ: the hỏi lost
        ("Hội đồng thẫm định, đánh giá", "Hội đồng thẩm định, đánh giá"),  # ẫ → ẩ: ngã for hỏi
        ("Tô chức thực hiện", "Tổ chức thực hiện"),  # the first word of a line keeps its capital
        ("1. Tô chức thực hiện", "1. Tổ chức thực hiện"),
    ],
)
def test_a_misread_mark_is_put_right_by_its_neighbours(read: str, meant: str) -> None:
    assert _fix(read) == (meant, 1)


@pytest.mark.parametrize(
    "line",
    [
        "ông Tô Chức phát biểu",  # a name in Title Case inside a sentence
        "TÔ CHỨC THỰC HIỆN",  # capitals: the header vocabulary's business, and names
        "gọi là “tô chức” trong thư",  # quoted text
        "2tô chức",  # glued to a digit
        "tô, chức",  # a comma breaks the pair: no neighbour
        "tô",  # no neighbour at all
        "ban hành bản đồ",  # both are words: the counts say nothing against either
        "bán hành",  # sắc → huyền is not a slip this repair makes (another common word as often)
        "ke hoạch",  # a mark missing altogether on a bare vowel is not a Tesseract mark slip either
    ],
)
def test_what_must_not_change(line: str) -> None:
    assert _fix(line) == (line, 0)


def test_a_syllable_the_texts_use_is_never_changed() -> None:
    """Once "ô tô" is in the texts, "tô" is a word of its own: "tô chức" may be a slip, but the
    counts cannot prove it, so it stays (what keeps "ban", "qua", "chi", "kỷ" in typed text)."""
    model = from_pairs({"tổ chức": 40, "ô tô": 2})
    assert repair_marks(["xe ô tô chở", "tô chức"], model) == (["xe ô tô chở", "tô chức"], 0)


def test_too_little_evidence_leaves_the_word() -> None:
    """ "kê khai" seen twice: under the three occurrences a repair needs."""
    assert _fix("kể khai tài sản") == ("kể khai tài sản", 0)


def test_two_markings_close_in_count_leave_the_word() -> None:
    model = from_pairs({"tổ chức": 8, "tỗ chức": 3})
    assert repair_marks(["tô chức"], model) == (["tô chức"], 0)
    assert repair_marks(["tô chức"], from_pairs({"tổ chức": 12, "tỗ chức": 3})) == (["tổ chức"], 1)


def test_repairs_are_counted_per_call() -> None:
    lines, count = repair_marks(["tô chức thực hiện", "Hội đồng thẫm định", "không đổi"], MODEL)
    assert lines == ["tổ chức thực hiện", "Hội đồng thẩm định", "không đổi"]
    assert count == 2


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("Thời gian: quý H năm 2026.", "Thời gian: quý II năm 2026."),
        ("các ngành Quý HI/2026", "các ngành Quý III/2026"),
        ("Giai đoạn HI (2026 - 2030)", "Giai đoạn III (2026 - 2030)"),
        ("Chương l. QUY ĐỊNH CHUNG", "Chương I. QUY ĐỊNH CHUNG"),
        ("PHẦN H", "PHẦN II"),
        ("Mục IH", "Mục III"),
    ],
)
def test_a_roman_numeral_read_as_letters(read: str, meant: str) -> None:
    assert repair_roman_numerals(read) == (meant, 1)


@pytest.mark.parametrize(
    "line",
    [
        "Phần lớn các đơn vị",  # "l" starts a word
        "Quý 1 năm 2026",  # Arabic numerals stay
        "Quý II năm 2026",  # already right
        "Mục HH",  # "IIII" is no numeral
        "Hà H. Lan",  # no numbering word before it
        "quý Hoà",  # a name after "quý"
    ],
)
def test_what_is_not_a_roman_numeral(line: str) -> None:
    assert repair_roman_numerals(line) == (line, 0)


def test_the_shipped_model_mends_the_real_scans_slips() -> None:
    """The trích yếu of two real scans as Tesseract read them (v30 QĐ 1716, v33 CV 3980)."""
    lines, count = repair_marks(
        [
            "Về việc thành lập Hội đồng thẫm định, đánh giá Chỉ số cải cách hành chính",
            "V/v chuẩn bị tô chức triển khai Chương trình MTQG",
            "Tài khoản ở nước ngoài; ban hành kế hoạch; kỷ luật",  # typed text: untouched
        ],
        bigrams(),
    )
    assert lines[0] == "Về việc thành lập Hội đồng thẩm định, đánh giá Chỉ số cải cách hành chính"
    assert lines[1] == "V/v chuẩn bị tổ chức triển khai Chương trình MTQG"
    assert lines[2] == "Tài khoản ở nước ngoài; ban hành kế hoạch; kỷ luật"
    assert count == 2


def test_the_record_notes_how_many_words_were_mended_on_each_page(tmp_path) -> None:
    """What `library add` stores for a scan: the repaired text, and a note naming the pages."""
    from vanban.library.readers.ocr import Page, recognised_text

    scan = tmp_path / "scan.png"
    scan.write_bytes(b"png")
    pages = {
        1: Page(1, ["KẾ HOẠCH", "Tổ chức hội nghị", "I. NỘI DUNG"], 95.0),
        2: Page(2, ["1. Thời gian: quý H năm 2026.", "2. Hội đồng thẫm định hồ sơ."], 95.0),
    }
    text = recognised_text(scan, b"png", pages, [])
    assert "quý II năm 2026" in text.text and "Hội đồng thẩm định" in text.text
    assert any("trang 2 (2 chữ)" in note for note in text.notes)
    assert not any("trang 1 (" in note for note in text.notes)

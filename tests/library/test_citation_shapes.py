"""Số hiệu of every shape offices write: citations never crash on them, in text or in the library.

Property-style: the shapes are combined from parts (serial, year, symbol) and shuffled with a fixed
seed, so one run tries a few thousand numbers without a property-testing library.
"""

import itertools
import random

import pytest

from vanban.library.citations import find_citations

SERIALS = ["1", "05", "130", "01a", "130-12", "9999", "12b"]
YEARS = ["", "/2010", "/2025"]
SYMBOLS = ["/QĐ-UBND", "/PT-NC", "/TTr-STP", "/NĐ-CP", "/BNV-CCHC", "/UBND-NCKSTTHC", "/KH-SCT", "/HD-BCA-C04"]
LAWS = ["80/2015/QH13", "202/2025/QH15"]  # a law's symbol has no hyphen, always with its year
SHAPES = ["".join(parts) for parts in itertools.product(SERIALS, YEARS, SYMBOLS)] + LAWS
CONTEXTS = [
    "Thực hiện Quyết định số {n} ngày 15/12/2020 của UBND tỉnh",
    "theo Phiếu trình {n}; QĐ 130 và khoản 2 Điều 5 Nghị định {n}",
    "{n}",
    "({n})",
    "Căn cứ {n}, {n}/{n}",
]
JUNK = ["", "/", "//", "-", "a/b/c", "0/0000/x", "1//2", "/QĐ-UBND", "số: /TTr-SNV", "Đ/đ", "1-/a-", "١٢/QĐ"]


@pytest.mark.parametrize("number", SHAPES)
def test_a_number_of_any_shape_is_found_whole_in_text(number):
    text = f"Thực hiện văn bản số {number} của UBND tỉnh."
    numbers = [c.number for c in find_citations(text)]
    assert number in numbers


def test_numbers_of_any_shape_in_the_library_never_crash_completion():
    rng = random.Random(30_2020)
    for _ in range(400):
        known = rng.sample(SHAPES, 5) + rng.sample(JUNK, 3)
        text = rng.choice(CONTEXTS).format(n=rng.choice(SHAPES + JUNK))
        for citation in find_citations(text, known):
            assert citation.text == text[citation.span[0] : citation.span[1]]


@pytest.mark.parametrize("junk", JUNK)
def test_malformed_numbers_are_neither_crashes_nor_inventions(junk):
    for citation in find_citations(f"Căn cứ {junk} và QĐ 130", [junk, "130/QĐ-UBND"]):
        assert citation.number is None or citation.number in citation.text or citation.number == "130/QĐ-UBND"


def test_a_short_reference_is_not_completed_with_a_number_whose_serial_differs_in_shape():
    (citation,) = find_citations("theo QĐ 130", ["130-12/QĐ-UBND", "01a/QĐ-UBND"])
    assert citation.number is None
    (citation,) = find_citations("theo QĐ 130", ["130-12/QĐ-UBND", "130/QĐ-UBND"])
    assert citation.number == "130/QĐ-UBND"

"""How the yearly jobs name documents, bodies and proposals in running text."""

from __future__ import annotations

import datetime as dt

import pytest

from vanban.generator.jobs.wording import addressee, mention, same_body, sentence
from vanban.library.model import Document


@pytest.mark.parametrize(
    ("proposal", "expected"),
    [
        ("Đề nghị Bộ Công Thương hỗ trợ kinh phí tập huấn", ("Bộ Công Thương", "hỗ trợ kinh phí tập huấn")),
        ("đề nghị UBND tỉnh bố trí kinh phí", ("UBND tỉnh", "bố trí kinh phí")),
        ("Kiến nghị Ủy ban nhân dân tỉnh quan tâm chỉ đạo", ("Ủy ban nhân dân tỉnh", "quan tâm chỉ đạo")),
        ("Bộ Công Thương tiếp tục hỗ trợ chuyên gia", ("Bộ Công Thương", "tiếp tục hỗ trợ chuyên gia")),
        ("Đề nghị Sở Tài chính, Sở Xây dựng phối hợp", ("Sở Tài chính", "Sở Xây dựng phối hợp")),
        ("Bố trí kinh phí", ("", "Bố trí kinh phí")),
        ("đề nghị tăng cường tuyên truyền", ("", "đề nghị tăng cường tuyên truyền")),
    ],
)
def test_addressee_of_a_proposal(proposal, expected):
    assert addressee(proposal) == expected


def test_same_body_reads_short_forms():
    assert same_body("UBND tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh")
    assert not same_body("UBND tỉnh Hà Tĩnh", "Sở Công Thương")


def test_first_mention_carries_the_trich_yeu_and_not_the_speaker():
    plan = Document(
        number="484/KH-UBND",
        doc_type="Kế hoạch",
        issuer="UBND tỉnh Hà Tĩnh",
        signed_on=dt.date(2020, 12, 15),
        title="Thực hiện Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững",
    )
    assert mention(plan, "Ủy ban nhân dân tỉnh Hà Tĩnh") == (
        "Kế hoạch số 484/KH-UBND ngày 15/12/2020 về thực hiện Chương trình hành động quốc gia về sản xuất "
        "và tiêu dùng bền vững"
    )
    assert "của UBND tỉnh Hà Tĩnh" in mention(plan, "Sở Công Thương")


def test_sentence():
    assert sentence("  thiếu kinh phí;") == "Thiếu kinh phí."
    assert sentence("") == ""

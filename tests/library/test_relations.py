"""Typed relations, data facts and hiệu lực on a date; CC-01 on seeded căn cứ errors."""

from __future__ import annotations

import datetime as _dt

import pytest

from vanban.generator.checker.rules.basis import basis_issues
from vanban.library.errors import VanbanError
from vanban.library.model import Document
from vanban.library.relations import BAI_BO, THUC_HIEN, library_graph, parse_facts, read_relations
from vanban.library.store import Library
from vanban.library.validity import ENDED, IN_FORCE, NOT_YET, PARTLY, validity_on


@pytest.fixture
def library(tmp_path):
    return Library(tmp_path / "data")


def test_the_plan_implements_the_decision_and_mentions_the_rest(library):
    graph = library_graph(library.documents())
    plan = graph.node("484/KH-UBND")
    kinds = {(graph.label(e.target), e.relation.kind) for e in graph.outgoing(plan)}
    assert ("889/QĐ-TTg", THUC_HIEN) in kinds and ("86/2018/NQ-HĐND", "dẫn chiếu") in kinds
    assert any(graph.label(e.source) == "484/KH-UBND" for e in graph.incoming(graph.node("889/QĐ-TTg")))


def test_a_repeal_of_articles_keeps_each_article():
    found = read_relations("Bãi bỏ Điều 5, Điều 6 của Quyết định số 12/2019/QĐ-UBND.")
    assert [(f.kind, f.citation.number, f.citation.article) for f in found] == [
        (BAI_BO, "12/2019/QĐ-UBND", "5"),
        (BAI_BO, "12/2019/QĐ-UBND", "6"),
    ]


def test_bad_data_names_its_entry():
    with pytest.raises(VanbanError, match="mục thứ 1"):
        parse_facts(
            "relations:\n  - from: 1/QĐ-UBND\n    kind: gì đó\n    to: Quyết định số 2/QĐ-UBND\n    source: x\n"
        )


def _doc(number: str, text: str, signed: _dt.date) -> Document:
    from vanban.library.model import Section, SectionKind

    return Document(
        id=number.replace("/", "-"), number=number, doc_type="Quyết định", issuer="UBND tỉnh Hà Tĩnh",
        signed_on=signed, title="Về việc thử", sections=[Section("Điều 1", SectionKind.ARTICLE, text=text)],
    )  # fmt: skip


def test_validity_follows_replacement_repeal_and_dates():
    old = _doc("10/2015/QĐ-UBND", "Quyết định này có hiệu lực kể từ ngày ký.", _dt.date(2015, 3, 2))
    part = _doc("11/2016/QĐ-UBND", "Quyết định này có hiệu lực từ ngày 01 tháng 7 năm 2016.", _dt.date(2016, 6, 1))
    new = _doc(
        "20/2021/QĐ-UBND",
        "Quyết định này có hiệu lực từ ngày 01/02/2021 và thay thế Quyết định số 10/2015/QĐ-UBND. "
        "Bãi bỏ Điều 3 của Quyết định số 11/2016/QĐ-UBND.",
        _dt.date(2021, 1, 15),
    )
    graph = library_graph([old, part, new])
    assert validity_on(old, _dt.date(2021, 1, 31), graph).status == IN_FORCE
    assert validity_on(old, _dt.date(2021, 2, 1), graph).status == ENDED
    assert validity_on(part, _dt.date(2016, 6, 15), graph).status == NOT_YET
    partly = validity_on(part, _dt.date(2022, 1, 1), graph)
    assert partly.status == PARTLY and "Điều 3" in partly.ended_articles[0]


def _issues(library, *lines, on=_dt.date(2021, 3, 1)):
    return list(basis_issues([({"paragraph": i, "text": t}, t) for i, t in enumerate(lines)], on, library))


def test_a_right_basis_line_passes(library):
    line = (
        "Căn cứ Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt "
        "Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021 - 2030;"
    )
    assert _issues(library, line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Căn cứ Quyết định số 889/QĐ-TTg ngày 25 tháng 6 năm 2020 của Thủ tướng Chính phủ;",
            "ngày 24 tháng 6 năm 2020",
        ),
        ("Căn cứ Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Chính phủ phê duyệt Chương trình;", "Thủ tướng"),
        (
            "Căn cứ Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt Chương trình "
            "hành dộng quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021 - 2030;",
            "trích yếu",
        ),
        ("Căn cứ Nghị quyết số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ;", "loại văn bản"),
    ],
)
def test_seeded_errors_give_the_right_form(library, line, expected):
    errors = [i for i in _issues(library, line) if i.severity == "error"]
    assert errors and expected in errors[0].expected and "viết đủ" in errors[0].expected
    assert errors[0].where["paragraph"] == 0


def test_unknown_text_is_a_warning_and_order_follows_legal_force(library):
    issues = _issues(
        library,
        "Căn cứ Kế hoạch số 484/KH-UBND ngày 15 tháng 12 năm 2020 của UBND tỉnh Hà Tĩnh thực hiện Chương trình "
        "hành động quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021-2025 trên địa bàn tỉnh Hà Tĩnh;",
        "Căn cứ Nghị định số 99/2099/NĐ-CP ngày 01/01/2020 của Chính phủ;",
    )
    assert {i.severity for i in issues} == {"warning"}
    assert any("chưa có trong thư viện" in i.found for i in issues)
    assert any("thứ bậc" in i.expected and i.where["paragraph"] == 1 for i in issues)


def test_a_text_not_yet_in_force_is_an_error(library):
    line = "Căn cứ Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020;"
    errors = [i for i in _issues(library, line, on=_dt.date(2021, 6, 1)) if i.severity == "error"]
    assert errors and "chưa có hiệu lực" in errors[0].found


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("Sửa đổi khoản 2, khoản 3 Điều 8 Nghị định số 30/2020/NĐ-CP.", ["khoản 2 Điều 8", "khoản 3 Điều 8"]),
        (
            "Sửa đổi khoản 2, 3 và 4 Điều 8 Nghị định số 30/2020/NĐ-CP.",
            ["khoản 2 Điều 8", "khoản 3 Điều 8", "khoản 4 Điều 8"],
        ),
        (
            "Bãi bỏ điểm a, đ khoản 2 Điều 8 Nghị định số 30/2020/NĐ-CP.",
            ["điểm a khoản 2 Điều 8", "điểm đ khoản 2 Điều 8"],
        ),
        (
            "Bãi bỏ khoản 1, điểm b khoản 2 Điều 8 Nghị định số 30/2020/NĐ-CP.",
            ["khoản 1 Điều 8", "điểm b khoản 2 Điều 8"],
        ),
        (
            "Bãi bỏ Điều 5, Điều 7 và khoản 1 Điều 9 của Nghị định số 30/2020/NĐ-CP.",
            ["Điều 5", "Điều 7", "khoản 1 Điều 9"],
        ),
        ("Bãi bỏ các Điều 5, 7 và 9 của Nghị định số 30/2020/NĐ-CP.", ["Điều 5", "Điều 7", "Điều 9"]),
        ("Sửa đổi khoản 2 Điều 8, khoản 3 Nghị định số 30/2020/NĐ-CP.", ["khoản 2 Điều 8", "khoản 3 Điều 8"]),
        (
            "Sửa đổi khoản 2 Điều 8, khoản 3, khoản 5 của Nghị định số 30/2020/NĐ-CP.",
            ["khoản 2 Điều 8", "khoản 3 Điều 8", "khoản 5 Điều 8"],
        ),
        (
            "Bãi bỏ điểm a khoản 2 Điều 8, điểm c Nghị định số 30/2020/NĐ-CP.",
            ["điểm a khoản 2 Điều 8", "điểm c khoản 2 Điều 8"],
        ),
        (
            "Bãi bỏ khoản 2 Điều 8, khoản 3 và khoản 4 Điều 9 Nghị định số 30/2020/NĐ-CP.",
            ["khoản 2 Điều 8", "khoản 3 Điều 9", "khoản 4 Điều 9"],
        ),
    ],
)
def test_a_sentence_naming_several_parts_keeps_every_part(sentence, parts):
    from vanban.library.relations import relations_of

    doc = Document(id="x", number="1/2024/NĐ-CP", full_text=True, preamble=sentence)
    found = [r for r in relations_of(doc) if r.target == "30/2020/NĐ-CP"]
    assert [r.part for r in found] == parts
    assert len({r.kind for r in found}) == 1 and found[0].kind != "dẫn chiếu"


def test_the_citing_texts_own_article_is_not_carried_to_the_next_clause():
    found = read_relations("Điều 1. Sửa đổi khoản 1 Điều 3 của Quyết định số 3/2020/QĐ-UBND.")
    assert [(f.kind, f.citation.clause, f.citation.article) for f in found] == [("sửa đổi, bổ sung", "1", "3")]
    assert read_relations("Thời hạn theo Điều 5, 10 ngày làm việc.") == []

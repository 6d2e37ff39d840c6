"""CC-01 on a small drafted quyết định with one seeded error per finding kind, and `vanban draft`
printing the same words as `vanban check` (one home: `basis_issues`)."""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path

import pytest

from vanban.generator.checker import check_document
from vanban.generator.checker.rules.basis import basis_note, basis_notes
from vanban.generator.compose.document import compose
from vanban.library.model import Document, Section, SectionKind
from vanban.library.store import Library

from .conftest import example_draft

ON = _dt.date(2026, 3, 10)  # the example quyết định's date
PROPOSAL = "Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 11/TTr-SCT ngày 03 tháng 3 năm 2026"
QD_889 = (
    "Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt Chương trình hành động "
    "quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021 - 2030"
)


def _qd(number: str, signed: _dt.date, title: str, text: str = "Quyết định này có hiệu lực kể từ ngày ký.") -> Document:
    return Document(
        id=number.replace("/", "-"), number=number, doc_type="Quyết định", issuer="UBND tỉnh Hà Tĩnh",
        signed_on=signed, title=title, sections=[Section("Điều 1", SectionKind.ARTICLE, text=text)],
    )  # fmt: skip


class _Library:
    """The shipped library and a few provincial decisions: one partly repealed, one amended, one
    replaced by a text whose record is incomplete."""

    def __init__(self):
        self.shipped = Library(Path(tempfile.mkdtemp()) / "data").documents()
        self.added = [
            _qd("12/2019/QĐ-UBND", _dt.date(2019, 4, 3), "Ban hành Quy chế quản lý cụm công nghiệp"),
            _qd("13/2019/QĐ-UBND", _dt.date(2019, 4, 5), "Ban hành Quy định hỗ trợ khuyến công"),
            _qd("10/2015/QĐ-UBND", _dt.date(2015, 3, 2), "Ban hành Quy chế thi đua"),
            _qd(
                "20/2021/QĐ-UBND",
                _dt.date(2021, 1, 15),
                "Sửa đổi một số quy định về công nghiệp",
                "Quyết định này có hiệu lực từ ngày 01/02/2021. Bãi bỏ Điều 5 của Quyết định số 12/2019/QĐ-UBND. "
                "Sửa đổi, bổ sung khoản 1 Điều 3 của Quyết định số 13/2019/QĐ-UBND.",
            ),
            _qd("25/2022/QĐ-UBND", _dt.date(2022, 5, 4), "", "Quyết định này thay thế Quyết định số 10/2015/QĐ-UBND."),
        ]

    def documents(self):
        return self.shipped + self.added


@pytest.fixture(scope="module")
def library():
    return _Library()


def _drafted(*lines: str):
    draft = example_draft("quyet-dinh")
    draft.legal_basis = [*lines, PROPOSAL]
    return compose(draft)


def _notes(library, *lines: str) -> list[str]:
    return basis_notes(_drafted(*lines), ON, library)


SEEDED = [
    # (what is seeded, căn cứ line, the note must say, "Lỗi" or "Cảnh báo")
    (
        "wrong date",
        "Căn cứ " + QD_889.replace("ngày 24", "ngày 25"),
        "ban hành ngày 24 tháng 6 năm 2020 — viết đủ",
        "Lỗi",
    ),
    (
        "wrong issuer",
        "Căn cứ " + QD_889.replace("Thủ tướng Chính phủ", "Chính phủ"),
        "cơ quan ban hành: Thủ tướng",
        "Lỗi",
    ),
    (
        "misspelt trích yếu",
        "Căn cứ " + QD_889.replace("hành động", "hành dộng"),
        "trích yếu: Phê duyệt Chương trình",
        "Lỗi",
    ),
    (
        "replaced text (repealed by NĐ 30)",
        "Căn cứ Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư",
        "«Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;»",
        "Lỗi",
    ),
    (
        "replaced text (2025 reorganisation)",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
        "căn cứ văn bản thay thế: «Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;»",
        "Lỗi",
    ),
    (
        "replaced, successor incomplete",
        "Căn cứ Quyết định số 10/2015/QĐ-UBND ngày 02 tháng 3 năm 2015 của UBND tỉnh Hà Tĩnh ban hành Quy chế thi đua",
        "Quyết định 25/2022/QĐ-UBND ngày 04 tháng 5 năm 2022 — thư viện chưa có đủ số hiệu, ngày, cơ quan",
        "Lỗi",
    ),
    (
        "partly repealed text",
        "Căn cứ Quyết định số 12/2019/QĐ-UBND ngày 03 tháng 4 năm 2019 của UBND tỉnh Hà Tĩnh ban hành Quy chế quản "
        "lý cụm công nghiệp",
        "vẫn căn cứ được (văn bản chỉ hết hiệu lực một phần)",
        "Cảnh báo",
    ),
    (
        "an ended part cited",
        "Căn cứ Điều 5 Quyết định số 12/2019/QĐ-UBND ngày 03 tháng 4 năm 2019 của UBND tỉnh Hà Tĩnh ban hành Quy chế "
        "quản lý cụm công nghiệp",
        "không căn cứ «Điều 5»: phần này đã hết hiệu lực",
        "Lỗi",
    ),
    (
        "amended text",
        "Căn cứ Quyết định số 13/2019/QĐ-UBND ngày 05 tháng 4 năm 2019 của UBND tỉnh Hà Tĩnh ban hành Quy định hỗ trợ "
        "khuyến công",
        "khoản 1 Điều 3 được sửa đổi, bổ sung từ 01/02/2021 bởi Quyết định 20/2021/QĐ-UBND",
        "Cảnh báo",
    ),
    (
        "unknown text",
        "Căn cứ Nghị định số 99/2024/NĐ-CP ngày 01 tháng 7 năm 2024 của Chính phủ",
        "chưa có trong thư viện",
        "Cảnh báo",
    ),
]


@pytest.mark.parametrize(("seeded", "line", "says", "label"), SEEDED, ids=[s[0] for s in SEEDED])
def test_each_seeded_error_gets_its_finding_on_its_line(library, seeded, line, says, label):
    # The căn cứ block starts at the first "Căn cứ <loại văn bản>" line: a part-first line comes second.
    notes = _notes(library, *(("Căn cứ " + QD_889,) if line.startswith("Căn cứ Điều") else ()), line)
    assert any(says in note for note in notes), notes
    mine = [n for n in notes if says in n]
    assert all(n.startswith(label) and f"«{line[:40]}" in n for n in mine), mine  # the line, shortened
    if label == "Cảnh báo":
        assert not [n for n in notes if n.startswith("Lỗi")], notes


def test_a_right_basis_passes(library):
    assert _notes(library, "Căn cứ " + QD_889) == []


def test_the_partly_repealed_finding_names_the_ended_article(library):
    line = SEEDED[6][1]
    assert any("Điều 5 bị bãi bỏ từ 01/02/2021 bởi Quyết định 20/2021/QĐ-UBND" in n for n in _notes(library, line))


def test_out_of_order_basis_is_named_on_the_later_line(library):
    decree = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"
    law = "Căn cứ Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020"
    notes = _notes(library, decree, law)
    assert [n for n in notes if "thứ bậc hiệu lực pháp lý" in n and f"«{law[:40]}" in n and n.startswith("Cảnh báo")]
    assert not [n for n in _notes(library, law, decree) if "thứ bậc" in n]


def test_draft_prints_the_words_of_check():
    """`vanban draft` and `vanban check` word a CC-01 finding the same (both from `basis_issues`)."""
    document = _drafted(SEEDED[3][1], SEEDED[4][1])
    shipped = Library(Path(tempfile.mkdtemp()) / "data")
    notes = basis_notes(document, ON, shipped)
    findings = [f for f in check_document(document).findings if f.rule == "CC-01"]
    assert findings and len(findings) == len(notes)
    from vanban.generator.checker.rules.registry import Issue

    assert notes == [basis_note(Issue(f.where, f.expected, f.found, f.severity)) for f in findings]
    assert any("cần: " in n and "Căn cứ Nghị định số 30/2020/NĐ-CP" in n for n in notes)

"""Bad inputs and profiles get a Vietnamese error naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.generator.compose.inputs import load_draft, load_profile
from vanban.library.errors import VanbanError

from .conftest import EXAMPLES, KINDS, example_draft


def _draft(tmp_path: Path, text: str, kind: str = "ke-hoach"):
    path = tmp_path / "dau-vao.yaml"
    path.write_text(text, encoding="utf-8")
    return load_draft(path, kind)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("trich_yeu: Thử\nnoi_dung:\n  - tieu_de: Một\n    noi_dng: [a]\n", 4, "không có trường «noi_dng»"),
        ("trich_yeu: Thử\nngay: 15/01/2026\nnoi_dung: [a]\n", 2, "NĂM-THÁNG-NGÀY"),
        ("noi_dung: [a]\n", 1, "«trich_yeu»: bắt buộc"),
        ("trich_yeu: Thử\nnoi_dung: abc\n", 2, "phải là một danh sách"),
        ("trich_yeu: [Thử\nnoi_dung: abc\n", 2, "sai cú pháp YAML"),
        ("trich_yeu: Thử\nnoi_dung: [a]\nnguoi_ky: ai-do\n", 3, "không có người ký «ai-do»"),
        ("trich_yeu: Thử\nnoi_dung: [a]\nso: 0\n", 3, "«so»"),
        ("trich_yeu: Thử\nnoi_dung: [a]\nho_so: khong-co\n", 3, "không có hồ sơ cơ quan «khong-co»"),
        (
            "trich_yeu: Thử\nnoi_dung: [a]\nphu_luc:\n  - tieu_de: PL\n    bang:\n      - cot: [A, B]\n"
            "        dong:\n          - [1, 2]\n          - [1, 2, 3]\n",
            9,
            "hàng có 3 ô nhưng bảng chỉ có 2 cột",
        ),
    ],
)
def test_bad_input_names_line_and_field(tmp_path, text, line, words):
    with pytest.raises(VanbanError) as caught:
        _draft(tmp_path, text)
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(str(tmp_path / "dau-vao.yaml"))


def test_type_specific_requirements(tmp_path):
    with pytest.raises(VanbanError, match="quyet-dinh cần nội dung trong trường «dieu»"):
        _draft(tmp_path, "trich_yeu: Thử\nnoi_dung: [a]\n", "quyet-dinh")
    with pytest.raises(VanbanError, match="tờ trình phải có nơi kính gửi"):
        _draft(tmp_path, "trich_yeu: Thử\nnoi_dung: [a]\n", "to-trinh")


def test_profile_errors(tmp_path):
    missing = tmp_path / "thieu.toml"
    missing.write_text('[co_quan]\nban_hanh = "X"\n', encoding="utf-8")
    with pytest.raises(VanbanError, match="«nguoi_ky»: bắt buộc"):
        load_profile(missing)
    broken = tmp_path / "hong.toml"
    broken.write_text("[co_quan\n", encoding="utf-8")
    with pytest.raises(VanbanError, match="sai cú pháp TOML") as caught:
        load_profile(broken)
    assert caught.value.line == 1
    wrong = tmp_path / "sai.toml"
    wrong.write_text(
        '[co_quan]\nban_hanh = "SỞ"\nten = "Sở"\nviet_tat = "s c t"\ndia_danh = "Hà Tĩnh"\n'
        '[nguoi_ky.a]\nchuc_vu = "GIÁM ĐỐC"\nho_ten = "A"\n',
        encoding="utf-8",
    )
    with pytest.raises(VanbanError, match="«co_quan › viet_tat»") as caught:
        load_profile(wrong)
    assert caught.value.line == 4


def test_outline_is_numbered_by_depth():
    draft = example_draft("ke-hoach")
    first = draft.sections[0]
    assert (first.kind, first.label, first.title) == ("muc", "I", "Mục đích, yêu cầu")
    assert [(c.kind, c.label) for c in first.children] == [("khoan", "1"), ("khoan", "2")]
    times = draft.sections[1].children[0].children
    assert [(c.kind, c.text) for c in times] == [
        ("y", "Thời gian: quý II năm 2026."),
        ("y", "Địa điểm: thành phố Hà Tĩnh."),
    ]


def test_decision_articles_and_points():
    draft = example_draft("quyet-dinh")
    second = draft.sections[1]
    assert (second.label, second.title) == ("Điều 2", "Nhiệm vụ của Tổ công tác")
    assert [c.label for c in second.children] == ["Khoản 1", "Khoản 2"]
    assert [c.label for c in second.children[1].children] == ["Điểm a", "Điểm b"]


@pytest.mark.parametrize("kind", KINDS)
def test_examples_are_valid(kind):
    draft = example_draft(kind)
    assert draft.number and draft.signed_on and draft.title
    assert (EXAMPLES / f"{kind}.yaml").exists()


def test_example_can_name_its_profile():
    assert example_draft("to-trinh").agency.abbreviation == "SCT"
    assert example_draft("to-trinh").symbol == "TTr-SCT"


def test_a_heads_own_decision_is_not_signed_on_behalf_of_the_body(tmp_path):
    decision = _draft(tmp_path, "trich_yeu: Thử\ndieu: [{van_ban: Một}]\nnguoi_ky: pho-chu-tich\n", "quyet-dinh")
    assert decision.signer.authority == ["KT. CHỦ TỊCH"], "competence «CHỦ TỊCH …»: no «TM.» line"
    chairman = _draft(tmp_path, "trich_yeu: Thử\ndieu: [{van_ban: Một}]\nnguoi_ky: chu-tich\n", "quyet-dinh")
    assert chairman.signer.authority == [] and chairman.signer.title == "CHỦ TỊCH"
    plan = _draft(tmp_path, "trich_yeu: Thử\nnoi_dung: [a]\nnguoi_ky: pho-chu-tich\n")
    assert plan.signer.authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "a plan is issued by the body"


def test_a_signer_contradicting_the_issuer_is_refused_with_the_field(tmp_path):
    text = (
        "trich_yeu: Thử\ndieu: [{van_ban: Một}]\nnguoi_ky:\n"
        "  quyen_han: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]\n  chuc_vu: PHÓ CHỦ TỊCH\n  ho_ten: Nguyễn Văn A\n"
    )
    with pytest.raises(VanbanError) as refused:
        _draft(tmp_path, text, "quyet-dinh")
    assert "«nguoi_ky › quyen_han»" in str(refused.value) and "TM." in str(refused.value)
    assert refused.value.line == 4

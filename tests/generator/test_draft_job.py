"""`vanban draft` with a number from the register: a number is used up only by a written document."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from vanban.generator.jobs import draft as draft_job
from vanban.generator.jobs.draft import DraftRequest, write_drafted
from vanban.library.errors import VanbanError
from vanban.library.store import Library
from vanban.office.register import CANCELLED, ISSUED, Register

from .conftest import EXAMPLES


def _input(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((EXAMPLES / "cong-van.yaml").read_text(encoding="utf-8"))
    data.update(so="tu-dong", **changes)
    path = tmp_path / "cv.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _drafted(tmp_path: Path, source: Path):
    request = DraftRequest(kind="cong-van", source=source, data_dir=tmp_path / "data")
    return draft_job.draft(request, Library(tmp_path / "data"))


def _entries(tmp_path: Path):
    return Register(tmp_path / "data").entries()


def test_long_trich_yeu_gets_its_number_and_stays_whole(tmp_path):
    title = "Về việc " + "đôn đốc triển khai các nhiệm vụ sản xuất và tiêu dùng bền vững " * 5
    drafted = _drafted(tmp_path, _input(tmp_path, trich_yeu=title.strip()))
    assert _entries(tmp_path) == [], "nothing is taken before the document is written"
    [written] = write_drafted(drafted, tmp_path / "cv.docx")
    [entry] = _entries(tmp_path)
    assert (entry.number, entry.status) == (1, ISSUED)
    document = docx.Document(written)
    assert len(document.core_properties.title) == 255 and document.core_properties.title.endswith("…")
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "bền vững" in cells and "Số: 01/" in cells


def test_word_line_break_in_a_field_is_a_line_break(tmp_path):
    drafted = _drafted(tmp_path, _input(tmp_path, trich_yeu="Về việc đôn đốc\x0bbáo cáo kết quả"))
    assert "\x0b" not in drafted.draft.title and "\n" in drafted.draft.title


def test_other_control_characters_are_refused_with_the_field_and_no_number(tmp_path):
    with pytest.raises(VanbanError) as refused:
        _drafted(tmp_path, _input(tmp_path, trich_yeu="Về việc\x01 đôn đốc"))
    assert "«trich_yeu»" in str(refused.value) and refused.value.line
    assert _entries(tmp_path) == []


@pytest.mark.parametrize("name", ["cv.txt", "folder.docx"])
def test_bad_output_takes_no_number(tmp_path, name):
    (tmp_path / "folder.docx").mkdir()
    drafted = _drafted(tmp_path, _input(tmp_path))
    with pytest.raises(VanbanError):
        write_drafted(drafted, tmp_path / name)
    assert _entries(tmp_path) == []


def test_a_failed_write_cancels_the_number_with_the_reason(tmp_path, monkeypatch):
    drafted = _drafted(tmp_path, _input(tmp_path))

    def disk_full(document, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(draft_job, "write_docx", disk_full)
    with pytest.raises(OSError):
        write_drafted(drafted, tmp_path / "cv.docx")
    [entry] = _entries(tmp_path)
    assert entry.status == CANCELLED and "không ghi được văn bản" in entry.reason
    assert not (tmp_path / "cv.docx").exists()


def test_bodies_that_no_longer_exist_are_warned_about_on_the_documents_date(tmp_path):
    library = Library(tmp_path / "data")
    later = draft_job.draft(DraftRequest(kind="annual-plan", plan="484/KH-UBND", year=2027), library)
    warnings = [n for n in later.notes if n.startswith("Cảnh báo:")]
    assert any("«Sở Tài nguyên và Môi trường»" in w and "Sở Nông nghiệp và Môi trường" in w for w in warnings)
    assert any("UBND các huyện, thị xã, thành phố" in w for w in warnings)
    assert len(warnings) == len(set(warnings)), "each change named once"
    rebuilt = draft_job.draft(DraftRequest(kind="ke-hoach", from_library="484/KH-UBND"), library)
    assert not any(n.startswith("Cảnh báo:") for n in rebuilt.notes), "the 2020 plan named the bodies of 2020"


@pytest.mark.parametrize("lock", ["~$cv.docx", ".~lock.cv.docx#"])
def test_a_document_open_in_word_or_libreoffice_is_not_replaced(tmp_path, lock):
    target = tmp_path / "cv.docx"
    target.write_bytes(b"ban cu")
    (tmp_path / lock).write_text("khóa", encoding="utf-8")
    drafted = _drafted(tmp_path, _input(tmp_path))
    with pytest.raises(VanbanError, match="đang được mở"):
        write_drafted(drafted, target)
    assert target.read_bytes() == b"ban cu" and _entries(tmp_path) == []


def test_replacing_an_existing_output_is_said(tmp_path):
    target = tmp_path / "cv.docx"
    target.write_bytes(b"ban cu")
    drafted = _drafted(tmp_path, _input(tmp_path))
    write_drafted(drafted, target)
    assert any("đã được thay" in n for n in drafted.notes)


def test_outputs_get_the_process_umask(tmp_path):
    import os

    old = os.umask(0o002)
    try:
        [written] = write_drafted(_drafted(tmp_path, _input(tmp_path)), tmp_path / "cv.docx")
    finally:
        os.umask(old)
    assert written.stat().st_mode & 0o777 == 0o664, "colleagues in a shared folder can read it"


def test_the_number_taken_for_a_draft_fills_the_registers_columns(tmp_path):
    """Phụ lục IV: tên loại và trích yếu, ngày, người ký, nơi nhận (the Kính gửi for «Như trên»), lưu."""
    drafted = _drafted(tmp_path, _input(tmp_path))
    write_drafted(drafted, tmp_path / "cv.docx")
    [entry] = _entries(tmp_path)
    draft = drafted.draft
    assert entry.title == f"Công văn {draft.title}"
    assert entry.signer == draft.signer.name and entry.signed_on == draft.signed_on.isoformat()
    assert entry.recipients.split("\n") == [*draft.recipients_to, *draft.recipients]
    assert entry.archive == "VT, KT" and entry.copies is None and entry.sent_on == ""

"""A library document's access level (công khai, nội bộ): stored in its record, migrated from the
previous version, set by `Library.add(access=…)` and `Library.set_access`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanban.library.errors import VanbanError
from vanban.library.model import INTERNAL, PUBLIC
from vanban.library.records import MIGRATIONS, SCHEMA_VERSION, from_record, read_record
from vanban.library.store import Library

LETTER = """---
number: 215/UBND-VP
doc_type: Công văn
title: Về việc chuẩn bị họp giao ban tháng 6
issuer: UBND huyện Cẩm Xuyên
signed_on: 2024-06-03
---

Đề nghị các phòng chuẩn bị báo cáo chuyên đề bảo mật kamalvinh.
"""


def write_letter(folder: Path, text: str = LETTER) -> Path:
    path = folder / "cong-van-215.md"
    path.write_text(text, encoding="utf-8")
    return path


def version_3_record() -> dict:
    """What vanban wrote before access levels (schema 3): no "access" key."""
    return {
        "schema_version": 3,
        "id": "215-ubnd-vp",
        "number": "215/UBND-VP",
        "symbol": "/UBND-VP",
        "doc_type": "Công văn",
        "title": "Về việc chuẩn bị họp giao ban",
        "signed_month": "",
        "annexes": [],
        "scan": None,
        "sections": [{"label": "đoạn 1", "kind": "doan", "text": "Nội dung.", "children": []}],
    }


def test_a_version_3_record_on_disk_loads_as_public(tmp_path):
    assert SCHEMA_VERSION == 4
    (tmp_path / "documents").mkdir()
    path = tmp_path / "documents" / "215-ubnd-vp.json"
    path.write_text(json.dumps(version_3_record(), ensure_ascii=False), encoding="utf-8")
    doc = Library(tmp_path).get("215/UBND-VP")
    assert doc.access == PUBLIC and not doc.internal
    assert MIGRATIONS[3](version_3_record())["access"] == PUBLIC


def test_the_access_level_is_written_and_read_back(tmp_path):
    library = Library(tmp_path / "data")
    (doc,) = library.add([write_letter(tmp_path)], access=INTERNAL)
    stored = json.loads((library.documents_dir / f"{doc.id}.json").read_text(encoding="utf-8"))
    assert stored["access"] == INTERNAL and stored["schema_version"] == SCHEMA_VERSION
    assert Library(tmp_path / "data").get("215/UBND-VP").internal


def test_an_unknown_access_level_in_a_record_is_a_damaged_record_not_a_public_one(tmp_path):
    path = tmp_path / "hỏng.json"
    path.write_text(json.dumps({**version_3_record(), "schema_version": 4, "access": "ai-cung-xem"}), encoding="utf-8")
    with pytest.raises(VanbanError, match="bản lưu trong thư viện bị hỏng"):
        read_record(path)
    with pytest.raises(VanbanError):
        from_record({**version_3_record(), "schema_version": 4, "access": None}, path)


def test_a_new_file_is_public_unless_asked_and_a_replacement_keeps_the_old_level(tmp_path):
    library = Library(tmp_path / "data")
    (doc,) = library.add([write_letter(tmp_path)])
    assert doc.access == PUBLIC
    library.remove("215/UBND-VP")
    library.add([write_letter(tmp_path)], access=INTERNAL)
    corrected = write_letter(tmp_path, LETTER.replace("tháng 6", "tháng 7"))
    (replaced,) = library.add([corrected], replace=True)  # the flag forgotten: still nội bộ
    assert replaced.internal and "tháng 7" in library.get("215/UBND-VP").title
    (public,) = library.add([corrected], replace=True, access=PUBLIC)  # said explicitly: công khai
    assert public.access == PUBLIC


def test_set_access_rewrites_only_that_record_and_undoes_itself_when_the_index_fails(tmp_path):
    library = Library(tmp_path / "data")
    library.add([write_letter(tmp_path)])
    before = library.fingerprint()
    changed = library.set_access("215/ubnd-vp", INTERNAL)
    assert changed.internal and Library(tmp_path / "data").get("215/UBND-VP").internal
    assert library.fingerprint() != before  # the index notices and re-indexes

    def failing_index(_documents):
        raise RuntimeError("chỉ mục hỏng")

    with pytest.raises(RuntimeError):
        library.set_access("215/UBND-VP", PUBLIC, then=failing_index)
    assert Library(tmp_path / "data").get("215/UBND-VP").internal  # as it was


def test_set_access_refuses_a_shipped_text_an_unknown_level_and_an_unknown_document(tmp_path):
    library = Library(tmp_path)
    with pytest.raises(VanbanError, match="đi kèm phần mềm, luôn công khai"):
        library.set_access("30/2020/NĐ-CP", INTERNAL)
    with pytest.raises(VanbanError, match="không có văn bản"):
        library.set_access("999/XX", INTERNAL)
    with pytest.raises(VanbanError, match="mức truy cập"):
        library.set_access("30/2020/NĐ-CP", "bi-mat")
    assert library.get("30/2020/NĐ-CP").access == PUBLIC

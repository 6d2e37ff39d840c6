"""Inputs that would eat the machine are refused in milliseconds, with the file named (the bombs
are small generated files; limits are lowered where a real bomb would be large)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from vanban.library.errors import VanbanError
from vanban.library.limits import check_zip, read_small_text
from vanban.library.safe_yaml import load_yaml

LAUGHS = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)


def test_billion_laughs_are_refused_before_expansion():
    assert len(LAUGHS) < 800
    with pytest.raises(VanbanError, match="tham chiếu") as refused:
        load_yaml(LAUGHS, Path("bom.yaml"))
    assert refused.value.line is not None


def test_deep_nesting_is_refused_not_a_recursion_error():
    with pytest.raises(VanbanError, match="lồng nhau quá sâu"):
        load_yaml("a: " + "[" * 900 + "]" * 900 + "\n", Path("sau.yaml"))


def test_ordinary_anchors_still_work():
    data, _ = load_yaml("chung: &c {ten: A}\nmot: *c\nhai: *c\n")
    assert data["hai"] == {"ten": "A"}


def test_only_regular_files_of_a_sane_size_are_read(tmp_path):
    with pytest.raises(VanbanError, match="tệp thường"):
        read_small_text(Path("/dev/zero"), 1024, "tệp dữ liệu")
    big = tmp_path / "lon.yaml"
    big.write_text("a" * 5000, encoding="utf-8")
    with pytest.raises(VanbanError, match="lớn quá"):
        read_small_text(big, 1024, "tệp dữ liệu")


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_zip_inflating_past_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_UNPACKED_MB", "1")
    bomb = _zip(tmp_path / "bom.docx", {"word/document.xml": b"<w:p/>" * 400_000})
    assert bomb.stat().st_size < 100_000
    with pytest.raises(VanbanError, match="giải nén lớn") as refused:
        check_zip(bomb, "Word .docx")
    assert refused.value.path == str(bomb)


def test_too_many_parts_and_not_a_zip(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_PARTS", "10")
    with pytest.raises(VanbanError, match="phần"):
        check_zip(_zip(tmp_path / "nhieu.xlsx", {f"x{i}.xml": b"1" for i in range(20)}), "Excel .xlsx")
    fake = tmp_path / "gia.xlsx"
    fake.write_text("không phải zip", encoding="utf-8")
    with pytest.raises(VanbanError, match="không đọc được"):
        check_zip(fake, "Excel .xlsx")


def test_a_document_with_a_huge_section_is_refused_at_ingest(tmp_path, monkeypatch):
    from vanban.library.store import Library

    monkeypatch.setenv("VANBAN_MAX_SECTION_KB", "2")
    source = tmp_path / "dai.txt"
    source.write_text("I. MỤC ĐÍCH\n\n1. " + "tiết kiệm năng lượng " * 400 + "\n", encoding="utf-8")
    library = Library(tmp_path / "data")
    with pytest.raises(VanbanError, match="quá giới hạn 2 KB cho một mục") as refused:
        library.add([source])
    assert refused.value.path == str(source)
    assert library.added() == []


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from vanban.library.store import Library

    monkeypatch.setenv("VANBAN_MAX_DOCUMENT_MB", "0")
    source = tmp_path / "lon.txt"
    source.write_text("Một dòng.\n", encoding="utf-8")
    with pytest.raises(VanbanError, match="quá giới hạn 0 MB"):
        Library(tmp_path / "data").add([source])
    monkeypatch.setenv("VANBAN_MAX_FILE_MB", "0")
    scan = tmp_path / "lon.pdf"
    scan.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(VanbanError, match="VANBAN_MAX_FILE_MB"):
        Library(tmp_path / "data").add([scan])

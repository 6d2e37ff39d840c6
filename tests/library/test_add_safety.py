"""Adding documents never writes outside the data folder and never silently replaces another."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.library.errors import VanbanError
from vanban.library.store import Library


def _md(folder: Path, name: str, front: str, body: str = "I. MỤC ĐÍCH\n\n1. Tiết kiệm.\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path


def test_an_id_in_front_matter_is_never_a_path(tmp_path):
    library = Library(tmp_path / "data")
    source = _md(tmp_path / "src", "a.md", "id: ../../../victim/owned\ntitle: Thử\n")
    [doc] = library.add([source])
    assert "/" not in doc.id and ".." not in doc.id
    assert not (tmp_path / "victim").exists()
    assert [p.name for p in (tmp_path / "data" / "documents").iterdir()] == [f"{doc.id}.json"]


def test_same_number_replaces_only_when_asked_and_says_so(tmp_path):
    library = Library(tmp_path / "data")
    library.add([_md(tmp_path / "a", "kh.md", "number: 7/KH-SCT\ntitle: Bản một\n")])
    second = _md(tmp_path / "b", "kh.md", "number: 7/KH-SCT\ntitle: Bản hai\n")
    with pytest.raises(VanbanError, match="bản cũ giữ nguyên") as refused:
        library.add([second])
    assert "--replace" in refused.value.for_command_line and "--replace" not in str(refused.value)
    assert Library(tmp_path / "data").get("7/KH-SCT").title == "Bản một", "nothing replaced"
    said = []
    library.add([second], note=lambda path, message: said.append(message), replace=True)
    assert Library(tmp_path / "data").get("7/KH-SCT").title == "Bản hai"
    assert said and "thay văn bản số 7/KH-SCT" in said[0]


def test_two_files_without_a_number_both_stay(tmp_path):
    library = Library(tmp_path / "data")
    library.add([_md(tmp_path / "a", "du-thao.md", "title: Dự thảo của phòng A\n")])
    library.add([_md(tmp_path / "b", "du-thao.md", "title: Dự thảo của phòng B\n")])
    titles = {d.title for d in Library(tmp_path / "data").added()}
    assert {"Dự thảo của phòng A", "Dự thảo của phòng B"} <= titles


@pytest.mark.parametrize("reference", ["/dev/zero", "../ngoai.yaml", "/etc/passwd"])
def test_task_file_references_stay_in_the_source_folder(tmp_path, reference):
    (tmp_path / "ngoai.yaml").write_text("groups: []\ntasks: []\n", encoding="utf-8")
    source = _md(tmp_path / "src", "kh.md", f"number: 8/KH-SCT\ntitle: Thử\ntasks: {reference}\n")
    with pytest.raises(VanbanError, match="cùng thư mục"):
        Library(tmp_path / "data").add([source])
    assert not (tmp_path / "data" / "documents").exists() or not list((tmp_path / "data" / "documents").iterdir())


def test_an_id_equal_to_another_documents_does_not_replace_it(tmp_path):
    library = Library(tmp_path / "data")
    library.add([_md(tmp_path / "a", "a.md", "number: 9/KH-SCT\ntitle: Văn bản gốc\n")])
    original = library.get("9/KH-SCT")
    library.add([_md(tmp_path / "b", "b.md", f"id: {original.id}\ntitle: Kẻ mạo danh\n")])
    fresh = Library(tmp_path / "data")
    assert fresh.get("9/KH-SCT").title == "Văn bản gốc"
    assert len(fresh.added()) == 2

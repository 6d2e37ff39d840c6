import tempfile
from pathlib import Path

from vanban.index.entries import index_entries
from vanban.library.store import Library
from vanban.library.structure import parse_text


def entries_of(reference):
    return {str(e.path): e for e in index_entries(Library(Path(tempfile.mkdtemp())).get(reference))}


def test_plan_entries_use_the_documents_own_labels():
    entries = entries_of("484/KH-UBND")
    training = entries["II › 1 › đoạn 3"]
    assert training.text.startswith("Tập huấn, phổ biến các nội dung")
    assert (
        training.heading == "NHIỆM VỤ VÀ GIẢI PHÁP / Tuyên truyền, phổ biến nhận thức về sản xuất và tiêu dùng bền vững"
    )
    assert entries["III › 1"].text.startswith("Kinh phí để thực hiện")
    assert (training.number, training.doc_type, training.issuer, training.year) == (
        "484/KH-UBND",
        "Kế hoạch",
        "UBND tỉnh Hà Tĩnh",
        2020,
    )


def test_every_task_row_is_an_entry_under_its_appendix_group():
    entries = entries_of("484/KH-UBND")
    tasks = [p for p in entries if p.startswith("Phụ lục")]
    assert len(tasks) == 53
    assert entries["Phụ lục › I › 29"].text.startswith("Tổ chức hướng dẫn, phổ biến và nhân rộng các thực hành tốt")
    assert "Sở Tài Chính" in entries["Phụ lục › I › 29"].text
    assert entries["Phụ lục › II › 23"].heading.endswith("NHIỆM VỤ NĂM 2021")


def test_legal_paths_and_preamble():
    doc = parse_text(
        "NGHỊ ĐỊNH\nThử\nCăn cứ Luật A;\nChương II\nSOẠN THẢO\nĐiều 8. Thể thức\n1. Khoản một.\na) Điểm a.\n"
    )
    paths = [e.path.labels for e in index_entries(doc)]
    assert paths == [("Mở đầu",), ("Chương II", "Điều 8", "Khoản 1"), ("Chương II", "Điều 8", "Khoản 1", "Điểm a")]


def test_metadata_records_are_searchable_by_their_facts():
    entries = entries_of("889/QĐ-TTg")
    assert list(entries) == ["Mở đầu"]
    assert "Bộ Công Thương" in entries["Mở đầu"].text

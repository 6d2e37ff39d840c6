"""The one stored form: versioned JSON records, their migrations, and the cached shipped corpus."""

import json
import shutil
from pathlib import Path

import pytest

from vanban.library import store
from vanban.library.errors import VanbanError
from vanban.library.model import Document, Section, SectionKind, Signature, Task
from vanban.library.records import MIGRATIONS, SCHEMA_VERSION, from_record, read_record, to_record
from vanban.library.store import SHIPPED_CORPUS, Library, parse_shipped, shipped_fingerprint

PLAN = "484/KH-UBND"


@pytest.fixture
def fresh_process(monkeypatch):
    """As if this were a new process: nothing of the shipped corpus is held in memory yet."""
    monkeypatch.setattr(store, "_BUILT_CORPUS", {})


def no_parsing(monkeypatch):
    def refuse(folder):
        raise AssertionError(f"{folder} was parsed again")

    monkeypatch.setattr(store, "parse_shipped", refuse)


def corpus_cache_files(data: Path) -> list[Path]:
    return sorted((data / "cache").glob("corpus-*.json"))


def test_loaded_records_equal_what_the_parser_makes_of_the_shipped_markdown(tmp_path, fresh_process, monkeypatch):
    parsed = parse_shipped(SHIPPED_CORPUS)
    assert len(parsed) == len(list(SHIPPED_CORPUS.glob("*.md")))
    assert Library(tmp_path).shipped() == parsed  # built, and cached on disk
    monkeypatch.setattr(store, "_BUILT_CORPUS", {})
    no_parsing(monkeypatch)
    assert Library(tmp_path).shipped() == parsed  # read back from the cache only
    plan = Library(tmp_path).get(PLAN)
    assert isinstance(plan.sections[0].kind, SectionKind) and isinstance(plan.tasks[0], Task)


def test_the_corpus_cache_is_versioned_and_keyed_by_the_shipped_files(tmp_path, fresh_process):
    Library(tmp_path).documents()
    (cache,) = corpus_cache_files(tmp_path)
    assert cache.name.startswith(f"corpus-v{SCHEMA_VERSION}-")
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert data["fingerprint"] == shipped_fingerprint(SHIPPED_CORPUS)
    assert {r["schema_version"] for r in data["documents"]} == {SCHEMA_VERSION}


def test_a_changed_shipped_file_rebuilds_the_cache(tmp_path, fresh_process):
    corpus = tmp_path / "corpus"
    shutil.copytree(SHIPPED_CORPUS, corpus)
    data = tmp_path / "data"
    assert Library(data, shipped=corpus).get(PLAN).issuer == "UBND tỉnh Hà Tĩnh"
    before = corpus_cache_files(data)
    index_saw = Library(data, shipped=corpus).fingerprint()
    record = corpus / "ke-hoach-484-kh-ubnd-2020.md"
    record.write_text(record.read_text(encoding="utf-8").replace("issuer: UBND tỉnh Hà Tĩnh", "issuer: Sở X"))
    assert Library(data, shipped=corpus).get(PLAN).issuer == "Sở X"
    assert Library(data, shipped=corpus).fingerprint() != index_saw  # the search index notices too
    after = corpus_cache_files(data)
    assert len(after) == 1 and after != before  # the stale cache is gone


def test_a_damaged_cache_is_rebuilt(tmp_path, fresh_process):
    Library(tmp_path).documents()
    (cache,) = corpus_cache_files(tmp_path)
    cache.write_text("{ không phải JSON", encoding="utf-8")
    store._BUILT_CORPUS.clear()
    assert Library(tmp_path).get(PLAN).number == PLAN
    assert json.loads(cache.read_text(encoding="utf-8"))["documents"]


def test_an_unwritable_data_folder_keeps_the_corpus_in_memory(tmp_path, fresh_process):
    blocker = tmp_path / "tệp"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    library = Library(blocker / "data")
    assert library.get(PLAN).number == PLAN
    assert not (blocker / "data").exists()


def test_repeated_lookups_do_not_parse_or_read_the_corpus(tmp_path, fresh_process, monkeypatch):
    library = Library(tmp_path)
    first = library.get(PLAN)
    no_parsing(monkeypatch)
    (cache,) = corpus_cache_files(tmp_path)
    cache.unlink()
    assert library.get("484/kh-ubnd") is first
    assert Library(tmp_path).get(PLAN) == first  # another Library of this process: from memory


def version_0_record() -> dict:
    """What `library add` wrote before records had a version (Document.to_dict, nothing more)."""
    doc = Document(
        id="05-kh-sct",
        number="05/KH-SCT",
        doc_type="Kế hoạch",
        title="Tập huấn sản xuất sạch hơn",
        signature=Signature(authority=["KT. GIÁM ĐỐC"], title="PHÓ GIÁM ĐỐC", name="Trần Văn A"),
        sections=[Section("I", SectionKind.SECTION, "MỤC ĐÍCH", children=[Section("1", SectionKind.CLAUSE, text="a")])],
        tasks=[Task("2021", "1", "Tập huấn", lead="Sở Công Thương")],
    )
    record = doc.to_dict()
    assert "schema_version" not in record
    return record


def test_a_version_0_record_on_disk_loads_migrated(tmp_path):
    record = version_0_record()
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "05-kh-sct.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    doc = Library(tmp_path).get("05/kh-sct")
    assert doc == Document.from_dict(record)
    assert doc.sections[0].children[0].kind == SectionKind.CLAUSE
    assert doc.signature.name == "Trần Văn A" and doc.tasks[0].lead == "Sở Công Thương"
    assert to_record(doc) == MIGRATIONS[3](MIGRATIONS[2](MIGRATIONS[1](MIGRATIONS[0](record))))


def test_a_version_1_record_gains_the_symbol_of_its_number():
    record = {"schema_version": 1, "number": "15/2010/QĐ-UBND", "sections": []}
    upgraded = MIGRATIONS[1](record)
    assert (upgraded["symbol"], upgraded["signed_month"], upgraded["annexes"]) == ("/2010/QĐ-UBND", "", [])
    assert upgraded["schema_version"] == 2


def test_every_version_has_a_migration_to_the_current_one():
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))
    assert from_record(version_0_record(), Path("x.json")) == from_record(
        to_record(Document.from_dict(version_0_record())), Path("y.json")
    )


def test_a_record_from_a_future_version_is_refused_in_vietnamese_naming_the_file(tmp_path):
    (tmp_path / "documents").mkdir()
    path = tmp_path / "documents" / "05-kh-sct.json"
    path.write_text(json.dumps({**version_0_record(), "schema_version": SCHEMA_VERSION + 1}), encoding="utf-8")
    with pytest.raises(VanbanError) as error:
        Library(tmp_path).documents()
    message = str(error.value)
    assert str(path) in message
    assert f"phiên bản {SCHEMA_VERSION + 1}" in message and "cập nhật vanban" in message


def test_a_damaged_record_names_the_file(tmp_path):
    path = tmp_path / "hỏng.json"
    path.write_text('{"schema_version": 1, "sections": [{"kind": "chuong"}]}', encoding="utf-8")
    with pytest.raises(VanbanError, match="bản lưu trong thư viện bị hỏng") as error:
        read_record(path)
    assert error.value.path == str(path)


def test_add_and_remove_are_seen_by_the_same_library_and_change_its_fingerprint(tmp_path):
    source = tmp_path / "kh05.md"
    source.write_text(
        "---\nnumber: 05/KH-SCT\ndoc_type: Kế hoạch\n---\n\n## I. MỤC ĐÍCH\n\nTập huấn.\n", encoding="utf-8"
    )
    library = Library(tmp_path / "data")
    count = len(library.documents())
    before = library.fingerprint()
    (added,) = library.add([source])
    stored = json.loads((library.documents_dir / f"{added.id}.json").read_text(encoding="utf-8"))
    assert stored["schema_version"] == SCHEMA_VERSION
    assert library.get("05/KH-SCT") == added and len(library.documents()) == count + 1
    after_add = library.fingerprint()
    assert after_add != before
    library.remove("05/KH-SCT")
    assert library.find("05/KH-SCT") is None and len(library.documents()) == count
    assert library.fingerprint() == before


def test_an_exported_record_is_added_back_unchanged(tmp_path):
    library = Library(tmp_path / "data")
    plan = library.get(PLAN)
    path = tmp_path / "kh484.json"
    path.write_text(json.dumps(to_record(plan), ensure_ascii=False), encoding="utf-8")
    other = Library(tmp_path / "other")
    (added,) = other.add([path])
    assert added == plan

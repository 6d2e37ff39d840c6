"""A visitor not signed in searches the công khai documents only: `Filters.public_only` is a
condition of each engine's query, so hits, totals, facet counts, citations and related documents
never include a nội bộ document — and the index of the previous form is rebuilt to hold the field."""

from __future__ import annotations

import json

import pytest

from tests.library.test_access import write_letter
from vanban.index.manager import ANALYZER_VERSION, IndexManager
from vanban.index.query import Filters, parse_query
from vanban.index.search import resolve_filters, search
from vanban.library.model import INTERNAL, PUBLIC
from vanban.library.store import Library

#: A word only the internal letter has, and one it shares with public texts.
ONLY_INTERNAL, SHARED = "kamalvinh", "báo cáo"


@pytest.fixture(scope="module", params=["tantivy", "whoosh"])
def with_letter(request, tmp_path_factory):
    """(engine, meta, library) over the shipped corpus plus one nội bộ công văn."""
    folder = tmp_path_factory.mktemp(f"access-{request.param}")
    library = Library(folder / "data")
    library.add([write_letter(folder)], access=INTERNAL)
    engine, meta = IndexManager(folder / "data", request.param).open(library)
    return engine, meta, library


def test_a_word_only_the_internal_document_has_finds_nothing_for_a_visitor(with_letter):
    engine, meta, _library = with_letter
    signed_in = search(engine, meta, ONLY_INTERNAL, Filters(), 10)
    assert signed_in.total >= 1 and signed_in.hits[0].doc_id == "215-ubnd-vp"
    visitor = search(engine, meta, ONLY_INTERNAL, Filters(public_only=True), 10)
    assert (visitor.total, visitor.hits) == (0, [])
    empty = {"doc_type": {}, "issuer": {}, "year": {}}
    assert engine.facets(parse_query(ONLY_INTERNAL), "or", Filters(public_only=True)) == empty
    assert engine.facets(parse_query(ONLY_INTERNAL), "or", Filters())["doc_type"] == {"Công văn": 1}


def test_totals_and_facets_of_a_shared_word_leave_the_internal_document_out(with_letter):
    engine, meta, _library = with_letter
    everyone = search(engine, meta, SHARED, Filters(), 200)
    visitor = search(engine, meta, SHARED, Filters(public_only=True), 200)
    internal = [h for h in everyone.hits if h.doc_id == "215-ubnd-vp"]
    assert internal, "the letter says «báo cáo»: a signed-in search finds it"
    assert visitor.total == everyone.total - len(internal)
    assert all(h.doc_id != "215-ubnd-vp" for h in visitor.hits)
    assert "Công văn" in everyone.facets["doc_type"]
    assert "Công văn" not in visitor.facets["doc_type"]
    assert "UBND huyện Cẩm Xuyên" not in visitor.facets["issuer"]
    assert sum(visitor.facets["doc_type"].values()) == sum(everyone.facets["doc_type"].values()) - len(internal)


def test_the_internal_document_cited_by_its_number_pins_nothing_and_names_nothing(with_letter):
    engine, meta, _library = with_letter
    signed_in = search(engine, meta, "215/UBND-VP", Filters(), 10)
    assert signed_in.documents and signed_in.documents[0]["title"].startswith("Về việc chuẩn bị")
    visitor = search(engine, meta, "215/UBND-VP", Filters(public_only=True), 10)
    assert visitor.documents == [] and all(h.doc_id != "215-ubnd-vp" for h in visitor.hits)
    assert "chuẩn bị họp" not in json.dumps(visitor.to_dict(), ensure_ascii=False)


def test_a_filter_naming_the_internal_issuer_is_unknown_to_a_visitor(with_letter):
    _engine, meta, _library = with_letter
    filters = resolve_filters(meta, [], ["UBND huyện Cẩm Xuyên"], None, None, public_only=True)
    assert filters.public_only
    assert filters.unmatched and "Cẩm Xuyên" not in filters.unmatched[0].split("(có:")[1]


def test_the_index_facts_carry_each_documents_access(with_letter):
    _engine, meta, _library = with_letter
    assert meta["documents"]["215-ubnd-vp"]["access"] == INTERNAL
    assert {f["access"] for d, f in meta["documents"].items() if d != "215-ubnd-vp"} == {PUBLIC}


def test_an_index_of_the_previous_form_is_rebuilt(tmp_path):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "whoosh")
    manager.build(library)
    generation = manager.current()
    meta = json.loads((generation / "meta.json").read_text(encoding="utf-8"))
    (generation / "meta.json").write_text(json.dumps({**meta, "analyzer": "2"}), encoding="utf-8")
    assert ANALYZER_VERSION == "3" and not manager.is_fresh(library)
    manager.open(library)
    assert manager.current() != generation and manager.is_fresh(library)

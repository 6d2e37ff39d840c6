"""The contract every engine meets on the shipped corpus (run once per engine), and engine parity."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest

from tests.conftest import shared_path
from vanban.index import ranking
from vanban.index.manager import IndexManager
from vanban.index.query import Filters
from vanban.index.search import related, resolve_filters, search
from vanban.library.store import Library
from vanban.library.vietnamese import fold

from .conftest import ENGINES


def _plain(snippet: str) -> str:
    return html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))


def _marked(snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_query_without_diacritics_finds_the_phrase(indexed):
    engine, meta, _ = indexed
    result = search(engine, meta, "san xuat sach hon")
    assert result.total > 0 and result.mode == "and"
    top = result.hits[0]
    assert "sản xuất sạch hơn" in (top.heading + " " + _plain(top.snippet)).lower()
    assert [m.lower() for m in _marked(top.snippet)][:4] == ["sản", "xuất", "sạch", "hơn"]


def test_nfd_query_equals_nfc_query(indexed):
    engine, meta, _ = indexed
    nfc_hits = [h.section for h in search(engine, meta, "mua sắm công xanh").hits]
    nfd_hits = [h.section for h in search(engine, meta, unicodedata.normalize("NFD", "mua sắm công xanh")).hits]
    assert nfc_hits == nfd_hits and nfc_hits


def test_a_query_with_diacritics_matches_the_spelling_and_without_matches_folded(indexed):
    engine, meta, _ = indexed
    toned = search(engine, meta, "bán hàng", limit=200)
    assert toned.total > 0 and not toned.notes
    for hit in toned.hits:
        words = set(re.findall(r"\w+", (hit.heading + " " + _plain(hit.snippet)).lower()))
        assert {"bán", "hàng"} <= words, hit.snippet
    assert search(engine, meta, "ban hang", limit=200).total > toned.total


def test_d_stroke_folds_to_d(indexed):
    engine, meta, _ = indexed
    assert search(engine, meta, "dau tu").total >= search(engine, meta, "đầu tư").total > 0


def test_old_and_new_tone_placement_are_the_same_word(indexed):
    engine, meta, _ = indexed
    for old, new in (("hoà", "hòa"), ("thuỷ", "thủy")):
        assert [h.section for h in search(engine, meta, old).hits] == [
            h.section for h in search(engine, meta, new).hits
        ]


def test_a_toned_query_without_an_exact_match_falls_back_to_folded_and_says_so(indexed):
    engine, meta, _ = indexed
    result = search(engine, meta, "sàn xuát")  # mistyped tones of "sản xuất"
    assert result.total > 0 and result.notes == [ranking.TONE_NOTE]


def test_phrase_must_be_contiguous(indexed):
    engine, meta, _ = indexed
    result = search(engine, meta, '"mua sắm công xanh"', limit=50)
    assert result.total > 0
    assert all("mua sam cong xanh" in fold(h.heading + " " + _plain(h.snippet)).lower() for h in result.hits)
    assert result.total < search(engine, meta, "mua sắm công xanh", limit=50).total


def test_or_and_not(indexed):
    engine, meta, _ = indexed
    either = search(engine, meta, "OCOP OR sinh thái", limit=100)
    only_ocop = search(engine, meta, "OCOP", limit=100).total
    assert either.total > only_ocop > 0
    for query in ("tuyên truyền -OCOP", "tuyên truyền NOT OCOP"):
        result = search(engine, meta, query, limit=100)
        assert result.total > 0 and not any("ocop" in _plain(h.snippet).lower() for h in result.hits)
        assert result.total < search(engine, meta, "tuyên truyền", limit=100).total


def test_and_falls_back_to_most_of_the_words_and_says_so(indexed):
    engine, meta, _ = indexed
    result = search(engine, meta, "tuyên truyền khủnglong")
    assert result.mode == "or" and result.total > 0
    assert any("khớp 2/3 từ" in note for note in result.notes)
    assert search(engine, meta, "khủnglong").total == 0


@pytest.mark.parametrize(
    "query", ["kế hoạch tuyên truyền của khủnglong và các", "ke hoach tuyen truyen cua khunglong va cac"]
)
def test_no_fallback_hit_shares_only_function_words(indexed, query):
    engine, meta, _ = indexed
    result = search(engine, meta, query, limit=1000)
    assert result.total > 0 and any("khớp 4/5 từ" in note for note in result.notes)
    for hit in result.hits:
        words = set(re.findall(r"\w+", fold(hit.heading + " " + _plain(hit.snippet))))
        assert {"ke", "hoach", "tuyen", "truyen"} & words, hit.snippet
    nothing = search(engine, meta, "của và các khủnglong rồngbay kỳlân")
    assert nothing.total == 0 and nothing.notes[0].startswith("Không có mục nào chứa ít nhất 2/3 từ")


def test_fallback_ranks_sections_sharing_more_words_first(indexed):
    engine, meta, _ = indexed
    result = search(engine, meta, "tuyên truyền sản xuất sạch khủnglong", limit=50)
    assert any("khớp 5/6, rồi 4/6 từ" in note for note in result.notes)
    shared = [
        sum(w in fold(h.heading + " " + _plain(h.snippet)) for w in ("tuyen", "truyen", "san", "xuat", "sach"))
        for h in result.hits
    ]
    assert shared == sorted(shared, reverse=True)


def test_question_words_are_dropped():
    from vanban.index.query import parse_query

    for text in ("thời hạn giải quyết văn bản đến là bao lâu?", "thoi han giai quyet van ban den la bao lau"):
        assert [w.folded for w in parse_query(text).words()][-2:] == ["den", "la"]
    assert [w.exact for w in parse_query("có được gia hạn không?").words()] == ["có", "được", "gia", "hạn"]


def test_filters(indexed):
    engine, meta, _ = indexed
    guides = search(engine, meta, "sản xuất", resolve_filters(meta, ["huong dan"], [], None, None), limit=50)
    assert guides.total > 0 and {h.doc_type for h in guides.hits} == {"Hướng dẫn"}
    plans = search(engine, meta, "sản xuất", resolve_filters(meta, ["KH"], ["ubnd tinh ha tinh"], 2020, 2020))
    assert plans.total > 0 and {(h.doc_type, h.issuer, h.year) for h in plans.hits} == {
        ("Kế hoạch", "UBND tỉnh Hà Tĩnh", 2020)
    }
    assert search(engine, meta, "sản xuất", Filters(year_from=2030)).total == 0


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("484/KH-UBND", "484/KH-UBND"),
        ("484", "484/KH-UBND"),
        ("qd 889", "889/QĐ-TTg"),
        ("NQ 86/2018", "86/2018/NQ-HĐND"),
        ("kế hoạch 484 tuyên truyền", "484/KH-UBND"),
    ],
)
def test_number_queries_put_that_document_first(indexed, query, number):
    engine, meta, _ = indexed
    result = search(engine, meta, query)
    assert result.hits[0].number == number
    assert result.documents[0]["number"] == number


def test_sort_by_date(indexed):
    engine, meta, _ = indexed
    hits = search(engine, meta, "sản xuất", sort="date", limit=200).hits
    dates = [h.signed_on or "0" for h in hits]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1


def test_facets_count_all_matches(indexed):
    engine, meta, _ = indexed
    result = search(engine, meta, "sản xuất", limit=3)
    assert sum(result.facets["doc_type"].values()) == result.total > 3
    assert result.facets["year"]["2020"] >= 1


def test_related_documents(indexed):
    _engine, meta, library = indexed
    plan = library.get("484/KH-UBND").id
    found = {d["number"]: d["relation"] for d in related(meta, plan)}
    assert found["889/QĐ-TTg"] == "được văn bản này trích dẫn"
    assert "1244/QĐ-UBND" in found and "86/2018/NQ-HĐND" in found
    decision = library.get("889/QĐ-TTg").id
    assert {d["number"]: d["relation"] for d in related(meta, decision)}["484/KH-UBND"] == "trích dẫn văn bản này"


PARITY_QUERIES = [
    "san xuat sach hon",
    "sản xuất",
    '"mua sắm công xanh"',
    "OCOP OR sinh thái",
    "tuyên truyền -OCOP",
    "năng lượng tiết kiệm",
    "doanh nghiệp hợp tác xã cơ sở sản xuất trên địa bàn",
    "bán",
    "hoà",
    "sàn xuát",
    "tuyên truyền sản xuất sạch khủnglong",
    "ke hoach tuyen truyen cua khunglong va cac",
]


def test_engines_return_the_same_hit_sets(tmp_path_factory):
    results = {}
    for name in ENGINES:
        folder = tmp_path_factory.mktemp(f"parity-{name}")
        library = Library(folder)
        engine, meta = IndexManager(folder, name).open(library)
        results[name] = {
            q: {(h.doc_id, h.section) for h in search(engine, meta, q, limit=1000).hits} for q in PARITY_QUERIES
        }
    for query in PARITY_QUERIES:
        assert results["tantivy"][query] == results["whoosh"][query], query
        assert results["tantivy"][query], query


@pytest.fixture(scope="module", params=ENGINES)
def with_laws(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"laws-{request.param}")
    library = Library(folder)
    library.add([shared_path("corpus/luat-bvmt-2020_alqac2023-law-json.txt")], {"number": "72/2020/QH14"})
    library.add([shared_path("corpus/official-docx/30_2020_ND_CP.docx")])
    return IndexManager(folder, request.param).open(library)


@pytest.mark.parametrize(
    ("query", "section"),
    [
        ("Điều 146 Luật Bảo vệ môi trường", "Điều 146 › Khoản 1"),
        ("khoản 2 Điều 146 Luật Bảo vệ môi trường", "Điều 146 › Khoản 2"),
        ("điểm a khoản 2 Điều 8 Nghị định 30", "Chương II › Mục 1 › Điều 8 › Khoản 2 › Điểm a"),
    ],
)
def test_article_queries_land_on_the_section(with_laws, query, section):
    engine, meta = with_laws
    assert str(search(engine, meta, query).hits[0].section) == section


def test_viet_hoa_is_not_hang_hoa(with_laws):
    engine, meta = with_laws
    hits = search(engine, meta, "viết hoa tên cơ quan", limit=5).hits
    top = re.findall(r"\w+", (hits[0].heading + " " + _plain(hits[0].snippet)).lower())
    assert "hoa" in top and "hóa" not in top


def test_unknown_filter_value_is_explained(indexed):
    engine, meta, _ = indexed
    result = search(engine, meta, "sản xuất", resolve_filters(meta, ["Thông báo"], [], None, None))
    assert result.total == 0
    assert result.notes[0].startswith("Thư viện không có loại văn bản «Thông báo» (có: ")

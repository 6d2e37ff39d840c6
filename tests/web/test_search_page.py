"""/tim-kiem: the CLI's search in a page — same results, facets as links, notes, pages, errors."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import unquote

from vanban.app.web.document_view import anchor
from vanban.index.entries import index_entries
from vanban.index.in_force import hit_validity
from vanban.index.manager import IndexManager
from vanban.index.search import resolve_filters, search
from vanban.library.store import Library


def hit_links(page: str) -> list[str]:
    return re.findall(r'class="hit-title"><a href="([^"]+)"', page)


def test_results_are_the_cli_search(client, shared_data):
    page = client.get("/tim-kiem", params={"q": "san xuat sach hon", "dinh-dang": "json"}).json()
    library = Library(shared_data)
    searcher, meta = IndexManager(shared_data).open(library)
    result = search(searcher, meta, "san xuat sach hon", resolve_filters(meta, [], [], None, None), 20)
    expected = result.to_dict()
    for hit, (status, ended) in zip(
        expected["hits"], hit_validity(library, meta, result.hits, dt.date.today()), strict=True
    ):
        hit["hieu_luc"], hit["hieu_luc_muc"] = status, ended
    assert page == expected
    assert {h["hieu_luc"] for h in page["hits"]} >= {"còn hiệu lực", "chưa rõ"}


def test_hits_show_path_marked_snippet_and_link_to_the_section(client):
    response = client.get("/tim-kiem", params={"q": "san xuat sach hon"})
    assert response.status_code == 200
    text = response.text
    assert "<mark>Sản</mark>" in text or "<mark>sản</mark>" in text
    assert 'class="hit-path">I › 1 › đoạn 1<' in text
    links = hit_links(text)
    assert links and all(link.startswith("/van-ban/") and "#" in link for link in links)


def test_every_hit_lands_on_an_anchor_of_its_document(client, shared_data):
    """Every index entry's path is an element id on its document page (the link of any hit works)."""
    for doc in Library(shared_data).documents():
        page = client.get(f"/van-ban/{doc.id}").text
        ids = {html.unescape(i) for i in re.findall(r' id="([^"]+)"', page)}
        for entry in index_entries(doc):
            assert anchor(entry.path.labels) in ids, (doc.id, entry.path)


def test_a_hit_link_is_the_section_anchor(client):
    text = client.get("/tim-kiem", params={"q": "kiểm toán năng lượng"}).text
    assert any(unquote(link).endswith("#II.4.đoạn-1") for link in hit_links(text))


def test_snippet_is_the_only_unescaped_field(client):
    text = client.get("/tim-kiem", params={"q": '<script>alert("x")</script> sạch'}).text
    assert "<script>alert" not in text
    assert "&lt;script&gt;" in text


def test_facets_are_links_that_filter(client):
    text = client.get("/tim-kiem", params={"q": "sản xuất"}).text
    link = re.search(r'href="(/tim-kiem\?[^"]*loai=K[^"]*)"', text).group(1)
    filtered = client.get(html.unescape(link) + "&dinh-dang=json").json()
    assert filtered["hits"] and {h["doc_type"] for h in filtered["hits"]} == {"Kế hoạch"}
    page = client.get(html.unescape(link)).text
    assert "Bỏ lọc loại văn bản" in page


def test_status_facet_counts_and_filters(client):
    text = client.get("/tim-kiem", params={"q": "văn bản"}).text
    assert "Tình trạng hiệu lực" in text
    counts = dict(re.findall(r"hieu-luc=([^\"&]+)[^\"]*\">[^<]+? <span class=\"count\">(\d+) đoạn", text))
    assert counts
    status, count = next(iter(counts.items()))
    status = unquote(status.replace("+", " "))
    filtered = client.get("/tim-kiem", params={"q": "văn bản", "hieu-luc": status, "dinh-dang": "json"}).json()
    assert filtered["total"] == int(count)
    assert {h["hieu_luc"] for h in filtered["hits"]} == {status}


def test_year_filter_and_date_sort(client):
    data = client.get("/tim-kiem", params={"q": "sản xuất", "nam": "2020", "sap-xep": "ngay", "dinh-dang": "json"})
    hits = data.json()["hits"]
    assert hits and {h["year"] for h in hits} == {2020}
    dates = [h["signed_on"] for h in hits]
    assert dates == sorted(dates, reverse=True)


def test_and_falls_back_to_or_with_a_note(client):
    text = client.get("/tim-kiem", params={"q": "tuyên truyền khủnglongbạo"}).text
    assert "Ghi chú:" in text


def test_pages_of_twenty(client):
    first = client.get("/tim-kiem", params={"q": "sản xuất", "dinh-dang": "json"}).json()
    assert first["total"] > 20 and len(first["hits"]) == 20
    second = client.get("/tim-kiem", params={"q": "sản xuất", "trang": "2"})
    assert '<ol class="hits" start="21">' in second.text
    assert 'rel="prev"' in second.text


def test_citation_query_pins_the_document(client):
    data = client.get("/tim-kiem", params={"q": "484/KH-UBND", "dinh-dang": "json"}).json()
    assert data["hits"][0]["number"] == "484/KH-UBND"


def test_bad_parameters_are_400_in_vietnamese(client):
    for params, words in (
        ({"q": "x", "trang": "0"}, "số trang"),
        ({"q": "x", "nam": "abc"}, "năm là một số"),
        ({"q": "x", "sap-xep": "bừa"}, "cách sắp xếp"),
        ({"q": "x" * 600}, "câu tìm dài"),
        ({"q": "x", "hieu-luc": "không có"}, "tình trạng «không có»"),
    ):
        response = client.get("/tim-kiem", params=params)
        assert response.status_code == 400, params
        assert words in response.text
        assert "Traceback" not in response.text


def test_empty_query_shows_examples(client):
    text = client.get("/").text
    assert "Gợi ý cách tìm" in text
    assert 'role="search"' in text


def test_search_page_weighs_under_200_kb(client):
    page = client.get("/tim-kiem", params={"q": "sản xuất"})
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)
    weight = len(page.content) + sum(len(client.get(a).content) for a in assets)
    assert assets and weight < 200 * 1024

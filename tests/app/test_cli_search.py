"""`vanban search`, `index build` and `related` through the real entry point."""

from tests.library.test_readers import make_plan_docx


def test_search_json_shape_and_first_use_build(cli):
    result = cli.json("search", "san xuat sach hon", "--limit", "3")
    assert result["total"] > 0 and len(result["hits"]) == 3 and result["mode"] == "and"
    assert set(result["hits"][0]) >= {"number", "title", "section", "section_labels", "score", "snippet"}
    assert all(" › ".join(h["section_labels"]) == h["section"] for h in result["hits"])
    assert "<mark>" in result["hits"][0]["snippet"]
    assert set(result["facets"]) == {"doc_type", "issuer", "year"}


def test_search_options(cli):
    plans = cli.json("search", "sản xuất", "--type", "KH", "--from", "2020", "--to", "2020", "--sort", "date")
    assert plans["hits"] and {h["number"] for h in plans["hits"]} == {"484/KH-UBND"}
    whoosh = cli.json("search", "sản xuất", "--type", "KH", "--engine", "whoosh")
    assert whoosh["total"] == cli.json("search", "sản xuất", "--type", "KH")["total"]
    human = cli("search", "484/KH-UBND", "--limit", "2")
    assert human.returncode == 0 and "Kế hoạch 484/KH-UBND — Mở đầu" in human.stdout
    assert "Văn bản liên quan đến 484/KH-UBND" in human.stdout


def test_bad_search_options_exit_2(cli):
    for args in (["x", "--sort", "ngay"], ["x", "--engine", "lucene"], ["x", "--limit", "0"]):
        result = cli("search", *args)
        assert result.returncode == 2 and result.stderr.startswith("Lỗi:") and "Traceback" not in result.stderr


def test_index_build_and_library_add_updates_it(cli, tmp_path):
    built = cli.json("index", "build")
    assert built["entries"] == 132 and built["documents"] == 12
    cli("library", "add", str(make_plan_docx(tmp_path / "kh.docx")), "--number", "15/KH-UBND")
    found = cli.json("search", "15/KH-UBND")
    assert found["hits"][0]["number"] == "15/KH-UBND"
    related = cli.json("related", "484/KH-UBND")
    assert {r["number"] for r in related} >= {"889/QĐ-TTg", "1244/QĐ-UBND"}

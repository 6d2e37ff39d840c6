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


def test_limits_and_years_out_of_range_are_refused_in_vietnamese(cli):
    for args, words in (
        (("--limit", "2000000000"), "--limit từ 1 đến"),
        (("--limit", "0"), "--limit từ 1 đến"),
        (("--from", "99999999999999999999999"), "--from là một năm"),
    ):
        result = cli("search", "tiết kiệm", *args)
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_a_query_starting_with_a_minus_is_a_query(cli):
    result = cli("search", "-nhựa", "--limit", "1")
    assert result.returncode == 0, result.stderr
    assert "Tìm «-nhựa»" in result.stdout


def test_json_snippet_is_html_and_other_fields_are_plain_text(cli, tmp_path):
    source = tmp_path / "kh.md"
    source.write_text(
        '---\nnumber: 9/KH-SCT\ndoc_type: Kế hoạch\ntitle: "Tiết kiệm <năng lượng> & nước"\n---\n\n'
        "I. TIẾT KIỆM <NĂNG LƯỢNG>\n\n1. Tiết kiệm điện & nước <b>ngay</b>.\n",
        encoding="utf-8",
    )
    assert cli("library", "add", str(source)).returncode == 0
    hit = next(h for h in cli.json("search", "tiết kiệm điện")["hits"] if h["number"] == "9/KH-SCT")
    assert hit["title"] == "Tiết kiệm <năng lượng> & nước", "plain text: JSON consumers escape it themselves"
    assert "&amp; nước" in hit["snippet"] and "<mark>" in hit["snippet"], "the snippet is HTML, escaped"

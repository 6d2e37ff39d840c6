"""`vanban related` through the real entry point: types both ways, depth, the diagram."""

from __future__ import annotations

import shutil

import pytest


def test_related_shows_the_plan_implements_the_decision(cli):
    shown = cli("related", "484/KH-UBND")
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert "thực hiện:" in text and "889/QĐ-TTg" in text and "dẫn chiếu:" in text
    rows = cli.json("related", "889/QĐ-TTg", "--depth", "2")
    assert {"number": "484/KH-UBND", "relation": "được thực hiện bởi"}.items() <= rows[0].items() or any(
        r["number"] == "484/KH-UBND" and r["relation"] == "được thực hiện bởi" for r in rows
    )
    assert any(r["depth"] == 2 for r in rows)


def test_graph_is_written_as_dot_and_svg(cli, tmp_path):
    dot = tmp_path / "g.dot"
    assert cli("related", "484/KH-UBND", "--graph", str(dot)).returncode == 0
    assert "thực hiện" in dot.read_text(encoding="utf-8")
    if shutil.which("dot") is None:
        pytest.skip("Graphviz chưa cài")
    svg = tmp_path / "g.svg"
    assert cli("related", "484/KH-UBND", "--graph", str(svg)).returncode == 0
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_search_keeps_only_texts_in_force_on_a_day(cli, tmp_path):
    source = tmp_path / "luat.md"
    source.write_text(
        "---\nnumber: 77/2015/QH13\ndoc_type: Luật\ntitle: Luật Tổ chức chính quyền địa phương\n"
        "signed_on: 2015-06-19\n---\n\nĐiều 1. Phạm vi điều chỉnh\n\n"
        "Luật này quy định về đơn vị hành chính lãnh thổ.\n",
        encoding="utf-8",
    )
    assert cli("library", "add", str(source)).returncode == 0
    before = cli.json("search", "đơn vị hành chính lãnh thổ", "--in-force-on", "2020-01-01")
    after = cli.json("search", "đơn vị hành chính lãnh thổ", "--in-force-on", "2026-01-01")
    assert any(h["number"] == "77/2015/QH13" for h in before["hits"])
    assert not any(h["number"] == "77/2015/QH13" for h in after["hits"]), "replaced in 2025"
    assert any("còn hiệu lực" in n for n in after["notes"])
    bad = cli("search", "x", "--in-force-on", "2026-13-01")
    assert bad.returncode == 2 and "NĂM-THÁNG-NGÀY" in bad.stderr


def test_a_hit_in_a_repealed_article_says_so(cli, tmp_path):
    old = tmp_path / "qd-cu.md"
    old.write_text(
        "---\nnumber: 3/2020/QĐ-UBND\ndoc_type: Quyết định\ntitle: Ban hành quy định về tiết kiệm điện\n"
        "signed_on: 2020-02-01\n---\n\nĐiều 1. Phạm vi\n\nQuy định này áp dụng cho cơ quan nhà nước.\n\n"
        "Điều 2. Giờ tắt điều hòa\n\nTắt điều hòa nhiệt độ trước giờ nghỉ trưa mười lăm phút.\n",
        encoding="utf-8",
    )
    new = tmp_path / "qd-moi.md"
    new.write_text(
        "---\nnumber: 5/2024/QĐ-UBND\ndoc_type: Quyết định\ntitle: Bãi bỏ một điều của Quyết định số 3/2020/QĐ-UBND\n"
        "signed_on: 2024-03-01\n---\n\nĐiều 1. Bãi bỏ Điều 2 của Quyết định số 3/2020/QĐ-UBND.\n\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n",
        encoding="utf-8",
    )
    assert cli("library", "add", str(old), str(new)).returncode == 0
    found = cli.json("search", "tắt điều hòa trước giờ nghỉ trưa")
    hit = next(h for h in found["hits"] if h["number"] == "3/2020/QĐ-UBND")
    assert hit["hieu_luc"] == "hết hiệu lực một phần"
    assert hit["hieu_luc_muc"].startswith("Điều 2 bị bãi bỏ từ 01/03/2024")
    shown = cli("search", "tắt điều hòa trước giờ nghỉ trưa")
    assert "Lưu ý: Điều 2 bị bãi bỏ" in shown.stdout

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

"""Snippets choose the window richest in different query words, however long the section."""

from __future__ import annotations

from vanban.index.highlight import WINDOW, snippet
from vanban.index.query import parse_query

FILLER = "Các sở, ban, ngành và địa phương tổ chức thực hiện nhiệm vụ được giao đúng tiến độ. "


def test_the_earliest_of_equally_rich_windows_wins():
    text = "mua sắm " + FILLER * 10 + "mua sắm công xanh " + FILLER * 10 + "mua sắm công xanh"
    shown = snippet(text, parse_query("mua sắm công xanh").words())
    # the first window holding all four words is the one ending on the first "xanh"
    assert shown.startswith("…chức thực hiện nhiệm vụ")
    assert shown.endswith("tiến độ. <mark>mua</mark> <mark>sắm</mark> <mark>công</mark> <mark>xanh</mark>…")
    assert shown.count("<mark>") == 4


def test_a_500_kb_section_gets_its_richest_window():
    half = FILLER * (250_000 // len(FILLER))
    text = "sản " + half + "tiết kiệm năng lượng, sản xuất sạch hơn. " + half + "xuất"
    assert len(text.encode("utf-8")) > 500_000
    shown = snippet(text, parse_query("sản xuất sạch hơn").words())
    assert shown.startswith("…") and shown.endswith("…")
    assert "<mark>sản</mark> <mark>xuất</mark> <mark>sạch</mark> <mark>hơn</mark>" in shown
    plain = shown.replace("<mark>", "").replace("</mark>", "")
    assert len(plain.split()) <= WINDOW + 2 and len(plain) < 400

"""The rebuilt KH 484 prints what the signed plan prints."""

from __future__ import annotations

from .conftest import paragraphs


def test_copy_count_printed_small_as_in_the_signed_plan(plan_document):
    archive = next(p for p in paragraphs(plan_document) if p.text.startswith("- Lưu:"))
    assert archive.text == "- Lưu: VT, KT2."
    small = [r for r in archive.runs if r.font.subscript]
    assert [r.text for r in small] == ["2"], "the «2» of «KT₂» is a subscript run, not a plain digit"


def test_agency_headings_keep_their_colon(plan_document):
    texts = [p.text for p in paragraphs(plan_document)]
    assert "1. Sở Công Thương:" in texts

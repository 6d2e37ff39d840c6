"""The ranking policy: AND then OR, citation pinning, and field weights the engines read from it."""

from __future__ import annotations

from dataclasses import dataclass

from vanban.index import ranking
from vanban.index.ranking import CitedPart, cited_entries, pin_cited
from vanban.index.search import search
from vanban.index.section_path import SectionPath


@dataclass(frozen=True)
class Placed:
    doc_id: str
    section: SectionPath


def _at(doc_id: str, *labels: str) -> Placed:
    return Placed(doc_id, SectionPath.of(labels))


def test_short_queries_start_in_and_long_ones_in_or():
    assert ranking.starting_mode("auto", ranking.AND_WORDS) == "and"
    assert ranking.starting_mode("auto", ranking.AND_WORDS + 1) == "or"
    assert ranking.starting_mode("and", 40) == "and" and ranking.starting_mode("or", 1) == "or"
    assert ranking.long_query_note("auto", ranking.AND_WORDS) is None
    assert ranking.long_query_note("and", 40) is None
    assert ranking.long_query_note("auto", 9) == (
        "Câu tìm dài (9 từ): xếp theo mức liên quan, không bắt buộc có đủ mọi từ."
    )


def test_only_an_empty_and_over_several_groups_falls_back():
    assert ranking.falls_back_to_or("and", 0, 2)
    assert not ranking.falls_back_to_or("and", 3, 2)
    assert not ranking.falls_back_to_or("and", 0, 1)
    assert not ranking.falls_back_to_or("or", 0, 2)


def test_cited_entries_keep_the_cited_part_or_the_whole_document():
    entries = [
        {"path": SectionPath.of(["Điều 8", "Khoản 1"])},
        {"path": SectionPath.of(["Điều 8", "Khoản 2"])},
        {"path": SectionPath.of(["Điều 9"])},
    ]
    assert cited_entries(entries, CitedPart("nd30", ("Điều 8", "Khoản 2"))) == [entries[1]]
    assert cited_entries(entries, CitedPart("nd30", ("Điều 99",))) == entries
    assert cited_entries(entries, CitedPart("", ("Điều 99",))) == []


def test_pinned_sections_come_first_each_once():
    found = [_at("luat", "Điều 3"), _at("nd30", "Điều 8", "Khoản 2"), _at("luat", "Điều 7")]
    pinned = [_at("nd30", "Điều 8", "Khoản 1"), _at("nd30", "Điều 8", "Khoản 2")]
    ranked = pin_cited(found, pinned, [CitedPart("nd30", ("Điều 8",))])
    assert ranked == [*pinned, _at("luat", "Điều 3"), _at("luat", "Điều 7")]


def test_a_whole_cited_document_gives_way_to_its_sections_the_words_found():
    found = [_at("luat", "Điều 3"), _at("kh", "II", "1"), _at("kh", "III")]
    whole = [_at("kh", "Mở đầu"), _at("kh", "I"), _at("kh", "II", "1"), _at("kh", "III")]
    ranked = pin_cited(found, whole, [CitedPart("kh")])
    assert ranked == [_at("kh", "II", "1"), _at("kh", "III"), _at("luat", "Điều 3")]


def test_engines_weigh_fields_as_the_policy_says(indexed, monkeypatch):
    engine, meta, _ = indexed
    before = [h.score for h in search(engine, meta, "sản xuất sạch hơn").hits]
    monkeypatch.setitem(ranking.WEIGHTS, "bigram", 0.0)
    after = [h.score for h in search(engine, meta, "sản xuất sạch hơn").hits]
    assert before and after and after != before
    assert max(after) < max(before)

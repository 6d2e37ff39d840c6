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


def test_fallback_needs_two_thirds_of_the_content_words_and_never_all():
    assert [ranking.partial_minimum(n) for n in (2, 3, 4, 5, 6, 9)] == [1, 2, 3, 4, 4, 6]


def test_attempts_go_from_spelling_to_folded_and_from_all_words_to_most():
    Match = ranking.Match
    assert [a.tiers for a in ranking.attempts("and", 1, False)] == [(Match(None, False),)]
    toned = ranking.attempts("and", 4, True)
    assert [a.tiers for a in toned] == [
        (Match(None, True),),
        (Match(None, False),),
        (Match(3, True),),
        (Match(3, False),),
    ]
    assert [a.tiers for a in ranking.attempts("or", 9, False)] == [(Match(1, False),)]
    assert ranking.attempts("and", 6, False)[-1].tiers == (Match(5), Match(4))


def test_fallback_notes_say_how_many_words_matched():
    attempt = ranking.Attempt((ranking.Match(2, False), ranking.Match(1, False)), partial=True)
    notes = ranking.fallback_notes(attempt, [2, 1], 3, toned=True)
    assert notes[0] == ranking.TONE_NOTE and "khớp 2/3, rồi 1/3 từ" in notes[1]


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

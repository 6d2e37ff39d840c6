"""Vietnamese analysis: NFC, tone placement, folding (đ → d), legacy text, boilerplate."""

import unicodedata

from vanban.index.analysis import analyse, strip_boilerplate, syllables
from vanban.index.highlight import snippet
from vanban.index.query import Phrase, Word, parse_query
from vanban.library.vietnamese import from_legacy


def test_nfd_input_analyses_like_nfc():
    text = "Sản xuất sạch hơn, đầu tư công"
    assert analyse(unicodedata.normalize("NFD", text)) == analyse(text)


def test_two_tone_styles_are_one_word():
    assert syllables("hoà thuỷ khoẻ thoả") == syllables("hòa thủy khỏe thỏa") == ["hòa", "thủy", "khỏe", "thỏa"]
    assert syllables("quý giá") == ["quý", "giá"]


def test_folding_turns_d_stroke_into_d():
    fields = analyse("Đầu tư, đổi mới")
    assert fields["exact"] == "đầu tư đổi mới"
    assert fields["folded"] == "dau tu doi moi"
    assert fields["bigram"] == "dau_tu tu_doi doi_moi"


def test_legacy_text_repaired_before_analysis():
    tcvn3 = "S¶n xuÊt s¹ch h¬n"
    assert analyse(from_legacy(tcvn3, "tcvn3")) == analyse("Sản xuất sạch hơn")


def test_question_boilerplate_is_dropped():
    text = "Người lao động được nghỉ theo quy định của pháp luật, đúng hay sai?"
    assert "đúng hay sai" not in strip_boilerplate(text)
    assert [w.exact for w in parse_query(text).words()] == ["người", "lao", "động", "được", "nghỉ"]


def test_query_language():
    query = parse_query('"mua sắm công xanh" OCOP OR "sinh thái" -nhựa NOT rác')
    assert isinstance(query.groups[0][0], Phrase) and len(query.groups[0][0].words) == 4
    assert query.groups[1][0] == Word("ocop", "ocop") and isinstance(query.groups[1][1], Phrase)
    assert [c.exact for c in query.excluded] == ["nhựa", "rác"]
    assert parse_query("sản xuất sạch").bigrams == ["san_xuat", "xuat_sach"]


def test_snippet_escapes_everything_but_the_marks():
    words = parse_query("an toàn").words()
    shown = snippet('<script>alert("x")</script> A & B an toàn <b>', words)
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "&amp;" in shown
    assert shown.count("<mark>") == 2 and shown.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_snippet_marks_words_typed_without_diacritics():
    shown = snippet("Thúc đẩy sản xuất sạch hơn trong công nghiệp", parse_query("san xuat").words())
    assert shown == "Thúc đẩy <mark>sản</mark> <mark>xuất</mark> sạch hơn trong công nghiệp"

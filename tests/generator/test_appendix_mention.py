"""A Phụ lục is referred to in the body (PL I, A8): the generator writes the reference when the
input does not, and the checker's ND30-16 then finds it."""

from __future__ import annotations

from vanban.generator.checker import check_document
from vanban.generator.compose.document import compose, with_appendices_mentioned

from .conftest import example_draft, paragraphs


def test_the_reference_is_written_when_the_body_has_none():
    draft = example_draft("ke-hoach")
    assert draft.appendices
    document = compose(draft)
    texts = [p.text for p in paragraphs(document)]
    assert "Chi tiết tại Phụ lục kèm theo Kế hoạch này." in texts
    assert not [f for f in check_document(document).errors if f.rule == "ND30-16"]


def test_nothing_is_added_when_the_body_already_names_it():
    draft = with_appendices_mentioned(example_draft("ke-hoach"))
    again = with_appendices_mentioned(draft)
    assert again is draft, "composing twice (a register number taken at write time) adds nothing"


def test_in_a_decision_the_reference_goes_into_its_last_article():
    draft = example_draft("quyet-dinh")
    draft.appendices = example_draft("ke-hoach").appendices
    mentioned = with_appendices_mentioned(draft)
    last = [s for s in mentioned.sections if s.kind == "dieu"][-1]
    assert last.children[-1].text == "Chi tiết tại Phụ lục kèm theo Quyết định này."
    assert len(mentioned.sections) == len(draft.sections)

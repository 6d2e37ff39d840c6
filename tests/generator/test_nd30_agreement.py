"""The generator writes the values nd30 says it chooses, and the checker, measuring a generated
document, finds them there and inside the decree's spans: the two sides read one set of facts."""

from __future__ import annotations

import docx
import pytest

from vanban.generator.checker.anatomy import Anatomy
from vanban.generator.checker.parts import Inspected
from vanban.generator.compose.outline import point_letter
from vanban.generator.compose.styles import STYLES
from vanban.generator.compose.templating import template_for
from vanban.generator.wordml.oxml import mm_to_twips, mm_to_twips_up, twips_to_mm
from vanban.library import nd30
from vanban.library.nd30 import Span

from .conftest import KINDS, composed

SPANS = {name: value for name, value in vars(nd30).items() if isinstance(value, Span)}


@pytest.fixture(scope="module")
def plan():
    return Anatomy(Inspected(composed("ke-hoach")))


@pytest.fixture(scope="module")
def letter():
    return Anatomy(Inspected(composed("cong-van")))


@pytest.mark.parametrize("name", sorted(SPANS))
def test_every_choice_lies_inside_its_span(name):
    span = SPANS[name]
    assert span.low <= span.chosen <= span.high and span.allows(span.chosen)


def test_margins_are_nd30_choices_and_inside_the_allowed_ranges(plan):
    for section in plan.doc.document.sections:
        for side, span in nd30.MARGINS_MM.items():
            twips = getattr(section, f"{side}_margin").twips
            assert twips == mm_to_twips_up(span.chosen), side
            assert span.allows(twips_to_mm(twips)), side


def test_page_is_nd30_a4_in_either_orientation(plan):
    a4 = {mm_to_twips(nd30.PAPER_WIDTH_MM), mm_to_twips(nd30.PAPER_HEIGHT_MM)}
    sizes = {(s.page_width.twips, s.page_height.twips) for s in plan.doc.document.sections}
    assert sizes and all(set(size) == a4 for size in sizes)
    assert len(sizes) == 2  # the plan's task table is a landscape appendix


def _size(block) -> float:
    sizes = block.sizes()
    assert len(sizes) == 1, block.clean
    return sizes.pop()


def test_the_checker_measures_the_sizes_nd30_chooses(plan):
    measured = {
        "NATIONAL_NAME_SIZE": [plan.national],
        "MOTTO_SIZE": [plan.motto],
        "ISSUER_SIZE": plan.issuer,
        "NUMBER_SIZE": [plan.number],
        "DATE_SIZE": [plan.date],
        "TYPE_NAME_SIZE": [plan.type_title],
        "SUMMARY_SIZE": plan.summary,
        "BODY_SIZE": [b for b in plan.body if b.clean],
        "RECIPIENTS_LABEL_SIZE": [plan.recipients_label],
        "RECIPIENTS_SIZE": plan.recipients,
        "APPENDIX_LABEL_SIZE": [a.label for a in plan.appendices],
        "APPENDIX_REFERENCE_SIZE": [a.reference for a in plan.appendices],
    }
    for name, blocks in measured.items():
        assert blocks and all(b is not None for b in blocks), name
        assert {_size(b) for b in blocks} == {SPANS[name].chosen}, name


def test_the_letter_summary_has_nd30_size_and_gap(letter):
    assert letter.letter_subject
    assert {_size(b) for b in letter.letter_subject} == {nd30.LETTER_SUMMARY_SIZE.chosen}
    first = letter.letter_subject[0]
    assert first.fmt.before_pt + letter.number.fmt.after_pt == nd30.LETTER_SUMMARY_GAP_PT.chosen


#: The style that writes each element, by the nd30 span it must follow.
STYLE_SPANS = {
    "VBQuocHieu": "NATIONAL_NAME_SIZE",
    "VBTieuNgu": "MOTTO_SIZE",
    "VBCoQuanChuQuan": "PARENT_SIZE",
    "VBCoQuanBanHanh": "ISSUER_SIZE",
    "VBSoKyHieu": "NUMBER_SIZE",
    "VBTrichYeuCongVan": "LETTER_SUMMARY_SIZE",
    "VBDiaDanh": "DATE_SIZE",
    "VBTenLoai": "TYPE_NAME_SIZE",
    "VBTrichYeu": "SUMMARY_SIZE",
    "VBKinhGui": "ADDRESSEE_SIZE",
    "VBNoiDung": "BODY_SIZE",
    "VBCanCu": "BODY_SIZE",
    "VBNoiNhan": "RECIPIENTS_LABEL_SIZE",
    "VBNoiNhanMuc": "RECIPIENTS_SIZE",
    "VBQuyenHan": "AUTHORITY_SIZE",
    "VBNguoiKy": "SIGNER_NAME_SIZE",
    "VBPhuLuc": "APPENDIX_LABEL_SIZE",
    "VBTenPhuLuc": "APPENDIX_TITLE_SIZE",
    "VBKemTheo": "APPENDIX_REFERENCE_SIZE",
    "VBSoTrang": "PAGE_NUMBER_SIZE",
}


@pytest.mark.parametrize("kind", KINDS)
def test_styles_and_shipped_templates_write_nd30_sizes(kind):
    """Templates carry their own copy of the styles (a user may edit them), so both must agree."""
    template = docx.Document(str(template_for(kind)))
    for style_id, name in STYLE_SPANS.items():
        chosen = SPANS[name].chosen
        assert STYLES[style_id].size == chosen, style_id
        assert template.styles[STYLES[style_id].name].font.size.pt == chosen, (kind, style_id)


def test_body_spacing_is_nd30_choice():
    body = STYLES["VBNoiDung"]
    assert body.first_line_cm == nd30.FIRST_LINE_INDENT_CM in nd30.FIRST_LINE_INDENTS_CM
    assert body.after == nd30.PARAGRAPH_SPACING_PT.chosen and body.line == nd30.LINE_SPACING.chosen


@pytest.mark.parametrize(
    ("share", "block", "reference"),
    [
        (nd30.MOTTO_RULE, lambda a: a.motto, lambda a: a.motto.width_mm()),
        (nd30.ISSUER_RULE, lambda a: a.issuer[-1], lambda a: max(b.width_mm() for b in a.issuer)),
    ],
    ids=["tieu-ngu", "co-quan-ban-hanh"],
)
def test_header_rules_are_the_chosen_share_of_their_line(plan, share, block, reference):
    kind, length = plan.doc.rule_after(block(plan))
    assert kind == "border"
    assert length == pytest.approx(share.chosen * reference(plan), abs=nd30.RULE_LENGTH_TOLERANCE_MM)


def test_point_letters_follow_nd30():
    assert [point_letter(i) for i in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert point_letter(len(nd30.POINT_LETTERS) + 1) == "aa"


def test_signing_prefixes_are_the_decree_list():
    assert nd30.SIGNING_PREFIXES == ("TM.", "Q.", "KT.", "TL.", "TUQ.")


def test_typical_text_width_is_between_the_decree_extremes():
    widest = nd30.PAPER_WIDTH_MM - nd30.MARGINS_MM["left"].low - nd30.MARGINS_MM["right"].low
    narrowest = nd30.PAPER_WIDTH_MM - nd30.MARGINS_MM["left"].high - nd30.MARGINS_MM["right"].high
    assert nd30.typical_text_width_mm() == (widest + narrowest) / 2 == 160

"""The NĐ 30 rule list (A14 of docs/nd30-format.md), split by the part of the document a rule
judges: the page, the header, the body, the closing, the appendices. Every threshold is read from
`vanban.library.nd30`, the same facts the generator writes.

RULES keeps the decree's order (ND30-01 … ND30-14), which is the order findings are reported in;
ND30-15 and ND30-16, added later, follow; HL-01 (warnings only) judges not the format but whether
the bodies and texts named still exist on the document's date; CC-01 checks each căn cứ line
against the library (a text it does not hold is a warning).
"""

from __future__ import annotations

from vanban.generator.checker.rules import appendix, basis, body, closing, currency, header, page
from vanban.generator.checker.rules.registry import ERROR, WARNING, Issue, Rule

RULES: list[Rule] = [
    page.page_setup,
    page.fonts,
    page.page_numbers,
    header.header_block,
    header.number_and_date,
    header.title_block,
    body.body_paragraphs,
    body.legal_basis,
    body.headings,
    closing.signature,
    closing.recipients,
    closing.addressee,
    header.symbol_matches_type,
    appendix.appendices,
    closing.signing_form,
    appendix.appendix_mentioned,
    currency.current_bodies_and_texts,
    basis.basis_against_library,
]

__all__ = ["ERROR", "RULES", "WARNING", "Issue", "Rule"]

"""How a section is cited, the way Phụ lục II of NĐ 30 writes it: "điểm a khoản 2 Điều 8 Nghị định
số 30/2020/NĐ-CP", "Kế hoạch số 484/KH-UBND, mục II.4".

The main text is cited by the handouts' own rule (`generator/jobs/handout._citation`), so the
page and a printed handout never disagree; that rule wraps the citation in brackets for quoting,
which a citation copied into a sentence does not want. An attached Quy định or Phụ lục is cited
by its own name, "Điều 5 Quy định ban hành kèm theo Quyết định số …", which handouts never need.
"""

from __future__ import annotations

from vanban.generator.jobs.handout import _citation
from vanban.library.model import Annex, Document, Section, SectionKind


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _from_article(trail: list[Section]) -> list[Section]:
    """Articles are numbered through the whole text, so a citation starts at the Điều, as the
    handouts' lookup does ("điểm a khoản 2 Điều 8", not "… Điều 8 chương I")."""
    articles = [i for i, s in enumerate(trail) if s.kind == SectionKind.ARTICLE]
    return trail[articles[-1] :] if articles else trail


def body_citation(doc: Document, trail: list[Section]) -> str:
    text = _citation(doc, _from_article(trail)).removeprefix("(").removesuffix(")")
    if trail[-1].kind in (SectionKind.PART, SectionKind.CHAPTER):  # "Chương I Nghị định số …", as it is headed
        return text[:1].upper() + text[1:]
    return text


def annex_citation(doc: Document, annex: Annex, trail: list[Section]) -> str:
    """Within an annex: legal parts from the smallest up ("khoản 2 Điều 5"), a plan's as "mục I.2"."""
    if any(s.kind == SectionKind.ARTICLE for s in trail):
        parts = reversed(_from_article(trail))
        where = " ".join(s.label if s.kind == SectionKind.ARTICLE else _lower_first(s.label) for s in parts)
    else:
        where = "mục " + ".".join(s.label for s in trail)
    owner = f"{doc.doc_type} số {doc.number}" if doc.number else doc.title
    return f"{where} {annex.label} ban hành kèm theo {owner}".strip()

"""Rules on appendices (PL I, Phần I, Mục III.1): the «Phụ lục» label, its title and the
«(Kèm theo …)» line that ties it to the document."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vanban.generator.checker.anatomy import DOCUMENT, Anatomy
from vanban.generator.checker.rules.element import format_issues
from vanban.generator.checker.rules.registry import Issue, rule
from vanban.library.nd30 import APPENDIX_LABEL_SIZE, APPENDIX_REFERENCE_SIZE, APPENDIX_TITLE_SIZE


@rule("ND30-14", "PL I, Phần I, Mục III.1", "Phụ lục", attachment=True)
def appendices(anatomy: Anatomy) -> Iterable[Issue]:
    for appendix in anatomy.appendices:
        label = appendix.label
        yield from format_issues(label, "«Phụ lục»", size=APPENDIX_LABEL_SIZE, bold=True, center=True)
        if label.clean.startswith("PHỤ LỤC"):
            yield Issue(label.where(), "chữ «Phụ lục» viết thường (chỉ chữ đầu in hoa)", f"«{label.clean}» in hoa")
        for block in appendix.title:
            yield from format_issues(block, "Tên phụ lục", size=APPENDIX_TITLE_SIZE, bold=True, upper=True)
        if appendix.reference is None:
            yield Issue(label.where(), "dòng «(Kèm theo … số … ngày … của …)» dưới tên phụ lục", "không có")
        else:
            yield from format_issues(appendix.reference, "Dòng «Kèm theo»", size=APPENDIX_REFERENCE_SIZE, italic=True)


@rule("ND30-16", "PL I, Phần I, Mục III.1.a", "Phụ lục được dẫn chiếu trong nội dung")
def appendix_mentioned(anatomy: Anatomy) -> Iterable[Issue]:
    """The text must point to each appendix it carries ("… tại Phụ lục II kèm theo"); a numbered
    appendix is looked for by its number, so «Phụ lục I» is not taken for «Phụ lục II»."""
    if anatomy.kind != DOCUMENT or not anatomy.appendices:
        return
    first = min(a.section for a in anatomy.appendices)
    text = " ".join(b.clean for b in anatomy.doc.blocks if b.section < first)
    for appendix in anatomy.appendices:
        label = re.match(r"^phụ lục(\s+[IVXLC\d]+\b)?", appendix.label.clean, re.IGNORECASE).group(0)
        if not re.search(rf"{re.escape(label)}(?![\w])", text, re.IGNORECASE):
            yield Issue(appendix.label.where(), f"nội dung văn bản dẫn chiếu «{label}»", "không nhắc đến")

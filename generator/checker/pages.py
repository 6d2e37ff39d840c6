"""How many pages a document prints on: NĐ 30 numbers pages from page 2, so a one-page document
needs no page number at all (PL I, Phần I, Mục I.4).

Word writes the count it last laid out into docProps/app.xml (`<Pages>`); other writers copy a
template's value or leave it out. The checker trusts that count when it is plausible: no fewer
than the page and section breaks force, and within half (at least one page) of its own estimate;
otherwise it uses the estimate. The estimate lays the text out line by line with the font
metrics: each paragraph takes as many lines as its text needs at the width of its column, each
line 1.15 × its font size times the line spacing, plus the spacing before and after; table rows
take the height of their tallest cell; page breaks and sections start new pages.
"""

from __future__ import annotations

import math
import re
from itertools import groupby

from docx.oxml.ns import qn

from vanban.generator.checker.parts import Block, Inspected

#: A line of Times New Roman takes about 1.15 × the font size (ascent + descent + line gap).
LINE_HEIGHT = 1.15
_PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")


def stated_pages(document) -> int | None:
    """The page count Word saved in docProps/app.xml, if any."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            match = _PAGES.search(part.blob)
            return int(match.group(1)) if match else None
    return None


def page_count(doc: Inspected) -> int:
    stated = stated_pages(doc.document)
    estimate, forced = _layout(doc)
    if stated and stated >= forced and abs(stated - estimate) <= max(1, estimate // 2):
        return stated
    return estimate


def _block_height_pt(doc: Inspected, block: Block) -> float:
    width = doc.container_width_mm(block) or 160
    width -= (block.fmt.left_twips + block.fmt.right_twips) / 1440 * 25.4
    lines = sum(max(1, math.ceil(w / max(width, 10))) for w in block.line_widths_mm())
    size = max(block.sizes() or {11})
    fmt = block.fmt
    if fmt.line is None:
        line = size * LINE_HEIGHT
    elif fmt.line_rule == "auto":
        line = size * LINE_HEIGHT * fmt.line / 240
    else:
        line = max(fmt.line / 20, size * LINE_HEIGHT) if fmt.line_rule == "atLeast" else fmt.line / 20
    return lines * line + fmt.before_pt + fmt.after_pt


def _breaks_page(block: Block) -> bool:
    ppr = block.p.find(qn("w:pPr"))
    before = ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None
    return before or any(br.get(qn("w:type")) == "page" for br in block.p.iter(qn("w:br")))


def _section_height_pt(props) -> float:
    size, margins = props.find(qn("w:pgSz")), props.find(qn("w:pgMar"))
    try:
        height = int(size.get(qn("w:h"))) - abs(int(margins.get(qn("w:top")))) - abs(int(margins.get(qn("w:bottom"))))
    except (AttributeError, TypeError, ValueError):
        height = 16838 - 2 * 1134
    return max(height, 1440) / 20


def estimated_pages(doc: Inspected) -> int:
    return _layout(doc)[0]


def _layout(doc: Inspected) -> tuple[int, int]:
    """(estimated pages, pages that page and section breaks force whatever the text's length)."""
    pages = forced = 0
    for section in doc.sections:
        room = _section_height_pt(section.properties) if section.properties is not None else 770
        filled = 0.0
        forced += 1
        for table, blocks in groupby(section.blocks, key=lambda b: b.table):
            if table is None:
                for block in blocks:
                    if _breaks_page(block):
                        pages += math.ceil(filled / room) or 1
                        forced += 1
                        filled = 0.0
                    filled += _block_height_pt(doc, block)
                continue
            for _row, cells in groupby(blocks, key=lambda b: b.row):
                heights: dict[int | None, float] = {}
                for block in cells:
                    heights[block.col] = heights.get(block.col, 0.0) + _block_height_pt(doc, block)
                filled += max(heights.values())
        pages += max(1, math.ceil(filled / room))
    return pages, forced

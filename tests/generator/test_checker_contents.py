"""A table of contents is not body text: its lines are not judged by the body rules."""

from __future__ import annotations

from vanban.generator.checker.anatomy import in_table_of_contents
from vanban.generator.checker.parts import Inspected
from vanban.generator.wordml.oxml import add_field

from .conftest import composed


def test_lines_of_a_toc_field_are_found_and_nothing_else():
    document = composed("ke-hoach")
    body = document.paragraphs
    first = body[-3]
    add_field(first, 'TOC \\o "1-3" \\h', "Mục một\t3")
    blocks = Inspected(document).blocks
    inside = in_table_of_contents(blocks)
    assert [b.clean for b in blocks if b.index in inside] == [" ".join(first.text.split())]

"""Word rejects parts whose elements break the schema's child order (LibreOffice forgives it), so
every generated document is checked element by element against the sequences we rely on."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from lxml import etree

from vanban.generator.compose.document import compose
from vanban.generator.jobs.handout import build_handout
from vanban.generator.wordml.oxml import SEQUENCES, local_name
from vanban.library.store import Library

from .conftest import KINDS, ROOT, composed, plan_draft


def _order_errors(document) -> list[str]:
    errors = []
    for part in document.part.package.iter_parts():
        if not part.partname.endswith(".xml") or "word/" not in part.partname:
            continue
        root = part._element if hasattr(part, "_element") else etree.fromstring(part.blob)
        for element in root.iter():
            sequence = SEQUENCES.get(local_name(element.tag)) if isinstance(element.tag, str) else None
            if not sequence:
                continue
            positions = [
                sequence.index(local_name(c.tag))
                for c in element
                if isinstance(c.tag, str) and local_name(c.tag) in sequence
            ]
            if positions != sorted(positions):
                names = [local_name(c.tag) for c in element if isinstance(c.tag, str)]
                errors.append(f"{part.partname}: <{local_name(element.tag)}> children {names}")
    return errors


@pytest.mark.parametrize("kind", KINDS)
def test_every_type_follows_the_schema_order(kind):
    assert _order_errors(composed(kind)) == []


def test_plan_and_handout_follow_the_schema_order():
    assert _order_errors(compose(plan_draft())) == []
    library = Library(Path(tempfile.mkdtemp()))
    assert _order_errors(build_handout(ROOT / "examples/handouts/san-xuat-sach-hon.md", library)) == []

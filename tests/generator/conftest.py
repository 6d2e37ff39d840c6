"""Generator fixtures: the shipped example inputs, composed in memory, and paragraph lookup."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from vanban.generator.compose.document import compose
from vanban.generator.compose.inputs import default_profile, load_draft, load_profile
from vanban.generator.jobs.rebuild import draft_from_document
from vanban.library.store import Library

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "draft"
KINDS = ("ke-hoach", "bao-cao", "to-trinh", "cong-van", "quyet-dinh")


def example_draft(kind: str):
    return load_draft(EXAMPLES / f"{kind}.yaml", kind)


def composed(kind: str):
    return compose(example_draft(kind))


def plan_draft():
    document = Library(Path(tempfile.mkdtemp())).get("484/KH-UBND")
    return draft_from_document(document, load_profile(default_profile()))


def paragraphs(document) -> list[Paragraph]:
    return [Paragraph(p, document.part) for p in document.element.body.iter(qn("w:p"))]


def paragraph(document, start: str) -> Paragraph:
    for candidate in paragraphs(document):
        if candidate.text.startswith(start):
            return candidate
    raise AssertionError(f"no paragraph starts with {start!r}")


@pytest.fixture(scope="session")
def plan_document():
    return compose(plan_draft())

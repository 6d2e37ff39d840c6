"""Rendered with LibreOffice (installed by `make test` through scripts/install-system-deps.sh):
what the official reads on paper, not only what the XML says."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from vanban.generator.compose.document import write_docx, write_pdf
from vanban.library.nd30 import NATIONAL_NAME

from .conftest import composed

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice chưa cài (make test cài libreoffice-writer)",
)


@pytest.fixture(scope="module")
def plan_pages(tmp_path_factory, plan_document):
    folder = tmp_path_factory.mktemp("render")
    pdf = write_pdf(write_docx(plan_document, folder / "kh484.docx"))
    return [(page, page.extract_text().splitlines()) for page in PdfReader(pdf).pages]


def test_page_one_has_no_number_and_page_two_shows_2(plan_pages):
    first, second = plan_pages[0][1], plan_pages[1][1]
    assert not first[0].strip().isdigit()
    assert second[0].strip() == "2"


def test_national_name_is_one_line(plan_pages):
    assert NATIONAL_NAME in plan_pages[0][1]


def test_appendix_pages_are_landscape_and_restart_numbering(plan_pages):
    start = next(i for i, (_, lines) in enumerate(plan_pages) if lines and lines[0] == "Phụ lục")
    main, appendix = plan_pages[:start], plan_pages[start:]
    assert all(page.mediabox.width < page.mediabox.height for page, _ in main)
    assert all(page.mediabox.width > page.mediabox.height for page, _ in appendix)
    assert len(appendix) >= 2 and appendix[1][1][0].strip() == "2"


@pytest.mark.parametrize("kind", ["cong-van", "quyet-dinh"])
def test_other_types_render_with_one_line_national_name(tmp_path, kind):
    pdf = write_pdf(write_docx(composed(kind), tmp_path / f"{kind}.docx"))
    assert NATIONAL_NAME in PdfReader(pdf).pages[0].extract_text().splitlines()


def test_saved_again_by_libreoffice_still_checks_clean(tmp_path, plan_document):
    """Officials edit in LibreOffice or Word and save: the document must survive a round trip."""
    from vanban.generator.checker import check_file
    from vanban.library.readers import convert_with_libreoffice

    source = write_docx(plan_document, tmp_path / "kh484.docx")
    (tmp_path / "lo").mkdir()
    saved = convert_with_libreoffice(source, "docx:MS Word 2007 XML", tmp_path / "lo")
    report = check_file(saved)
    assert report.errors == [], [f.to_dict() for f in report.errors]
    assert report.document_type == "Kế hoạch"

"""The signature block never stands alone on a page: rendered with LibreOffice, for every type,
with a short body and with bodies whose end falls at every point of a page."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from docx.oxml.ns import qn
from pypdf import PdfReader

from vanban.generator.compose.document import compose, write_docx
from vanban.generator.compose.inputs import load_draft
from vanban.library.readers import libreoffice

from .conftest import EXAMPLES, KINDS

pytestmark = pytest.mark.skipif(libreoffice() is None, reason="LibreOffice chưa cài (make test cài libreoffice-writer)")

#: Bodies grown one paragraph at a time over more than a page, so that for some length the
#: signature would be pushed alone onto the next page if nothing kept it with the body.
EXTRA_PARAGRAPHS = range(0, 26, 2)
FILLER = (
    "Các sở, ban, ngành và địa phương tổ chức thực hiện nội dung này, báo cáo kết quả về Sở Công Thương "
    "trước ngày 15 tháng 12 hằng năm để tổng hợp, báo cáo Ủy ban nhân dân tỉnh."
)


def _grown(kind: str, extra: int, folder: Path) -> Path:
    data = yaml.safe_load((EXAMPLES / f"{kind}.yaml").read_text(encoding="utf-8"))
    if kind == "quyet-dinh":
        data["dieu"][1:1] = [{"van_ban": f"{FILLER} ({n})"} for n in range(extra)]
    else:
        data["noi_dung"] += [f"{FILLER} ({n})" for n in range(extra)]
    source = folder / f"{kind}-{extra}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    document = compose(load_draft(source, kind))
    return write_docx(document, folder / f"{kind}-{extra}.docx")


def _last_body_words(docx_path: Path) -> str:
    """The first words of the paragraph just before the signature table."""
    import docx

    body = docx.Document(docx_path).element.body
    signature = next(e for e in body if e.tag == qn("w:tbl") and "Nơi nhận:" in "".join(e.itertext()))
    before = [e for e in signature.itersiblings(preceding=True) if e.tag == qn("w:p")]
    text = next("".join(p.itertext()).strip() for p in before if "".join(p.itertext()).strip())
    return " ".join(text.split()[:5])


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered():
    folder = Path(tempfile.mkdtemp(prefix="vanban-sig-"))
    sources = [_grown(kind, extra, folder) for kind in KINDS for extra in EXTRA_PARAGRAPHS]
    profile = folder / "profile"
    subprocess.run(
        [libreoffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, sources)],
        capture_output=True, timeout=600, check=True,
    )  # fmt: skip
    yield {source: source.with_suffix(".pdf") for source in sources}
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("kind", KINDS)
def test_signature_page_holds_the_end_of_the_body(rendered, kind):
    alone = []
    pages_seen = set()
    for source, pdf in rendered.items():
        if not source.stem.startswith(f"{kind}-"):
            continue
        pages = [_normal(page.extract_text()) for page in PdfReader(pdf).pages]
        signer_page = next(i for i, text in enumerate(pages) if "Nguyễn Hồng Lĩnh" in text or "Nơi nhận:" in text)
        pages_seen.add(len(pages))
        if _normal(_last_body_words(source)) not in pages[signer_page]:
            alone.append(f"{source.stem}: page {signer_page + 1} of {len(pages)}")
    assert alone == [], "the signature block stands alone"
    assert len(pages_seen) >= 2, "the sweep must cover a short and a long body (one and more pages)"

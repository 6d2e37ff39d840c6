"""Findings placed on the rendered pages: a known defect boxed where pdftotext prints its words, a
page finding on its whole page, an unknown excerpt reported as not found, no LibreOffice → a reason."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from docx.enum.section import WD_SECTION
from docx.shared import Mm
from lxml import etree
from PIL import Image

from vanban.generator.checker import Finding, Report, check_file, locate
from vanban.generator.checker.locate import (
    NO_LIBREOFFICE,
    NO_POPPLER,
    Box,
    LocatedPages,
    _Matcher,
    _Token,
    _Word,
    locate_findings,
)
from vanban.library import readers

from .conftest import composed, paragraph
from .test_checker import _set_text

needs_tools = pytest.mark.skipif(
    not (readers.libreoffice() and shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="cần LibreOffice và poppler-utils (pdftotext, pdftoppm) để dựng trang",
)
SECOND_PAGE = "Trang thứ hai của công văn, sau dấu ngắt phần"
LONG = "Để có cơ sở tổng hợp"
ABSENT = "Đoạn này không có trong văn bản"


def _defective(folder: Path) -> Path:
    """A công văn with a number without its leading zero, an Arial paragraph over three lines, and
    a second section (new page) whose left margin is too narrow."""
    document = composed("cong-van")
    _set_text(paragraph(document, "Số:"), "Số: 5/UBND-KT")
    for run in paragraph(document, LONG).runs:
        run.font.name = "Arial"
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph(SECOND_PAGE)
    document.sections[1].left_margin = Mm(25)
    path = folder / "cong-van.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def located(tmp_path_factory) -> LocatedPages:
    if not (readers.libreoffice() and shutil.which("pdftotext") and shutil.which("pdftoppm")):
        pytest.skip("cần LibreOffice và poppler-utils (pdftotext, pdftoppm) để dựng trang")
    folder = tmp_path_factory.mktemp("locate")
    path = _defective(folder)
    report = check_file(path)
    number = _finding(report.findings, "ND30-05")
    report.findings.append(replace(number, where={**number.where, "text": ABSENT}))
    return locate_findings(path, report, folder / "out")


def _finding(findings: list[Finding], rule: str, text: str = "") -> Finding:
    return next(f for f in findings if f.rule == rule and f.where["text"].startswith(text))


def _placed(result: LocatedPages, rule: str, text: str = ""):
    return next(f for f in result.findings if f.finding.rule == rule and f.finding.where["text"].startswith(text))


def _printed_words(pdf: Path, page: int) -> tuple[list[tuple[str, tuple[float, ...]]], tuple[float, float]]:
    """pdftotext's own words and page size (points), read independently of the module."""
    xhtml = pdf.with_suffix(".check.html")
    subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), str(xhtml)], check=True)
    root = etree.parse(str(xhtml)).getroot()
    ns = "{http://www.w3.org/1999/xhtml}"
    sheet = next(root.iter(f"{ns}page"))
    words = [
        (w.text, tuple(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in sheet.iter(f"{ns}word")
    ]
    return words, (float(sheet.get("width")), float(sheet.get("height")))


def _inside(box: Box, word: tuple[float, ...], scale: tuple[float, float]) -> bool:
    sx, sy = scale
    left, top, right, bottom = word
    return box.left <= left * sx and box.top <= top * sy and right * sx <= box.right and bottom * sy <= box.bottom


@needs_tools
def test_number_without_zero_is_boxed_on_page_one_round_its_printed_words(located):
    placed = _placed(located, "ND30-05", "Số: 5")
    assert placed.found and [m.page for m in placed.marks] == [1] and not placed.marks[0].whole_page
    page = located.pages[0]
    words, (width, height) = _printed_words(located.pdf, 1)
    scale = (page.width / width, page.height / height)
    box = placed.marks[0].box
    for text in ("Số:", "5/UBND-KT"):
        assert _inside(box, next(b for t, b in words if t == text), scale), text
    assert box.bottom - box.top < 40, "one line, not the header block"


@needs_tools
def test_cut_excerpt_over_several_lines_is_boxed_from_first_to_last_word(located):
    placed = _placed(located, "ND30-02", LONG)
    assert placed.finding.where["text"].endswith("…")
    words, (width, height) = _printed_words(located.pdf, 1)
    page = located.pages[0]
    scale = (page.width / width, page.height / height)
    box = placed.marks[0].box
    last = placed.finding.where["text"].removesuffix("…").split()[-2]  # the last whole word
    assert _inside(box, next(b for t, b in words if t == "Để"), scale)
    assert _inside(box, next(b for t, b in words if t == last), scale)
    assert box.bottom - box.top > 40, "the excerpt runs over more than one line"


@needs_tools
def test_page_finding_gets_the_whole_first_page_of_its_section(located):
    assert len(located.pages) == 2
    placed = _placed(located, "ND30-01")
    assert placed.finding.where["section"] == 2
    page = located.pages[1]
    assert [(m.page, m.whole_page) for m in placed.marks] == [(2, True)]
    assert placed.marks[0].box == Box(0, 0, page.width, page.height)


@needs_tools
def test_excerpt_not_printed_is_reported_as_not_found(located):
    missing = [f.finding.where["text"] for f in located.not_found]
    assert missing == [ABSENT]


@needs_tools
def test_pictures_and_marked_copies_are_in_out_dir(located):
    out = located.pdf.parent
    assert all(p.image.parent == out and p.marked.parent == out for p in located.pages)
    for page in located.pages:
        with Image.open(page.image) as plain, Image.open(page.marked) as marked:
            assert plain.size == marked.size == (page.width, page.height)
    box = _placed(located, "ND30-05", "Số: 5").marks[0].box
    with Image.open(located.pages[0].marked) as marked:
        red = marked.convert("RGB").getpixel((box.left - 3, (box.top + box.bottom) // 2))
    assert red[0] > 180 and red[1] < 60, "the box is drawn just outside the text"
    data = json.loads(json.dumps(located.to_dict()))
    assert data["pages"][0]["image"] == located.pages[0].image.name and data["reason"] is None


def test_without_libreoffice_a_vietnamese_reason_and_no_pictures(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "libreoffice", lambda: None)
    finding = Finding("ND30-05", "Số", "PL I", "error", {"section": 1, "paragraph": 7, "text": "Số: 5"}, "05", "5")
    result = locate_findings(tmp_path / "x.docx", Report("x.docx", None, [finding]), tmp_path / "out")
    assert result.reason == NO_LIBREOFFICE and "LibreOffice" in result.reason
    assert not result.pages and [f.finding for f in result.not_found] == [finding]
    assert not (tmp_path / "out").exists()


def test_without_poppler_a_vietnamese_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "libreoffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(locate.shutil, "which", lambda name: None)
    result = locate_findings(tmp_path / "x.docx", Report("x.docx", None, []), tmp_path / "out")
    assert result.reason == NO_POPPLER and not result.pages


def _words(lines: list[tuple[int, str]]) -> list[_Word]:
    """Printed lines (page, text) as words with made-up boxes, one line 20 pt below the last."""
    words = []
    for row, (page, text) in enumerate(lines):
        for column, word in enumerate(text.split()):
            words.append(_Word(page, word, (column * 50.0, row * 20.0, column * 50.0 + 40, row * 20.0 + 15)))
    return words


def _tokens(paragraphs: list[str]) -> list[_Token]:
    return [_Token(1, n, w) for n, text in enumerate(paragraphs, 1) for w in text.split()]


def test_match_runs_over_a_hyphenated_line_end_and_a_page_break():
    printed = _words([(1, "Phát triển kinh tế - xã hội bền vững, sản xuất sạch"), (2, "hơn và tiêu dùng")])
    matcher = _Matcher(_tokens(["Phát triển kinh tế - xã hội bền vững, sản xuất sạch hơn và tiêu dùng"]), printed)
    words = matcher.words("kinhtếxãhộibềnvững,sảnxuấtsạchhơnvàtiêu", 1, 1, None)
    assert [w.text for w in words][0] == "kinh" and words[-1].text == "tiêu"
    assert {w.page for w in words} == {1, 2}
    broken = _words([(1, "công nghiệp hóa, hiện đại hóa đất nước và sản xuất bền vững"), (1, "trên cả nước")])
    broken[0] = replace(broken[0], text="công-")  # a word broken at the line end
    matcher = _Matcher(_tokens(["công nghiệp hóa"]), broken)
    assert [w.text for w in matcher.words("côngnghiệp", 1, 1, None)] == ["công-", "nghiệp"]


def test_repeated_text_is_placed_by_the_rank_of_its_paragraph():
    printed = _words([(1, "Nơi nhận: - Như trên;"), (2, "Nơi nhận: - Như trên;")])
    matcher = _Matcher(_tokens(["Nơi nhận:", "- Như trên;", "Nơi nhận:", "- Như trên;"]), printed)
    assert {w.page for w in matcher.words("nơinhận:", 3, 1, None)} == {2}
    assert {w.page for w in matcher.words("nơinhận:", 1, 1, None)} == {1}
    assert [(w.text, w.page) for w in matcher.words("nhưtrên;", 4, 1, None)] == [("Như", 2), ("trên;", 2)]
    assert matcher.words("nơinhận:", 3, 1, range(1, 2))[0].page == 1, "only the section's pages are searched"

"""Show each checker finding on the page as printed: the .docx rendered by LibreOffice, each page a
PNG, and per finding the page and the box (in the PNG's pixels) around the text it is about, so a
web page can draw the box over the picture without touching it.

Three programs, each called once per document: LibreOffice (the .docx → PDF), poppler's
`pdftotext -bbox-layout` (every word with its box) and poppler's `pdftoppm` (the pages as PNG). We
read word boxes with `pdftotext` rather than pdfplumber: it is the same poppler that draws the
PNGs, so words and pictures agree, and it adds no Python dependency (lxml reads its XHTML).

Matching compares letters only: both the finding's excerpt and the printed words are put in NFC,
lower-cased, stripped of white space and hyphens (a word broken at the end of a line, "kinh tế - xã
hội" with its dash on the next line), and the excerpt's trailing "…" is dropped. The excerpt must
then appear, starting at the beginning of a printed word, in the printed words joined in reading
order across lines and pages. When it appears more than once, the finding's paragraph says which:
if it is the third paragraph of its section starting with this text, the box goes round the third
place it is printed in that section's pages. A section's pages run from the page its first
paragraph is printed on to the page before the next section (that page too when the next section
starts on the same page). Findings about the page itself (paper, margins, page numbers) have no
paragraph: they get the whole first page of their section.
"""

from __future__ import annotations

import bisect
import math
import re
import shutil
import struct
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree
from PIL import Image, ImageDraw

from vanban.generator.checker import Finding, Report, open_docx
from vanban.generator.checker.parts import Inspected
from vanban.library import readers
from vanban.library.errors import VanbanError
from vanban.library.vietnamese import nfc

#: 96 dpi is the screen's own scale: an A4 page is 794 × 1123 px, its 13 pt text readable.
DEFAULT_DPI = 96
#: Characters that do not count when comparing: hyphens (a word broken at a line end), the soft
#: hyphen, zero-width spaces and the byte-order mark.
_IGNORED = frozenset("-\u00ad\u2010\u2011\u200b\u200c\u200d\ufeff")
_XHTML = "{http://www.w3.org/1999/xhtml}"
_POPPLER_TIMEOUT = 120
_MARK_COLOUR = (220, 0, 0)
_MARK_WIDTH = 3
NO_LIBREOFFICE = (
    "Máy chưa cài LibreOffice nên không dựng được hình các trang để chỉ chỗ sai; các lỗi vẫn được liệt kê "
    "bên dưới. Cài bằng: sudo apt-get install libreoffice-writer"
)
NO_POPPLER = (
    "Máy chưa cài poppler-utils (pdftotext, pdftoppm) nên không dựng được hình các trang để chỉ chỗ sai; "
    "các lỗi vẫn được liệt kê bên dưới. Cài bằng: sudo apt-get install poppler-utils"
)


@dataclass(frozen=True)
class Box:
    """A rectangle in the pixels of a page's PNG: (0, 0) is the top left corner."""

    left: int
    top: int
    right: int
    bottom: int

    def to_dict(self) -> dict:
        return {"left": self.left, "top": self.top, "width": self.right - self.left, "height": self.bottom - self.top}


@dataclass(frozen=True)
class Mark:
    """Where a finding is shown: one per page its text is printed on."""

    page: int
    box: Box
    #: The finding is about the page itself (paper, margins, page numbers), not a piece of text.
    whole_page: bool = False

    def to_dict(self) -> dict:
        return {"page": self.page, "box": self.box.to_dict(), "whole_page": self.whole_page}


@dataclass
class LocatedFinding:
    finding: Finding
    #: Empty when the finding's text was not found on any page: the page lists it without a picture.
    marks: list[Mark] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.marks)

    def to_dict(self) -> dict:
        return {"finding": self.finding.to_dict(), "found": self.found, "marks": [m.to_dict() for m in self.marks]}


@dataclass
class Page:
    number: int
    image: Path
    width: int
    height: int
    #: The same picture with the boxes drawn on it; None when the page has no finding.
    marked: Path | None = None

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "image": self.image.name,
            "width": self.width,
            "height": self.height,
            "marked": self.marked.name if self.marked else None,
        }


@dataclass
class LocatedPages:
    """What a page needs to show a report on the printed document; files are in `out_dir`."""

    findings: list[LocatedFinding]
    pages: list[Page] = field(default_factory=list)
    pdf: Path | None = None
    dpi: int = DEFAULT_DPI
    #: Why there are no pictures (Vietnamese, for the user); None when the pages were rendered.
    reason: str | None = None

    @property
    def not_found(self) -> list[LocatedFinding]:
        return [f for f in self.findings if not f.found]

    def on_page(self, number: int) -> list[LocatedFinding]:
        return [f for f in self.findings if any(m.page == number for m in f.marks)]

    def to_dict(self) -> dict:
        """For the web page: file names relative to `out_dir`, boxes in image pixels."""
        return {
            "pdf": self.pdf.name if self.pdf else None,
            "dpi": self.dpi,
            "reason": self.reason,
            "pages": [p.to_dict() for p in self.pages],
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class _Word:
    """A printed word: its page, text and box in PDF points, as pdftotext reads them."""

    page: int
    text: str
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class _Token:
    """A word of the .docx with the paragraph and section it belongs to."""

    section: int
    paragraph: int
    text: str


def _key(text: str) -> str:
    """The letters that must match: NFC, lower case, no white space, no hyphens."""
    return "".join(ch for ch in nfc(text).casefold() if not ch.isspace() and ch not in _IGNORED)


class _Stream:
    """Words joined into one string of their keys, so a match may run over lines and pages while
    every character still leads back to its word."""

    def __init__(self, words: list, text_of: Callable[[object], str]):
        self.words = words
        keys = [_key(text_of(w)) for w in words]
        self.starts: list[int] = []
        position = 0
        for key in keys:
            self.starts.append(position)
            position += len(key)
        self.text = "".join(keys)
        self._boundaries = set(self.starts)

    def find(self, key: str, keep: Callable[[object], bool] = lambda _: True) -> list[int]:
        """Indices of the words where `key` starts (at a word's beginning) and `keep` accepts."""
        found = []
        position = self.text.find(key)
        while position >= 0 and key:
            if position in self._boundaries:
                index = bisect.bisect_right(self.starts, position) - 1  # after any word with no letters ("-")
                if keep(self.words[index]):
                    found.append(index)
            position = self.text.find(key, position + 1)
        return found

    def covered(self, index: int, length: int) -> list:
        """The words `length` key characters from word `index` touch, skipping those with no letters."""
        end = self.starts[index] + length
        last = bisect.bisect_left(self.starts, end) - 1
        return [w for i, w in enumerate(self.words[index : last + 1], index) if self._length(i)]

    def _length(self, index: int) -> int:
        following = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return following - self.starts[index]


def _excerpt_key(text: str) -> str:
    return _key(text.strip().removesuffix("…"))


def _read_words(xhtml: Path) -> tuple[list[_Word], list[tuple[float, float]]]:
    """Words in reading order and each page's size in points, from `pdftotext -bbox-layout`."""
    words, sizes = [], []
    root = etree.parse(str(xhtml)).getroot()
    for number, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        sizes.append((float(page.get("width")), float(page.get("height"))))
        for word in page.iter(f"{_XHTML}word"):
            box = tuple(float(word.get(name)) for name in ("xMin", "yMin", "xMax", "yMax"))
            words.append(_Word(number, word.text or "", box))
    return words, sizes


def _docx_tokens(docx_path: Path) -> tuple[list[_Token], set[int]]:
    """The document's words in order, and the sections that start on the last page of the one
    before (a continuous section break)."""
    doc = Inspected(open_docx(docx_path))
    tokens = [_Token(b.section, b.index, word) for b in doc.blocks for word in b.text.split()]
    continuous = set()
    for section in doc.sections:
        kind = section.properties.find(qn("w:type")) if section.properties is not None else None
        if kind is not None and kind.get(qn("w:val")) == "continuous":
            continuous.add(section.number)
    return tokens, continuous


class _Matcher:
    """Finds a paragraph's text on the printed pages, by its rank among the places it occurs."""

    def __init__(self, tokens: list[_Token], words: list[_Word]):
        self.document = _Stream(tokens, lambda t: t.text)
        self.printed = _Stream(words, lambda w: w.text)
        self.first_word: dict[int, int] = {}
        self.texts: dict[int, str] = {}
        for index, token in enumerate(tokens):
            if _key(token.text):  # a paragraph "- Như trên;" is found from "Như"
                self.first_word.setdefault(token.paragraph, index)
            self.texts[token.paragraph] = self.texts.get(token.paragraph, "") + token.text

    def words(self, key: str, paragraph: int | None, section: int | None, pages: range | None) -> list[_Word]:
        """The printed words of `key`: its occurrence in the section's pages with the rank the
        paragraph has among the section's paragraphs containing it (in the whole document when
        the section's pages are unknown or hold no occurrence)."""
        scopes = [(lambda t: t.section == section, lambda w: w.page in pages)] if pages else []
        scopes.append((lambda _: True, lambda _: True))
        for in_section, on_pages in scopes:
            printed = self.printed.find(key, on_pages)
            if not printed:
                continue
            ours = self.document.find(key, in_section)
            start = self.first_word.get(paragraph) if paragraph is not None else None
            rank = ours.index(start) if start in ours else 0
            return self.printed.covered(printed[min(rank, len(printed) - 1)], len(key))
        return []


def _section_pages(matcher: _Matcher, continuous: set[int], page_count: int) -> dict[int, range]:
    """Each section's pages, from where its first paragraph is printed; a section whose first
    paragraph is not found is left out (its findings are searched in the whole document)."""
    firsts: dict[int, int] = {}
    for token in matcher.document.words:
        firsts.setdefault(token.section, token.paragraph)
    starts = {1: 1}
    for section, paragraph in sorted(firsts.items()):
        if section > 1:
            found = matcher.words(_key(matcher.texts[paragraph]), paragraph, None, None)
            if found:
                starts[section] = found[0].page
    ranges = {}
    for section, first in starts.items():
        following = starts.get(section + 1)
        if following is None and section + 1 in firsts:
            continue  # the next section was not found: where this one ends is unknown
        if following is None:
            last = page_count
        elif section + 1 in continuous:
            last = following
        else:
            last = following - 1
        ranges[section] = range(first, max(first, last) + 1)
    return ranges


def _run(command: list[str], path: Path) -> None:
    """Run a poppler program; its failure becomes a Vietnamese error naming the file."""
    try:
        result = subprocess.run(command, capture_output=True, timeout=_POPPLER_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise VanbanError(f"{command[0]} chạy quá {_POPPLER_TIMEOUT} giây và đã bị dừng.", path) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()[:200]
        raise VanbanError(f"{command[0]} không đọc được tệp PDF ({detail or 'không rõ lý do'}).", path)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), without an imaging library."""
    return struct.unpack(">II", path.read_bytes()[16:24])


def _pictures(out_dir: Path, prefix: str) -> dict[str, Path]:
    """Our pictures in `out_dir`, by the part after the prefix: "3" (or "03": pdftoppm pads the
    number to the width of the page count) for a page, "3-danh-dau" for its marked copy."""
    pattern = re.compile(re.escape(prefix) + r"-(\d+(?:-danh-dau)?)")
    found = {}
    for path in out_dir.glob(f"{prefix}-*.png"):
        match = pattern.fullmatch(path.stem)
        if match:
            found[match.group(1)] = path
    return found


def _render(docx_path: Path, out_dir: Path, dpi: int) -> tuple[Path, list[_Word], list[Page], list[tuple]]:
    """The PDF, its words, its pages as PNG and their sizes in points: one call of each program."""
    pdf = readers.convert_with_libreoffice(docx_path, "pdf", out_dir)
    xhtml = out_dir / f"{pdf.stem}.words.html"
    _run(["pdftotext", "-bbox-layout", str(pdf), str(xhtml)], pdf)
    words, sizes = _read_words(xhtml)
    prefix = pdf.stem
    for stale in _pictures(out_dir, prefix).values():  # of an earlier rendering, maybe longer
        stale.unlink()
    _run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / prefix)], pdf)
    pages = []
    for number, image in sorted((int(name), path) for name, path in _pictures(out_dir, prefix).items()):
        width, height = _png_size(image)
        pages.append(Page(number, image, width, height))
    return pdf, words, pages, sizes


def _pixels(box: tuple[float, float, float, float], page: Page, size: tuple[float, float]) -> Box:
    """Points → the PNG's pixels, rounded outwards so the box never cuts a letter."""
    sx, sy = page.width / size[0], page.height / size[1]
    left, top, right, bottom = box
    return Box(
        max(0, math.floor(left * sx)),
        max(0, math.floor(top * sy)),
        min(page.width, math.ceil(right * sx)),
        min(page.height, math.ceil(bottom * sy)),
    )


def _marks(words: list[_Word], pages: dict[int, Page], sizes: list[tuple]) -> list[Mark]:
    """One box per page round the words printed on it."""
    marks = []
    for number in dict.fromkeys(w.page for w in words):
        on_page = [w.box for w in words if w.page == number]
        union = (
            min(b[0] for b in on_page),
            min(b[1] for b in on_page),
            max(b[2] for b in on_page),
            max(b[3] for b in on_page),
        )
        marks.append(Mark(number, _pixels(union, pages[number], sizes[number - 1])))
    return marks


def _locate_one(
    finding: Finding, matcher: _Matcher, sections: dict[int, range], pages: dict[int, Page], sizes: list[tuple]
) -> LocatedFinding:
    section, paragraph = finding.where.get("section"), finding.where.get("paragraph")
    if paragraph is None:
        number = sections[section].start if section in sections else 1
        page = pages[number]
        return LocatedFinding(finding, [Mark(number, Box(0, 0, page.width, page.height), whole_page=True)])
    key = _excerpt_key(finding.where.get("text") or "")
    words = matcher.words(key, paragraph, section, sections.get(section)) if key else []
    return LocatedFinding(finding, _marks(words, pages, sizes))


def _draw(page: Page, marks: Iterable[Mark], out_dir: Path) -> Path:
    """The page with its boxes drawn a little outside the text, for a page that shows a plain picture."""
    with Image.open(page.image) as image:
        picture = image.convert("RGB")
    draw = ImageDraw.Draw(picture)
    pad = _MARK_WIDTH + 1
    for mark in marks:
        box = mark.box
        if mark.whole_page:
            outline = (0, 0, page.width - 1, page.height - 1)
        else:
            outline = (box.left - pad, box.top - pad, box.right + pad, box.bottom + pad)
        draw.rectangle(outline, outline=_MARK_COLOUR, width=_MARK_WIDTH)
    marked = out_dir / f"{page.image.stem}-danh-dau.png"
    picture.save(marked)
    return marked


def locate_findings(docx_path: Path, report: Report, out_dir: Path, dpi: int = DEFAULT_DPI) -> LocatedPages:
    """Each finding of `report` (made by `check_file(docx_path)`) placed on the rendered pages.

    Never raises for a missing program, or a file LibreOffice or poppler cannot handle: the result
    then has no pages, every finding unplaced, and `reason` says why in Vietnamese."""
    unplaced = [LocatedFinding(f) for f in report.findings]
    if readers.libreoffice() is None:
        return LocatedPages(unplaced, dpi=dpi, reason=NO_LIBREOFFICE)
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        return LocatedPages(unplaced, dpi=dpi, reason=NO_POPPLER)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        pdf, words, pages, sizes = _render(Path(docx_path), out_dir, dpi)
        tokens, continuous = _docx_tokens(Path(docx_path))
    except VanbanError as error:
        return LocatedPages(unplaced, dpi=dpi, reason=error.message)
    if len(pages) != len(sizes):
        return LocatedPages(unplaced, pdf=pdf, dpi=dpi, reason="pdftoppm không tạo đủ hình các trang của tệp PDF.")
    matcher = _Matcher(tokens, words)
    sections = _section_pages(matcher, continuous, len(pages))
    by_number = {p.number: p for p in pages}
    located = [_locate_one(f, matcher, sections, by_number, sizes) for f in report.findings]
    for page in pages:
        marks = [m for f in located for m in f.marks if m.page == page.number]
        if marks:
            page.marked = _draw(page, marks, out_dir)
    return LocatedPages(located, pages, pdf, dpi)

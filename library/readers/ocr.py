"""OCR: scanned pages (image-only PDF pages, .png/.jpg/.tiff) → text, with a confidence per page.

The engine is Tesseract with its Vietnamese model, driven through pytesseract, and poppler's
`pdftoppm` rasterises PDF pages.  OCRmyPDF was the other candidate: it deskews, cleans and writes a
searchable PDF, but it pulls Ghostscript, pikepdf and a dozen more packages to produce a PDF we do
not keep, and it does not hand back the word boxes and confidences we need; pytesseract is one
small pure-Python module over the same engine, and its TSV output gives every word's box and
confidence.

A page is read like `pdftotext -layout` reads a typed PDF: Tesseract's blocks are put in reading
order (blocks side by side: the left one first), each recognised line is drawn on a character
grid at its position on the page, and `pdf.layout_lines` reads a two-column header or signature
block column by column — Tesseract often returns "ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI…" as one
line.  `ocr_repair` then removes what stamps and signatures leave and fixes the slips that matter
to the parser.  Pages run in parallel, one single-threaded Tesseract per core (Tesseract's own
OpenMP threads cost far more than they give when several pages run at once).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from vanban.library.errors import VanbanError
from vanban.library.model import Scan, ScanPage
from vanban.library.readers.base import RawText, finish
from vanban.library.readers.ocr_context import repair_marks
from vanban.library.readers.ocr_layout import Table, erase_rules, header_band, ruled_tables, without_red_ink
from vanban.library.readers.ocr_repair import (
    drop_page_furniture,
    is_stray,
    repair_header,
    repair_lines,
    repair_signature,
)
from vanban.library.readers.pdf import implausible_share, layout_lines

OCR_MODES = ("auto", "force", "off")
LANGUAGE = "vie"
DPI = 300
_PAGE_TIMEOUT = 300
#: A word under this confidence on a line across a gutter sends its block to be re-read by column.
_DOUBTFUL = 60.0
_INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"

PageProgress = Callable[[Path, int, int], None]
"""Hears (file, pages recognised so far, pages to recognise) after each page."""


@dataclass(frozen=True)
class OcrOptions:
    """How `library add` treats scans: `auto` recognises only pages without a usable text layer,
    `force` every page, `off` none (a scan is then refused as before)."""

    mode: str = "auto"
    on_page: PageProgress | None = None

    def __post_init__(self) -> None:
        if self.mode not in OCR_MODES:
            raise VanbanError(f"--ocr «{self.mode}» không có; chọn một trong: {', '.join(OCR_MODES)}.")


@dataclass
class RecognisedText(RawText):
    """A reader's text some of which was recognised from images, with where it came from."""

    scan: Scan | None = None


@dataclass
class Page:
    """One recognised page: its lines (repaired, in reading order) and mean word confidence."""

    number: int
    lines: list[str] = field(default_factory=list)
    confidence: float = 0.0


def require_tesseract(path: Path) -> None:
    """A clear Vietnamese message, naming the file, when Tesseract or its Vietnamese model is missing."""
    try:
        import pytesseract
    except ImportError:
        raise VanbanError(
            "tệp là bản scan, cần nhận dạng chữ (OCR) nhưng thiếu gói Python pytesseract. "
            "Cài lại vanban (pip install vanban) rồi thêm lại.",
            path,
        ) from None
    if not shutil.which("tesseract"):
        raise VanbanError(
            f"tệp là bản scan, cần nhận dạng chữ (OCR) nhưng máy chưa cài Tesseract. Cài bằng: {_INSTALL}",
            path,
        )
    if LANGUAGE not in pytesseract.get_languages():
        raise VanbanError(
            f"tệp là bản scan, cần nhận dạng chữ (OCR) nhưng Tesseract chưa có bộ chữ tiếng Việt. Cài bằng: {_INSTALL}",
            path,
        )


def engine_name() -> str:
    import pytesseract

    return f"Tesseract {pytesseract.get_tesseract_version()} ({LANGUAGE})"


def recognise_pdf_pages(path: Path, pages: list[int], options: OcrOptions) -> list[Page]:
    """The given 1-based pages of a PDF, rasterised at 300 dpi and recognised in parallel."""
    require_tesseract(path)
    if not shutil.which("pdftoppm"):
        raise VanbanError(
            "cần poppler-utils (pdftoppm) để nhận dạng chữ bản scan PDF. Cài bằng: sudo apt-get install poppler-utils",
            path,
        )
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as folder:

        def one(number: int) -> Page:
            image = _rasterise(path, number, Path(folder))
            return recognise_image(image, number, DPI)

        return _in_parallel(path, pages, one, options)


def read_image(path: Path, data: bytes, options: OcrOptions | None = None) -> RecognisedText:
    """A .png/.jpg/.tiff scan (every frame of a multi-page TIFF) → text recognised page by page."""
    options = options or OcrOptions()
    if options.mode == "off":
        raise VanbanError("tệp ảnh chỉ đọc được bằng nhận dạng chữ (OCR), mà --ocr off đã tắt việc này.", path)
    require_tesseract(path)
    from PIL import Image, ImageSequence, UnidentifiedImageError

    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as folder:
        frames: list[tuple[Path, int]] = []
        try:
            with Image.open(path) as image:
                dpi = round(float(image.info.get("dpi", (DPI, DPI))[0])) or DPI
                for number, frame in enumerate(ImageSequence.Iterator(image), 1):
                    target = Path(folder) / f"trang-{number}.png"
                    without_red_ink(frame).save(target)
                    frames.append((target, dpi))
        except (UnidentifiedImageError, OSError) as error:
            raise VanbanError(f"tệp ảnh bị hỏng hoặc không đọc được ({error}).", path) from None
        numbers = list(range(1, len(frames) + 1))
        pages = _in_parallel(path, numbers, lambda n: recognise_image(frames[n - 1][0], n, frames[n - 1][1]), options)
    return recognised_text(path, data, {page.number: page for page in pages}, [])


def recognised_text(path: Path, data: bytes, recognised: dict[int, Page], typed: list[list[str]]) -> RecognisedText:
    """The whole text, page by page: a recognised page's lines where there is one, else the typed
    page's (`typed[i]` for page i + 1; empty for an image file); refused when nothing was read."""
    count = max([len(typed), *recognised])
    pages = [recognised[n].lines if n in recognised else typed[n - 1] for n in range(1, count + 1)]
    ocr_pages = [n - 1 for n in recognised]
    cleaned = drop_page_furniture([pages[i] for i in ocr_pages])
    for index, lines in zip(ocr_pages, cleaned, strict=True):
        pages[index] = lines
    if 1 in recognised:
        pages[0] = repair_header(pages[0])
    if count in recognised:
        pages[-1] = repair_signature(pages[-1])
    marks = {}
    for index in ocr_pages:
        pages[index], marks[index + 1] = repair_marks(pages[index])
    text = finish("\n".join(line for lines in pages for line in lines))
    if len(text.strip()) < 20:
        raise VanbanError(
            "tệp không có lớp chữ và nhận dạng chữ (OCR) không đọc được chữ nào: bản scan trống, quá mờ "
            "hoặc quá nhỏ. Hãy quét lại ở 300 dpi.",
            path,
        )
    scan = Scan(
        path=str(path.resolve()),
        sha256=hashlib.sha256(data).hexdigest(),
        engine=engine_name(),
        pages=[ScanPage(n, round(recognised[n].confidence, 1)) for n in sorted(recognised)],
    )
    doubtful = scan.doubtful_pages()
    notes = []
    if doubtful:
        listed = ", ".join(f"{p.page} ({p.confidence:.0f}%)" for p in doubtful)
        notes.append(f"chữ nhận dạng (OCR) ở trang {listed} có độ tin cậy thấp; hãy đối chiếu với bản scan.")
    if any(marks.values()):
        listed = ", ".join(f"trang {page} ({n} chữ)" for page, n in sorted(marks.items()) if n)
        notes.append(f"đã sửa dấu và số La Mã theo ngữ cảnh sau OCR ở {listed}; hãy đối chiếu với bản scan.")
    return RecognisedText(text, notes=notes, scan=scan)


def recognise_image(image: Path, number: int, dpi: int) -> Page:
    """One page image → its repaired lines in reading order and the mean confidence of its words."""
    from PIL import Image

    with Image.open(image) as page:
        if page.mode != "L":
            without_red_ink(page).save(image)
    straighten(image)
    with Image.open(image) as page:
        page = page.convert("L")
    tables = ruled_tables(page)
    if tables:
        erase_rules(page, tables).save(image)
    words = _recognise(image, number, dpi, "--psm 3")
    if not words:  # its layout analysis can call a page with a dark border empty: read it as one block
        words = _recognise(image, number, dpi, "--psm 6")
    band = header_band(page)
    header = [_Region(0, band.top, page.width, band.bottom, band.split)] if band else []
    for region in header + [r for r in _doubtful_columns(words) if not any(r.overlaps(h) for h in header)]:
        words = [w for w in words if not region.holds(w)] + _reread(image, number, dpi, region)
    words = _reread_run_together(image, number, dpi, words)
    kept = [w for w in words if not is_stray(w.text, w.confidence)]
    confidence = statistics.fmean(w.confidence for w in kept) if kept else 0.0
    return Page(number, repair_lines(_reading_order(kept, tables)), confidence)


def _recognise(image: Path, number: int, dpi: int, mode: str, offset: tuple[int, int, int] = (0, 0, 0)) -> list[_Word]:
    """Tesseract's words on `image` (boxes moved by `offset`'s x and y, block numbers by its third)."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            str(image),
            lang=LANGUAGE,
            config=f"{mode} --dpi {dpi}",
            output_type=pytesseract.Output.DICT,
            timeout=_PAGE_TIMEOUT,
        )
    except RuntimeError:  # pytesseract's timeout
        raise VanbanError(
            f"nhận dạng chữ trang {number} quá {_PAGE_TIMEOUT // 60} phút và đã bị dừng.", image
        ) from None
    except pytesseract.TesseractError as error:
        raise VanbanError(f"Tesseract không đọc được trang {number} ({error.message.strip()[:200]}).", image) from None
    return list(_words(data, offset))


@dataclass
class _Region:
    """A two-column band of a page (header or signature) and the x where its columns part."""

    left: int
    top: int
    right: int
    bottom: int
    split: int

    def holds(self, word: _Word) -> bool:
        middle_y = (word.top + word.bottom) / 2
        return self.top <= middle_y <= self.bottom and self.left <= word.left and word.right <= self.right

    def overlaps(self, other: _Region) -> bool:
        return self.top < other.bottom and other.top < self.bottom


def _doubtful_columns(words: list[_Word]) -> list[_Region]:
    """Blocks where Tesseract ran a line across a wide gutter and read some of it badly: it took two
    columns of different sizes (the small Nơi nhận list beside the signature) for one."""
    if not words:
        return []
    char = sum(w.right - w.left for w in words) / sum(len(w.text) for w in words)
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    regions: dict[int, _Region] = {}
    for key, line in lines.items():
        line.sort(key=lambda w: w.left)
        gaps = [(b.left - a.right, (a.right + b.left) // 2) for a, b in zip(line, line[1:], strict=False)]
        if not gaps or max(gaps)[0] < 6 * char or min(w.confidence for w in line) >= _DOUBTFUL:
            continue
        block = [w for w in words if w.block == key[0]]
        regions[key[0]] = _Region(
            min(w.left for w in block) - 10,
            min(w.top for w in block) - 10,
            max(w.right for w in block) + 10,
            max(w.bottom for w in block) + 10,
            max(gaps)[1],
        )
    return list(regions.values())


def _reread(image: Path, number: int, dpi: int, region: _Region) -> list[_Word]:
    """Each column of a doubtful region recognised on its own, as one block of text."""
    from PIL import Image

    words: list[_Word] = []
    with Image.open(image) as page:
        for side, (x0, x1) in enumerate(((region.left, region.split), (region.split, region.right))):
            crop = image.with_name(f"{image.stem}-{region.top}-{side}.png")
            page.crop((max(0, x0), max(0, region.top), x1, region.bottom)).save(crop)
            block = 10_000 + 2 * region.top + side  # apart from Tesseract's own block numbers
            words += _recognise(crop, number, dpi, "--psm 6", (max(0, x0), max(0, region.top), block))
    return words


#: A word this long in capitals that no syllable spells is a line Tesseract read without its spaces.
_RUN_TOGETHER = 10
#: White paper put around a line cut out to be read again: Tesseract reads badly at a crop's edge.
_MARGIN = 30


def _reread_run_together(image: Path, number: int, dpi: int, words: list[_Word]) -> list[_Word]:
    """A line whose words came back run together ("UBNDTỈNHPHÚTHỌ") recognised again on its own.

    In a block read as one (`--psm 6`) Tesseract measures the spaces between words on the block's
    largest type, so a line in smaller, lighter type above a bold one (the parent agency over the
    issuer) loses every space and is then dropped as a stray.  Cut out alone, with a margin of
    paper around it, the same line reads right."""
    from PIL import Image, ImageOps

    lines = {w.line for w in words if _run_together(w.text)}
    if not lines:
        return words
    fresh: list[_Word] = []
    with Image.open(image) as page:
        for key in sorted(lines):
            line = [w for w in words if w.line == key]
            height = max(w.bottom for w in line) - min(w.top for w in line)
            box = (  # the line's own height: a margin above or below would take in its neighbours
                max(0, min(w.left for w in line) - height // 4),
                min(w.top for w in line),
                min(page.width, max(w.right for w in line) + height // 4),
                max(w.bottom for w in line),
            )
            crop = image.with_name(f"{image.stem}-dong-{box[1]}.png")
            ImageOps.expand(page.crop(box), _MARGIN, fill=255).save(crop)
            again = _recognise(crop, number, dpi, "--psm 6", (box[0] - _MARGIN, box[1] - _MARGIN, 0))
            again = [replace(w, block=line[0].block, line=key) for w in again]  # in the line's place
            if again and not any(_run_together(w.text) for w in again):
                words = [w for w in words if w.line != key]
                fresh += again
    return words + fresh


def _run_together(text: str) -> bool:
    letters = "".join(ch for ch in text if ch.isalpha())
    return len(letters) >= _RUN_TOGETHER and letters.isupper() and implausible_share(letters.lower()) == 1.0


def straighten(image: Path) -> float:
    """Turn a page scanned askew (up to ±3°) level, in place, and return the angle turned.

    Tesseract reads a slightly turned line well, but across the gutter of a two-column header or
    signature a 1.5° turn moves the right column by half a line, and Tesseract then runs a line of
    the small Nơi nhận list into the larger signature line beside it and misreads both.  The angle
    is the one whose row profile is sharpest (text lines and gaps alternate most), found on a
    reduced copy, coarse then fine."""
    from PIL import Image, ImageOps

    with Image.open(image) as page:
        page = page.convert("L")
    small = ImageOps.invert(page.reduce(max(1, page.width // 600)))

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR)
        rows = turned.resize((1, small.height), Image.Resampling.BOX).tobytes()  # one grey byte a row
        return sum((a - b) ** 2 for a, b in zip(rows, rows[1:], strict=False))

    best = max((a / 4 for a in range(-12, 13)), key=sharpness)
    best = max((best + a / 20 for a in range(-4, 5)), key=sharpness)
    if abs(best) >= 0.1:
        page.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255).save(image)
    return best


@dataclass
class _Word:
    block: int
    line: tuple[int, int, int]
    left: int
    top: int
    right: int
    bottom: int
    text: str
    confidence: float


def _words(data: dict, offset: tuple[int, int, int]) -> Iterator[_Word]:
    """The words of Tesseract's TSV output, their boxes moved by `offset` (x, y, block number)."""
    dx, dy, db = offset
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        confidence = float(data["conf"][i])
        if not text or confidence < 0:
            continue
        left, top = data["left"][i] + dx, data["top"][i] + dy
        block = data["block_num"][i] + db
        yield _Word(
            block=block,
            line=(block, data["par_num"][i], data["line_num"][i]),
            left=left,
            top=top,
            right=left + data["width"][i],
            bottom=top + data["height"][i],
            text=text,
            confidence=confidence,
        )


def _reading_order(words: list[_Word], tables: list[Table]) -> list[str]:
    """Blocks in reading order (`_blocks_in_order`), each line drawn on a grid at its place on the
    page (`_on_grid`), then read with `layout_lines` so that a line Tesseract ran across the gutter
    of a two-column header splits into its columns, the left one read first.  A ruled table's
    words make one block of their own, read row by row with its cells tab-separated (as the .docx
    reader gives a table), not column by column as Tesseract reads it."""
    if not words:
        return []
    words = [_in_table(w, tables) for w in words]
    order = {block: rank for rank, block in enumerate(_blocks_in_order(words))}
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for w in sorted(words, key=lambda w: (order[w.block], w.line, w.left)):
        lines.setdefault(w.line, []).append(w)
    letter = sum(w.right - w.left for w in words) / sum(len(w.text) for w in words)
    height = statistics.median(w.bottom - w.top for w in words)
    out: list[str] = []
    grid: list[str] = []
    previous: list[_Word] | None = None
    read: set[int] = set()
    for (block, _, _), line in lines.items():
        if block >= _TABLE_BLOCK:
            if block not in read:
                out += layout_lines("\n".join(grid)) + _table_rows(
                    tables[block - _TABLE_BLOCK], [w for w in words if w.block == block], height
                )
                grid, previous = [], None
                read.add(block)
            continue
        top = min(w.top for w in line)
        if previous is not None:
            gap = top - max(w.bottom for w in previous)
            if gap > 2 * height or top < min(w.top for w in previous):
                grid.append("")  # a wide space or the next column: a paragraph break
        grid.append(_on_grid(line, letter))
        previous = line
    return out + layout_lines("\n".join(grid))


_TABLE_BLOCK = 20_000
"""Block numbers of the tables' words: apart from Tesseract's and the re-read columns' numbers."""


def _in_table(word: _Word, tables: list[Table]) -> _Word:
    """The word moved into its table's block (row as its line) when its middle is in a table."""
    for index, table in enumerate(tables):
        cell = table.cell((word.left + word.right) / 2, (word.top + word.bottom) / 2)
        if cell:
            block = _TABLE_BLOCK + index
            return replace(word, block=block, line=(block, cell[0], cell[1]))
    return word


def _table_rows(table: Table, words: list[_Word], height: float) -> list[str]:
    """One line a row, its cells tab-separated; a cell's words in lines (tops closer than half a
    line height), left to right."""
    cells: dict[tuple[int, int], list[_Word]] = {}
    for w in words:
        cells.setdefault(w.line[1:], []).append(w)
    rows = []
    for row in range(len(table.rows)):
        texts = []
        for column in range(max(1, len(table.columns[row]) - 1)):
            in_cell = sorted(cells.get((row, column), []), key=lambda w: w.top)
            lines: list[list[_Word]] = []
            for w in in_cell:
                if lines and abs(w.top - lines[-1][0].top) < height / 2:
                    lines[-1].append(w)
                else:
                    lines.append([w])
            texts.append(" ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.left)))
        if any(texts):
            rows.append("\t".join(texts).rstrip("\t"))
    return rows


def _on_grid(line: list[_Word], letter: float) -> str:
    """A line cut where words stand four letters or more apart (a gutter, a tab), each part written
    from its place on the page in half-letter columns with single spaces inside: a part never runs
    past its place (capitals and digits are wider than the mean letter), and only a real gap
    leaves the blank columns `layout_lines` reads as a gutter."""
    parts: list[list[_Word]] = []
    for w in line:
        if parts and w.left - parts[-1][-1].right < 4 * letter:
            parts[-1].append(w)
        else:
            parts.append([w])
    text = ""
    for part in parts:
        column = round(part[0].left / (letter / 2))
        text += " " * max(1 if text else 0, column - len(text)) + " ".join(w.text for w in part)
    return text


def _blocks_in_order(words: list[_Word]) -> list[int]:
    """Blocks in bands of vertical overlap, top to bottom; inside a band, left to right (the left
    column of a header or signature first).  A block's extent is that of the middle 80 % of its
    words, not its box: a speck of a stamp read into a body block would stretch the box up the page
    and put the body before its header (Tesseract's own block order does the same)."""
    spans: dict[int, tuple[float, float, float]] = {}
    for block in {w.block for w in words}:
        middles = sorted((w.top + w.bottom) / 2 for w in words if w.block == block)
        lefts = sorted(w.left for w in words if w.block == block)
        cut = len(middles) // 10
        spans[block] = (middles[cut], middles[-1 - cut], lefts[cut])
    bands: list[tuple[float, list[int]]] = []
    for block in sorted(spans, key=lambda b: spans[b][0]):
        top, bottom, _ = spans[block]
        if bands and top <= bands[-1][0]:
            bands[-1] = (max(bands[-1][0], bottom), [*bands[-1][1], block])
        else:
            bands.append((bottom, [block]))
    return [block for _, members in bands for block in sorted(members, key=lambda b: spans[b][2])]


def _rasterise(path: Path, number: int, folder: Path) -> Path:
    root = folder / f"trang-{number}"
    try:
        result = subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(DPI),
                "-png",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                str(path),
                str(root),
            ],
            capture_output=True,
            timeout=_PAGE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise VanbanError(f"dựng ảnh trang {number} để nhận dạng chữ quá {_PAGE_TIMEOUT // 60} phút.", path) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()[:200]
        raise VanbanError(f"không dựng được ảnh trang {number} để nhận dạng chữ ({detail}).", path)
    return root.with_suffix(".png")


def _in_parallel(path: Path, numbers: list[int], work: Callable[[int], Page], options: OcrOptions) -> list[Page]:
    """`work` on every page, as many at once as the machine has cores, reporting each page done."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read by each Tesseract process started below
    pages: list[Page] = []
    with ThreadPoolExecutor(max_workers=max(1, min(os.cpu_count() or 1, len(numbers)))) as pool:
        futures = [pool.submit(work, number) for number in numbers]
        for done, future in enumerate(as_completed(futures), 1):
            pages.append(future.result())
            if options.on_page:
                options.on_page(path, done, len(numbers))
    return sorted(pages, key=lambda p: p.number)

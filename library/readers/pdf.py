"""PDF: the text layer as the page shows it, or a clear refusal when there is none worth keeping.

The extractor is poppler's `pdftotext -layout`, chosen on real e-signed files: the national
signing tools stamp the số and the day into form fields and annotations, which pypdf's page text
leaves out ("Số: /BNV-CCHC" where the page shows "Số: 8151 /BNV-CCHC") and `pdftotext -raw`
(content-stream order) leaves out too, while poppler draws them where they appear.  `-layout`
keeps each printed line whole with the header's and the signature's two columns side by side;
`layout_lines` then finds the blank gutter between the columns and reads a block that holds a
header or signature marker column by column (as the .docx reader reads those tables), so the
columns never interleave.  Footnotes stay at the foot of their page.  Without poppler, pypdf's
text is used and the user is told stamped numbers may be missing.

A text layer can be present and wrong (OCR without Vietnamese, a font whose codes map to the wrong
letters): `implausible_share` counts words that cannot be Vietnamese syllables; a high share is
refused, a noticeable one is kept with a note.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.library.errors import VanbanError
from vanban.library.readers.base import LAYOUT_MARKERS, RawText, finish
from vanban.library.vietnamese import fold

if TYPE_CHECKING:  # ocr builds on this module's layout reading, so it is imported when a page needs it
    from vanban.library.readers.ocr import OcrOptions

#: Share of words that cannot be Vietnamese above which the text layer is refused / noted.
REFUSE_SHARE = 0.35
NOTE_SHARE = 0.12
_MIN_GUTTER = 3
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]{1,3})"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")
#: A page with an image and fewer words than this is a scan (a typed last page has its signature,
#: Nơi nhận and closing, well over this); plausibility is judged on pages of at least _MIN_JUDGED_WORDS.
_SCAN_WORDS = 25
_MIN_JUDGED_WORDS = 10


def read_pdf(path: Path, data: bytes, ocr: OcrOptions | None = None) -> RawText:
    """The text layer; with OCR on (the default, `auto`), pages without a usable one are
    recognised from their image, and with `force` every page is."""
    poppler = shutil.which("pdftotext") is not None
    pages = _pypdf_pages(path, with_text=not poppler)
    notes: list[str] = []
    if poppler:
        pages = _poppler_pages(path)
        typed = [layout_lines(page) for page in pages]
    else:
        typed = [page.split("\n") for page in pages]
        notes.append(
            "máy chưa cài poppler-utils (pdftotext): số và ngày do phần mềm ký số đóng vào có thể bị thiếu. "
            "Cài bằng: sudo apt-get install poppler-utils"
        )
    scanned = _pages_to_recognise(path, typed, ocr.mode if ocr else "auto")
    if scanned:
        from vanban.library.readers.ocr import OcrOptions, recognise_pdf_pages, recognised_text

        recognised = {page.number: page for page in recognise_pdf_pages(path, scanned, ocr or OcrOptions())}
        raw = recognised_text(path, data, recognised, typed)
        raw.notes[:0] = notes
        return _checked(path, raw, recognised=True)
    text = "\n".join(line for lines in typed for line in lines)
    if len(text.strip()) < 20:
        raise VanbanError(
            "tệp PDF không có lớp chữ (có lẽ là bản scan). Cần nhận dạng chữ (OCR) trước khi thêm vào thư viện.",
            path,
            cli_hint="Bỏ --ocr off để vanban tự nhận dạng.",
        )
    return _checked(path, RawText(finish(text), notes=notes), recognised=False)


def _checked(path: Path, raw: RawText, recognised: bool) -> RawText:
    """Refuse a text most of whose words cannot be Vietnamese; note one where many cannot."""
    share = implausible_share(raw.text)
    percent = f"{share:.0%}".replace(".", ",")
    if share >= REFUSE_SHARE and recognised:
        raise VanbanError(
            f"chữ của tệp PDF không dùng được, kể cả khi nhận dạng lại (OCR) từ ảnh trang: {percent} số từ "
            "không phải tiếng Việt (bản scan quá mờ, nghiêng nhiều hoặc không phải chữ in). Hãy quét lại ở 300 dpi.",
            path,
        )
    if share >= REFUSE_SHARE:
        raise VanbanError(
            f"lớp chữ của tệp PDF không dùng được: {percent} số từ không phải tiếng Việt "
            "(chữ nhận dạng sai hoặc phông chữ bị lỗi mã). Cần nhận dạng chữ (OCR) lại với tiếng Việt "
            "hoặc dùng bản Word của văn bản.",
            path,
            cli_hint="(dòng lệnh: --ocr force)",
        )
    if share >= NOTE_SHARE:
        raw.notes.append(f"lớp chữ của tệp PDF có thể bị lỗi: {percent} số từ không phải tiếng Việt; hãy kiểm tra lại.")
    return raw


def _pages_to_recognise(path: Path, typed: list[list[str]], mode: str) -> list[int]:
    """1-based pages to OCR: all with `force`; with `auto`, a page whose text layer is implausible
    (OCR made without Vietnamese, a broken font) or that shows an image and has almost no text (a
    scan, perhaps with an e-signature stamp's few typed words on it)."""
    if mode == "off":
        return []
    if mode == "force":
        return list(range(1, len(typed) + 1))
    with_images = _pages_with_images(path)
    chosen = []
    for number, lines in enumerate(typed, 1):
        text = "\n".join(lines)
        words = len(_WORD.findall(text))
        implausible = words >= _MIN_JUDGED_WORDS and implausible_share(text) >= REFUSE_SHARE
        if implausible or len(text.strip()) < 20 or (words < _SCAN_WORDS and number in with_images):
            chosen.append(number)
    return chosen


def _pages_with_images(path: Path) -> set[int]:
    """Pages that draw a raster image (poppler's `pdfimages -list`); empty when it is missing."""
    if not shutil.which("pdfimages"):
        return set()
    try:
        result = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        return set()
    rows = result.stdout.decode("utf-8", "replace").splitlines()[2:]
    return {int(row.split()[0]) for row in rows if row.split() and row.split()[0].isdigit()}


def _pypdf_pages(path: Path, with_text: bool) -> list[str]:
    """pypdf checks the file (damaged, encrypted) and, without poppler, gives the fallback text.
    A PDF with only an owner password (printing or copying restricted) opens without one: it is
    read; only a password needed to open the file stops it."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise VanbanError("tệp PDF cần mật khẩu để mở. Hãy gỡ mật khẩu rồi thêm lại.", path)
        return [page.extract_text() or "" for page in reader.pages] if with_text else []
    except VanbanError:
        raise
    except LimitReachedError:
        raise VanbanError(
            "tệp PDF có luồng dữ liệu lớn bất thường, vượt giới hạn đọc an toàn; có thể tệp bị hỏng hoặc độc hại.",
            path,
        ) from None
    except (PdfReadError, ValueError, KeyError, OSError, NotImplementedError) as error:
        raise VanbanError(f"tệp PDF bị hỏng hoặc không đầy đủ ({error}).", path) from None


def _poppler_pages(path: Path) -> list[str]:
    """`pdftotext -layout`, page by page."""
    try:
        result = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise VanbanError("đọc chữ trong tệp PDF quá 2 phút và đã bị dừng.", path) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()[:200]
        raise VanbanError(f"tệp PDF bị hỏng hoặc không đầy đủ ({detail or 'pdftotext lỗi'}).", path)
    pages = result.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if len(pages) > 1 and not pages[-1].strip() else pages


def layout_lines(page: str) -> list[str]:
    """`pdftotext -layout` lines → one printed line a line, two-column header and signature blocks
    read left column first; blank lines kept as paragraph breaks."""
    lines = page.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        end, gutter = _column_block(lines, index)
        block = lines[index:end]
        if gutter and any(marker in line for line in block for marker in LAYOUT_MARKERS):
            left = [_squash(line[: gutter[0]]) for line in block]
            right = [_squash(line[gutter[1] :]) for line in block]
            out.extend(text for text in left + right if text)
        else:
            out.extend(_squash(line) for line in block)
        index = end
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())


def _column_block(lines: list[str], start: int) -> tuple[int, tuple[int, int] | None]:
    """The longest run of non-blank lines from `start` sharing a blank gutter between two columns;
    (end, (gutter start, gutter end)), or (start + 1, None) when the line has no gutter."""
    gutter = _gutter(lines[start : start + 1])
    if gutter is None:
        return start + 1, None
    end = start + 1
    while end < len(lines) and lines[end].strip():
        wider = _gutter(lines[start : end + 1])
        if wider is None:
            break
        gutter, end = wider, end + 1
    return end, gutter


def _gutter(block: list[str]) -> tuple[int, int] | None:
    """The widest run of columns blank in every line, with text on both sides in some line."""
    width = max(len(line) for line in block)
    blank = [all(col >= len(line) or line[col] == " " for line in block) for col in range(width)]
    best: tuple[int, int] | None = None
    col = 0
    while col < width:
        if not blank[col]:
            col += 1
            continue
        run_end = col
        while run_end < width and blank[run_end]:
            run_end += 1
        two_sided = run_end < width and any(line[:col].strip() and line[run_end:].strip() for line in block)
        if two_sided and run_end - col >= _MIN_GUTTER and (best is None or run_end - col > best[1] - best[0]):
            best = (col, run_end)
        col = run_end
    return best


def implausible_share(text: str) -> float:
    """Share of words (abbreviations in capitals left out) that no Vietnamese syllable spells:
    about 0–5 % in real documents, most of the text in OCR made without Vietnamese."""
    counted = wrong = 0
    for word in _WORD.findall(text):
        if word.isupper() and len(word) <= 6 or len(word) == 1:
            continue  # UBND, CCHC, BNV…; single letters are list labels
        counted += 1
        bare = fold(word)
        wrong += not (bare.isascii() and _SYLLABLE.fullmatch(bare)) or _mixed_case(word)
    return wrong / counted if counted else 0.0


def _mixed_case(word: str) -> bool:
    """ "HQi", "cAp": capitals inside a word, which Vietnamese never writes."""
    return any(unicodedata.category(ch) == "Lu" for ch in word[1:]) and not word.isupper()

"""Files → plain text (+ metadata): .md, .txt, .docx, .pdf, .json (law), and .doc/.rtf via LibreOffice.

Every reader returns NFC text with legacy encodings (TCVN3, VNI) repaired, laid out one paragraph
a line with table rows tab-separated, which is what the structure parser reads.  Every failure is a
`VanbanError` naming the file and saying what to do.  One module per format: `text` (.txt, .md,
.json), `word` (.docx, with Word's list labels from `numbering`), `pdf`, `office` (.doc/.rtf and
Word's web pages through LibreOffice), `ocr` for scans (image-only PDF pages and .png/.jpg/.tiff,
recognised with Tesseract; `ocr_layout` finds the header band and ruled tables on the page image,
`ocr_repair` cleans what it reads).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vanban.library.errors import VanbanError
from vanban.library.readers.base import RawText
from vanban.library.readers.ocr import OcrOptions, RecognisedText, read_image
from vanban.library.readers.office import convert_with_libreoffice, libreoffice, read_legacy_word
from vanban.library.readers.pdf import read_pdf
from vanban.library.readers.text import markdown_to_lines, read_law_json, read_md, read_txt, split_front_matter
from vanban.library.readers.word import read_docx

__all__ = [
    "SUPPORTED",
    "OcrOptions",
    "RawText",
    "RecognisedText",
    "convert_with_libreoffice",
    "libreoffice",
    "markdown_to_lines",
    "read_file",
    "split_front_matter",
]

IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = (".md", ".txt", ".docx", ".pdf", ".json", ".doc", ".rtf", *IMAGES)

_MAGIC = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".rtf": (b"{\\rtf",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8",),
    ".jpeg": (b"\xff\xd8",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}

_READERS: dict[str, Callable[[Path, bytes], RawText]] = {
    ".txt": read_txt,
    ".md": read_md,
    ".json": read_law_json,
    ".docx": read_docx,
    ".doc": read_legacy_word,
    ".rtf": read_legacy_word,
}


_SCAN_READERS: dict[str, Callable[[Path, bytes, OcrOptions | None], RawText]] = {
    ".pdf": read_pdf,
    **dict.fromkeys(IMAGES, read_image),
}
"""Readers of files that may be scans: they take the OCR options (None: `auto`)."""


def read_file(path: str | Path, ocr: OcrOptions | None = None) -> RawText:
    """Read any supported file; raises VanbanError for anything unusable.  A scan comes back as
    `RecognisedText` (text recognised by OCR, with the scan's provenance) unless `ocr` is off."""
    path = Path(path)
    if not path.exists():
        raise VanbanError("không tìm thấy tệp.", path)
    if path.is_dir():
        raise VanbanError("đây là thư mục, không phải tệp.", path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise VanbanError(
            f"không đọc được loại tệp «{path.suffix or '(không có đuôi)'}». "
            f"Các loại được hỗ trợ: {', '.join(SUPPORTED)}.",
            path,
        )
    data = path.read_bytes()
    if not data.strip():
        raise VanbanError("tệp rỗng (0 byte hoặc chỉ có khoảng trắng).", path)
    expected = _MAGIC.get(suffix)
    if expected and not data.startswith(expected):
        raise VanbanError(
            f"nội dung không phải tệp {suffix} (đuôi tệp sai hoặc tệp hỏng). "
            "Hãy kiểm tra lại tệp hoặc đổi đuôi cho đúng.",
            path,
        )
    if suffix in _SCAN_READERS:
        return _SCAN_READERS[suffix](path, data, ocr)
    return _READERS[suffix](path, data)

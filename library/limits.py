"""Limits on what is read or unpacked from outside, checked before the work starts.

.docx and .xlsx are zip files that may inflate to gigabytes (a 1 MB file can hold 2 GiB of
paragraphs): their zip directory is checked before anything is read, so a bomb is refused in
milliseconds with the file named. Small text inputs (YAML, front matter, task files) are read only
if they are regular files of a sane size: "/dev/zero" or a pipe would never end.

The limits are generous for office files and can be raised per machine through environment
variables (a province's archive server may hold larger workbooks than a desk PC).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from vanban.library.errors import VanbanError

#: Defaults: total unpacked size, number of parts, and the largest unpacked/packed ratio of a part.
MAX_UNPACKED_MB = 200
MAX_PARTS = 5000
MAX_RATIO = 400
#: Parts smaller than this are not judged by ratio (a small, very repetitive XML part is harmless).
_RATIO_FLOOR_BYTES = 10 * 1024 * 1024


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def check_zip(path: Path, what: str) -> None:
    """Refuse an Office file whose zip would unpack past the limits (or is not a zip at all)."""
    max_bytes = _limit("VANBAN_MAX_UNPACKED_MB", MAX_UNPACKED_MB) * 1024 * 1024
    max_parts = _limit("VANBAN_MAX_PARTS", MAX_PARTS)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise VanbanError(
            f"không đọc được tệp {what} (tệp hỏng hoặc không phải {what}: {type(error).__name__}).", path
        ) from None
    if len(parts) > max_parts:
        raise VanbanError(
            f"tệp {what} có {len(parts)} phần, quá giới hạn {max_parts}; có thể tệp bị hỏng hoặc độc hại.", path
        )
    total = sum(part.file_size for part in parts)
    if total > max_bytes:
        raise VanbanError(
            f"tệp {what} khi giải nén lớn {total / 1048576:.0f} MB, quá giới hạn {max_bytes / 1048576:.0f} MB "
            "(đặt VANBAN_MAX_UNPACKED_MB để nâng giới hạn nếu tệp đúng là lớn như vậy).",
            path,
        )
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise VanbanError(
                f"phần «{part.filename}» của tệp {what} nén bất thường (tỷ lệ {ratio}:1); "
                "có thể là tệp độc hại nên không được mở.",
                path,
            )


def read_small_text(path: Path, max_bytes: int, what: str) -> str:
    """A regular UTF-8 text file of at most `max_bytes`."""
    path = Path(path)
    try:
        if not path.is_file():
            raise VanbanError(
                f"không tìm thấy {what}." if not path.exists() else f"{what} phải là một tệp thường.", path
            )
        if path.stat().st_size > max_bytes:
            raise VanbanError(f"{what} lớn quá {max_bytes // 1024} KB.", path)
        return path.read_bytes()[: max_bytes + 1].decode("utf-8")
    except UnicodeDecodeError:
        raise VanbanError(f"{what} không phải văn bản UTF-8.", path) from None
    except OSError as error:
        raise VanbanError(f"không đọc được {what} ({error.strerror or type(error).__name__}).", path) from None


#: What one document may hold once read: a section longer than a long Điều, or a document longer than
#: a code of law, is not something an office adds by hand; one such file would slow every search.
MAX_SECTION_KB = 1024
MAX_DOCUMENT_MB = 20
#: A source file larger than this is refused before it is read (a 50 MB .txt took 84 s and 2 GB).
MAX_FILE_MB = 100


#: Formats whose bytes are their text: held to the document's length limit before they are read.
_TEXT_SUFFIXES = (".txt", ".md", ".json", ".rtf", ".htm", ".html")


def check_file_size(path: Path) -> None:
    text = Path(path).suffix.lower() in _TEXT_SUFFIXES
    name, default = ("VANBAN_MAX_DOCUMENT_MB", MAX_DOCUMENT_MB) if text else ("VANBAN_MAX_FILE_MB", MAX_FILE_MB)
    limit = _limit(name, default) * 1024 * 1024
    size = Path(path).stat().st_size
    if size > limit:
        raise VanbanError(
            f"tệp lớn {size / 1048576:.0f} MB, quá giới hạn {limit // 1048576} MB cho một văn bản "
            f"(đặt {name} để nâng nếu cần).",
            path,
        )
    office = {".docx": "Word .docx", ".xlsx": "Excel .xlsx"}.get(Path(path).suffix.lower())
    if office:
        check_zip(path, office)


def check_document_size(path: Path, sections: list[tuple[str, int]]) -> None:
    """`sections`: (where, characters) of each section of the parsed document."""
    section_limit = _limit("VANBAN_MAX_SECTION_KB", MAX_SECTION_KB) * 1024
    total_limit = _limit("VANBAN_MAX_DOCUMENT_MB", MAX_DOCUMENT_MB) * 1024 * 1024
    for where, size in sections:
        if size > section_limit:
            raise VanbanError(
                f"mục «{where}» dài {size // 1024} KB, quá giới hạn {section_limit // 1024} KB cho một mục "
                "(tệp có thể không phải văn bản hành chính; đặt VANBAN_MAX_SECTION_KB để nâng nếu cần).",
                path,
            )
    total = sum(size for _where, size in sections)
    if total > total_limit:
        raise VanbanError(
            f"văn bản dài {total / 1048576:.0f} MB chữ, quá giới hạn {total_limit // 1048576} MB "
            "(đặt VANBAN_MAX_DOCUMENT_MB để nâng nếu cần).",
            path,
        )

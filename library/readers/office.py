"""Old Word files (.doc, .rtf) and Word's web pages saved as .doc, read through LibreOffice.

LibreOffice converts each to .docx, which the .docx reader then reads, so list labels, TCVN3's
soft-hyphen "ư" and the all-caps fonts are handled once, there.  A ".doc" is recognised by its
content, not its name: Word's "Save as Web Page" keeps the .doc name on an HTML (or MHT) file,
which is still a document a person wrote, so it is converted too instead of being refused.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from vanban.library.errors import VanbanError
from vanban.library.readers.base import RawText
from vanban.library.readers.word import read_docx

_OLE = b"\xd0\xcf\x11\xe0"
_RTF = b"{\\rtf"
_WEB_STARTS = (b"<html", b"<!doctype html", b"<?xml", b"<meta", b"<head", b"mime-version:")


def libreoffice() -> str | None:
    """Path of LibreOffice's soffice, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(path: Path, target: str, out_dir: Path) -> Path:
    """Convert with LibreOffice headless; a private profile avoids clashing with a running instance."""
    office = libreoffice()
    if office is None:
        raise VanbanError(
            "cần LibreOffice để đọc hoặc chuyển đổi tệp này nhưng máy chưa cài. "
            "Cài bằng: sudo apt-get install libreoffice-writer",
            path,
        )
    profile = Path(tempfile.mkdtemp(prefix="vanban-lo-"))
    try:
        result = subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(out_dir),
                str(path),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise VanbanError("LibreOffice chuyển đổi quá 3 phút và đã bị dừng.", path) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    produced = out_dir / f"{path.stem}.{target.split(':')[0]}"
    if result.returncode != 0 or not produced.exists():
        detail = result.stderr.decode("utf-8", "replace").strip()[:200]
        raise VanbanError(f"LibreOffice không chuyển đổi được tệp ({detail or 'không rõ lý do'}).", path)
    return produced


def web_page_kind(data: bytes) -> str | None:
    """ "html" or "mht" when the bytes are a web page (as Word saves one), else None."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"mime-version:") or b"multipart/related" in head[:600]:
        return "mht"
    if head.startswith(_WEB_STARTS) or b"<html" in head:
        return "html"
    return None


def read_legacy_word(path: Path, data: bytes) -> RawText:
    """A .doc or .rtf by its content: Word binary, RTF, or a web page saved by Word."""
    if data.startswith(_OLE) or data.startswith(_RTF):
        return _convert_and_read(path, path)
    kind = web_page_kind(data) if path.suffix.lower() == ".doc" else None
    if kind is None:
        raise VanbanError(
            f"nội dung không phải tệp {path.suffix.lower()} (đuôi tệp sai hoặc tệp hỏng). "
            "Hãy kiểm tra lại tệp hoặc đổi đuôi cho đúng.",
            path,
        )
    with tempfile.TemporaryDirectory(prefix="vanban-web-") as folder:
        page = Path(folder) / f"{path.stem}.{kind}"
        page.write_bytes(data)
        raw = _convert_and_read(path, page, "docx:MS Word 2007 XML")
    raw.notes.append("tệp .doc này thực ra là trang web do Word lưu (HTML); đã đọc nội dung trang.")
    return raw


def _convert_and_read(original: Path, source: Path, target: str = "docx") -> RawText:
    """Errors name the user's file, not the temporary copy LibreOffice was given."""
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as folder:
        try:
            converted = convert_with_libreoffice(source, target, Path(folder))
        except VanbanError as error:
            raise VanbanError(error.message, original) from None
        return read_docx(converted, converted.read_bytes())

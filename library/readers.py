"""Files → plain text (+ metadata): .md, .txt, .docx, .pdf, .json (law), and .doc/.rtf via LibreOffice.

Every reader returns NFC text with legacy encodings (TCVN3, VNI) repaired, laid out one paragraph
a line with table rows tab-separated, which is what the structure parser reads.  Every failure is a
`VanbanError` naming the file and saying what to do.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from vanban.library.errors import VanbanError
from vanban.library.vietnamese import from_legacy, nfc

SUPPORTED = (".md", ".txt", ".docx", ".pdf", ".json", ".doc", ".rtf")

_MAGIC = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0", b"{\\rtf"),
    ".rtf": (b"{\\rtf",),
}
_LAYOUT_MARKERS = ("Số:", "CỘNG HÒA", "CỘNG HOÀ", "Nơi nhận", "TM.", "KT.")


@dataclass
class RawText:
    """What a reader got out of a file: the text, and metadata the file itself declared."""

    text: str
    metadata: dict = field(default_factory=dict)


def _finish(text: str) -> str:
    return from_legacy(nfc(text))


def read_file(path: str | Path) -> RawText:
    """Read any supported file; raises VanbanError for anything unusable."""
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
    return _READERS[suffix](path, data)


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise VanbanError(
            "tệp văn bản không ở mã UTF-8. Hãy mở tệp và lưu lại với mã hóa UTF-8 "
            "(trong Notepad: Lưu thành → Mã hóa: UTF-8).",
            path,
            line,
        ) from None


def _read_txt(path: Path, data: bytes) -> RawText:
    """Plain text; a law exported as JSON but saved as .txt (the ALQAC files) is read as a law."""
    text = _decode(path, data)
    head = [line for line in text.lstrip().split("\n", 4)[:4] if line.strip()]
    if any(line.lstrip().startswith("{") for line in head[:2]) and '"articles"' in text[:3000]:
        return _read_law_json(path, data)
    return RawText(_finish(text))


def split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    """YAML between leading "---" lines → dict; errors name the line inside the file."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        raise VanbanError("phần đầu YAML (front matter) mở bằng «---» nhưng không có dòng «---» đóng.", path, 1)
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise VanbanError(f"phần đầu YAML sai cú pháp: {getattr(error, 'problem', error)}.", path, line) from None
    if not isinstance(meta, dict):
        raise VanbanError("phần đầu YAML phải là các cặp «khóa: giá trị».", path, 2)
    body_start = text.find("\n", end + 4)
    return meta, text[body_start + 1 :] if body_start >= 0 else ""


def markdown_to_lines(markdown: str) -> str:
    """Markdown → one paragraph a line: list items keep their "1." / "-" markers, tables become tabs."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    lines: list[str] = []
    prefix = ""
    cells: list[str] | None = None
    for token in tokens:
        if token.type == "list_item_open":
            prefix = f"{token.info}{token.markup} " if token.info else "- "
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close" and cells is not None:
            lines.append("\t".join(cells))
            cells = None
        elif token.type == "inline":
            text = _inline_text(token)
            if cells is not None:
                cells.append(text.replace("\n", " "))
            else:
                lines.append(prefix + text)
                prefix = ""
        elif token.type in ("paragraph_close", "heading_close"):
            lines.append("")
    return "\n".join(lines)


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _read_md(path: Path, data: bytes) -> RawText:
    meta, body = split_front_matter(path, _decode(path, data))
    return RawText(_finish(markdown_to_lines(body)), meta)


def _read_law_json(path: Path, data: bytes) -> RawText:
    """A law as {"id": name, "articles": [{"id", "text"}]} (the ALQAC shape); a first non-JSON line is skipped."""
    text = _decode(path, data)
    start = text.find("{")
    try:
        law = json.loads(text[start:]) if start >= 0 else None
    except json.JSONDecodeError as error:
        line = text[:start].count("\n") + error.lineno
        raise VanbanError(f"JSON sai cú pháp: {error.msg}.", path, line) from None
    if not isinstance(law, dict) or not isinstance(law.get("articles"), list):
        raise VanbanError('tệp JSON phải có dạng {"id": tên luật, "articles": [{"id", "text"}]}.', path)
    lines = []
    for index, article in enumerate(law["articles"], 1):
        if not isinstance(article, dict) or "id" not in article or "text" not in article:
            raise VanbanError(f"điều thứ {index} trong «articles» thiếu «id» hoặc «text».", path)
        title, _, body = str(article["text"]).partition("\n")
        lines.append(f"Điều {article['id']}. {title.strip()}")
        lines.extend(p.strip() for p in body.split("\n") if p.strip())
    name = str(law.get("id", "")).strip()
    meta = {"doc_type": "Luật", "title": name} if name.startswith("Luật") else {"title": name}
    return RawText(_finish("\n".join(lines)), meta)


def _read_docx(path: Path, data: bytes) -> RawText:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise VanbanError(f"tệp .docx bị hỏng hoặc không đầy đủ ({error}).", path) from None
    except Exception as error:  # python-docx raises assorted lxml/opc errors on damaged parts
        raise VanbanError(f"tệp .docx bị hỏng, không mở được ({type(error).__name__}).", path) from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(Paragraph(child, document).text.replace("\t", " ").split("\n"))
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
    return RawText(_finish("\n".join(lines)))


def _table_lines(table) -> list[str]:
    """Header and signature tables read column by column; data tables one row a line, tab-separated."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        rows.append(cells)
    whole = "\n".join(c.text for r in rows for c in r)
    if any(marker in whole for marker in _LAYOUT_MARKERS) and all(len(r) <= 2 for r in rows):
        lines = []
        for column in range(max(len(r) for r in rows)):
            for row in rows:
                if column < len(row):
                    lines.extend(row[column].text.replace("\t", " ").split("\n"))
        return lines
    return ["\t".join(_data_cells(row)) for row in table.rows]


def _data_cells(row) -> list[str]:
    """A data-table row keeps one position per grid column: a merged cell's text sits in its first
    column and the columns it spans are empty, so a group row ("I. NHIỆM VỤ …") stays a table row."""
    texts: list[str] = []
    previous = None
    for cell in row.cells:
        same = previous is not None and cell._tc is previous
        texts.append("" if same else cell.text.replace("\t", " ").replace("\n", " ").strip())
        previous = cell._tc
    return texts


def _read_pdf(path: Path, data: bytes) -> RawText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise VanbanError("tệp PDF được đặt mật khẩu (mã hóa). Hãy gỡ mật khẩu rồi thêm lại.", path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except VanbanError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise VanbanError(f"tệp PDF bị hỏng hoặc không đầy đủ ({error}).", path) from None
    text = "\n".join(pages)
    if len(text.strip()) < 20:
        raise VanbanError(
            "tệp PDF không có lớp chữ (có lẽ là bản scan). Cần nhận dạng chữ (OCR) trước khi thêm vào thư viện.",
            path,
        )
    return RawText(_finish(text))


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


def _read_via_libreoffice(path: Path, data: bytes) -> RawText:
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as folder:
        converted = convert_with_libreoffice(path, "docx", Path(folder))
        return _read_docx(converted, converted.read_bytes())


_READERS: dict[str, Callable[[Path, bytes], RawText]] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".json": _read_law_json,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".doc": _read_via_libreoffice,
    ".rtf": _read_via_libreoffice,
}

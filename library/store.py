"""The library: the shipped corpus plus the user's own documents in a data folder.

Shipped records live in `library/corpus/` (Markdown + YAML front matter, task tables as YAML) and
are read-only; documents a user adds are stored as JSON in the data folder and take precedence over
a shipped record with the same số hiệu (that is how a user attaches the full text to a record
marked "toàn văn chưa có").  Every write is atomic, and a batch is parsed whole before anything
is written, so a bad file leaves the library as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from vanban.library.atomic import atomic_write_text
from vanban.library.errors import VanbanError
from vanban.library.metadata import apply_metadata
from vanban.library.model import STATUS_UNKNOWN, Document
from vanban.library.readers import read_file
from vanban.library.structure import parse_text
from vanban.library.vietnamese import fold

SHIPPED_CORPUS = Path(__file__).parent / "corpus"


def default_data_dir() -> Path:
    """`VANBAN_DATA`, else the per-user data folder of this system (e.g. ~/.local/share/vanban)."""
    if os.environ.get("VANBAN_DATA"):
        return Path(os.environ["VANBAN_DATA"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("vanban", appauthor=False))


def number_key(number: str) -> str:
    """How a số hiệu is matched: no case, no spaces, no diacritics ("484/kh-ubnd" = "484/KH-UBND")."""
    return re.sub(r"\s+", "", fold(number))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "van-ban"


def _front_text(path: Path) -> str:
    """The front matter's own text, so that metadata errors can name their line."""
    if path.suffix.lower() != ".md":
        return ""
    text = path.read_text(encoding="utf-8")
    end = text.find("\n---", 3)
    return text[:end] if text.startswith("---") and end > 0 else ""


def _parse_with_metadata(path: Path) -> Document:
    raw = read_file(path)
    doc = parse_text(raw.text)
    if raw.metadata:
        apply_metadata(doc, raw.metadata, path, _front_text(path))
    return doc


def load_markdown_record(path: Path) -> Document:
    """A shipped corpus file: the body parsed for its outline, the front matter applied over it."""
    doc = _parse_with_metadata(path)
    doc.id = doc.id or path.stem
    return doc


def document_from_file(path: Path, overrides: dict | None = None) -> Document:
    """Read and parse any supported file; `overrides` (number, doc_type, title…) beat the header."""
    path = Path(path)
    doc = _parse_with_metadata(path)
    if overrides:
        apply_metadata(doc, {k: v for k, v in overrides.items() if v}, path)
    doc.source = doc.source or path.name
    doc.id = doc.id or slug(doc.number or path.stem)
    if not doc.number and not doc.title:
        doc.title = path.stem
    return doc


def _inherit(doc: Document, record: Document) -> None:
    """A full text added for a shipped record keeps the record's facts where the file is silent."""
    for name in ("doc_type", "issuer", "parent_issuer", "place", "signed_on", "title", "notes"):
        if not getattr(doc, name) and getattr(record, name):
            setattr(doc, name, getattr(record, name))
    if doc.status == STATUS_UNKNOWN:
        doc.status = record.status
    if not doc.signature.name:
        doc.signature = record.signature
    doc.notes = "" if doc.notes == record.notes else doc.notes


class Library:
    """The documents a user works with; `data_dir` holds their own additions."""

    def __init__(self, data_dir: Path | None = None, shipped: Path = SHIPPED_CORPUS):
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.shipped_dir = shipped

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    def shipped(self) -> list[Document]:
        return [load_markdown_record(p) for p in sorted(self.shipped_dir.glob("*.md"))]

    def added(self) -> list[Document]:
        if not self.documents_dir.exists():
            return []
        documents = []
        for path in sorted(self.documents_dir.glob("*.json")):
            try:
                documents.append(Document.from_dict(json.loads(path.read_text(encoding="utf-8"))))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise VanbanError(
                    f"bản lưu trong thư viện bị hỏng ({error}). Hãy xóa tệp này rồi thêm lại văn bản.", path
                ) from None
        return documents

    def fingerprint(self) -> str:
        """Changes whenever a shipped or added document changes: the search index compares it."""
        digest = hashlib.sha1()
        for path in sorted(self.shipped_dir.glob("*")):
            digest.update(path.name.encode() + path.read_bytes())
        if self.documents_dir.exists():
            for path in sorted(self.documents_dir.glob("*.json")):
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return digest.hexdigest()

    def documents(self) -> list[Document]:
        """All documents; an added document replaces a shipped one with the same số hiệu."""
        added = self.added()
        replaced = {number_key(d.number) for d in added if d.number}
        shipped = [d for d in self.shipped() if not d.number or number_key(d.number) not in replaced]
        return shipped + added

    def find(self, reference: str) -> Document | None:
        """By số hiệu (ignoring case, spaces, diacritics), then by id, then by a unique serial."""
        key = number_key(reference)
        documents = self.documents()
        for doc in reversed(documents):
            if doc.number and number_key(doc.number) == key:
                return doc
        for doc in documents:
            if number_key(doc.id) == key:
                return doc
        if key.isdigit():
            matches = [d for d in documents if d.number.split("/")[0] == key]
            if len(matches) == 1:
                return matches[0]
        return None

    def get(self, reference: str) -> Document:
        doc = self.find(reference)
        if doc is None:
            raise VanbanError(f"không có văn bản «{reference}» trong thư viện. Xem danh sách bằng: vanban library list")
        return doc

    def add(
        self,
        paths: Iterable[Path],
        overrides: dict | None = None,
        progress: Callable[[Path], None] | None = None,
    ) -> list[Document]:
        """Parse every file first; only when all succeed is anything written."""
        paths = [Path(p) for p in paths]
        if overrides and overrides.get("number") and len(paths) > 1:
            raise VanbanError("--number chỉ dùng được khi thêm một tệp.")
        parsed = []
        for path in paths:
            parsed.append(document_from_file(path, overrides))
            if progress:
                progress(path)
        records = {number_key(d.number): d for d in self.shipped() if d.number}
        for doc in parsed:
            if doc.number and number_key(doc.number) in records:
                _inherit(doc, records[number_key(doc.number)])
        self.documents_dir.mkdir(parents=True, exist_ok=True)
        existing = {number_key(d.number): d.id for d in self.added() if d.number}
        for doc in parsed:
            if doc.number and number_key(doc.number) in existing:
                doc.id = existing[number_key(doc.number)]
            text = json.dumps(doc.to_dict(), ensure_ascii=False, indent=1)
            atomic_write_text(self.documents_dir / f"{doc.id}.json", text)
        return parsed

    def remove(self, reference: str) -> Document:
        key = number_key(reference)
        for doc in self.added():
            if number_key(doc.number) == key or number_key(doc.id) == key:
                (self.documents_dir / f"{doc.id}.json").unlink()
                return doc
        if self.find(reference):
            raise VanbanError(
                f"«{reference}» là văn bản đi kèm phần mềm, không xóa được; chỉ xóa được văn bản do bạn thêm."
            )
        raise VanbanError(f"không có văn bản «{reference}» trong thư viện.")

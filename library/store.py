"""The library: the shipped corpus plus the user's own documents in a data folder.

Every document is kept in one stored form, the versioned JSON record of `library/records.py`, and
loading never re-parses text.  Documents a user adds are parsed once, when added, and stored as
records in `<data>/documents/`; they take precedence over a shipped record with the same số hiệu
(that is how a user attaches the full text to a record marked "toàn văn chưa có").

The shipped corpus (`library/corpus/`: Markdown + YAML front matter, task tables as YAML) is its
source, read-only and reviewed as text; it is parsed once into records cached in `<data>/cache/`
under its fingerprint, rebuilt when the shipped files, the schema or the library's code change,
and kept in memory only when the data folder cannot be written.  A `Library` keeps what it loaded, so repeated
lookups cost no I/O beyond listing the documents folder.

Every write is atomic, and a batch is parsed whole before anything is written, so a bad file
leaves the library as it was. A folder (`files_in`) is one batch of the files in it that can be
added: a caller that passes `refused` hears each file left out and why (unreadable, not a
document, a số hiệu already there), and the rest is written and indexed together — all of it or,
if writing or indexing fails, none of it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from vanban.library.atomic import atomic_write_text
from vanban.library.errors import VanbanError
from vanban.library.limits import check_document_size, check_file_size
from vanban.library.metadata import apply_metadata
from vanban.library.model import ACCESS_LEVELS, STATUS_UNKNOWN, Document
from vanban.library.readers import SUPPORTED, OcrOptions, RecognisedText, read_file
from vanban.library.records import SCHEMA_VERSION, dumps, from_record, is_record, read_record, to_record, write_record
from vanban.library.structure import parse_text
from vanban.library.vietnamese import fold

SHIPPED_CORPUS = Path(__file__).parent / "corpus"

Note = Callable[[Path, str], None]
"""Hears a reader's note on a file it read (shown to the user by `library add`)."""

Refused = Callable[[Path, VanbanError], None]
"""Hears a file a folder add leaves out, with the reason."""

_BUILT_CORPUS: dict[str, list[dict]] = {}
"""Shipped-corpus records by fingerprint, for every `Library` of this process: built or read once."""


def default_data_dir() -> Path:
    """`VANBAN_DATA`, else the per-user data folder of this system (e.g. ~/.local/share/vanban)."""
    if os.environ.get("VANBAN_DATA"):
        return Path(os.environ["VANBAN_DATA"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("vanban", appauthor=False))


def number_key(number: str) -> str:
    """How a số hiệu is matched: no case, no spaces, no diacritics ("484/kh-ubnd" = "484/KH-UBND")."""
    return re.sub(r"\s+", "", fold(number))


def files_in(folder: Path) -> list[Path]:
    """Every file under `folder`, recursively, in path order — hidden files and folders (".git",
    "~$draft.docx" lock files) left out, since no user means to add them."""
    found = []
    for path in sorted(Path(folder).rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(part.startswith((".", "~$")) for part in parts):
            found.append(path)
    return found


def check_supported(path: Path) -> None:
    """A file of a kind no reader reads is refused by name before it is opened."""
    if path.suffix.lower() not in SUPPORTED:
        raise VanbanError(f"không đọc được loại tệp này; các loại đọc được: {', '.join(SUPPORTED)}.", path)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "van-ban"


def _front_text(path: Path) -> str:
    """The front matter's own text, so that metadata errors can name their line."""
    if path.suffix.lower() != ".md":
        return ""
    text = path.read_text(encoding="utf-8")
    end = text.find("\n---", 3)
    return text[:end] if text.startswith("---") and end > 0 else ""


def _stored_record(path: Path) -> Document | None:
    """A record exported with `library export --format json` comes back in as it was, unparsed."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None  # not a record: the law-JSON reader reports what is wrong with it
    return from_record(data, path) if is_record(data) else None


def _parse_with_metadata(path: Path, note: Note | None = None, ocr: OcrOptions | None = None) -> Document:
    """`note` hears the reader's doubts about the text (an odd PDF text layer, a web page saved as .doc,
    pages recognised with low confidence); `ocr` says whether scans are recognised (None: `auto`)."""
    stored = _stored_record(path)
    if stored is not None:
        return stored
    check_file_size(path)
    raw = read_file(path, ocr)
    for message in raw.notes if note else ():
        note(path, message)
    doc = parse_text(raw.text)
    check_document_size(path, _section_sizes(doc))
    if raw.metadata:
        apply_metadata(doc, raw.metadata, path, _front_text(path))
    if isinstance(raw, RecognisedText):
        doc.scan = raw.scan
    return doc


def _looks_like_a_document(doc: Document) -> bool:
    """Anything an administrative or legal text has: a file with none of them (a personal calendar
    saved as .doc, a spreadsheet export) is not one, and storing it would only clutter search."""
    return any(
        (doc.doc_type, doc.number, doc.symbol, doc.issuer, doc.signed_on, doc.signed_month, doc.title,
         doc.signature.name, doc.sections, doc.tasks, doc.annexes)
    )  # fmt: skip


def _section_sizes(doc: Document) -> list[tuple[str, int]]:
    parts = [("lời mở đầu", len(doc.preamble))]
    for owner in (doc, *doc.annexes):
        parts += [(" › ".join(labels), len(s.title) + len(s.text)) for labels, s in owner.walk()]
    parts += [(f"bảng {i}", sum(len(c) for row in table for c in row)) for i, table in enumerate(doc.tables, 1)]
    return parts


def load_markdown_record(path: Path) -> Document:
    """A shipped corpus file: the body parsed for its outline, the front matter applied over it."""
    doc = _parse_with_metadata(path)
    doc.id = doc.id or path.stem
    return doc


def document_from_file(
    path: Path, overrides: dict | None = None, note: Note | None = None, ocr: OcrOptions | None = None
) -> Document:
    """Read and parse any supported file; `overrides` (number, doc_type, title…) beat the header."""
    path = Path(path)
    doc = _parse_with_metadata(path, note, ocr)
    if not any((overrides or {}).values()) and not _looks_like_a_document(doc):
        raise VanbanError(
            "tệp không có phần nào của một văn bản (không thấy tên loại, số hiệu, cơ quan ban hành, ngày "
            "tháng, trích yếu, đề mục hay chữ ký) nên không thêm vào thư viện. Nếu đúng là văn bản cần lưu, "
            "hãy ghi loại văn bản và trích yếu (và số, ký hiệu nếu có) khi thêm.",
            path,
            cli_hint="(dòng lệnh: --type, --title, --number)",
        )
    if overrides:
        apply_metadata(doc, {k: v for k, v in overrides.items() if v}, path)
    doc.source = doc.source or path.name
    # The id names the record's file: always a slug ("id: ../../x" in front matter becomes "x", never
    # a path out of the data folder); an id another record already has is made unique in `add`.
    doc.id = slug(doc.id or doc.number or path.stem)
    if not doc.number and not doc.title:
        doc.title = path.stem
    return doc


def parse_shipped(folder: Path) -> list[Document]:
    """The shipped corpus read from its Markdown source: what the cached records are built from."""
    return [load_markdown_record(p) for p in sorted(folder.glob("*.md"))]


def shipped_fingerprint(folder: Path) -> str:
    """Changes with any shipped file (Markdown or task table), with the record schema and with the
    code that reads them (this package's modules), so no cache outlives a parser fix."""
    digest = hashlib.sha1(f"schema {SCHEMA_VERSION}".encode())
    for path in [*sorted(folder.glob("*")), *sorted(Path(__file__).parent.rglob("*.py"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _inherit(doc: Document, record: Document) -> None:
    """A full text added for a shipped record keeps the record's facts where the file is silent."""
    for name in ("doc_type", "issuer", "parent_issuer", "place", "signed_on", "title", "notes"):
        if not getattr(doc, name) and getattr(record, name):
            setattr(doc, name, getattr(record, name))
    if doc.status == STATUS_UNKNOWN:
        doc.status = record.status
    if not doc.signature.name:
        doc.signature = copy.deepcopy(record.signature)  # the record is shared by every lookup
    doc.notes = "" if doc.notes == record.notes else doc.notes


class Library:
    """The documents a user works with; `data_dir` holds their own additions and the corpus cache.

    The documents it returns are the ones it keeps: treat them as read-only (copy before changing).
    """

    def __init__(self, data_dir: Path | None = None, shipped: Path = SHIPPED_CORPUS):
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.shipped_dir = shipped
        self._shipped: list[Document] | None = None
        self._added: tuple[tuple, list[Document]] | None = None

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    def shipped(self) -> list[Document]:
        if self._shipped is None:
            self._shipped = [from_record(r, self.shipped_dir) for r in self._shipped_records()]
        return self._shipped

    def _shipped_records(self) -> list[dict]:
        fingerprint = shipped_fingerprint(self.shipped_dir)
        if fingerprint not in _BUILT_CORPUS:
            cache = self.cache_dir / f"corpus-v{SCHEMA_VERSION}-{fingerprint[:20]}.json"
            records = _read_corpus_cache(cache, fingerprint)
            if records is None:
                records = [to_record(d) for d in parse_shipped(self.shipped_dir)]
                _write_corpus_cache(cache, fingerprint, records)
            _BUILT_CORPUS[fingerprint] = records
        return _BUILT_CORPUS[fingerprint]

    def _added_stamp(self) -> tuple:
        """Name, size, inode and mtime of every stored record: any add or remove (from any process)
        changes it, an atomic rewrite included (the new file is a new inode)."""
        if not self.documents_dir.exists():
            return ()
        stamp = []
        for path in sorted(self.documents_dir.glob("*.json")):
            stat = path.stat()
            stamp.append((path.name, stat.st_size, stat.st_ino, stat.st_mtime_ns))
        return tuple(stamp)

    def added(self) -> list[Document]:
        stamp = self._added_stamp()
        if self._added is None or self._added[0] != stamp:
            paths = sorted(self.documents_dir.glob("*.json")) if stamp else []
            self._added = (stamp, [read_record(p) for p in paths])
        return self._added[1]

    def fingerprint(self) -> str:
        """Changes whenever a shipped or added document changes: the search index compares it."""
        digest = hashlib.sha1(shipped_fingerprint(self.shipped_dir).encode())
        digest.update(repr(self._added_stamp()).encode())
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
        note: Note | None = None,
        then: Callable[[list[Document]], None] | None = None,
        replace: bool = False,
        ocr: OcrOptions | None = None,
        refused: Refused | None = None,
        access: str | None = None,
    ) -> list[Document]:
        """Parse every file first; only when all succeed is anything written.  `then` (the search
        index update) runs after the records are written: if writing or `then` fails, the records
        are put back as they were — same files, same inodes — and the error is raised, so a failed
        add leaves the library exactly as it was.

        A document the user added before is replaced only with `replace` (same số hiệu); documents
        without a số hiệu never replace each other (the second gets its own id). A shipped record
        (facts only) is completed by a full text with its số hiệu: that is what it is for.  `ocr`
        says how scans are recognised and hears each page recognised (None: `auto`, silently).

        With `refused` (a folder), a file that cannot be added is reported to it and left out, and
        the others are still added — as one batch, with the same all-or-nothing writing.

        `access` (`PUBLIC`, `INTERNAL`) is who may read the added documents on the web. None keeps
        what each already has: a replaced document its old level (a corrected file of a nội bộ
        letter must not become public because the flag was forgotten), an exported record its
        own, a new file công khai."""
        if access is not None and access not in ACCESS_LEVELS:
            raise ValueError(f"unknown access level {access!r}")
        paths = [Path(p) for p in paths]
        if overrides and overrides.get("number") and len(paths) > 1:
            raise VanbanError("số, ký hiệu ghi kèm chỉ dùng được khi thêm một tệp.", cli_hint="(--number)")
        parsed = []
        kept = []
        for path in paths:
            try:
                if refused:
                    check_supported(path)
                parsed.append(document_from_file(path, overrides, note, ocr))
                kept.append(path)
            except VanbanError as error:
                if refused is None:
                    raise
                refused(path, error)
            if progress:
                progress(path)
        paths = kept
        records = {number_key(d.number): d for d in self.shipped() if d.number}
        for doc in parsed:
            if doc.number and number_key(doc.number) in records:
                _inherit(doc, records[number_key(doc.number)])
        self.documents_dir.mkdir(parents=True, exist_ok=True)
        added = self.added()
        existing = {number_key(d.number): d for d in added if d.number}
        taken = {d.id for d in added}
        seen: set[str] = set()
        accepted = []
        for path, doc in zip(paths, parsed, strict=True):
            key = number_key(doc.number) if doc.number else ""
            conflict = None
            if key and key in seen:
                conflict = VanbanError(f"hai tệp cùng số hiệu {doc.number}; chỉ thêm một tệp cho mỗi số hiệu.")
            elif key and key in existing and not replace:
                conflict = VanbanError(
                    f"thư viện đã có văn bản số {doc.number} do bạn thêm trước đây nên tệp này không được thêm "
                    "(bản cũ giữ nguyên).",
                    doc.source,
                    cli_hint="Thêm --replace để thay bằng tệp mới.",
                )
            if conflict is not None:
                if refused is None:
                    raise conflict
                refused(path, conflict)
                continue
            accepted.append(doc)
            seen.add(key)
            if key and key in existing:
                doc.id = existing[key].id
                doc.access = existing[key].access
                if note:
                    note(path, f"thay văn bản số {doc.number} đã có trong thư viện bằng tệp này.")
            elif doc.id in taken:
                doc.id = _free_id(doc.id, taken)
            taken.add(doc.id)
            doc.access = access or doc.access
        if accepted:
            self._write_all(accepted, then)
        return accepted

    def set_access(self, reference: str, access: str, then: Callable[[list[Document]], None] | None = None) -> Document:
        """Make a document the user added công khai or nội bộ (`then`, the index update, as in
        `add`: if it fails the record is put back). A shipped text stays công khai: it is the
        published law that anonymous reading is for, and its record is not the user's to rewrite."""
        if access not in ACCESS_LEVELS:
            raise VanbanError(f"mức truy cập là «{'» hoặc «'.join(ACCESS_LEVELS)}».")
        key = number_key(reference)
        for doc in self.added():
            if number_key(doc.number) == key or number_key(doc.id) == key:
                changed = copy.deepcopy(doc)  # the loaded one is shared by every lookup
                changed.access = access
                self._write_all([changed], then)
                return changed
        if self.find(reference):
            raise VanbanError(
                f"«{reference}» là văn bản đi kèm phần mềm, luôn công khai; chỉ đổi được mức truy cập của văn "
                "bản do cơ quan thêm vào thư viện."
            )
        raise VanbanError(f"không có văn bản «{reference}» trong thư viện.")

    def _write_all(self, documents: list[Document], then: Callable[[list[Document]], None] | None) -> None:
        """Write the records as one change: any failure (here or in `then`) undoes them all."""
        backups: dict[Path, Path | None] = {}
        try:
            for doc in documents:
                target = self.documents_dir / f"{doc.id}.json"
                if target not in backups:
                    backups[target] = _backup(target)
                write_record(target, doc)
            self._added = None
            if then:
                then(documents)
        except BaseException:
            for target, backup in backups.items():
                if backup is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(backup, target)
            self._added = None
            raise
        for backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)

    def remove(self, reference: str) -> Document:
        key = number_key(reference)
        for doc in self.added():
            if number_key(doc.number) == key or number_key(doc.id) == key:
                (self.documents_dir / f"{doc.id}.json").unlink()
                self._added = None
                return doc
        if self.find(reference):
            raise VanbanError(
                f"«{reference}» là văn bản đi kèm phần mềm, không xóa được; chỉ xóa được văn bản do bạn thêm."
            )
        raise VanbanError(f"không có văn bản «{reference}» trong thư viện.")


def _free_id(base: str, taken: set[str]) -> str:
    """ "ke-hoach" → "ke-hoach-2": a second file without a số hiệu keeps its own record."""
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _backup(target: Path) -> Path | None:
    """A hard link to the record about to be replaced (None when there is none): restoring it
    brings back the very file, so the library's fingerprint — and the index's freshness — too.
    Its name is not "*.json", so the library never reads it as a record."""
    if not target.exists():
        return None
    backup = target.with_name(f".{target.name}.{os.getpid()}.bak")
    backup.unlink(missing_ok=True)
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links: a copy keeps the content and the time
        shutil.copy2(target, backup)
    return backup


def _read_corpus_cache(path: Path, fingerprint: str) -> list[dict] | None:
    """The cached records, or None when missing, damaged or for other shipped files: then rebuild."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema_version") != SCHEMA_VERSION or data.get("fingerprint") != fingerprint:
            return None
        records = data["documents"]
        for record in records:
            from_record(record, path)
        return records
    except (OSError, ValueError, KeyError, TypeError, AttributeError, VanbanError):
        return None


def _write_corpus_cache(path: Path, fingerprint: str, records: list[dict]) -> None:
    """Best effort: a read-only data folder only costs the next process one more parse."""
    try:
        atomic_write_text(
            path, dumps({"schema_version": SCHEMA_VERSION, "fingerprint": fingerprint, "documents": records})
        )
        for stale in path.parent.glob("corpus-v*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass

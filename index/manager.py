"""The life of an index on disk: built aside and swapped in, updated in place, one writer at a time.

Layout under `<data>/index/<engine>/`: generation folders `gen-<time>` and a `CURRENT` file naming
the live one (rewritten atomically). A full build writes a new generation in a `.building-…`
folder and only then points CURRENT at it, so a crash or kill mid-build leaves the previous
index in service. Writers take `<engine>.lock` (filelock); a second writer waits and is told
so. Readers never take the lock: they open whatever CURRENT names.

Each generation's `meta.json` records the library fingerprint it was built from, the documents
and who cites whom; a search that finds the library changed brings the index up to date first
(when no other writer is busy — otherwise it answers from the current index).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout

from vanban.index.engine import Engine, Record
from vanban.index.entries import index_entries
from vanban.library.atomic import atomic_write_text
from vanban.library.citations import find_citations
from vanban.library.errors import VanbanError
from vanban.library.model import Document
from vanban.library.store import Library, number_key

#: The form of what an index holds (tokens and stored payload); an index of another form is rebuilt.
#: 2: section paths stored as lists of labels. 3: each entry's access level (công khai, nội bộ).
ANALYZER_VERSION = "3"
WAIT_SECONDS = 600
Notify = Callable[[str], None]


def engine_class(name: str) -> type[Engine]:
    if name == "tantivy":
        try:
            from vanban.index.tantivy_engine import TantivyEngine
        except ImportError:
            raise VanbanError("máy này chưa cài được tantivy; dùng --engine whoosh.") from None
        return TantivyEngine
    if name == "whoosh":
        from vanban.index.whoosh_engine import WhooshEngine

        return WhooshEngine
    raise VanbanError(f"không có bộ máy tìm kiếm «{name}» (chọn tantivy hoặc whoosh).")


def records_of(documents: list[Document]) -> list[Record]:
    return [Record.of(entry, ordinal) for doc in documents for ordinal, entry in enumerate(index_entries(doc))]


def document_facts(documents: list[Document]) -> dict[str, dict]:
    """What search needs to know about every document without opening the engine."""
    facts = {
        d.id: {
            "number": d.number,
            "title": d.title,
            "doc_type": d.doc_type,
            "issuer": d.issuer,
            "full_text": d.full_text,
            "access": d.access,
        }
        for d in documents
    }
    by_number = {number_key(d.number): d.id for d in documents if d.number}
    known = [d.number for d in documents if d.number]
    for doc in documents:
        text = "\n".join(e.text for e in index_entries(doc)) if doc.full_text else ""
        cited = {by_number.get(number_key(c.number)) for c in find_citations(text, known) if c.number}
        facts[doc.id]["cites"] = sorted(c for c in cited if c and c != doc.id)
    return facts


class IndexManager:
    def __init__(self, data_dir: Path, engine: str = "tantivy", notify: Notify | None = None):
        self.engine_name = engine
        self.engine_cls = engine_class(engine)
        self.root = Path(data_dir) / "index" / engine
        self.lock = FileLock(str(Path(data_dir) / "index" / f"{engine}.lock"))
        self.notify = notify or (lambda _message: None)

    # reading
    def current(self) -> Path | None:
        pointer = self.root / "CURRENT"
        if not pointer.exists():
            return None
        generation = self.root / pointer.read_text(encoding="utf-8").strip()
        return generation if (generation / "meta.json").exists() else None

    def meta(self, generation: Path | None = None) -> dict:
        generation = generation or self.current()
        if generation is None:
            return {}
        try:
            return json.loads((generation / "meta.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}

    def is_fresh(self, library: Library) -> bool:
        meta = self.meta()
        return meta.get("fingerprint") == library.fingerprint() and meta.get("analyzer") == ANALYZER_VERSION

    def open(self, library: Library) -> tuple[Engine, dict]:
        """The engine over an up-to-date index, building it on first use."""
        if self.current() is None or not self.is_fresh(library):
            try:
                self.lock.acquire(timeout=0 if self.current() is not None else WAIT_SECONDS)
            except Timeout:
                if self.current() is None:
                    raise VanbanError("chờ quá lâu: một tiến trình khác vẫn đang dựng chỉ mục tìm kiếm.") from None
            else:
                try:
                    if self.current() is None or not self.is_fresh(library):
                        self.notify("Đang dựng chỉ mục tìm kiếm (lần đầu, hoặc thư viện vừa thay đổi)…")
                        self._rebuild(library)
                finally:
                    self.lock.release()
        generation = self.current()
        try:
            return self.engine_cls.open(generation / "engine"), self.meta(generation)
        except Exception:  # damaged files (a disk error, a hand-deleted file): rebuild rather than fail
            self.notify("Chỉ mục tìm kiếm bị hỏng; đang dựng lại…")
            self.build(library)
            generation = self.current()
            return self.engine_cls.open(generation / "engine"), self.meta(generation)

    # writing
    def _acquire(self) -> None:
        try:
            self.lock.acquire(timeout=0)
        except Timeout:
            self.notify("Một tiến trình khác đang cập nhật chỉ mục tìm kiếm; đang chờ…")
            try:
                self.lock.acquire(timeout=WAIT_SECONDS)
            except Timeout:
                raise VanbanError("chờ quá lâu: tiến trình khác vẫn giữ chỉ mục tìm kiếm. Thử lại sau.") from None

    def build(self, library: Library) -> dict:
        """A full rebuild, swapped in when complete; returns the new meta."""
        self._acquire()
        try:
            return self._rebuild(library)
        finally:
            self.lock.release()

    def _rebuild(self, library: Library) -> dict:
        self.root.mkdir(parents=True, exist_ok=True)
        for stale in self.root.glob(".building-*"):
            shutil.rmtree(stale, ignore_errors=True)
        documents = library.documents()
        fingerprint = library.fingerprint()
        staging = self.root / f".building-{os.getpid()}-{time.time_ns()}"
        engine = self.engine_cls.create(staging / "engine")
        records = records_of(documents)
        started = time.perf_counter()
        engine.add(records)
        engine.close()
        meta = {
            "engine": self.engine_name,
            "analyzer": ANALYZER_VERSION,
            "fingerprint": fingerprint,
            "entries": len(records),
            "seconds": round(time.perf_counter() - started, 3),
            "documents": document_facts(documents),
        }
        atomic_write_text(staging / "meta.json", json.dumps(meta, ensure_ascii=False))
        generation = self.root / f"gen-{time.time_ns()}"
        staging.rename(generation)
        atomic_write_text(self.root / "CURRENT", generation.name)
        for old in self.root.glob("gen-*"):
            if old != generation:
                shutil.rmtree(old, ignore_errors=True)
        return meta

    def update(self, library: Library, doc_ids: list[str]) -> dict | None:
        """After `library add/remove`: re-index just these documents (gone ones are only removed).
        Does nothing when this engine has no index yet — the first search builds it whole.

        Part of an atomic `library add`: everything computed from the documents (entries, who
        cites whom) is computed before the engine is touched, so a document that cannot be indexed
        leaves the index as it was; a failure inside the engine marks the index stale, so the next
        search rebuilds it from the library (which the caller has put back as it was)."""
        if self.current() is None:
            return None
        self._acquire()
        try:
            generation = self.current()
            if generation is None:
                return None
            documents = library.documents()
            wanted = set(doc_ids)
            records = records_of([d for d in documents if d.id in wanted])
            facts = document_facts(documents)
            fingerprint = library.fingerprint()
            meta = self.meta(generation)
            try:
                engine = self.engine_cls.open(generation / "engine")
                engine.delete_documents(doc_ids)
                engine.add(records)
                engine.close()
            except BaseException:
                self._write_meta(generation, {**meta, "fingerprint": ""})
                raise
            meta.update(fingerprint=fingerprint, documents=facts, entries=meta["entries"])
            self._write_meta(generation, meta)
            return meta
        finally:
            self.lock.release()

    @staticmethod
    def _write_meta(generation: Path, meta: dict) -> None:
        atomic_write_text(generation / "meta.json", json.dumps(meta, ensure_ascii=False))

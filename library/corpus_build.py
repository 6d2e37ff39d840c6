"""Turn an official document's text (the seed plan) into a corpus record: Markdown + task table YAML.

Used once to ship Kế hoạch 484/KH-UBND, and by the test that proves the shipped files are exactly
what the parser makes of the seed (so the corpus never drifts from its source by hand edits).
"""

from __future__ import annotations

from pathlib import Path

from vanban.library.atomic import atomic_write_text
from vanban.library.markdown_writer import document_to_markdown
from vanban.library.metadata import dump_task_file
from vanban.library.model import STATUS_UNKNOWN, Document
from vanban.library.store import slug
from vanban.library.structure import parse_text


def record_metadata(doc: Document, tasks_file: str | None, source: str) -> dict:
    meta = {
        "number": doc.number,
        "doc_type": doc.doc_type,
        "issuer": doc.issuer,
        "place": doc.place,
        "signed_on": doc.signed_on,
        "title": doc.title,
        "status": STATUS_UNKNOWN,
        "signature": doc.signature.to_dict(),
        "category": "văn bản",
        "full_text": True,
        "source": source,
    }
    if doc.appendix_title:
        meta["appendix_title"] = doc.appendix_title
        meta["appendix_ref"] = doc.appendix_ref
    if tasks_file:
        meta["tasks"] = tasks_file
    return meta


def build_record(text: str, source: str) -> tuple[str, dict[str, str]]:
    """(file stem, {file name: content}) for the corpus folder."""
    doc = parse_text(text)
    stem = slug(f"{doc.doc_type} {doc.number.replace('/', ' ')} {doc.signed_on.year if doc.signed_on else ''}")
    files: dict[str, str] = {}
    tasks_file = f"{stem}.tasks.yaml" if doc.tasks else None
    if tasks_file:
        files[tasks_file] = dump_task_file(doc)
    files[f"{stem}.md"] = document_to_markdown(doc, record_metadata(doc, tasks_file, source))
    return stem, files


def write_record(text: str, source: str, folder: Path) -> list[Path]:
    _, files = build_record(text, source)
    written = []
    for name, content in files.items():
        atomic_write_text(folder / name, content)
        written.append(folder / name)
    return written

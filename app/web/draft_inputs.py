"""A stored draft's YAML text: read into the form's data, written back, numbered, and built into a
document exactly as `vanban draft KIND that.yaml` builds it.

The web never builds a document its own way: the text is written to a file and handed to the
same `DraftRequest` the command line makes, so the browser and the CLI cannot disagree.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml

from vanban.generator.compose.inputs import REGISTER_NUMBER, kind_problems, load_schema, plain, schema_problems
from vanban.generator.compose.model import KINDS
from vanban.generator.jobs.draft import Drafted, DraftRequest, draft
from vanban.library.errors import VanbanError
from vanban.library.safe_yaml import load_yaml
from vanban.library.store import Library

_NUMBER_LINE = re.compile(r"(?m)^so:.*\n?")


def schema() -> dict:
    return load_schema("draft")


def to_yaml(kind: str, data: dict) -> str:
    """The draft as the command line reads it, with a first line saying how."""
    header = f"# Dự thảo {KINDS[kind].lower()}; dùng ở dòng lệnh: vanban draft {kind} tệp-này.yaml\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)


def data_of(text: str) -> dict:
    """The data of a stored draft (an empty draft, or one that is not a mapping, is empty)."""
    data, _root = load_yaml(text)
    return plain(data) if isinstance(data, dict) else {}


def problems(kind: str, data: dict, the_schema: dict | None = None) -> list[tuple[list, str]]:
    """What stops this draft from becoming a document: the schema's errors and the type's own."""
    found = schema_problems(data, the_schema or schema())
    if any(path[:1] == ["phu_luc"] for path, _ in found):  # the type's table checks need valid tables
        return found
    return found + kind_problems(data, kind)


def with_number(text: str, number: int) -> str:
    """The text with `so: N` (the number the văn thư took), comments and layout kept."""
    if _NUMBER_LINE.search(text):
        return _NUMBER_LINE.sub(f"so: {number}\n", text, count=1)
    lines = text.splitlines(keepends=True)
    comments = 0
    while comments < len(lines) and lines[comments].startswith("#"):
        comments += 1
    return "".join([*lines[:comments], f"so: {number}\n", *lines[comments:]])


def without_number(text: str) -> str:
    """A copy of a draft must not carry the number of the document it was copied from."""
    return _NUMBER_LINE.sub("", text, count=1)


def build(kind: str, text: str, library: Library, take_number: bool = False) -> Drafted:
    """The document `vanban draft KIND` makes of this text. Without `take_number` no number is ever
    taken from the register, even when the text says «so: tu-dong» (only the văn thư takes one)."""
    if not take_number and data_of(text).get("so") == REGISTER_NUMBER:
        text = without_number(text)
    with tempfile.TemporaryDirectory(prefix="vanban-du-thao-") as folder:
        path = Path(folder) / "du-thao.yaml"
        path.write_text(text, encoding="utf-8")
        request = DraftRequest(kind=kind, source=path, register=take_number, data_dir=library.data_dir)
        try:
            return draft(request, library)
        except VanbanError as error:
            where = f"dòng {error.line}: " if error.line else ""
            raise VanbanError(f"{where}{error.message}") from None

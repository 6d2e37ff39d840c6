"""A stored draft's YAML text: read into the form's data, written back, numbered, and built into a
document exactly as `vanban draft KIND that.yaml` builds it.

The web never builds a document its own way: the text is written to a file and handed to the
same `DraftRequest` the command line makes, so the browser and the CLI cannot disagree.
"""

from __future__ import annotations

import datetime as _dt
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

#: The fields the văn thư gives when numbering (NĐ 30 Điều 15 khoản 2: số and ngày come after
#: signing), each a top-level line of the text.
NUMBER, DATE = "so", "ngay"


def _line(key: str) -> re.Pattern:
    return re.compile(rf"(?m)^{key}:.*\n?")


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


def _with(text: str, key: str, value: object) -> str:
    """The text with the top-level `key: value`, replaced or put after the opening comments."""
    if _line(key).search(text):
        return _line(key).sub(f"{key}: {value}\n", text, count=1)
    lines = text.splitlines(keepends=True)
    comments = 0
    while comments < len(lines) and lines[comments].startswith("#"):
        comments += 1
    return "".join([*lines[:comments], f"{key}: {value}\n", *lines[comments:]])


def with_number(text: str, number: int) -> str:
    """The text with `so: N` (the number the văn thư took), comments and layout kept."""
    return _with(text, NUMBER, number)


def with_date(text: str, day: _dt.date) -> str:
    """The text with `ngay: YYYY-MM-DD` (the date of issue the văn thư gave)."""
    return _with(text, DATE, day.isoformat())


def without_number(text: str) -> str:
    """The text without `so:` (a preview never takes a number from the register)."""
    return _line(NUMBER).sub("", text, count=1)


def fresh_copy(text: str) -> str:
    """A copy of a draft is a new document: it carries neither the number nor the date of issue of
    the one it was copied from."""
    return _line(DATE).sub("", without_number(text), count=1)


def document_name(kind: str, drafted: Drafted, title: str) -> str:
    """How a page names the document made of a draft: "Công văn 01/SCT-QLCN - đôn đốc …", or before
    its number "Công văn (chưa có số) - đôn đốc …" (the download's file name makes "/" a "-")."""
    made = drafted.draft
    number = made.reference if made is not None and made.number else "(chưa có số)"
    return f"{KINDS[kind]} {number} - {title or '(chưa có trích yếu)'}"[:120]


def build(kind: str, text: str, library: Library, take_number: bool = False) -> Drafted:
    """The document `vanban draft KIND` makes of this text. Without `take_number` no number is ever
    taken from the register, even when the text says «so: tu-dong» (only the văn thư takes one)."""
    if not take_number and data_of(text).get(NUMBER) == REGISTER_NUMBER:
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

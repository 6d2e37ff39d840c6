"""The handout's cover as form fields, kept as the front matter `vanban draft handout` reads.

A chuyên viên fills «Tên tài liệu», «Cơ quan biên soạn»… above the editor and never sees YAML; the
server writes those fields into the source's front matter (`tieu_de`, `co_quan`…, through the
library's one front matter writer) and reads them back from it. So the stored source stays the one
format the command line reads, and a file uploaded or downloaded is the same Markdown. What the
fields hold is checked here, worded for the person at the form and shown next to the field; the
command line keeps its own wording for a file.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from vanban.app.web.dates import DAY_PATTERN, EXAMPLE, DayError, day_shown, parse_day
from vanban.generator.jobs.handout import Meta, cover_meta, split_source
from vanban.library.errors import VanbanError
from vanban.library.markdown_writer import front_matter
from vanban.library.vietnamese import nfc

#: The place printed when none is given: `cover_meta`'s default, shown as the field's placeholder.
DEFAULT_PLACE = "Hà Tĩnh"


@dataclass(frozen=True)
class CoverField:
    key: str  # in the front matter
    name: str  # in the form (and the input's id, prefixed "bia-")
    label: str
    hint: str = ""
    required: str = ""  # the message when left empty; empty: optional

    @property
    def id(self) -> str:
        return f"bia-{self.name}"


FIELDS = (
    CoverField("tieu_de", "tieu-de", "Tên tài liệu", "in to giữa trang bìa", "Hãy ghi tên tài liệu."),
    CoverField("khoa_hoc", "khoa-hoc", "Khóa học, lớp tập huấn hoặc cuộc thi", "không bắt buộc"),
    CoverField("co_quan", "co-quan", "Cơ quan biên soạn", "in hoa đầu trang bìa", "Hãy ghi cơ quan biên soạn."),
    CoverField("dia_danh", "dia-danh", "Địa danh", f"để trống thì in «{DEFAULT_PLACE}»"),
    CoverField("ngay", "ngay", "Ngày", "trang bìa in tháng và năm"),
)
DATE = FIELDS[-1]
KEYS = {f.key for f in FIELDS}


@dataclass
class Cover:
    """The cover as the form shows it (`values` by form name), what is wrong with it (`errors` by
    form name) and the front matter it is kept as (`front`, with any other key the file had)."""

    values: dict[str, str]
    front: dict
    errors: dict[str, str] = field(default_factory=dict)

    def meta(self) -> Meta | None:
        """The cover as the handout will print it (the command line's `cover_meta`), without a
        mistyped date; None while the title or the agency is missing."""
        if any(name != DATE.name for name in self.errors):
            return None
        front = {k: v for k, v in self.front.items() if k != DATE.key or DATE.name not in self.errors}
        return cover_meta(front, Path("tai-lieu.md"))


def _date_error(typed: str) -> str:
    what = "không có thật" if re.fullmatch(DAY_PATTERN, typed) else "không đọc được"
    return f"Ngày trên bìa «{typed}» {what}; ghi ngày/tháng/năm, {EXAMPLE}."


def _checked(values: dict[str, str], front: dict) -> Cover:
    """The cover with its errors; a date read right is shown as dd/mm/yyyy and kept as a date
    (`ngay: 2026-06-10` in the file), one mistyped is kept as typed, to be shown again with its error."""
    errors = {f.name: f.required for f in FIELDS if f.required and not values[f.name]}
    typed = values[DATE.name]
    try:
        day = parse_day(typed)
    except DayError:
        errors[DATE.name] = _date_error(typed)
    else:
        values[DATE.name] = day_shown(day) if day else ""
        if day:
            front[DATE.key] = day
    return Cover(values, front, errors)


def from_form(form, kept: dict) -> Cover:
    """The cover typed in the form, as the front matter to store: an empty optional field is left
    out (the command line then prints its default). `kept`: the stored front matter, whose keys
    the cover does not know are kept as they were."""
    values = {f.name: nfc(" ".join(str(form.get(f.name, "")).split())) for f in FIELDS}
    front = {f.key: values[f.name] for f in FIELDS if values[f.name]}
    front.update({k: v for k, v in kept.items() if k not in KEYS})
    return _checked(values, front)


def _shown(value) -> str:
    if isinstance(value, _dt.date):
        return day_shown(value)
    return "" if value is None else nfc(str(value))


def from_front(front: dict) -> Cover:
    """The cover of a stored or uploaded source, checked as the form checks it."""
    values = {f.name: " ".join(_shown(front.get(f.key)).split()) for f in FIELDS}
    return _checked(values, dict(front))


@dataclass
class Source:
    """A handout source split for the page: its cover, the body the editor holds, and the line of
    the file the editor's first line is (to word the command line's errors by the editor's lines)."""

    cover: Cover
    body: str
    offset: int
    #: Why the file's front matter could not be read (then the cover starts empty), in Vietnamese.
    problem: str = ""


def read(text: str) -> Source:
    """A stored or uploaded source. A front matter that is not valid YAML does not stop the page:
    the cover starts empty and the reason is said."""
    text = nfc(text.replace("\r\n", "\n"))
    try:
        front, body, first_line = split_source(Path("tai-lieu.md"), text)
    except VanbanError as error:
        where = f"dòng {error.line or 1}: {error.message}"
        problem = f"Không đọc được phần bìa ở đầu tệp ({where}); hãy điền lại các ô bìa."
        return Source(from_front({}), text, 0, problem)
    stripped = body.lstrip("\n")
    return Source(from_front(front), stripped, first_line - 1 + len(body) - len(stripped))


def source_text(cover: Cover, body: str) -> str:
    """The Markdown file as the command line reads it: the cover's front matter, a blank line, the body."""
    body = nfc(body.replace("\r\n", "\n")).lstrip("\n")
    return front_matter(cover.front) + "\n" + body

"""Bodies and legal texts that no longer exist, and what replaced them (the 2025 reorganisation).

Drafts for 2026 are written from old templates and old plans, so they keep naming "UBND các
huyện, thị xã, thành phố", "Sở Tài nguyên và Môi trường" or citing the 2015 Luật Tổ chức chính
quyền địa phương.  The facts live in `data/succession.yaml` (each with the legal text that made
the change), not in code, so that a new merger is a data edit that reviewers can check against
the cited text.  Matching runs on folded text (no diacritics, lower case) because users type
without them; folding NFC text keeps every character in place, so spans found there are spans of
`nfc(text)`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from vanban.library.errors import VanbanError
from vanban.library.model import STATUS_EXPIRED, STATUS_IN_FORCE
from vanban.library.vietnamese import fold, nfc

__all__ = [
    "KINDS",
    "Entry",
    "Mention",
    "TextStatus",
    "entries",
    "parse_entries",
    "outdated_mentions",
    "status_of",
]

KINDS = ("co_quan", "van_ban")
DATA_NAME = "succession.yaml"
_REQUIRED = ("kind", "name", "until", "successor", "source")
_FIELDS = _REQUIRED + ("aliases", "note")
_NUMBER_RE = re.compile(r"\d+/\d{4}/[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Entry:
    """A body or a legal text; `until` is its last day, the change takes effect the day after."""

    kind: str
    name: str
    aliases: tuple[str, ...]
    until: _dt.date
    successor: str
    source: str
    note: str = ""

    @property
    def changed_on(self) -> _dt.date:
        """The first day the old name is wrong: the day the replacing text took effect."""
        return self.until + _dt.timedelta(days=1)

    @property
    def numbers(self) -> tuple[str, ...]:
        """The số hiệu among name and aliases, folded ("77/2015/qh13"), for `status_of`."""
        found = []
        for spelling in (self.name, *self.aliases):
            found += _NUMBER_RE.findall(fold(spelling))
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Mention:
    """Words of a text that name a body or a text which no longer exists on the text's date."""

    text: str
    span: tuple[int, int]
    entry: Entry
    message: str


@dataclass(frozen=True)
class TextStatus:
    """What the data knows of a số hiệu on a date; `status` uses the library's own wording."""

    number: str
    replaced: bool
    successor: str
    source: str
    entry: Entry

    @property
    def status(self) -> str:
        return STATUS_EXPIRED if self.replaced else STATUS_IN_FORCE


def _fail(index: int, raw, message: str, origin: str) -> VanbanError:
    name = raw.get("name") if isinstance(raw, dict) else None
    label = f"mục thứ {index}" + (f" («{name}»)" if isinstance(name, str) and name.strip() else "")
    return VanbanError(f"dữ liệu thay đổi cơ quan, văn bản — {label}: {message}", origin)


def _text(value) -> str | None:
    return nfc(" ".join(value.split())) if isinstance(value, str) and value.strip() else None


def _entry(index: int, raw, origin: str) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(index, raw, "phải là một bảng có các khóa kind, name, until, successor, source.", origin)
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise _fail(index, raw, f"không có khóa «{unknown[0]}». Các khóa hợp lệ: {', '.join(_FIELDS)}.", origin)
    missing = [key for key in _REQUIRED if raw.get(key) in (None, "")]
    if missing:
        raise _fail(index, raw, f"thiếu khóa «{missing[0]}».", origin)
    if raw["kind"] not in KINDS:
        raise _fail(index, raw, f"«kind» phải là một trong: {', '.join(KINDS)}.", origin)
    until = raw["until"]
    if not isinstance(until, _dt.date):
        try:
            until = _dt.date.fromisoformat(str(until))
        except ValueError:
            raise _fail(index, raw, f"«until» = «{until}» không phải ngày dạng NĂM-THÁNG-NGÀY.", origin) from None
    texts = {key: _text(raw[key]) for key in ("name", "successor", "source")}
    for key, value in texts.items():
        if value is None:
            raise _fail(index, raw, f"«{key}» phải là một dòng chữ.", origin)
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(_text(a) for a in aliases):
        raise _fail(index, raw, "«aliases» phải là danh sách các dòng chữ.", origin)
    note = raw.get("note")
    if note is not None and _text(note) is None:
        raise _fail(index, raw, "«note» phải là một dòng chữ.", origin)
    return Entry(
        kind=raw["kind"],
        name=texts["name"],
        aliases=tuple(_text(a) for a in aliases),
        until=until,
        successor=texts["successor"],
        source=texts["source"],
        note=_text(note) or "",
    )


def parse_entries(text: str, origin: str = DATA_NAME) -> tuple[Entry, ...]:
    """Read and check the YAML list; a malformed entry stops everything with its number and name."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise VanbanError(
            f"dữ liệu thay đổi cơ quan, văn bản sai cú pháp YAML: {error}", origin, mark.line + 1 if mark else None
        ) from None
    if not isinstance(data, list):
        raise VanbanError("dữ liệu thay đổi cơ quan, văn bản phải là một danh sách các mục.", origin)
    return tuple(_entry(index, raw, origin) for index, raw in enumerate(data, 1))


@functools.cache
def entries() -> tuple[Entry, ...]:
    """The shipped data, read once per process (it is package data, so it works from a wheel)."""
    resource = resources.files("vanban.library").joinpath("data", DATA_NAME)
    return parse_entries(resource.read_text(encoding="utf-8"), f"vanban/library/data/{DATA_NAME}")


def _pattern(spelling: str) -> str:
    """Folded spelling → regex tolerant of spacing around "-", "," and "&" ("LĐ-TB&XH", "LĐ - TB & XH")."""
    parts = re.split(r"(\s*[-–—,&]\s*|\s+)", fold(spelling).strip())
    out = []
    for part in parts:
        if not part:
            continue
        mark = part.strip()
        if not mark:
            out.append(r"\s+")
        elif part in "-–—" or mark in "-–—":
            out.append(r"\s*[-–—]\s*")
        elif mark in ",&":
            out.append(rf"\s*{re.escape(mark)}\s*")
        else:
            out.append(re.escape(part))
    return "".join(out)


@functools.lru_cache(maxsize=8)
def _matchers(known: tuple[Entry, ...]) -> tuple[tuple[re.Pattern, Entry], ...]:
    compiled = []
    for entry in known:
        spellings = sorted({fold(s) for s in (entry.name, *entry.aliases)}, key=len, reverse=True)
        alternation = "|".join(_pattern(s) for s in spellings)
        compiled.append((re.compile(rf"(?<![\w/])(?:{alternation})(?![\w/])"), entry))
    return tuple(compiled)


def _message(words: str, entry: Entry) -> str:
    day = entry.changed_on.strftime("%d/%m/%Y")
    gone = "hết hiệu lực" if entry.kind == "van_ban" else "không còn"
    now = "nay áp dụng" if entry.kind == "van_ban" else "nay là"
    return f"«{words}» {gone} từ {day} ({entry.source}): {now} {entry.successor}."


def outdated_mentions(text: str, on: _dt.date, known: tuple[Entry, ...] | None = None) -> list[Mention]:
    """Every mention, in `nfc(text)`, of a body or text gone by `on` (the document's date).

    Where two spellings overlap, the one starting first (then the longest) wins, so
    "UBND cấp huyện" is reported once, as the body, not again as "cấp huyện".
    """
    text = nfc(text)
    folded = fold(text)
    found: list[tuple[int, int, Entry]] = []
    for pattern, entry in _matchers(known if known is not None else entries()):
        if on <= entry.until:
            continue
        found += [(m.start(), m.end(), entry) for m in pattern.finditer(folded)]
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    mentions: list[Mention] = []
    end = -1
    for start, stop, entry in found:
        if start < end:
            continue
        words = text[start:stop]
        mentions.append(Mention(words, (start, stop), entry, _message(words, entry)))
        end = stop
    return mentions


def status_of(number: str, on: _dt.date, known: tuple[Entry, ...] | None = None) -> TextStatus | None:
    """What the data says of a số hiệu ("77/2015/QH13", "Luật số 77/2015/QH13") on a date.

    None means the data does not know the text — not that it is in force: the library keeps
    its own «chưa rõ» for that.
    """
    wanted = _NUMBER_RE.findall(fold(nfc(number)).replace(" ", ""))
    if not wanted:
        return None
    for entry in known if known is not None else entries():
        if entry.kind == "van_ban" and wanted[0] in entry.numbers:
            return TextStatus(nfc(number).strip(), on > entry.until, entry.successor, entry.source, entry)
    return None

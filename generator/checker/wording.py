"""How a finding reads for a văn thư: where it is (the paragraph as one counts it on paper, the part
of a document split by section breaks only when there are several), alignment and font size in the
words of Word's Vietnamese menus. Numbers go through `nd30.decimal` (a decimal comma).

The rules keep the file's own facts in `where` (`section`, `paragraph` = the index `locate.py`
matches on, `text` = the excerpt); this module only words them, so what a rule decides and where
a finding is drawn never depend on how it is said.
"""

from __future__ import annotations

from collections.abc import Iterable

from vanban.library.nd30 import decimal

#: Word's paragraph alignments (w:jc) as its Vietnamese menu names them.
_ALIGNMENTS = {
    "left": "căn trái",
    "start": "căn trái",
    "right": "căn phải",
    "end": "căn phải",
    "center": "căn giữa",
    "both": "căn đều hai lề",
    "distribute": "căn đều hai lề (giãn chữ)",
}

#: How a rule line under the quốc hiệu, the issuer or the trích yếu was drawn (`Inspected.rule_after`).
RULE_KINDS = {
    "border": "đường viền dưới đoạn văn",
    "drawing": "đường kẻ vẽ bằng hình",
    "underscores": "dòng dấu gạch dưới «___»",
}


def alignment(align: str | None) -> str:
    """ "căn trái" for Word's "left" (and for no alignment, which Word shows as left)."""
    return _ALIGNMENTS.get(align or "left", f"căn {align}")


def font_sizes(values: Iterable[float]) -> str:
    """Font sizes as the Word toolbar shows them: "cỡ chữ 14", "cỡ chữ 9 và 11"."""
    shown = [decimal(v) for v in sorted(set(values))]
    if not shown:
        return "không rõ cỡ chữ"
    joined = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " và " + shown[-1]
    return f"cỡ chữ {joined}"


def rule_kind(kind: str) -> str:
    return RULE_KINDS.get(kind, kind)


def page_area(area: str, section: int, sections: int) -> str:
    """Where a finding about the page itself is ("khổ giấy, lề trang của văn bản"); the part
    split off by a section break (ngắt phần) is named only when the document has several, each with
    its own paper, margins and page-number header."""
    if sections <= 1:
        return f"{area} của văn bản"
    if section <= 1:
        return f"{area}, phần 1 của văn bản (trước dấu ngắt phần đầu tiên)"
    return f"{area}, phần {section} của văn bản (sau dấu ngắt phần thứ {section - 1})"


def place(where: dict, paragraph_number: int | None) -> str:
    """Where a finding is, without the page: "đoạn 12 (tính từ đầu văn bản)" for a paragraph
    (`paragraph_number` counts the paragraphs that have text, as a reader counts them); for the
    page itself, the `area` its rule wrote (`page_area`)."""
    if where.get("paragraph") is not None and paragraph_number is not None:
        return f"đoạn {paragraph_number} (tính từ đầu văn bản)"
    return where.get("area") or "cả văn bản"

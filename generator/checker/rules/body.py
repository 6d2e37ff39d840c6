"""Rules on the body (PL I, Phần I, Mục II.6): nội dung paragraphs, căn cứ ban hành, and the
layout of phần, chương, mục, điều, khoản, điểm."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vanban.generator.checker.anatomy import Anatomy
from vanban.generator.checker.parts import Block
from vanban.generator.checker.rules.element import format_issues, size_allowed, sizes_text
from vanban.generator.checker.rules.registry import Issue, rule
from vanban.generator.checker.wording import alignment
from vanban.library.nd30 import (
    BODY_SIZE,
    FIRST_LINE_INDENT_TOLERANCE_CM,
    FIRST_LINE_INDENTS_CM,
    LINE_SPACING,
    PARAGRAPH_SPACING_PT,
    POINT_LETTERS,
    decimal,
)


def _indent_text(cm: float) -> str:
    """A first-line indent as measured: "0,64 cm"; none; or a hanging indent (the first line
    starts left of the others)."""
    if abs(cm) < 0.005:
        return "không thụt đầu dòng"
    if cm < 0:
        return f"dòng đầu lùi ra ngoài {decimal(-cm, 2)} cm (thụt treo)"
    return f"thụt {decimal(cm, 2)} cm"


def _is_heading(block: Block) -> bool:
    return block.fmt.align == "center"


def _rendered_indent_cm(block: Block, default_tab: int) -> float:
    """Where the first line's text starts, from the left indent: typists often indent with a tab
    instead of a first-line indent, which moves the text to the next tab stop (a custom stop, else
    the next multiple of the document's default tab interval, 1,27 cm in Word)."""
    text = block.text
    tabs = text[: len(text) - len(text.lstrip(" \t"))].count("\t")
    start = block.fmt.left_twips + block.fmt.first_line_twips
    position = start
    for _ in range(tabs):
        custom = [stop for _kind, stop in block.fmt.tabs if stop > position]
        position = min(custom) if custom else (position // default_tab + 1) * default_tab
    return (position - block.fmt.left_twips) / 1440 * 2.54


def _label_bold(block: Block, label: str) -> bool:
    """Every letter and digit of the label ("Điều 3") is bold; the period after it is too small to
    be seen either way."""
    position = 0
    text = block.text.lstrip()
    skipped = len(block.text) - len(text)
    for fmt, run_text in block.runs:
        for char in run_text:
            if skipped:
                skipped -= 1
                continue
            if position >= len(label):
                return True
            if char.isalnum() and not fmt.bold:
                return False
            position += 1
    return True


def _line_ratio(block: Block) -> float | None:
    fmt = block.fmt
    if fmt.line is None:
        return 1.0
    if fmt.line_rule == "auto":
        return fmt.line / 240
    size = max(block.sizes() or {BODY_SIZE.chosen})
    return (fmt.line / 20) / (1.15 * size)


@rule("ND30-07", "PL I, Phần I, Mục II.6", "Nội dung: cỡ chữ, căn đều, thụt đầu dòng, khoảng cách", general=True)
def body_paragraphs(anatomy: Anatomy) -> Iterable[Issue]:
    problems: dict[tuple[str, str], list[Block]] = {}

    def note(block: Block, expected: str, found: str) -> None:
        problems.setdefault((expected, found), []).append(block)

    indents = " hoặc ".join(f"{decimal(cm, 2)} cm" for cm in FIRST_LINE_INDENTS_CM)
    body = {b.index for b in anatomy.body}
    for block in anatomy.body:
        if _is_heading(block) or block.has_drawing:
            continue
        fmt = block.fmt
        if fmt.align not in ("both", "distribute"):
            note(block, "căn đều hai lề", alignment(fmt.align))
        if not size_allowed(block, BODY_SIZE):
            note(block, f"cỡ chữ {BODY_SIZE.text()}", sizes_text(block))
        indent = _rendered_indent_cm(block, anatomy.doc.default_tab_twips)
        if not any(abs(indent - cm) <= FIRST_LINE_INDENT_TOLERANCE_CM for cm in FIRST_LINE_INDENTS_CM):
            note(block, f"thụt đầu dòng {indents}", _indent_text(indent))
        previous = anatomy.doc.blocks[block.index - 2] if block.index >= 2 else None
        if previous is not None and previous.index in body and not _is_heading(previous):
            gap = previous.fmt.after_pt + fmt.before_pt
            if PARAGRAPH_SPACING_PT.below(gap):
                note(block, f"cách đoạn tối thiểu {decimal(PARAGRAPH_SPACING_PT.low)} pt", f"{decimal(gap)} pt")
        ratio = _line_ratio(block)
        if ratio is not None and not LINE_SPACING.allows(ratio):
            note(
                block,
                f"khoảng cách dòng từ một dòng (đơn) đến {decimal(LINE_SPACING.high, 2)} dòng",
                f"{decimal(ratio, 2)} dòng",
            )
    for (expected, found), blocks in problems.items():
        yield Issue(blocks[0].where(), expected, f"{found} ở {len(blocks)} đoạn")


@rule("ND30-08", "PL I, Phần I, Mục II.6.a", "Căn cứ ban hành")
def legal_basis(anatomy: Anatomy) -> Iterable[Issue]:
    first = anatomy.basis_start
    if first is None:
        return
    if not anatomy.basis:
        yield Issue(first.where(), "căn cứ ban hành chữ nghiêng", "chữ không nghiêng")
        return
    for position, block in enumerate(anatomy.basis):
        last = position == len(anatomy.basis) - 1
        mark = "." if last else ";"
        if not block.clean.endswith(mark):
            yield Issue(block.where(), f"căn cứ kết thúc bằng «{mark}»", f"«{block.clean[-1:]}»")


@rule("ND30-09", "PL I, Phần I, Mục II.6.c–e", "Bố cục: phần, chương, mục, điều, khoản, điểm", general=True)
def headings(anatomy: Anatomy) -> Iterable[Issue]:
    blocks = [b for b in anatomy.after_header if b.clean and b.index < anatomy.signature_start]
    last_letter: str | None = None
    for position, block in enumerate(blocks):
        text = block.clean
        if re.match(r"^(Phần|Chương|Mục|Tiểu mục) [IVXLC\d]+$", text):
            yield from format_issues(block, "Tên phần, chương, mục", bold=True, center=True)
            if position + 1 < len(blocks):
                yield from format_issues(
                    blocks[position + 1], "Tiêu đề phần, chương, mục", bold=True, upper=True, center=True
                )
            last_letter = None
        elif re.match(r"^Điều \d+\.", text):
            label = re.match(r"^Điều \d+", text).group(0)
            if not _label_bold(block, label):
                yield Issue(block.where(), f"«{label}.» chữ đậm", "không đậm")
            last_letter = None
        elif re.match(r"^([IVXLC]+|\d+)\.\s", text):
            last_letter = None
        elif match := re.match(r"^([a-zđ]{1,2})\)\s", text):
            letter = match.group(1)
            if last_letter is not None and letter in POINT_LETTERS and last_letter in POINT_LETTERS:
                expected = POINT_LETTERS[(POINT_LETTERS.index(last_letter) + 1) % len(POINT_LETTERS)]
                if letter != expected:
                    yield Issue(
                        block.where(), f"điểm «{expected})» (thứ tự chữ cái tiếng Việt: …d, đ, e, g…)", f"«{letter})»"
                    )
            last_letter = letter

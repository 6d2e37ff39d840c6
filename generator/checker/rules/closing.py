"""Rules on the closing (PL I, Phần I, Mục II.7 and II.9): người ký, nơi nhận, and the Kính gửi
that opens a letter but pairs with the Nơi nhận's "- Như trên;"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vanban.generator.checker.anatomy import Anatomy
from vanban.generator.checker.rules.element import format_issues
from vanban.generator.checker.rules.registry import WARNING, Issue, rule
from vanban.generator.wordml.oxml import mm_to_twips
from vanban.library.nd30 import (
    AUTHORITY_SIZE,
    COLLECTIVE_BODIES,
    COLLECTIVE_SIGNING_PREFIXES,
    HEAD_SIGNING_PREFIXES,
    HEAD_TITLE_WORDS,
    RECIPIENTS_LABEL_SIZE,
    RECIPIENTS_SIZE,
    SIGNER_NAME_SIZE,
    SIGNING_PREFIXES,
)

#: An indent this small (1 mm) cannot be seen on paper: the line is still flush left.
FLUSH_TWIPS = mm_to_twips(1)


def authority_prefix(text: str) -> str | None:
    """The abbreviation a signing line opens with ("KT."), dot included."""
    match = re.match(r"^([A-Z/]+\.)\s", text)
    return match.group(1) if match else None


def _prefixes_text() -> str:
    """The decree's list as a sentence: "TM., Q., KT., TL. hoặc TUQ."."""
    return ", ".join(SIGNING_PREFIXES[:-1]) + " hoặc " + SIGNING_PREFIXES[-1]


@rule("ND30-10", "PL I, Phần I, Mục II.7", "Chức vụ, họ tên người ký")
def signature(anatomy: Anatomy) -> Iterable[Issue]:
    lines = anatomy.signing_lines
    if not lines:
        if anatomy.recipients_label is not None:
            yield Issue(
                anatomy.recipients_label.where(), "quyền hạn, chức vụ và họ tên người ký cạnh «Nơi nhận»", "không có"
            )
        return
    *authority, name = lines
    for position, block in enumerate(authority):
        yield from format_issues(block, "Quyền hạn, chức vụ người ký", size=AUTHORITY_SIZE, bold=True, upper=True)
        prefix = authority_prefix(block.clean)
        if position == 0 and prefix and prefix not in SIGNING_PREFIXES:
            yield Issue(block.where(), f"chữ viết tắt quyền hạn {_prefixes_text()}", f"«{prefix}»")
    yield from format_issues(name, "Họ tên người ký", size=SIGNER_NAME_SIZE, bold=True, upper=False)


@rule("ND30-11", "PL I, Phần I, Mục II.9.b", "Nơi nhận")
def recipients(anatomy: Anatomy) -> Iterable[Issue]:
    label = anatomy.recipients_label
    if label is None:
        if not anatomy.is_legal and anatomy.doc.blocks:
            yield Issue(anatomy.doc.blocks[-1].where(), "«Nơi nhận:» ở cuối văn bản", "không có")
        return
    yield from format_issues(label, "«Nơi nhận:»", size=RECIPIENTS_LABEL_SIZE, bold=True, italic=True)
    if label.fmt.align not in (None, "left", "start", "both") or label.fmt.first_line_twips > FLUSH_TWIPS:
        yield Issue(label.where(), "«Nơi nhận:» sát lề trái", "thụt vào hoặc căn khác")
    items = anatomy.recipients
    if not items:
        yield Issue(label.where(), "danh sách nơi nhận, dòng cuối «- Lưu: VT, …»", "không có")
        return
    for block in items:
        yield from format_issues(block, "Nơi nhận", size=RECIPIENTS_SIZE, bold=False, italic=False)
    entries = anatomy.recipient_items
    for block, text in entries[:-1]:
        if not (text.startswith("-") and text.endswith(";")):
            yield Issue(block.where(), "mỗi nơi nhận «- …;»", f"«{text}»")
    last, text = entries[-1]
    archive = re.match(r"^-\s*Lưu\s*:", text)
    if not (archive and text.endswith(".")):
        found = f"«{text}» thiếu dấu chấm cuối dòng" if archive else f"dòng cuối là «{text}»"
        yield Issue(last.where(), "dòng cuối «- Lưu: VT, ….» (kết thúc bằng dấu chấm)", found)


@rule("ND30-12", "PL I, Phần I, Mục II.9.a", "Kính gửi")
def addressee(anatomy: Anatomy) -> Iterable[Issue]:
    lines = anatomy.addressee
    if anatomy.type_name in ("Công văn", "Tờ trình") and not lines:
        where = (
            anatomy.summary[-1]
            if anatomy.summary
            else anatomy.letter_subject[-1]
            if anatomy.letter_subject
            else anatomy.number or anatomy.doc.blocks[0]
        ).where()
        yield Issue(where, f"«Kính gửi:» (bắt buộc với {anatomy.type_name.lower()})", "không có")
        return
    if not lines:
        return
    names = [re.sub(r"^Kính gửi\s*:?\s*", "", b.clean) for b in lines]
    names = [n for n in names if n]
    if len(names) < 2:  # one recipient on the «Kính gửi:» line: the decree's sample has no mark
        names = []
    for position, name in enumerate(names):
        mark = "." if position == len(names) - 1 else ";"
        if not name.endswith(mark):
            where = lines[min(position, len(lines) - 1)].where()
            yield Issue(where, f"nơi kính gửi kết thúc bằng «{mark}»", f"«{name}»")
    if anatomy.recipients and not anatomy.recipients[0].clean.startswith("- Như trên"):
        yield Issue(
            anatomy.recipients[0].where(),
            "nơi nhận đầu tiên «- Như trên;» khi có «Kính gửi»",
            f"«{anatomy.recipients[0].clean}»",
            WARNING,
        )


def _starts_with(text: str, names: tuple[str, ...]) -> bool:
    return any(re.match(rf"^{re.escape(name)}\b", text) for name in names)


def _names_head(text: str) -> bool:
    """A head's title: one of the title words after at most two words ("BỘ TRƯỞNG", "TỔNG CỤC TRƯỞNG")."""
    words = "|".join(re.escape(word) for word in HEAD_TITLE_WORDS)
    return bool(re.match(rf"^(\w+\s+){{0,2}}({words})\b", text)) and not _starts_with(text, COLLECTIVE_BODIES)


@rule("ND30-15", "PL I, Phần I, Mục II.7", "Hình thức ký đúng thẩm quyền")
def signing_form(anatomy: Anatomy) -> Iterable[Issue]:
    """TM. goes with a collective body, Q./KT./TL./TUQ. with a head's title; a text the head issues
    in his own name (thẩm quyền «CHỦ TỊCH ỦY BAN NHÂN DÂN …») is not signed for the collective."""
    authority = anatomy.signing_lines[:-1]
    for block in authority:
        prefix = authority_prefix(block.clean)
        rest = block.clean[len(prefix or "") :].strip()
        if prefix in COLLECTIVE_SIGNING_PREFIXES and not _starts_with(rest, COLLECTIVE_BODIES):
            expected = f"«{prefix}» đứng trước tên tập thể (ỦY BAN NHÂN DÂN, HỘI ĐỒNG…)"
            yield Issue(block.where(), expected, f"«{block.clean}»")
        elif prefix in HEAD_SIGNING_PREFIXES and not _names_head(rest):
            yield Issue(
                block.where(), f"«{prefix}» đứng trước chức vụ người đứng đầu (CHỦ TỊCH, GIÁM ĐỐC…)", f"«{block.clean}»"
            )
    competence = anatomy.competence
    collective = next((b for b in authority if authority_prefix(b.clean) in COLLECTIVE_SIGNING_PREFIXES), None)
    if competence is not None and collective is not None and _names_head(competence.clean):
        yield Issue(
            collective.where(),
            f"văn bản do người đứng đầu ban hành («{competence.clean}») không ký «{collective.clean.split()[0]}» "
            "tập thể: ký trực tiếp hoặc «KT.» chức vụ người đứng đầu",
            f"«{collective.clean}»",
        )

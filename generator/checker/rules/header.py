"""Rules on the header and title (PL I, Phần I, Mục II.1–II.5 and PL III): quốc hiệu and tiêu ngữ,
cơ quan ban hành, số and ký hiệu, địa danh and ngày tháng, tên loại and trích yếu.

A legal normative document (nghị định, luật…) keeps its own số/ký hiệu form; the rules judge only
what the decree governs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vanban.generator.checker.anatomy import Anatomy, symbol_type
from vanban.generator.checker.parts import Block
from vanban.generator.checker.rules.element import format_issues
from vanban.generator.checker.rules.registry import WARNING, Issue, rule
from vanban.generator.checker.wording import rule_kind
from vanban.generator.wordml.metrics import longest_line_mm
from vanban.generator.wordml.oxml import twips_to_mm
from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS
from vanban.library.nd30 import (
    DATE_SIZE,
    ISSUER_RULE,
    ISSUER_SIZE,
    LETTER_SUMMARY_GAP_PT,
    LETTER_SUMMARY_SIZE,
    MOTTO,
    MOTTO_RULE,
    MOTTO_SIZE,
    NATIONAL_NAME,
    NATIONAL_NAME_SIZE,
    NUMBER_SIZE,
    ONE_LINE_TOLERANCE_MM,
    PARENT_SIZE,
    RULE_LENGTH_TOLERANCE_MM,
    SUMMARY_RULE,
    SUMMARY_SIZE,
    TYPE_NAME_SIZE,
    Span,
    decimal,
    typical_text_width_mm,
)

NUMBER_PATTERN = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[A-ZĐa-z0-9]+(-[A-ZĐa-z0-9]+)+$")
LEGAL_NUMBER_PATTERN = re.compile(r"^Số: \d+/\d{4}/[A-ZĐa-z0-9]+(-[A-ZĐa-z0-9]+)+$")
BLANK_NUMBER_PATTERN = re.compile(r"^Số:\s*/[A-ZĐa-z0-9]+(-[A-ZĐa-z0-9]+)*$")
_MONTH = r"(0[12]|[3-9]|1[0-2])"
DATE_PATTERN = re.compile(rf"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ].*, ngày (0[1-9]|[12]\d|3[01]) tháng {_MONTH} năm \d{{4}}$")
#: A draft leaves the day (and often the month) for the văn thư to fill in on signing, as it leaves
#: the number: a warning. A month that is filled must still be well formed.
BLANK_DATE_PATTERN = re.compile(rf"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ].*, ngày\s+tháng\s+({_MONTH}\s+)?năm \d{{4}}$")
#: A draft waiting for its number is not a fault: the văn thư writes số and ngày on registering
#: it (NĐ 30, Điều 15: số và thời gian ban hành văn bản); the warning says so.
BLANK_EXPECTED = "số và ngày do văn thư ghi khi cấp số (Điều 15)"
BLANK_NUMBER = "số để trống: dự thảo chờ cấp số"
BLANK_DATE = "ngày tháng để trống: dự thảo chờ cấp số"
#: Where a header drawn in text boxes is (`wording.place`).
FLOATING_AREA = "phần đầu của trang 1 (trong ô chữ nổi)"


def _rule_issues(
    anatomy: Anatomy, block: Block, what: str, share: Span, reference: float, reference_name: str
) -> Iterable[Issue]:
    """The rule under `block` exists and its length is its `share` of `reference` mm."""
    found = anatomy.doc.rule_after(block)
    if found is None:
        yield Issue(block.where(), f"đường kẻ liền dưới {what}", "không có đường kẻ")
        return
    kind, length = found
    if length is None:
        return
    shortest = (share.low - share.tolerance) * reference
    longest = (share.high + share.tolerance) * reference
    if not (shortest - RULE_LENGTH_TOLERANCE_MM <= length <= longest + RULE_LENGTH_TOLERANCE_MM):
        yield Issue(
            block.where(),
            f"đường kẻ dưới {what} dài {share.share_text()} {reference_name} "
            f"({decimal(shortest)}–{decimal(longest)} mm)",
            f"{decimal(length)} mm ({rule_kind(kind)})",
        )


def _one_line(anatomy: Anatomy, block: Block, what: str) -> Iterable[Issue]:
    """A line the decree prints on one line must fit its column (else Word wraps it)."""
    room = anatomy.doc.container_width_mm(block)
    if room is None:
        return
    room -= twips_to_mm(block.fmt.left_twips + block.fmt.right_twips)
    needed = block.width_mm()
    if needed > room + ONE_LINE_TOLERANCE_MM:
        yield Issue(
            block.where(),
            f"{what} trên một dòng: cột phải rộng ít nhất {decimal(needed)} mm",
            f"cột chỉ rộng {decimal(room)} mm, dòng chữ bị xuống dòng",
        )


@rule("ND30-04", "PL I, Phần I, Mục II.1–II.2", "Quốc hiệu, tiêu ngữ, tên cơ quan ban hành")
def header_block(anatomy: Anatomy) -> Iterable[Issue]:
    if anatomy.floating_header:
        where = {"section": 1, "paragraph": None, "text": "ô chữ nổi (text box)", "area": FLOATING_AREA}
        yield Issue(
            where,
            "phần đầu (quốc hiệu, tên cơ quan, số, ngày) trình bày bằng bảng không viền như các mẫu "
            "ở Phụ lục III, để kiểm tra được",
            "nằm trong ô chữ nổi: chương trình chưa kiểm tra được phần này",
            WARNING,
        )
        return
    if anatomy.national is None:
        where = {"section": 1, "paragraph": 1, "text": ""}
        yield Issue(where, f"Quốc hiệu «{NATIONAL_NAME}» ở đầu trang 1", "không có")
        return
    yield from format_issues(anatomy.national, "Quốc hiệu", size=NATIONAL_NAME_SIZE, bold=True, upper=True)
    yield from _one_line(anatomy, anatomy.national, "Quốc hiệu")
    motto = anatomy.motto
    if motto is None or motto.clean != MOTTO:
        where = (motto or anatomy.national).where()
        yield Issue(where, f"tiêu ngữ «{MOTTO}» (gạch nối có cách chữ)", f"«{motto.clean}»" if motto else "không có")
    if motto is not None:
        yield from format_issues(motto, "Tiêu ngữ", size=MOTTO_SIZE, bold=True)
        yield from _rule_issues(anatomy, motto, "tiêu ngữ", MOTTO_RULE, motto.width_mm(), "độ dài tiêu ngữ")
    if not anatomy.issuer:
        if anatomy.number is not None:
            yield Issue(
                anatomy.number.where(), "tên cơ quan ban hành chữ in hoa, đậm phía trên số, ký hiệu", "không có"
            )
        return
    for block in anatomy.issuer:
        yield from format_issues(block, "Tên cơ quan ban hành", size=ISSUER_SIZE, bold=True, upper=True)
    for block in anatomy.parent:
        yield from format_issues(block, "Tên cơ quan chủ quản", size=PARENT_SIZE, bold=False, upper=True)
    longest = max(b.width_mm() for b in anatomy.issuer)
    yield from _rule_issues(anatomy, anatomy.issuer[-1], "tên cơ quan ban hành", ISSUER_RULE, longest, "dòng chữ")


@rule("ND30-05", "PL I, Phần I, Mục II.3–II.4", "Số, ký hiệu; địa danh và ngày tháng")
def number_and_date(anatomy: Anatomy) -> Iterable[Issue]:
    if anatomy.floating_header:  # ND30-04 already says this part could not be checked
        return
    number, date = anatomy.number, anatomy.date
    pattern = LEGAL_NUMBER_PATTERN if anatomy.is_legal else NUMBER_PATTERN
    if number is None:
        where = (anatomy.national or anatomy.doc.blocks[0]).where() if anatomy.doc.blocks else {}
        yield Issue(where, "dòng «Số: …/…-…» dưới tên cơ quan ban hành", "không có")
    elif BLANK_NUMBER_PATTERN.match(number.clean):
        yield Issue(number.where(), BLANK_EXPECTED, BLANK_NUMBER, WARNING)
    elif not pattern.match(number.clean):
        yield Issue(
            number.where(),
            "«Số: 05/KH-UBND»: số dưới 10 có số 0 đứng trước, không có dấu cách trong ký hiệu",
            f"«{number.clean}»",
        )
    if number is not None:
        yield from format_issues(number, "Số, ký hiệu", size=NUMBER_SIZE, italic=False)
    if date is None:
        yield Issue(
            (anatomy.national or number or anatomy.doc.blocks[0]).where(),
            "dòng «Địa danh, ngày … tháng … năm …»",
            "không có",
        )
        return
    if BLANK_DATE_PATTERN.match(date.clean):
        yield Issue(date.where(), BLANK_EXPECTED, BLANK_DATE, WARNING)
    elif not DATE_PATTERN.match(date.clean):
        yield Issue(
            date.where(),
            "«Hà Tĩnh, ngày 05 tháng 01 năm 2026»: ngày dưới 10 và tháng 1, 2 có số 0 đứng trước",
            f"«{date.clean}»",
        )
    yield from format_issues(date, "Địa danh, ngày tháng", size=DATE_SIZE, italic=True)
    if number is not None and (number.table is None or (number.table, number.row) != (date.table, date.row)):
        yield Issue(date.where(), "ngày tháng cùng hàng với số, ký hiệu", "khác hàng")


@rule("ND30-06", "PL I, Phần I, Mục II.5", "Tên loại và trích yếu nội dung")
def title_block(anatomy: Anatomy) -> Iterable[Issue]:
    if anatomy.letter_subject:
        first = anatomy.letter_subject[0]
        for block in anatomy.letter_subject:
            yield from format_issues(block, "Trích yếu công văn", size=LETTER_SUMMARY_SIZE, bold=False, center=True)
        gap = first.fmt.before_pt + (anatomy.number.fmt.after_pt if anatomy.number else 0)
        if LETTER_SUMMARY_GAP_PT.below(gap):
            yield Issue(
                first.where(),
                f"trích yếu công văn cách dòng số, ký hiệu {decimal(LETTER_SUMMARY_GAP_PT.low)} pt",
                f"cách {decimal(gap)} pt",
            )
        return
    title = anatomy.type_title
    if title is None:
        start = anatomy.after_header[0].where() if anatomy.after_header else {}
        yield Issue(start, "tên loại văn bản (KẾ HOẠCH, BÁO CÁO…) hoặc «V/v …» của công văn", "không có")
        return
    yield from format_issues(title, "Tên loại văn bản", size=TYPE_NAME_SIZE, bold=True, upper=True, center=True)
    if not anatomy.summary:
        yield Issue(title.where(), "trích yếu nội dung dưới tên loại", "không có")
        return
    for block in anatomy.summary:
        yield from format_issues(block, "Trích yếu", size=SUMMARY_SIZE, bold=True, center=True)
    last = anatomy.summary[-1]
    width = anatomy.doc.container_width_mm(last) or typical_text_width_mm()
    text = " ".join(b.clean for b in anatomy.summary)
    size = max(last.sizes() or {SUMMARY_SIZE.chosen})
    longest = max(longest_line_mm(b.clean, width, size, bold=True) for b in anatomy.summary) if text else 0
    yield from _rule_issues(anatomy, last, "trích yếu", SUMMARY_RULE, longest, "dòng chữ")


@rule("ND30-13", "PL III; PL I, Phần I, Mục II.3.c", "Ký hiệu đúng loại văn bản")
def symbol_matches_type(anatomy: Anatomy) -> Iterable[Issue]:
    number = anatomy.number
    if number is None or anatomy.is_legal or anatomy.type_name is None:
        return
    found = symbol_type(number.clean)
    if anatomy.type_name == "Công văn":
        if found:
            yield Issue(
                number.where(), "ký hiệu công văn không có chữ viết tắt tên loại (ví dụ 12/UBND-VX)", f"«{found}»"
            )
        return
    expected = ADMINISTRATIVE_ABBREVIATIONS.get(anatomy.type_name)
    if expected and found != expected:
        yield Issue(
            number.where(),
            f"ký hiệu bắt đầu bằng «{expected}» ({anatomy.type_name})",
            f"«{found}»" if found else "không có chữ viết tắt tên loại",
        )

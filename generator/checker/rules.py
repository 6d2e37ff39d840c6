"""The NĐ 30 rule list (A14 of docs/nd30-format.md): one small function per rule, each tied to
the decree's locator and registered in RULES in order.

A rule yields `Issue`s; the runner stamps them with the rule's id. Rules judge only what the
decree governs: a legal normative document (nghị định, luật…) keeps its own số/ký hiệu form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docx.oxml.ns import qn

from vanban.generator.checker.anatomy import Anatomy, symbol_type
from vanban.generator.checker.parts import Block
from vanban.generator.compose.outline import POINT_LETTERS
from vanban.generator.wordml.metrics import longest_line_mm
from vanban.generator.wordml.oxml import twips_to_mm
from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS
from vanban.library.nd30 import MOTTO

ERROR, WARNING = "error", "warning"
A4_SHORT, A4_LONG, A4_TOLERANCE = 11906, 16838, 20
MARGINS = {"top": (1134, 1418), "bottom": (1134, 1418), "left": (1701, 1985), "right": (851, 1134)}
MARGIN_TOLERANCE = 1
MARGIN_NAMES = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}
AUTHORITY_PREFIXES = ("TM", "Q", "KT", "TL", "TUQ")
NUMBER_PATTERN = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[A-ZĐa-z0-9]+(-[A-ZĐa-z0-9]+)+$")
LEGAL_NUMBER_PATTERN = re.compile(r"^Số: \d+/\d{4}/[A-ZĐa-z0-9]+(-[A-ZĐa-z0-9]+)+$")
BLANK_NUMBER_PATTERN = re.compile(r"^Số:\s*/[A-ZĐa-z0-9]+(-[A-ZĐa-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ].*, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
BLANK_DATE_PATTERN = re.compile(r"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ].*, ngày\s+tháng\s+năm \d{4}$")


@dataclass(frozen=True)
class Issue:
    where: dict
    expected: str
    found: str
    severity: str = ERROR


@dataclass(frozen=True)
class Rule:
    """One rule; `general` rules (page, font, page numbers, body text) also apply to materials that
    are not administrative documents, such as training handouts."""

    id: str
    locator: str
    title: str
    check: Callable[[Anatomy], Iterable[Issue]]
    general: bool = False


RULES: list[Rule] = []


def rule(rule_id: str, locator: str, title: str, general: bool = False):
    def register(check: Callable[[Anatomy], Iterable[Issue]]):
        RULES.append(Rule(rule_id, locator, title, check, general))
        return check

    return register


def _sizes(block: Block) -> str:
    sizes = sorted(block.sizes())
    return ", ".join(f"{s:g}" for s in sizes) + " pt" if sizes else "không rõ cỡ chữ"


def _size_in(block: Block, low: float, high: float) -> bool:
    sizes = block.sizes()
    return bool(sizes) and all(low <= s <= high for s in sizes)


def _format_issues(
    block: Block | None,
    what: str,
    *,
    size: tuple[float, float] | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    upper: bool | None = None,
    center: bool = False,
) -> Iterable[Issue]:
    """The common checks of one element: size range, bold, italic, upper case, centring."""
    if block is None:
        return
    where = block.where()
    if size and not _size_in(block, *size):
        span = f"{size[0]:g}" if size[0] == size[1] else f"{size[0]:g}–{size[1]:g}"
        yield Issue(where, f"{what}: cỡ chữ {span} pt", _sizes(block))
    if bold is True and not block.all("bold"):
        yield Issue(where, f"{what}: chữ đậm", "có chữ không đậm")
    if bold is False and not block.none("bold"):
        yield Issue(where, f"{what}: chữ không đậm", "chữ đậm")
    if italic is True and not block.all("italic"):
        yield Issue(where, f"{what}: chữ nghiêng", "có chữ không nghiêng")
    if italic is False and not block.none("italic"):
        yield Issue(where, f"{what}: chữ đứng (không nghiêng)", "chữ nghiêng")
    if upper is True and block.clean != block.clean.upper():
        yield Issue(where, f"{what}: chữ in hoa", "có chữ thường")
    if upper is False and block.clean == block.clean.upper() and any(c.isalpha() for c in block.clean):
        yield Issue(where, f"{what}: chữ thường (không in hoa toàn bộ)", "in hoa toàn bộ")
    if center and block.fmt.align != "center":
        yield Issue(where, f"{what}: căn giữa", f"căn {block.fmt.align or 'trái'}")


def _rule_issues(
    anatomy: Anatomy, block: Block, what: str, low: float, high: float, reference: float, reference_name: str
) -> Iterable[Issue]:
    """The rule under `block` exists and its length is between low and high × `reference` mm."""
    found = anatomy.doc.rule_after(block)
    if found is None:
        yield Issue(block.where(), f"đường kẻ liền dưới {what}", "không có đường kẻ")
        return
    kind, length = found
    if length is None:
        return
    if not (low * reference - 0.5 <= length <= high * reference + 0.5):
        share = f"bằng {reference_name}" if low == 0.9 else f"từ 1/3 đến 1/2 {reference_name}"
        yield Issue(
            block.where(),
            f"đường kẻ dưới {what} dài {share} ({low * reference:.1f}–{high * reference:.1f} mm)",
            f"{length:.1f} mm ({kind})",
        )


@rule("ND30-01", "PL I, Phần I, Mục I.1–I.2", "Khổ giấy A4, hướng trang, lề trang", general=True)
def page_setup(anatomy: Anatomy) -> Iterable[Issue]:
    appendix_sections = {a.section for a in anatomy.appendices}
    for section in anatomy.doc.sections:
        props = section.properties
        where = {"section": section.number, "paragraph": None, "text": f"phần (section) {section.number}"}
        if props is None:
            yield Issue(where, "khai báo khổ giấy và lề trang", "không có")
            continue
        size = props.find(qn("w:pgSz"))
        width = int(size.get(qn("w:w"), "0")) if size is not None else 0
        height = int(size.get(qn("w:h"), "0")) if size is not None else 0
        short, long = sorted((width, height))
        if abs(short - A4_SHORT) > A4_TOLERANCE or abs(long - A4_LONG) > A4_TOLERANCE:
            yield Issue(where, "khổ A4 (210 × 297 mm)", f"{width / 56.69:.0f} × {height / 56.69:.0f} mm")
        has_table = any(b.table is not None for b in section.blocks)
        if width > height and not (has_table or section.number in appendix_sections):
            yield Issue(
                where,
                "trình bày theo chiều dài (dọc); chỉ nằm ngang khi có bảng biểu hoặc là phụ lục",
                "trang nằm ngang, không có bảng",
                WARNING,
            )
        margins = props.find(qn("w:pgMar"))
        for side, (low, high) in MARGINS.items():
            value = int(margins.get(qn(f"w:{side}"), "0")) if margins is not None else 0
            if not (low - MARGIN_TOLERANCE <= abs(value) <= high + MARGIN_TOLERANCE):
                yield Issue(
                    where,
                    f"{MARGIN_NAMES[side]} {low / 56.69:.0f}–{high / 56.69:.0f} mm",
                    f"{abs(value) / 56.69:.1f} mm",
                )


@rule("ND30-02", "PL I, Phần I, Mục I.3", "Phông chữ Times New Roman, màu đen, mã Unicode", general=True)
def fonts(anatomy: Anatomy) -> Iterable[Issue]:
    problems: dict[tuple[str, str, str], list[Block]] = {}

    def note(block: Block, expected: str, found: str, severity: str = ERROR) -> None:
        problems.setdefault((expected, found, severity), []).append(block)

    for block in anatomy.doc.blocks:
        for fmt, _text in block.text_runs():
            names = set(fmt.fonts.values())
            if not all(name and name.startswith("Times New Roman") for name in names):
                shown = ", ".join(sorted(n or "không khai báo (phông mặc định)" for n in names))
                note(block, "Times New Roman ở cả bốn vị trí phông (ascii, hAnsi, eastAsia, cs)", shown)
            color = (fmt.color or "auto").upper()
            if color == "FFFFFF":
                note(block, "chữ màu đen", "chữ màu trắng (không nhìn thấy khi in)", WARNING)
            elif color not in ("AUTO", "000000"):
                note(block, "chữ màu đen", f"màu #{color}")
        if not block.normalized:
            note(block, "chữ Unicode dựng sẵn (NFC)", "chữ có dấu tổ hợp rời", WARNING)
    for (expected, found, severity), blocks in problems.items():
        unique = list(dict.fromkeys(b.index for b in blocks))
        yield Issue(blocks[0].where(), expected, f"{found} ở {len(unique)} đoạn", severity)


def _header_part(anatomy: Anatomy, number: int, kind: str):
    """The header of type `kind` in force in section `number` (inherited from earlier sections)."""
    document = anatomy.doc.document
    for section in reversed(anatomy.doc.sections[:number]):
        if section.properties is None:
            continue
        for reference in section.properties.findall(qn("w:headerReference")):
            if reference.get(qn("w:type")) == kind:
                return document.part.related_parts[reference.get(qn("r:id"))].element
    return None


def _page_field(header) -> object | None:
    if header is None:
        return None
    for p in header.iter(qn("w:p")):
        simple = [f.get(qn("w:instr"), "") for f in p.iter(qn("w:fldSimple"))]
        complex_ = [t.text or "" for t in p.iter(qn("w:instrText"))]
        if any(re.match(r"\s*PAGE\b", text) for text in simple + complex_):
            return p
    return None


@rule("ND30-03", "PL I, Phần I, Mục I.4 và III.1.đ", "Số trang", general=True)
def page_numbers(anatomy: Anatomy) -> Iterable[Issue]:
    sheet = anatomy.doc.sheet
    first = anatomy.doc.sections[0]
    where = {"section": 1, "paragraph": None, "text": "đầu trang (header)"}
    title_page = first.properties is not None and first.properties.find(qn("w:titlePg")) is not None
    numbered = _page_field(_header_part(anatomy, 1, "default")) is not None
    if numbered and (not title_page or _page_field(_header_part(anatomy, 1, "first")) is not None):
        yield Issue(where, "không hiện số trang ở trang 1 (trang đầu khác)", "trang 1 có số trang")
    for section in anatomy.doc.sections:
        where = {"section": section.number, "paragraph": None, "text": "đầu trang (header)"}
        p = _page_field(_header_part(anatomy, section.number, "default"))
        if p is None:
            yield Issue(where, "số trang (trường PAGE) ở giữa lề trên", "không có số trang")
            continue
        fmt = sheet.paragraph_format(p)
        runs = [sheet.run_format(p, r) for r in p.iter(qn("w:r"))]
        sizes = {r.size for r in runs if r.size}
        if fmt.align != "center":
            yield Issue(where, "số trang căn giữa", f"căn {fmt.align or 'trái'}")
        if not sizes or not all(13 <= s <= 14 for s in sizes):
            yield Issue(where, "số trang cỡ 13–14 pt", ", ".join(f"{s:g}" for s in sorted(sizes)) or "không rõ")
        if any(r.bold or r.italic for r in runs):
            yield Issue(where, "số trang chữ đứng, không đậm", "đậm hoặc nghiêng")
    for appendix in anatomy.appendices:
        props = anatomy.doc.sections[appendix.section - 1].properties
        numbering = props.find(qn("w:pgNumType")) if props is not None else None
        if numbering is None or numbering.get(qn("w:start")) != "1":
            yield Issue(appendix.label.where(), "phụ lục đánh số trang riêng, bắt đầu từ 1", "đánh số tiếp theo")


@rule("ND30-04", "PL I, Phần I, Mục II.1–II.2", "Quốc hiệu, tiêu ngữ, tên cơ quan ban hành")
def header_block(anatomy: Anatomy) -> Iterable[Issue]:
    if anatomy.floating_header:
        where = {"section": 1, "paragraph": 1, "text": "ô chữ nổi (text box)"}
        yield Issue(
            where,
            "phần đầu (quốc hiệu, tên cơ quan, số, ngày) trình bày bằng bảng không viền như các mẫu "
            "ở Phụ lục III, để kiểm tra được",
            "nằm trong ô chữ nổi: vanban chưa kiểm tra phần này",
            WARNING,
        )
        return
    if anatomy.national is None:
        where = {"section": 1, "paragraph": 1, "text": ""}
        yield Issue(where, "Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM» ở đầu trang 1", "không có")
        return
    yield from _format_issues(anatomy.national, "Quốc hiệu", size=(12, 13), bold=True, upper=True)
    yield from _one_line(anatomy, anatomy.national, "Quốc hiệu")
    motto = anatomy.motto
    if motto is None or motto.clean != MOTTO:
        where = (motto or anatomy.national).where()
        yield Issue(where, f"tiêu ngữ «{MOTTO}» (gạch nối có cách chữ)", motto.clean if motto else "không có")
    if motto is not None:
        yield from _format_issues(motto, "Tiêu ngữ", size=(13, 14), bold=True)
        yield from _rule_issues(anatomy, motto, "tiêu ngữ", 0.9, 1.1, motto.width_mm(), "độ dài tiêu ngữ")
    if not anatomy.issuer:
        if anatomy.number is not None:
            yield Issue(
                anatomy.number.where(), "tên cơ quan ban hành chữ in hoa, đậm phía trên số, ký hiệu", "không có"
            )
        return
    for block in anatomy.issuer:
        yield from _format_issues(block, "Tên cơ quan ban hành", size=(12, 13), bold=True, upper=True)
    for block in anatomy.parent:
        yield from _format_issues(block, "Tên cơ quan chủ quản", size=(12, 13), bold=False, upper=True)
    longest = max(b.width_mm() for b in anatomy.issuer)
    yield from _rule_issues(anatomy, anatomy.issuer[-1], "tên cơ quan ban hành", 1 / 3, 1 / 2, longest, "dòng chữ")


def _one_line(anatomy: Anatomy, block: Block, what: str) -> Iterable[Issue]:
    """A line the decree prints on one line must fit its column (else Word wraps it)."""
    room = anatomy.doc.container_width_mm(block)
    if room is None:
        return
    room -= twips_to_mm(block.fmt.left_twips + block.fmt.right_twips)
    needed = block.width_mm()
    if needed > room + 0.2:
        yield Issue(
            block.where(),
            f"{what} trên một dòng: cột phải rộng ít nhất {needed:.1f} mm",
            f"cột còn {room:.1f} mm, dòng chữ bị xuống dòng",
        )


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
        yield Issue(number.where(), "số văn bản (văn thư điền khi đăng ký)", "để trống", WARNING)
    elif not pattern.match(number.clean):
        yield Issue(
            number.where(),
            "«Số: 05/KH-UBND»: số dưới 10 có số 0 đứng trước, không có dấu cách trong ký hiệu",
            number.clean,
        )
    if number is not None:
        yield from _format_issues(number, "Số, ký hiệu", size=(13, 13), italic=False)
    if date is None:
        yield Issue(
            (anatomy.national or number or anatomy.doc.blocks[0]).where(),
            "dòng «Địa danh, ngày … tháng … năm …»",
            "không có",
        )
        return
    if BLANK_DATE_PATTERN.match(date.clean):
        yield Issue(date.where(), "ngày tháng ban hành", "để trống", WARNING)
    elif not DATE_PATTERN.match(date.clean):
        yield Issue(
            date.where(),
            "«Hà Tĩnh, ngày 05 tháng 01 năm 2026»: ngày dưới 10 và tháng 1, 2 có số 0 đứng trước",
            date.clean,
        )
    yield from _format_issues(date, "Địa danh, ngày tháng", size=(13, 14), italic=True)
    if number is not None and (number.table is None or (number.table, number.row) != (date.table, date.row)):
        yield Issue(date.where(), "ngày tháng cùng hàng với số, ký hiệu", "khác hàng")


@rule("ND30-06", "PL I, Phần I, Mục II.5", "Tên loại và trích yếu nội dung")
def title_block(anatomy: Anatomy) -> Iterable[Issue]:
    if anatomy.letter_subject:
        first = anatomy.letter_subject[0]
        for block in anatomy.letter_subject:
            yield from _format_issues(block, "Trích yếu công văn", size=(12, 13), bold=False, center=True)
        gap = first.fmt.before_pt + (anatomy.number.fmt.after_pt if anatomy.number else 0)
        if gap < 5.5:
            yield Issue(first.where(), "trích yếu công văn cách số, ký hiệu 6 pt", f"{gap:g} pt")
        return
    title = anatomy.type_title
    if title is None:
        start = anatomy.after_header[0].where() if anatomy.after_header else {}
        yield Issue(start, "tên loại văn bản (KẾ HOẠCH, BÁO CÁO…) hoặc «V/v …» của công văn", "không có")
        return
    yield from _format_issues(title, "Tên loại văn bản", size=(13, 14), bold=True, upper=True, center=True)
    if not anatomy.summary:
        yield Issue(title.where(), "trích yếu nội dung dưới tên loại", "không có")
        return
    for block in anatomy.summary:
        yield from _format_issues(block, "Trích yếu", size=(13, 14), bold=True, center=True)
    last = anatomy.summary[-1]
    width = anatomy.doc.container_width_mm(last) or 160
    text = " ".join(b.clean for b in anatomy.summary)
    size = max(last.sizes() or {14})
    longest = max(longest_line_mm(b.clean, width, size, bold=True) for b in anatomy.summary) if text else 0
    yield from _rule_issues(anatomy, last, "trích yếu", 1 / 3, 1 / 2, longest, "dòng chữ")


def _is_heading(block: Block) -> bool:
    return block.fmt.align == "center"


@rule("ND30-07", "PL I, Phần I, Mục II.6", "Nội dung: cỡ chữ, căn đều, thụt đầu dòng, khoảng cách", general=True)
def body_paragraphs(anatomy: Anatomy) -> Iterable[Issue]:
    problems: dict[tuple[str, str], list[Block]] = {}

    def note(block: Block, expected: str, found: str) -> None:
        problems.setdefault((expected, found), []).append(block)

    body = {b.index for b in anatomy.body}
    for block in anatomy.body:
        if _is_heading(block) or block.has_drawing:
            continue
        fmt = block.fmt
        if fmt.align not in ("both", "distribute"):
            note(block, "căn đều hai lề", f"căn {fmt.align or 'trái'}")
        if not _size_in(block, 13, 14):
            note(block, "cỡ chữ 13–14 pt", _sizes(block))
        indent = fmt.first_line_cm
        if not (abs(indent - 1.0) <= 0.05 or abs(indent - 1.27) <= 0.05):
            note(block, "thụt đầu dòng 1 cm hoặc 1,27 cm", f"{indent:.2f} cm")
        previous = anatomy.doc.blocks[block.index - 2] if block.index >= 2 else None
        if previous is not None and previous.index in body and not _is_heading(previous):
            gap = previous.fmt.after_pt + fmt.before_pt
            if gap < 5.95:
                note(block, "cách đoạn tối thiểu 6 pt", f"{gap:g} pt")
        ratio = _line_ratio(block)
        if ratio is not None and not (0.95 <= ratio <= 1.55):
            note(block, "khoảng cách dòng từ đơn (1) đến 1,5 dòng", f"{ratio:.2f} dòng")
    for (expected, found), blocks in problems.items():
        yield Issue(blocks[0].where(), expected, f"{found} ở {len(blocks)} đoạn")


def _line_ratio(block: Block) -> float | None:
    fmt = block.fmt
    if fmt.line is None:
        return 1.0
    if fmt.line_rule == "auto":
        return fmt.line / 240
    size = max(block.sizes() or {14})
    return (fmt.line / 20) / (1.15 * size)


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
            yield from _format_issues(block, "Tên phần, chương, mục", bold=True, center=True)
            if position + 1 < len(blocks):
                yield from _format_issues(
                    blocks[position + 1], "Tiêu đề phần, chương, mục", bold=True, upper=True, center=True
                )
            last_letter = None
        elif re.match(r"^Điều \d+\.", text):
            label = re.match(r"^Điều \d+\.", text).group(0)
            covered = ""
            for fmt, run_text in block.runs:
                if len(covered) >= len(label):
                    break
                covered += run_text
                if run_text.strip() and not fmt.bold:
                    yield Issue(block.where(), f"«{label}» chữ đậm", "không đậm")
                    break
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


def _authority_prefix(text: str) -> str | None:
    match = re.match(r"^([A-Z/]+)\.\s", text)
    return match.group(1) if match else None


@rule("ND30-10", "PL I, Phần I, Mục II.7", "Chức vụ, họ tên người ký")
def signature(anatomy: Anatomy) -> Iterable[Issue]:
    lines = [b for b in anatomy.signature if b.visible and not b.visible.startswith("(")]
    if not lines:
        if anatomy.recipients_label is not None:
            yield Issue(
                anatomy.recipients_label.where(), "quyền hạn, chức vụ và họ tên người ký cạnh «Nơi nhận»", "không có"
            )
        return
    *authority, name = lines
    for position, block in enumerate(authority):
        yield from _format_issues(block, "Quyền hạn, chức vụ người ký", size=(13, 14), bold=True, upper=True)
        prefix = _authority_prefix(block.clean)
        if position == 0 and prefix and prefix not in AUTHORITY_PREFIXES:
            yield Issue(block.where(), "chữ viết tắt quyền hạn TM., Q., KT., TL. hoặc TUQ.", f"«{prefix}.»")
    yield from _format_issues(name, "Họ tên người ký", size=(13, 14), bold=True, upper=False)


@rule("ND30-11", "PL I, Phần I, Mục II.9.b", "Nơi nhận")
def recipients(anatomy: Anatomy) -> Iterable[Issue]:
    label = anatomy.recipients_label
    if label is None:
        if not anatomy.is_legal and anatomy.doc.blocks:
            yield Issue(anatomy.doc.blocks[-1].where(), "«Nơi nhận:» ở cuối văn bản", "không có")
        return
    yield from _format_issues(label, "«Nơi nhận:»", size=(12, 12), bold=True, italic=True)
    if label.fmt.align not in (None, "left", "start", "both") or label.fmt.first_line_twips > 0:
        yield Issue(label.where(), "«Nơi nhận:» sát lề trái", "thụt vào hoặc căn khác")
    items = anatomy.recipients
    if not items:
        yield Issue(label.where(), "danh sách nơi nhận, dòng cuối «- Lưu: VT, …»", "không có")
        return
    for block in items:
        yield from _format_issues(block, "Nơi nhận", size=(11, 11), bold=False, italic=False)
    entries = anatomy.recipient_items
    for block, text in entries[:-1]:
        if not (text.startswith("-") and text.endswith(";")):
            yield Issue(block.where(), "mỗi nơi nhận «- …;»", text)
    last, text = entries[-1]
    if not (re.match(r"^-\s*Lưu\s*:", text) and text.endswith(".")):
        yield Issue(last.where(), "dòng cuối «- Lưu: VT, ….»", text)


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
    for position, name in enumerate(names):
        mark = "." if position == len(names) - 1 else ";"
        if not name.endswith(mark):
            yield Issue(lines[min(position, len(lines) - 1)].where(), f"nơi kính gửi kết thúc bằng «{mark}»", name)
    if anatomy.recipients and not anatomy.recipients[0].clean.startswith("- Như trên"):
        yield Issue(
            anatomy.recipients[0].where(),
            "nơi nhận đầu tiên «- Như trên;» khi có «Kính gửi»",
            anatomy.recipients[0].clean,
            WARNING,
        )


@rule("ND30-13", "PL III; PL I, Phần I, Mục II.3.c", "Ký hiệu đúng loại văn bản")
def symbol_matches_type(anatomy: Anatomy) -> Iterable[Issue]:
    number = anatomy.number
    if number is None or anatomy.is_legal or anatomy.type_name is None:
        return
    found = symbol_type(number.clean)
    if anatomy.type_name == "Công văn":
        if found:
            yield Issue(number.where(), "ký hiệu công văn không có chữ viết tắt tên loại (ví dụ 12/UBND-VX)", found)
        return
    expected = ADMINISTRATIVE_ABBREVIATIONS.get(anatomy.type_name)
    if expected and found != expected:
        yield Issue(number.where(), f"ký hiệu bắt đầu bằng «{expected}» ({anatomy.type_name})", found or "không có")


@rule("ND30-14", "PL I, Phần I, Mục III.1", "Phụ lục")
def appendices(anatomy: Anatomy) -> Iterable[Issue]:
    for appendix in anatomy.appendices:
        label = appendix.label
        yield from _format_issues(label, "«Phụ lục»", size=(14, 14), bold=True, center=True)
        if label.clean.startswith("PHỤ LỤC"):
            yield Issue(label.where(), "«Phụ lục» chữ thường", label.clean)
        for block in appendix.title:
            yield from _format_issues(block, "Tên phụ lục", size=(13, 14), bold=True, upper=True)
        if appendix.reference is None:
            yield Issue(label.where(), "dòng «(Kèm theo … số … ngày … của …)» dưới tên phụ lục", "không có")
        else:
            yield from _format_issues(appendix.reference, "Dòng «Kèm theo»", size=(13, 14), italic=True)

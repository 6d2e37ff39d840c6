"""Every number and wording of Nghị định 30/2020/NĐ-CP that vanban uses, in one place, so the
layout that writes a document and the checker that judges one can never disagree.

Citations are to Phụ lục I, Phần I of the decree unless said otherwise. Lengths are in mm, font
sizes and spacing in pt (as the decree states them); code that reads or writes WordprocessingML
converts through `vanban.generator.wordml.oxml` (this module sits in the library, below it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction


def decimal(value: float, places: int = 1) -> str:
    """A measure as a Vietnamese reader writes it: a decimal comma and no trailing zeros ("12,5",
    "10", "-0,64"), rounded to `places`; the decree itself writes "1,27 cm", "3,5 cm". Every text
    the checker shows a user goes through here, so no "10.0 mm" reaches a văn thư."""
    text = f"{round(value, places):.{places}f}" if places > 0 else f"{round(value):d}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


@dataclass(frozen=True)
class Span:
    """What the decree allows for one measure (`low`…`high`), the value vanban writes (`chosen`),
    and how far past the span a measured value may fall and still pass (`tolerance`): Word keeps
    lengths in whole twips and font metrics round, so an exact border would reject good files."""

    low: float
    high: float
    chosen: float
    tolerance: float = 0

    def allows(self, value: float) -> bool:
        return self.low - self.tolerance <= value <= self.high + self.tolerance

    def below(self, value: float) -> bool:
        """Short of a minimum the decree sets ("tối thiểu", "cách … 6pt"); more room is tolerated."""
        return value < self.low - self.tolerance

    def text(self) -> str:
        """How the decree writes the span: "13" or "13–14"."""
        low, high = decimal(self.low, 2), decimal(self.high, 2)
        return low if self.low == self.high else f"{low}–{high}"

    def share_text(self) -> str:
        """A rule's length as the decree words it: "bằng" the line, or "từ 1/3 đến 1/2" of it."""
        if self.low == self.high == 1:
            return "bằng"
        return f"từ {Fraction(self.low).limit_denominator(10)} đến {Fraction(self.high).limit_denominator(10)}"


# Mục I: thể thức chung

#: Mục I.1: khổ A4 (210 mm × 297 mm).
PAPER_WIDTH_MM, PAPER_HEIGHT_MM = 210, 297
#: How far a paper size may stray from A4 (about 20 twips) and still be A4.
PAPER_TOLERANCE_MM = 0.35

#: Mục I.3: cách mép trên và mép dưới 20–25 mm, mép trái 30–35 mm, mép phải 15–20 mm. vanban
#: writes each minimum, which leaves the widest text (165 mm). The tolerance (one twip) absorbs
#: Word's rounding of millimetres to twips.
MARGINS_MM: dict[str, Span] = {
    "top": Span(20, 25, 20, tolerance=0.02),
    "bottom": Span(20, 25, 20, tolerance=0.02),
    "left": Span(30, 35, 30, tolerance=0.02),
    "right": Span(15, 20, 15, tolerance=0.02),
}

#: Mục I.4: phông chữ Times New Roman, bộ mã Unicode (TCVN 6909:2001), màu đen.
FONT = "Times New Roman"

#: Mục I.7: số trang cỡ chữ 13–14, kiểu chữ đứng, canh giữa trong lề trên, không hiện ở trang 1.
PAGE_NUMBER_SIZE = Span(13, 14, 14)


def typical_text_width_mm() -> float:
    """The text width between middling margins (160 mm): what to assume when a file does not say."""
    left, right = MARGINS_MM["left"], MARGINS_MM["right"]
    return PAPER_WIDTH_MM - (left.low + left.high) / 2 - (right.low + right.high) / 2


# Mục II: các thành phần thể thức chính (ô số 1–9 of the diagram in Mục IV)

#: Mục II.1.a. The decree's text writes "HÒA"; its own sample table writes "HOÀ". Both are
#: accepted when checking.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_NAMES = (NATIONAL_NAME, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
#: Mục II.1.a: quốc hiệu in hoa, cỡ chữ 12–13, đứng, đậm; 13 still fits one line of the right column.
NATIONAL_NAME_SIZE = Span(12, 13, 13)

#: Mục II.1.b: tiêu ngữ, gạch nối có cách chữ.
MOTTO = "Độc lập - Tự do - Hạnh phúc"
#: Mục II.1.b: tiêu ngữ cỡ chữ 13–14, đứng, đậm.
MOTTO_SIZE = Span(13, 14, 14)
#: Mục II.1.b: đường kẻ dưới tiêu ngữ "có độ dài bằng độ dài của dòng chữ" (share of the text
#: line); ±10 % for lines drawn by hand.
MOTTO_RULE = Span(1, 1, 1, tolerance=0.1)

#: Mục II.2.b: tên cơ quan chủ quản in hoa, cỡ chữ 12–13, đứng (not bold).
PARENT_SIZE = Span(12, 13, 13)
#: Mục II.2.b: tên cơ quan ban hành in hoa, cỡ chữ 12–13, đứng, đậm.
ISSUER_SIZE = Span(12, 13, 13)
#: Mục II.2.b: đường kẻ dưới tên cơ quan ban hành dài từ 1/3 đến 1/2 dòng chữ; vanban draws 2/5.
ISSUER_RULE = Span(1 / 3, 1 / 2, 0.4)

#: Mục II.3.c: "Số" và ký hiệu cỡ chữ 13, đứng.
NUMBER_SIZE = Span(13, 13, 13)

#: Mục II.4.c: địa danh và ngày tháng cỡ chữ 13–14, nghiêng; vanban writes 14 and falls back to
#: the smallest size when a long place name would wrap the line.
DATE_SIZE = Span(13, 14, 14)

#: Mục II.5.b: tên loại in hoa, cỡ chữ 13–14, đứng, đậm.
TYPE_NAME_SIZE = Span(13, 14, 14)
#: Mục II.5.b: trích yếu in thường, cỡ chữ 13–14, đứng, đậm.
SUMMARY_SIZE = Span(13, 14, 14)
#: Mục II.5.b: đường kẻ dưới trích yếu dài từ 1/3 đến 1/2 dòng chữ; vanban draws 2/5.
SUMMARY_RULE = Span(1 / 3, 1 / 2, 0.4)
#: Mục II.5.b: trích yếu công văn ("V/v …") cỡ chữ 12–13, đứng.
LETTER_SUMMARY_SIZE = Span(12, 13, 12)
#: Mục II.5.b: trích yếu công văn "cách dòng 6pt với số và ký hiệu văn bản" (pt; half a point of
#: slack for the spacing Word stores in twentieths).
LETTER_SUMMARY_GAP_PT = Span(6, 6, 6, tolerance=0.5)

#: Mục II.6.a, II.6.đ, II.6.e: nội dung, căn cứ, phần/chương/mục, điều, khoản, điểm: cỡ chữ 13–14.
BODY_SIZE = Span(13, 14, 14)
#: Mục II.6.đ–e: chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm (either, within 0.05 cm); vanban 1,27.
FIRST_LINE_INDENTS_CM = (1.0, 1.27)
FIRST_LINE_INDENT_CM = 1.27
FIRST_LINE_INDENT_TOLERANCE_CM = 0.05
#: Mục II.6.e: khoảng cách giữa các đoạn văn tối thiểu 6 pt; vanban writes the minimum.
PARAGRAPH_SPACING_PT = Span(6, math.inf, 6, tolerance=0.05)
#: Mục II.6.e: khoảng cách dòng tối thiểu dòng đơn, tối đa 1,5 dòng (in lines).
LINE_SPACING = Span(1.0, 1.5, 1.15, tolerance=0.05)
#: Mục II.6.đ: điểm lettered in the order of the Vietnamese alphabet (no f, j, w, z), then ")".
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

#: Mục II.7.đ: the signing-authority abbreviations, in the decree's order.
SIGNING_PREFIXES = ("TM.", "Q.", "KT.", "TL.", "TUQ.")
#: Mục II.7.a–b: titles of a head who issues in their own name (folded, upper case); a competence
#: line starting with one ("CHỦ TỊCH ỦY BAN NHÂN DÂN …") means the head issues, so no "TM.".
HEAD_TITLES = ("CHU TICH", "GIAM DOC", "BO TRUONG", "THU TRUONG", "TONG GIAM DOC", "CHANH VAN PHONG", "TRUONG BAN")
#: Mục II.7.đ: quyền hạn, chức vụ người ký in hoa, cỡ chữ 13–14, đứng, đậm.
AUTHORITY_SIZE = Span(13, 14, 14)
#: Mục II.7.đ: họ tên người ký in thường, cỡ chữ 13–14, đứng, đậm.
SIGNER_NAME_SIZE = Span(13, 14, 14)

#: Mục II.9.a: "Kính gửi" và tên nơi nhận cỡ chữ 13–14, đứng.
ADDRESSEE_SIZE = Span(13, 14, 14)
#: Mục II.9.b: "Nơi nhận:" cỡ chữ 12, nghiêng, đậm.
RECIPIENTS_LABEL_SIZE = Span(12, 12, 12)
#: Mục II.9.b: danh sách nơi nhận cỡ chữ 11, đứng.
RECIPIENTS_SIZE = Span(11, 11, 11)

# Mục III: các thành phần thể thức khác

#: Mục III.1.b: "Phụ lục" và số thứ tự cỡ chữ 14, đứng, đậm.
APPENDIX_LABEL_SIZE = Span(14, 14, 14)
#: Mục III.1.b: tên phụ lục in hoa, cỡ chữ 13–14, đứng, đậm.
APPENDIX_TITLE_SIZE = Span(13, 14, 14)
#: Mục III.1.c: dòng chỉ dẫn "(Kèm theo …)" cỡ chữ 13–14, nghiêng.
APPENDIX_REFERENCE_SIZE = Span(13, 14, 14)

# How closely the checker measures drawn lengths (font metrics, not the decree)

#: A rule under a line may be this much longer or shorter than its share of the line.
RULE_LENGTH_TOLERANCE_MM = 0.5
#: A line the decree prints on one line may overrun its column by this much before Word wraps it.
ONE_LINE_TOLERANCE_MM = 0.2

# Mục II.7.a–đ and Mục III.1: who signs for whom, and the appendices

#: Mục II.7.a: "TM." (thay mặt tập thể) stands before the name of a collective body.
COLLECTIVE_SIGNING_PREFIXES = ("TM.",)
#: Mục II.7.b–đ: "Q.", "KT.", "TL.", "TUQ." stand before the title of the head of the body.
HEAD_SIGNING_PREFIXES = ("Q.", "KT.", "TL.", "TUQ.")
#: How the names of collective bodies begin (Chính phủ, Ủy ban nhân dân, Hội đồng, ban, đoàn…).
COLLECTIVE_BODIES = (
    "CHÍNH PHỦ",
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HỘI ĐỒNG",
    "HĐND",
    "THƯỜNG TRỰC",
    "BAN",
    "ĐOÀN",
    "TẬP THỂ",
    "TỔ",
    "HỘI",
    "LIÊN",
    "QUỐC HỘI",
)
#: The words that make a head's title ("BỘ TRƯỞNG", "TỔNG GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"…): a title
#: is at most two words before one of them.
HEAD_TITLE_WORDS = (
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "THỦ TƯỚNG",
    "TRƯỞNG",
    "CHÁNH",
    "CHỦ NHIỆM",
    "TỔNG THƯ KÝ",
    "THỐNG ĐỐC",
    "TỔNG KIỂM TOÁN",
)

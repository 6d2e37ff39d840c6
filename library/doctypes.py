"""Names and abbreviations of document types: NĐ 30/2020 Phụ lục III plus the legal types.

The mixed-case abbreviations (QyĐ, CTr, TTr, TrS) are the decree's own spelling and are kept as
written; matching is case-sensitive for them so that "TTr" (tờ trình) never reads as "TT".
"""

from __future__ import annotations

from vanban.library.vietnamese import fold

#: NĐ 30/2020 Phụ lục III: administrative types and their abbreviations in a ký hiệu.
ADMINISTRATIVE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Bản sao y": "SY",
    "Bản trích sao": "TrS",
    "Bản sao lục": "SL",
}

#: Legal (normative) types that appear in citations; their ký hiệu abbreviations.
LEGAL_ABBREVIATIONS: dict[str, str] = {
    "Nghị định": "NĐ",
    "Thông tư liên tịch": "TTLT",
    "Thông tư": "TT",
    "Pháp lệnh": "PL",
}

#: Types offices print that Phụ lục III does not list: an internal routing slip (its ký hiệu reads
#: "130-12/PT-NC") and the charter of an association attached to the decision that approves it.
OTHER_ABBREVIATIONS: dict[str, str] = {
    "Phiếu trình": "PT",
    "Điều lệ": "ĐL",
}

#: Types without an abbreviation of their own (công văn: ký hiệu is issuer-unit).
TYPES_WITHOUT_ABBREVIATION = ("Công văn", "Thư công", "Luật", "Bộ luật", "Hiến pháp")

ABBREVIATIONS: dict[str, str] = {**ADMINISTRATIVE_ABBREVIATIONS, **LEGAL_ABBREVIATIONS, **OTHER_ABBREVIATIONS}
TYPE_BY_ABBREVIATION: dict[str, str] = {abbr: name for name, abbr in ABBREVIATIONS.items()}
ALL_TYPE_NAMES: tuple[str, ...] = tuple(ABBREVIATIONS) + TYPES_WITHOUT_ABBREVIATION

_TYPE_BY_FOLDED = {fold(name): name for name in ALL_TYPE_NAMES}


def type_from_heading(line: str) -> str | None:
    """ "KẾ HOẠCH" → "Kế hoạch": the tên loại line of a header, in sentence case."""
    return _TYPE_BY_FOLDED.get(fold(line.strip()))


def type_at_start(line: str) -> tuple[str, str] | None:
    """ "CHƯƠNG TRÌNH HỘI NGHỊ" → ("Chương trình", "HỘI NGHỊ"): a tên loại heading that carries more
    words after the type (a qualifier, or the start of the trích yếu). The longest name wins, so
    "THÔNG TƯ LIÊN TỊCH" is not read as "Thông tư"."""
    words = line.split()
    for size in range(min(len(words), 4), 0, -1):
        name = _TYPE_BY_FOLDED.get(fold(" ".join(words[:size])))
        if name:
            return name, " ".join(words[size:])
    return None


def type_from_symbol(symbol: str) -> str | None:
    """The type named by a ký hiệu: "KH-UBND" → Kế hoạch, "2020/NĐ-CP" → Nghị định, "QH14" → Luật."""
    parts = symbol.split("/")[-1].split("-")
    head = parts[0]
    if head in TYPE_BY_ABBREVIATION:
        return TYPE_BY_ABBREVIATION[head]
    upper = {abbr.upper(): name for abbr, name in TYPE_BY_ABBREVIATION.items()}
    if head.upper() in upper:
        return upper[head.upper()]
    if head.startswith("QH"):
        return "Luật"
    return None


#: A công văn has no type abbreviation in its ký hiệu (Phụ lục III); registers keep its series as CV.
LETTER_TYPE = "CV"


def symbol_tail(doc_type: str, issuer: str, unit: str = "") -> str:
    """What follows the number in a ký hiệu (Phụ lục III NĐ 30): "KH-UBND" (type, issuer); a công
    văn has no type abbreviation, so its issuer and the unit that drafted it: "SCT-QLCN".

    The one place a ký hiệu is composed: the drafted document's "Số:" line and the sổ văn bản đi
    both call it, so the register can never record a different ký hiệu from the document's."""
    if doc_type == LETTER_TYPE:
        return "-".join(filter(None, [issuer, unit]))
    return f"{doc_type}-{issuer}"

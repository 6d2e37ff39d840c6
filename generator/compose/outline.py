"""An outline of `Section`s → the flat list of body lines a template loops over.

Each line says which kind of paragraph it is (so the template can give it its style), its label
as printed ("I.", "1.", "a)", "Điều 3.", "-") and its text. Plans use variant b of Phụ lục I
(I./1./a)/-); decisions use variant a (Chương/Điều/khoản/điểm).
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.library.model import Section, SectionKind
from vanban.library.nd30 import POINT_LETTERS


def point_letter(index: int) -> str:
    """The letter of the `index`-th điểm (1-based); past "y" the letters double (aa, bb…)."""
    letters = POINT_LETTERS
    return letters[(index - 1) % len(letters)] * ((index - 1) // len(letters) + 1)


@dataclass(frozen=True)
class BodyLine:
    kind: str
    label: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.label} {self.text}".strip() if self.label else self.text

    def context(self) -> dict[str, str]:
        """The names a template sees: kieu, nhan, van_ban, dong."""
        return {"kieu": self.kind, "nhan": self.label, "van_ban": self.text, "dong": self.line}


def figure_marker(caption: str) -> str:
    """The placeholder a template prints where a figure goes; the layout swaps in the picture."""
    return f"[[{caption}]]"


def flatten(sections: list[Section]) -> list[BodyLine]:
    lines: list[BodyLine] = []
    for section in sections:
        lines.extend(_lines_of(section))
    return lines


#: Numbered levels: label prefix in the model, how the number prints, the line kind with a title
#: (a bold heading) and without one (the number opens the text).
_NUMBERED = {
    SectionKind.ARTICLE: ("Điều", "Điều {}.", "dieu", "dieu_doan"),
    SectionKind.CLAUSE: ("Khoản", "{}.", "khoan", "doan"),
}


def _lines_of(section: Section) -> list[BodyLine]:
    kind, label, title, text = section.kind, section.label, section.title, section.text
    lines: list[BodyLine] = []
    if kind in (SectionKind.PART, SectionKind.CHAPTER, SectionKind.SUBSECTION) or (
        kind == SectionKind.SECTION and label.startswith("Mục")
    ):
        lines.append(BodyLine("chuong", "", label))
        if title:
            lines.append(BodyLine("ten_chuong", "", title.upper()))
    elif kind == SectionKind.SECTION:
        lines.append(BodyLine("muc", f"{label}.", title.upper() if title else text))
        if not title:
            text = ""
    elif kind in _NUMBERED:
        prefix, printed, titled, untitled = _NUMBERED[kind]
        number = printed.format(label.removeprefix(prefix).strip())
        if title:
            lines.append(BodyLine(titled, number, title))
        else:
            lines.append(BodyLine(untitled, number, text))
            text = ""
    elif kind == SectionKind.POINT:
        letter = label.removeprefix("Điểm").strip()
        lines.append(BodyLine("doan", f"{letter})", title or text))
        if not title:
            text = ""
    elif kind == SectionKind.FIGURE:
        lines.append(BodyLine("hinh", "", figure_marker(text)))
        text = ""
    elif kind == SectionKind.ITEM:
        lines.append(BodyLine("doan", "-", text))
        text = ""
    if text:
        lines.append(BodyLine("doan", "", text))
    for child in section.children:
        lines.extend(_lines_of(child))
    return lines

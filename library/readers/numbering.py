"""Word's list numbering: the labels Word draws in front of numbered paragraphs.

A paragraph numbered by Word ("Điều 1.", "1.", "a)" typed by no one) holds no label in its text:
Word computes it when drawing, from the paragraph's `w:numPr` (or its style's) and numbering.xml.
The structure parser only sees text, so the reader has to draw the labels the same way: each
`w:num` instance keeps one counter per level, starting at the level's `w:start` (or the instance's
`w:startOverride`), a level restarts when a shallower level of the same instance is used (or as
its `w:lvlRestart` says), and `w:lvlText` ("Điều %1.", "%1.%2.", "%1)") is filled with the counters
in each level's own format.  Bullets are drawn as "- ", the marker the parser reads as an item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

from vanban.library.vietnamese import roman

BULLET = "-"
#: Bullet glyphs printed as text and read by the parser as they are ("+" items differ from "-" items).
_TEXT_BULLETS = {"-": "-", "–": "-", "—": "-", "+": "+", "*": "*"}


def _val(element, tag: str) -> str | None:
    """The w:val of a child element, or None when absent."""
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class Level:
    """One w:lvl: how its counter starts, restarts and is written."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 0 never, n after level n (1-based); None: any shallower level
    legal: bool = False  # w:isLgl: every counter in the label written as a decimal

    @classmethod
    def of(cls, lvl) -> Level:
        return cls(
            start=_int(_val(lvl, "w:start"), 1),
            fmt=_val(lvl, "w:numFmt") or "decimal",
            text=_val(lvl, "w:lvlText") or "",
            restart=_int(_val(lvl, "w:lvlRestart"), None),
            legal=lvl.find(qn("w:isLgl")) is not None,
        )


@dataclass
class Instance:
    """One w:num: its abstract levels with overrides, and the counters Word keeps for it."""

    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)

    def next_label(self, ilvl: int) -> str:
        """Count one more paragraph at this level and return the label Word draws for it."""
        level = self.levels.get(ilvl)
        if level is None:
            return ""
        self.counters[ilvl] = self.counters[ilvl] + 1 if ilvl in self.counters else level.start
        for deeper in [d for d in self.counters if d > ilvl]:
            restart = self.levels[deeper].restart if deeper in self.levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del self.counters[deeper]
        if level.fmt == "bullet":
            return _bullet(level.text)
        return _fill(level.text, self, level.legal).strip()

    def counter(self, ilvl: int) -> int:
        """A shallower level not used yet shows its start value, as Word does."""
        level = self.levels.get(ilvl, Level())
        return self.counters.get(ilvl, level.start)


def _bullet(text: str) -> str:
    """A bullet as drawn when it is a printable mark; symbol-font glyphs (, ) become "-"."""
    return _TEXT_BULLETS.get(text.strip(), BULLET)


def _fill(template: str, instance: Instance, legal: bool) -> str:
    """Replace %1…%9 with the counters of levels 0…8, each in its own format."""
    out = []
    index = 0
    while index < len(template):
        char = template[index]
        if char == "%" and index + 1 < len(template) and template[index + 1].isdigit():
            ilvl = int(template[index + 1]) - 1
            fmt = "decimal" if legal else instance.levels.get(ilvl, Level()).fmt
            out.append(format_counter(instance.counter(ilvl), fmt))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _letters(value: int) -> str:
    """Word's letters: a…z, then aa…zz, aaa… (the letter repeated, not a base-26 number)."""
    if value < 1:
        return ""
    repeat, index = divmod(value - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def format_counter(value: int, fmt: str) -> str:
    """A counter in a w:numFmt; formats Vietnamese documents do not use fall back to decimal."""
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


class Numbering:
    """The labels of one document's numbered paragraphs, drawn in document order."""

    def __init__(self, numbering_xml, styles_xml) -> None:
        self._abstract = {}
        self._nums = {}
        if numbering_xml is not None:
            self._abstract = {a.get(qn("w:abstractNumId")): a for a in numbering_xml.findall(qn("w:abstractNum"))}
            self._nums = {n.get(qn("w:numId")): n for n in numbering_xml.findall(qn("w:num"))}
        self._styles = {}
        if styles_xml is not None:
            self._styles = {s.get(qn("w:styleId")): s for s in styles_xml.findall(qn("w:style"))}
        self._instances: dict[str, Instance] = {}

    @classmethod
    def of(cls, document) -> Numbering:
        """From a python-docx Document; a document without numbering.xml simply has no labels."""
        part = document.part
        try:
            numbering_xml = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_xml = None
        return cls(numbering_xml, part.styles.element)

    def label(self, paragraph) -> str:
        """The label Word draws before this w:p element ("" for none); call in document order."""
        num_id, ilvl = self._num_pr(paragraph)
        if not num_id or num_id == "0":
            return ""
        instance = self._instance(num_id)
        return instance.next_label(ilvl) if instance else ""

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        """numId and level from the paragraph, else from its style chain (a style's level can
        also come from the abstract level that names the style in w:pStyle)."""
        ppr = paragraph.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = _val(num_pr, "w:numId"), _int(_val(num_pr, "w:ilvl"), None)
        style_id = _val(ppr, "w:pStyle")
        seen = set()
        while num_id is None and style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            style_ppr = style.find(qn("w:pPr"))
            style_num = style_ppr.find(qn("w:numPr")) if style_ppr is not None else None
            num_id = _val(style_num, "w:numId")
            if ilvl is None:
                ilvl = _int(_val(style_num, "w:ilvl"), None)
            if num_id is not None and ilvl is None:
                ilvl = self._style_level(num_id, style_id)
            style_id = _val(style, "w:basedOn")
        return num_id, ilvl or 0

    def _style_level(self, num_id: str, style_id: str) -> int | None:
        abstract = self._abstract_of(num_id)
        for lvl in abstract.findall(qn("w:lvl")) if abstract is not None else []:
            if _val(lvl, "w:pStyle") == style_id:
                return _int(lvl.get(qn("w:ilvl")), 0)
        return None

    def _abstract_of(self, num_id: str):
        """The w:abstractNum of an instance, following a numbering style link (w:numStyleLink)."""
        num = self._nums.get(num_id)
        abstract = self._abstract.get(_val(num, "w:abstractNumId")) if num is not None else None
        link = _val(abstract, "w:numStyleLink")
        if link and link in self._styles:
            ppr = self._styles[link].find(qn("w:pPr"))
            linked_num = _val(ppr.find(qn("w:numPr")) if ppr is not None else None, "w:numId")
            if linked_num and linked_num != num_id:
                linked = self._nums.get(linked_num)
                abstract = self._abstract.get(_val(linked, "w:abstractNumId")) if linked is not None else abstract
        return abstract

    def _instance(self, num_id: str) -> Instance | None:
        if num_id not in self._instances:
            abstract = self._abstract_of(num_id)
            if abstract is None:
                return None
            levels = {_int(lvl.get(qn("w:ilvl")), 0): Level.of(lvl) for lvl in abstract.findall(qn("w:lvl"))}
            for override in self._nums[num_id].findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                replaced = override.find(qn("w:lvl"))
                if replaced is not None:
                    levels[ilvl] = Level.of(replaced)
                start = _int(_val(override, "w:startOverride"), None)
                if start is not None:
                    levels.setdefault(ilvl, Level()).start = start
            self._instances[num_id] = Instance(levels)
        return self._instances[num_id]

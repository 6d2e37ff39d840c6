"""Effective formatting of a paragraph or run, resolved the way Word does:
docDefaults → paragraph style chain → run style chain → direct formatting (last one wins).

A checker that only read direct formatting would pass a document whose Normal style is Arial
and fail one that sets everything through styles; resolving is what makes findings true.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from docx.oxml.ns import qn

from vanban.generator.wordml.oxml import FONT_SLOTS

_THEME_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PPR, _RPR, _RSTYLE, _VAL = qn("w:pPr"), qn("w:rPr"), qn("w:rStyle"), qn("w:val")
_SLOT_NAMES = tuple((qn(slot), qn(slot + "Theme"), slot) for slot in FONT_SLOTS)
_TOGGLES = ((qn("w:b"), "bold"), (qn("w:i"), "italic"), (qn("w:caps"), "caps"))
_RFONTS, _SZ, _COLOR, _VERT = qn("w:rFonts"), qn("w:sz"), qn("w:color"), qn("w:vertAlign")


def _on(element) -> bool | None:
    """ST_OnOff: present without a value means on."""
    if element is None:
        return None
    value = element.get(_VAL)
    return value not in ("0", "false", "off")


@dataclass
class RunFormat:
    fonts: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(FONT_SLOTS))
    size: float | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False
    color: str | None = None
    vert_align: str | None = None
    #: `w:hint="eastAsia"` makes Word draw shared Latin letters (đ, ă, ư…) in the eastAsia font.
    hint: str | None = None


@dataclass
class ParagraphFormat:
    align: str | None = None
    first_line_twips: int = 0
    left_twips: int = 0
    right_twips: int = 0
    before_twips: int = 0
    after_twips: int = 0
    line: int | None = None
    line_rule: str = "auto"
    borders: dict[str, bool] = field(default_factory=dict)
    #: Custom tab stops as (alignment, position in twips), style and direct ones merged.
    tabs: tuple[tuple[str, int], ...] = ()

    @property
    def first_line_cm(self) -> float:
        return self.first_line_twips / 1440 * 2.54

    @property
    def before_pt(self) -> float:
        return self.before_twips / 20

    @property
    def after_pt(self) -> float:
        return self.after_twips / 20


def _apply_rpr(fmt: RunFormat, rpr, theme: dict[str, str]) -> None:
    if rpr is None:
        return
    fonts = rpr.find(_RFONTS)
    if fonts is not None:
        for name, theme_name, slot in _SLOT_NAMES:
            theme_ref = fonts.get(theme_name)
            if theme_ref:
                fmt.fonts[slot] = theme.get("major" if theme_ref.startswith("major") else "minor")
            elif fonts.get(name):
                fmt.fonts[slot] = fonts.get(name)
        if fonts.get(qn("w:hint")):
            fmt.hint = fonts.get(qn("w:hint"))
    size = rpr.find(_SZ)
    if size is not None and size.get(_VAL):
        fmt.size = int(size.get(_VAL)) / 2
    for tag, name in _TOGGLES:
        value = _on(rpr.find(tag))
        if value is not None:
            setattr(fmt, name, value)
    color = rpr.find(_COLOR)
    if color is not None:
        fmt.color = color.get(_VAL)
    vert = rpr.find(_VERT)
    if vert is not None:
        fmt.vert_align = vert.get(_VAL)


def _twips(element, name: str) -> int | None:
    value = element.get(qn(name)) if element is not None else None
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def _apply_ppr(fmt: ParagraphFormat, ppr) -> None:
    if ppr is None:
        return
    jc = ppr.find(qn("w:jc"))
    if jc is not None:
        fmt.align = jc.get(qn("w:val"))
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        first, hanging = _twips(ind, "w:firstLine"), _twips(ind, "w:hanging")
        if first is not None:
            fmt.first_line_twips = first
        if hanging is not None:
            fmt.first_line_twips = -hanging
        for names, attr in ((("w:left", "w:start"), "left_twips"), (("w:right", "w:end"), "right_twips")):
            for name in names:
                value = _twips(ind, name)
                if value is not None:
                    setattr(fmt, attr, value)
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        for name, attr in (("w:before", "before_twips"), ("w:after", "after_twips")):
            value = _twips(spacing, name)
            if value is not None:
                setattr(fmt, attr, value)
        line = _twips(spacing, "w:line")
        if line is not None:
            fmt.line = line
            fmt.line_rule = spacing.get(qn("w:lineRule")) or "auto"
    tabs = ppr.find(qn("w:tabs"))
    if tabs is not None:
        fmt.tabs = _merge_tabs(fmt.tabs, tabs)
    borders = ppr.find(qn("w:pBdr"))
    if borders is not None:
        for side in ("top", "bottom"):
            edge = borders.find(qn(f"w:{side}"))
            if edge is not None:
                fmt.borders[side] = edge.get(qn("w:val")) not in (None, "nil", "none")


def _merge_tabs(inherited: tuple[tuple[str, int], ...], tabs) -> tuple[tuple[str, int], ...]:
    """A style's tab stops, changed by a paragraph's: `clear` removes an inherited stop at that place."""
    stops = dict((position, kind) for kind, position in inherited)
    for tab in tabs.findall(qn("w:tab")):
        position = _twips(tab, "w:pos")
        if position is None:
            continue
        kind = tab.get(qn("w:val")) or "left"
        if kind == "clear":
            stops.pop(position, None)
        else:
            stops[position] = kind
    return tuple((kind, position) for position, kind in sorted(stops.items()))


class StyleSheet:
    """The styles, defaults and theme fonts of one document."""

    def __init__(self, document):
        root = document.styles.element
        defaults = root.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
        self.styles = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        self.default_paragraph_style = next(
            (
                sid
                for sid, s in self.styles.items()
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")
            ),
            None,
        )
        self.theme = _theme_fonts(document)
        self._chain = lru_cache(maxsize=None)(self._style_chain)
        self._paragraph_bases = lru_cache(maxsize=None)(self._paragraph_base)
        self._run_bases = lru_cache(maxsize=None)(self._run_base)

    def _style_chain(self, style_id: str | None) -> tuple:
        chain = []
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return tuple(reversed(chain))

    def paragraph_style_id(self, p) -> str | None:
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return style.get(qn("w:val")) if style is not None else self.default_paragraph_style

    def _paragraph_base(self, style_id: str | None) -> ParagraphFormat:
        fmt = ParagraphFormat()
        _apply_ppr(fmt, self.default_ppr)
        for style in self._chain(style_id):
            _apply_ppr(fmt, style.find(qn("w:pPr")))
        return fmt

    def _run_base(self, style_id: str | None, run_style_id: str | None) -> RunFormat:
        fmt = RunFormat()
        _apply_rpr(fmt, self.default_rpr, self.theme)
        for style in self._chain(style_id):
            _apply_rpr(fmt, style.find(qn("w:rPr")), self.theme)
        for style in self._chain(run_style_id):
            _apply_rpr(fmt, style.find(qn("w:rPr")), self.theme)
        return fmt

    def paragraph_format(self, p) -> ParagraphFormat:
        base = self._paragraph_bases(self.paragraph_style_id(p))
        fmt = replace(base, borders=dict(base.borders))
        _apply_ppr(fmt, p.find(_PPR))
        return fmt

    def run_format(self, p, r, style_id: str | None = None) -> RunFormat:
        """`style_id` is the paragraph's style when the caller already knows it."""
        rpr = r.find(_RPR)
        run_style = rpr.find(_RSTYLE) if rpr is not None else None
        base = self._run_bases(
            style_id if style_id is not None else self.paragraph_style_id(p),
            run_style.get(_VAL) if run_style is not None else None,
        )
        fmt = replace(base, fonts=dict(base.fonts))
        _apply_rpr(fmt, rpr, self.theme)
        return fmt


def _theme_fonts(document) -> dict[str, str]:
    """The latin major/minor fonts of the theme, which rFonts may point to (asciiTheme="minorHAnsi")."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob)
            fonts = {}
            for kind in ("major", "minor"):
                latin = root.find(f".//{_THEME_NS}{kind}Font/{_THEME_NS}latin")
                if latin is not None:
                    fonts[kind] = latin.get("typeface")
            return fonts
    return {}

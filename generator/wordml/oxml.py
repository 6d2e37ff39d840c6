"""The WordprocessingML python-docx has no API for: fonts in all four slots, fields, borders,
section numbering, table geometry. Layout code calls these and never builds XML itself.

Units: twips (1/20 pt) for geometry, half-points for sizes, eighths of a point for borders,
as the schema has them.
"""

from __future__ import annotations

import math

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def mm_to_twips_up(mm: float) -> int:
    """Rounded up, so a length the decree sets as a minimum (15 mm → 851 twips) never falls below
    it; Word itself stores 15 mm as 851 (567 twips to the cm, halves up), so maxima match too."""
    return math.ceil(mm * TWIPS_PER_MM)


def twips_to_mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


#: Child order the WordprocessingML schema requires (ECMA-376 Part 1) for the elements we touch.
#: LibreOffice forgives a wrong order; Word may call the file damaged. `child` inserts accordingly.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "rPr": (
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ),
    "pPr": (
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ),
    "sectPr": (
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    ),
    "tblPr": (
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    ),
    "tcPr": (
        "cnfStyle",
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
    ),
    "tblBorders": ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV"),
    "tblCellMar": ("top", "left", "start", "bottom", "right", "end"),
    "pBdr": ("top", "left", "bottom", "right", "between", "bar"),
    "docDefaults": ("rPrDefault", "pPrDefault"),
    "styles": ("docDefaults", "latentStyles", "style"),
    "settings": (
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "saveFormsData",
        "mirrorMargins",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "gutterAtTop",
        "hideSpellingErrors",
        "hideGrammaticalErrors",
        "activeWritingStyle",
        "proofState",
        "formsDesign",
        "attachedTemplate",
        "linkStyles",
        "stylePaneFormatFilter",
        "stylePaneSortMethod",
        "documentType",
        "mailMerge",
        "revisionView",
        "trackRevisions",
        "doNotTrackMoves",
        "doNotTrackFormatting",
        "documentProtection",
        "autoFormatOverride",
        "styleLockTheme",
        "styleLockQFSet",
        "defaultTabStop",
        "autoHyphenation",
        "consecutiveHyphenLimit",
        "hyphenationZone",
        "doNotHyphenateCaps",
        "showEnvelope",
        "summaryLength",
        "clickAndTypeStyle",
        "defaultTableStyle",
        "evenAndOddHeaders",
        "bookFoldRevPrinting",
        "bookFoldPrinting",
        "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin",
        "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin",
        "doNotShadeFormData",
        "noPunctuationKerning",
        "characterSpacingControl",
        "printTwoOnOne",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "savePreviewPicture",
        "doNotValidateAgainstSchema",
        "saveInvalidXml",
        "ignoreMixedContent",
        "alwaysShowPlaceholderText",
        "doNotDemarcateInvalidXml",
        "saveXmlDataOnly",
        "useXSLTWhenSaving",
        "saveThroughXslt",
        "showXMLTags",
        "alwaysMergeEmptyNamespace",
        "updateFields",
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ),
}


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def child(parent, tag: str):
    """The first `tag` child of `parent`, created when missing at the place the schema requires."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    sequence = SEQUENCES.get(local_name(parent.tag), ())
    name = local_name(qn(tag))
    if name in sequence:
        later = set(sequence[sequence.index(name) + 1 :])
        anchor = next((c for c in parent if local_name(c.tag) in later), None)
        if anchor is not None:
            anchor.addprevious(element)
            return element
    parent.append(element)
    return element


def set_paragraph_style(paragraph, style_id: str) -> None:
    """Point the paragraph at a style by id; python-docx's name lookup rescans all styles each time."""
    paragraph._p.get_or_add_pPr().style = style_id


def set_fonts(rpr, name: str, lang: str = "vi-VN") -> None:
    """Name the font in every slot Word may pick (ascii, hAnsi, eastAsia, cs) and tag the language,
    so no Vietnamese character falls back to a theme font (pitfall B2, #1601)."""
    fonts = child(rpr, "w:rFonts")
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme"):
            del fonts.attrib[attribute]
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), name)
    language = child(rpr, "w:lang")
    language.set(qn("w:val"), lang)
    language.set(qn("w:eastAsia"), lang)
    language.set(qn("w:bidi"), "ar-SA")


def set_size(rpr, points: float) -> None:
    half_points = str(round(points * 2))
    for tag in ("w:sz", "w:szCs"):
        child(rpr, tag).set(qn("w:val"), half_points)


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """A complex field (PAGE, TOC …): begin, instruction, separate, cached result, end; returns the result run."""

    def mark(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return element

    mark("begin").set(qn("w:dirty"), "true")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    mark("separate")
    result = paragraph.add_run(placeholder)
    mark("end")
    return result


def set_paragraph_border(paragraph, side: str, size_eighths: int = 6, space: int = 0) -> None:
    """A single solid line on one side of the paragraph (top/bottom) — the editable form of a rule."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = child(ppr, "w:pBdr")
    line = child(borders, f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), "000000")


def set_page_number_start(section, start: int = 1) -> None:
    sectpr = section._sectPr
    numbering = child(sectpr, "w:pgNumType")
    numbering.set(qn("w:fmt"), "decimal")
    numbering.set(qn("w:start"), str(start))


def remove_table_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = child(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        child(borders, f"w:{side}").set(qn("w:val"), "nil")


def set_table_grid(table, widths_twips: list[int], indent_twips: int = 0) -> None:
    """Fixed column widths (tblGrid + every tcW) so Word and LibreOffice lay the table out alike."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    width = child(tblpr, "w:tblW")
    width.set(qn("w:w"), str(sum(widths_twips)))
    width.set(qn("w:type"), "dxa")
    indent = child(tblpr, "w:tblInd")
    indent.set(qn("w:w"), str(indent_twips))
    indent.set(qn("w:type"), "dxa")
    child(tblpr, "w:tblLayout").set(qn("w:type"), "fixed")
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_twips, strict=False):
            tcw = child(cell._tc.get_or_add_tcPr(), "w:tcW")
            tcw.set(qn("w:w"), str(w))
            tcw.set(qn("w:type"), "dxa")


def set_cell_margins(table, left_twips: int, right_twips: int) -> None:
    margins = child(table._tbl.tblPr, "w:tblCellMar")
    for side, value in (("left", left_twips), ("right", right_twips)):
        mar = child(margins, f"w:{side}")
        mar.set(qn("w:w"), str(value))
        mar.set(qn("w:type"), "dxa")


def repeat_header_row(row) -> None:
    child(row._tr.get_or_add_trPr(), "w:tblHeader").set(qn("w:val"), "true")


def keep_row_together(row) -> None:
    child(row._tr.get_or_add_trPr(), "w:cantSplit").set(qn("w:val"), "true")


def set_cell_borders(table, size_eighths: int = 4) -> None:
    tblpr = table._tbl.tblPr
    borders = child(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = child(borders, f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size_eighths))
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")


def set_update_fields_on_open(document) -> None:
    """Ask Word to refresh fields (TOC, PAGE) when the file is opened."""
    settings = document.settings.element
    child(settings, "w:updateFields").set(qn("w:val"), "true")


def set_document_language(document, lang: str = "vi-VN") -> None:
    styles = document.styles.element
    defaults = child(styles, "w:docDefaults")
    rpr_default = child(defaults, "w:rPrDefault")
    rpr = child(rpr_default, "w:rPr")
    set_fonts(rpr, "Times New Roman", lang)
    return rpr

"""Writes generator/wordml/font_widths.json: the advance widths of Liberation Serif 2 (the metric
clone of Times New Roman, SIL OFL) for every character the layout measures, so measuring text needs
neither fontTools nor an installed font at run time. Widths are facts about the font, not its glyphs.

Usage: python scripts/make_font_widths.py [FONT_DIR]   (needs the dev extra: fontTools)
Rerun only when the character list below changes or to follow a new Liberation Serif release.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "generator" / "wordml" / "font_widths.json"
FACES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold-italic": "LiberationSerif-BoldItalic.ttf",
}
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/Library/Fonts")
VIETNAMESE_BASES = "aăâeêioôơuưy"
VIETNAMESE_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# What NFD leaves of a Vietnamese letter: the tone marks and circumflex, breve, horn.
COMBINING_MARKS = VIETNAMESE_TONES + "\u0302\u0306\u031b"
PUNCTUATION = "‐‑‒–—―‘’‚“”„†‡•…‰′″‹›⁄€₫№™−≤≥≠≈×÷←↑→↓●■□▪◦"
SUBSCRIPTS_SUPERSCRIPTS = "".join(map(chr, range(0x2070, 0x209D)))
# Measured when a character is in none of the lists (the old behaviour: a letter's base, else "n").
DEFAULT_CHARACTER = "n"


def vietnamese_letters() -> str:
    """Every precomposed Vietnamese letter, lower and upper case, built rather than typed out."""
    letters = {"đ"}
    for base in VIETNAMESE_BASES:
        letters.add(base)
        letters.update(unicodedata.normalize("NFC", base + tone) for tone in VIETNAMESE_TONES)
    return "".join(sorted(letters | {letter.upper() for letter in letters}))


def characters() -> str:
    ascii_printable = "".join(map(chr, range(0x20, 0x7F)))
    latin1 = "".join(map(chr, range(0xA0, 0x100)))
    chosen = ascii_printable + latin1 + vietnamese_letters() + COMBINING_MARKS + PUNCTUATION + SUBSCRIPTS_SUPERSCRIPTS
    return "".join(sorted(set(chosen)))


def find_font_dir(folders: list[str]) -> Path:
    """The folder of a Liberation Serif that has every Vietnamese letter: Debian installs version 1
    (no Vietnamese) beside version 2 when another package pulls in fonts-liberation."""
    for folder in folders:
        root = Path(folder).expanduser()
        if root.is_dir():
            for path in sorted(root.rglob(FACES["regular"]), key=lambda p: "liberation2" not in str(p)):
                cmap = TTFont(path, lazy=True).getBestCmap()
                if all(ord(letter) in cmap for letter in vietnamese_letters()):
                    return path.parent
    raise SystemExit(f"Không tìm thấy {FACES['regular']} (Liberation Serif 2): sudo apt-get install fonts-liberation2")


def face_widths(path: Path, wanted: str) -> dict:
    """Units per em and the advance width of each wanted character the face has; a face that lacks a
    Vietnamese letter is Liberation 1.x and would make every measurement of Vietnamese text wrong."""
    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    advances = font["hmtx"].metrics
    missing = [char for char in vietnamese_letters() if ord(char) not in cmap]
    if missing:
        raise SystemExit(f"{path} thiếu chữ tiếng Việt {''.join(missing)}: cần Liberation Serif 2, không phải 1.x")
    return {
        "units_per_em": font["head"].unitsPerEm,
        "default": advances[cmap[ord(DEFAULT_CHARACTER)]][0],
        "widths": {char: advances[cmap[ord(char)]][0] for char in wanted if ord(char) in cmap},
    }


def build_table(font_dir: Path) -> dict:
    regular = TTFont(font_dir / FACES["regular"], lazy=True)
    version = regular["name"].getDebugName(5)
    return {
        "source": f"Liberation Serif {version} (SIL Open Font License 1.1); advance widths in font units",
        "faces": {face: face_widths(font_dir / name, characters()) for face, name in FACES.items()},
    }


def main(argv: list[str]) -> None:
    font_dir = Path(argv[0]) if argv else find_font_dir(list(FONT_DIRS))
    table = build_table(font_dir)
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    partial = OUTPUT.with_suffix(".json.tmp")
    partial.write_text(text + "\n", encoding="utf-8")
    partial.replace(OUTPUT)
    print(f"{OUTPUT.relative_to(ROOT)}: {sum(len(f['widths']) for f in table['faces'].values())} độ rộng từ {font_dir}")


if __name__ == "__main__":
    main(sys.argv[1:])

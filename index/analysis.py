"""Vietnamese text analysis shared by both engines, so they index exactly the same tokens.

- `exact`: lower-case syllables with diacritics, NFC, tone marks placed one way ("hoà" and "hòa",
  "thuỷ" and "thủy" are the same word written in two styles);
- `folded`: the same syllables without diacritics, đ → d ("san xuat sach hon");
- `bigrams`: folded pairs of neighbouring syllables ("san_xuat", "xuat_sach"): Vietnamese words are
  mostly two syllables, so a pair is word-level evidence that single syllables lack.

Tokens are produced here and handed to the engines pre-split by spaces: the engines never
analyse text themselves, which is what makes their hit sets identical.
"""

from __future__ import annotations

import re
import unicodedata

from vanban.library.vietnamese import fold, nfc

_WORD = re.compile(r"\w+")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
#: Two-vowel endings whose tone mark sits on different vowels in the old and new styles.
_PAIRS = ("oa", "oe", "uy")
#: Question boilerplate that says nothing about the subject ("…, đúng hay sai?", "theo quy định").
BOILERPLATE = (
    "đúng hay sai",
    "đúng hay không",
    "có đúng không",
    "hay không",
    "có phải",
    "theo quy định của pháp luật",
    "theo quy định",
    "như thế nào",
    "là gì",
    "bao gồm những gì",
    "những ai",
    "được không",
)


def _tone_on_first(syllable: str) -> str:
    """ "hoà" → "hòa", "thuỷ" → "thủy", "khoẻ" → "khỏe" (the style NĐ 30 itself writes: "HÒA")."""
    if len(syllable) < 2 or syllable[-2:].translate(_BASE) not in _PAIRS:
        return syllable
    if syllable.startswith(("qu", "gi")):
        return syllable
    parts = unicodedata.normalize("NFD", syllable)
    tones = [c for c in parts if c in _TONES]
    if not tones:
        return syllable
    bare = "".join(c for c in parts if c not in _TONES)
    letters = unicodedata.normalize("NFC", bare)
    index = len(letters) - 2
    first = unicodedata.normalize("NFD", letters[index]) + tones[0]
    return letters[:index] + unicodedata.normalize("NFC", first) + letters[index + 1 :]


_BASE = str.maketrans(
    {
        "à": "a",
        "á": "a",
        "ả": "a",
        "ã": "a",
        "ạ": "a",
        "è": "e",
        "é": "e",
        "ẻ": "e",
        "ẽ": "e",
        "ẹ": "e",
        "ỳ": "y",
        "ý": "y",
        "ỷ": "y",
        "ỹ": "y",
        "ỵ": "y",
    }
)


def syllables(text: str) -> list[str]:
    """Lower-case NFC syllables and numbers, tone marks normalised."""
    return [_tone_on_first(token) for token in _WORD.findall(nfc(text).lower())]


def folded(tokens: list[str]) -> list[str]:
    return [fold(t) for t in tokens]


def bigrams(folded_tokens: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in zip(folded_tokens, folded_tokens[1:], strict=False)]


def strip_boilerplate(text: str) -> str:
    lowered = nfc(text)
    for phrase in BOILERPLATE:
        lowered = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", lowered, flags=re.IGNORECASE)
    return lowered


def analyse(text: str) -> dict[str, str]:
    """The three indexed fields of a text, as space-separated token strings."""
    exact = syllables(text)
    folded_tokens = folded(exact)
    return {"exact": " ".join(exact), "folded": " ".join(folded_tokens), "bigram": " ".join(bigrams(folded_tokens))}

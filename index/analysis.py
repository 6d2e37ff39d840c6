"""Vietnamese text analysis shared by both engines, so they index exactly the same tokens.

- `exact`: lower-case syllables with diacritics, NFC, tone marks placed one way ("hoà" and "hòa",
  "thuỷ" and "thủy" are the same word written in two styles);
- `folded`: the same syllables without diacritics, đ → d ("san xuat sach hon");
- `bigrams`: folded pairs of neighbouring syllables ("san_xuat", "xuat_sach"): Vietnamese words are
  mostly two syllables, so a pair is word-level evidence that single syllables lack.

Queries also need to know which of their words carry meaning: `FUNCTION_WORDS` ("của", "và", "là"…)
never make a hit on their own, and question words ("bao lâu", "là gì") are dropped with the rest of
the question boilerplate, typed with or without diacritics.

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
    "bao lâu",
    "bao nhiêu",
    "ở đâu",
    "khi nào",
    "thế nào",
    "ra sao",
    "vì sao",
    "tại sao",
    "là ai",
    "phải không",
    "đúng không",
)

#: Words that tie a sentence together but say nothing of its subject: they rank, never match alone.
FUNCTION_WORDS = frozenset(
    "của và các những được theo về cho với trong là có này đó để khi từ tại do bị đã sẽ một mà thì"
    " nếu hoặc hay nào gì ai ở đâu nên cũng đều rằng như".split()
)
#: Their folded forms, for queries typed without diacritics — minus those a content word shares
#: ("co" is also "cơ quan", "tu" "đầu tư", "do" "độ", "ve" "vé", "cho" "chợ", "tai" "tài", "de"
#: "đề", "da" "đa", "nhu" "nhu cầu", "ma" "mã", "o" "ô", "ai", "dau" "đầu", "nen" "nền", "gi" "giá",
#: "cung" "cung cấp", "thi" "thi hành", "bi" "bí mật").
FOLDED_FUNCTION_WORDS = frozenset(fold(w) for w in FUNCTION_WORDS) - {
    "co", "tu", "do", "ve", "cho", "tai", "de", "da", "nhu", "ma", "o", "ai", "dau", "nen", "gi", "cung", "thi", "bi",
}  # fmt: skip
#: A question word at the end of a question ("… có được gia hạn không?") is not a word to find.
_QUESTION_END = re.compile(r"(?<!\w)(không|khong|chưa|chua)\s*\?", re.IGNORECASE)


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
    """The query without question boilerplate, each phrase matched as written or without diacritics."""
    lowered = _QUESTION_END.sub(" ", nfc(text))
    for phrase in BOILERPLATE:
        spellings = "|".join(re.escape(s) for s in dict.fromkeys((phrase, fold(phrase))))
        lowered = re.sub(rf"(?<!\w)(?:{spellings})(?!\w)", " ", lowered, flags=re.IGNORECASE)
    return lowered


def is_toned(syllable: str) -> bool:
    """True when a syllable carries any Vietnamese diacritic (a tone mark, â, ư, đ…)."""
    return fold(syllable) != syllable


def is_function_word(syllable: str, toned_query: bool) -> bool:
    """A function word, judged on its spelling in a query with diacritics and on its folded form
    (where the fold is unambiguous) in a query typed without them."""
    return syllable in FUNCTION_WORDS if toned_query else syllable in FOLDED_FUNCTION_WORDS


def analyse(text: str) -> dict[str, str]:
    """The three indexed fields of a text, as space-separated token strings."""
    exact = syllables(text)
    folded_tokens = folded(exact)
    return {"exact": " ".join(exact), "folded": " ".join(folded_tokens), "bigram": " ".join(bigrams(folded_tokens))}

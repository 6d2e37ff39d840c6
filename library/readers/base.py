"""What every reader shares: the result type, the Vietnamese clean-up every text goes through, UTF-8."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vanban.library.errors import VanbanError
from vanban.library.vietnamese import from_legacy, nfc

#: Lines that only a header or signature block has: such a two-column block is read column by column.
LAYOUT_MARKERS = ("Số:", "CỘNG HÒA", "CỘNG HOÀ", "Nơi nhận", "TM.", "KT.")


@dataclass
class RawText:
    """What a reader got out of a file: the text, metadata the file itself declared, and notes
    (Vietnamese, for the user) about doubts on the text that did not stop it being read."""

    text: str
    metadata: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def finish(text: str) -> str:
    """NFC, legacy encodings (TCVN3, VNI) repaired: the form every reader returns."""
    return from_legacy(nfc(text))


def decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise VanbanError(
            "tệp văn bản không ở mã UTF-8. Hãy mở tệp và lưu lại với mã hóa UTF-8 "
            "(trong Notepad: Lưu thành → Mã hóa: UTF-8).",
            path,
            line,
        ) from None

"""Regenerate the shipped record of Kế hoạch 484/KH-UBND from ../shared/seeds (run from the repo root)."""

from pathlib import Path

from vanban.library.corpus_build import write_record
from vanban.library.store import SHIPPED_CORPUS

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "kh-484-ubnd-2020-ha-tinh.txt"
SOURCE = "Bản chữ trích từ văn bản đã ký (kh-484-ubnd-2020-ha-tinh.txt)"

if __name__ == "__main__":
    for path in write_record(SEED.read_text(encoding="utf-8"), SOURCE, SHIPPED_CORPUS):
        print(path)

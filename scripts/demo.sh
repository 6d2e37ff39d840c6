#!/bin/sh
# The main job on the shipped corpus: what a new user sees first.
set -e
OUT="${1:-out}"
BIN=.venv/bin
mkdir -p "$OUT"
export VANBAN_DATA="${VANBAN_DATA:-$OUT/data}"
echo "== Thư viện văn bản =="
$BIN/vanban library list
echo
echo "== Kế hoạch 484/KH-UBND =="
$BIN/vanban library show 484/KH-UBND
$BIN/vanban library show 484/KH-UBND --json > "$OUT/kh-484-ubnd.json"
SHARED=../shared/corpus/official-docx/30_2020_ND_CP.docx
if [ -f "$SHARED" ]; then
    echo
    echo "== Thêm toàn văn Nghị định 30/2020/NĐ-CP (bản .docx của Chính phủ) =="
    $BIN/vanban library add "$SHARED"
    $BIN/vanban library show 30/2020/NĐ-CP | head -n 14
fi
echo
echo "Đã ghi: $OUT/kh-484-ubnd.json"

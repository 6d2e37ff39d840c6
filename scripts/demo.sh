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
$BIN/vanban library show 484/KH-UBND | head -n 12
$BIN/vanban library show 484/KH-UBND --json > "$OUT/kh-484-ubnd.json"
echo
echo "== Soạn lại Kế hoạch 484/KH-UBND đúng thể thức NĐ 30 (kèm Phụ lục) =="
$BIN/vanban draft ke-hoach --from-library 484/KH-UBND -o "$OUT/kh-484-ubnd.docx"
for kind in ke-hoach bao-cao to-trinh cong-van quyet-dinh; do
    $BIN/vanban draft "$kind" "examples/draft/$kind.yaml" -o "$OUT/vi-du-$kind.docx"
done
echo
echo "== Kiểm tra thể thức =="
$BIN/vanban check "$OUT"/*.docx
SHARED=../shared/corpus/official-docx/30_2020_ND_CP.docx
if [ -f "$SHARED" ]; then
    echo
    echo "== Kiểm tra bản .docx Nghị định 30/2020/NĐ-CP của Chính phủ =="
    $BIN/vanban check "$SHARED" || true
fi
echo
echo "Kết quả trong thư mục $OUT/:"
ls -1 "$OUT"/*.docx "$OUT"/*.json

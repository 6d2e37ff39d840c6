#!/bin/sh
# The main job on the shipped corpus: what a new user sees first.
# Usage: sh scripts/demo.sh [OUT]   (make demo runs it with OUT=out)
set -e
OUT="${1:-out}"
BIN=.venv/bin
VANBAN="$BIN/vanban"
mkdir -p "$OUT"
export VANBAN_DATA="${VANBAN_DATA:-$OUT/data}"
NEXT_YEAR=$(( $(date +%Y) + 1 ))
echo "== Thư viện văn bản =="
$VANBAN library list
echo
echo "== Dựng chỉ mục tìm kiếm và tìm thử =="
$VANBAN index build
$VANBAN search "san xuat sach hon" --limit 3
$VANBAN search "qd 889" --limit 1
$VANBAN search '"mua sắm công xanh"' --limit 3 --json > "$OUT/tim-mua-sam-cong-xanh.json"
echo "(kết quả JSON: $OUT/tim-mua-sam-cong-xanh.json)"
echo
echo "== Soạn lại Kế hoạch 484/KH-UBND đúng thể thức NĐ 30 (kèm Phụ lục nhiệm vụ) =="
$VANBAN draft ke-hoach --from-library 484/KH-UBND -o "$OUT/ke-hoach-484-kh-ubnd.docx"
echo
echo "== Kế hoạch năm $NEXT_YEAR từ Kế hoạch 484/KH-UBND =="
$VANBAN tasks export --plan 484/KH-UBND --year "$NEXT_YEAR" -o "$OUT/nhiem-vu-$NEXT_YEAR.xlsx"
$VANBAN draft annual-plan --plan 484/KH-UBND --year "$NEXT_YEAR" --tasks "$OUT/nhiem-vu-$NEXT_YEAR.xlsx" \
    -o "$OUT/ke-hoach-nam-$NEXT_YEAR.docx"
echo
echo "== Báo cáo kết quả năm 2025 từ bảng tính các đơn vị gửi về (số liệu ví dụ) =="
$VANBAN report template --plan 484/KH-UBND --year 2025 -o "$OUT/bieu-mau-ket-qua-2025.xlsx"
$BIN/python scripts/fill_example_results.py "$OUT/bieu-mau-ket-qua-2025.xlsx" "$OUT"
$VANBAN draft report --plan 484/KH-UBND --year 2025 --results "$OUT/ket-qua-so-cong-thuong.xlsx" \
    --results "$OUT/ket-qua-so-nong-nghiep-va-moi-truong.xlsx" -o "$OUT/bao-cao-ket-qua-2025.docx"
echo
echo "== Tài liệu tập huấn =="
for handout in examples/handouts/*.md; do
    $VANBAN draft handout "$handout" -o "$OUT/tai-lieu-$(basename "$handout" .md).docx"
done
echo
echo "== Văn bản mẫu mỗi loại =="
for kind in ke-hoach bao-cao to-trinh cong-van quyet-dinh; do
    $VANBAN draft "$kind" "examples/draft/$kind.yaml" -o "$OUT/vi-du-$kind.docx"
done
echo
echo "== Kiểm tra thể thức mọi văn bản vừa tạo =="
$VANBAN check "$OUT"/*.docx
echo
echo "Kết quả trong thư mục $OUT/:"
ls -1 "$OUT"/*.docx "$OUT"/*.xlsx "$OUT"/*.json

#!/bin/sh
# The main job on the shipped corpus: what a new user sees first.
# Usage: sh scripts/demo.sh [OUT] [CORPUS]   (make demo runs it with OUT=out)
# CORPUS (or VANBAN_CORPUS): a folder holding NĐ 30/2020 and Luật Bảo vệ môi trường 2020, by
# default ../shared/corpus; they are added to the library when there, skipped when not.
set -e
OUT="${1:-out}"
CORPUS="${2:-${VANBAN_CORPUS:-../shared/corpus}}"
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
echo "== Văn bản pháp luật có sẵn trên máy: NĐ 30/2020 và Luật Bảo vệ môi trường 2020 =="
# The main text from the Government's .docx (Word's own numbering gives its Điều, khoản, điểm),
# the Markdown copy when the .docx is absent. The Markdown copies are saved as .txt: they are
# linked (not copied) under a .md name so that their "## Chương", "### Điều" headings are read as
# Markdown. --replace and the `library show` checks keep a second run from adding them twice.
MD=$(mktemp -d)
trap 'rm -rf "$MD"' EXIT
for file in "$CORPUS"/nd-30-2020-ND-CP_*.txt; do
    [ -f "$file" ] && ln -s "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")" "$MD/$(basename "$file" .txt).md"
done
ND30="$CORPUS/official-docx/30_2020_ND_CP.docx"
[ -f "$ND30" ] || ND30="$MD/nd-30-2020-ND-CP_noi-dung.md"
LAW="$CORPUS/luat-bvmt-2020_alqac2023-law-json.txt"
if [ -f "$ND30" ]; then
    $VANBAN library add "$ND30" --number 30/2020/NĐ-CP --type "Nghị định" --title "Về công tác văn thư" --replace
    for part in I II III; do
        file="$MD/nd-30-2020-ND-CP_phu-luc-$part.md"
        if [ -f "$file" ] && ! $VANBAN library show "nd-30-2020-nd-cp-phu-luc-$(echo $part | tr I i)" >/dev/null 2>&1; then
            $VANBAN library add "$file" --type "Phụ lục" --title "Phụ lục $part kèm theo Nghị định 30/2020/NĐ-CP"
        fi
    done
    $VANBAN search "điểm a khoản 2 Điều 8 Nghị định 30" --limit 1
    $VANBAN search "viết hoa tên cơ quan" --limit 2
    $VANBAN search "thời hạn giải quyết văn bản đến là bao lâu?" --limit 2
else
    echo "(Không thấy NĐ 30/2020 trong $CORPUS: bỏ qua. Đặt VANBAN_CORPUS=THƯ_MỤC để dùng thư mục khác.)"
fi
if [ -f "$LAW" ]; then
    $VANBAN library add "$LAW" --number 72/2020/QH14 --replace
    $VANBAN search "Điều 146 Luật Bảo vệ môi trường" --limit 1
else
    echo "(Không thấy Luật Bảo vệ môi trường 2020 trong $CORPUS: bỏ qua.)"
fi
echo "Văn bản của bạn: vanban library add THƯ_MỤC (đọc cả thư mục con; tệp nào không thêm được sẽ được nêu lý do)."
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

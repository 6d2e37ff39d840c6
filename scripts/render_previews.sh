#!/bin/sh
# Page 1 of each output of the main job as a small PNG for the README (LibreOffice → PDF → pdftoppm).
# Usage: sh scripts/render_previews.sh [OUT]   (run `make demo` first; writes docs/img/*.png)
set -e
OUT="${1:-out}"
IMG=docs/img
mkdir -p "$IMG" "$OUT/pdf"
for name in ke-hoach-484-kh-ubnd ke-hoach-nam-* bao-cao-ket-qua-2025 tai-lieu-san-xuat-tieu-dung-ben-vung \
            tai-lieu-san-xuat-sach-hon; do
    for docx in "$OUT"/$name.docx; do
        [ -f "$docx" ] || { echo "Thiếu $docx — chạy make demo trước." >&2; exit 2; }
        stem=$(basename "$docx" .docx)
        soffice -env:UserInstallation="file://$PWD/$OUT/.lo-profile" --headless --convert-to pdf \
            --outdir "$OUT/pdf" "$docx" >/dev/null
        case "$stem" in ke-hoach-nam-*) target=ke-hoach-nam ;; *) target=$stem ;; esac
        pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$OUT/pdf/$stem.pdf" "$IMG/$target"
        echo "$IMG/$target.png"
    done
done

#!/bin/sh
# Installs what the tests need outside Python: LibreOffice (reading .doc/.rtf, making PDFs),
# fonts-liberation2 (Times New Roman's metrics with every Vietnamese letter, so LibreOffice's PDFs
# keep the layout; the layout itself measures with the widths shipped in generator/wordml) and
# poppler-utils (pdftotext reads PDFs, stamped e-signature fields included); graphviz (the relation
# diagram); chromium (with its Vietnamese UI strings, chromium-l10n) for the web pages'
# end-to-end tests, which Playwright drives as /usr/bin/chromium. `make demo` needs none of them.
# Runs apt-get only when something is missing and we are root on a Debian/Ubuntu machine.
set -e
missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer"
# libreoffice-calc: the registers printed as PDF from their .xlsx (vanban number export, /so-van-ban)
[ -n "$(ls /usr/lib/libreoffice/program/libsclo.so 2>/dev/null)" ] || missing="$missing libreoffice-calc"
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing="$missing fonts-liberation2"
# poppler-utils: pdftoppm for the page tests, pdftotext for reading PDFs (stamped e-signature fields)
{ command -v pdftoppm && command -v pdftotext; } >/dev/null 2>&1 || missing="$missing poppler-utils"
# graphviz: `vanban related --graph` draws the relation diagram with dot
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -e /usr/lib/chromium/locales/vi.pak ] || missing="$missing chromium-l10n"
# tesseract-ocr + tesseract-ocr-vie: OCR of scanned PDFs and images on `library add`
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || missing="$missing tesseract-ocr-vie"
# postgresql: the tests of the office database on PostgreSQL start a throw-away cluster with its initdb
# and pg_ctl (tests/postgres.py); without it they are skipped, saying so
{ command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1 || missing="$missing postgresql"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Thiếu gói hệ thống:$missing — hãy cài bằng: sudo apt-get install$missing" >&2
    echo "(các phép thử cần LibreOffice hoặc chromium sẽ bị bỏ qua cho tới khi cài)" >&2
    exit 0
fi
echo "Đang cài gói hệ thống:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null

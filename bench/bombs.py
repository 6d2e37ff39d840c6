"""Hostile inputs at full size, run through the real `vanban` command under /usr/bin/time: each must
be refused (exit 2, the file named, a Vietnamese message) in seconds with peak memory under 1 GB.

    .venv/bin/python bench/bombs.py [--markdown]

Not a test: the files are built at the sizes that broke earlier versions (a 300 MiB docx, a 50 MB
text file…); the tests use small copies with lowered limits instead.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VANBAN = [sys.executable, "-m", "vanban.app"]


def _docx_bomb(folder: Path, mib: int) -> Path:
    path = folder / f"bom-{mib}mib.docx"
    chunk = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            written = 0
            while written < mib * 1024 * 1024:
                part.write(chunk)
                written += len(chunk)
    return path


def _xlsx(folder: Path, name: str, change) -> Path:
    from openpyxl import load_workbook

    template = folder / name
    subprocess.run(
        [*VANBAN, "report", "template", "--plan", "484/KH-UBND", "--year", "2025", "-o", str(template)],
        check=True,
        capture_output=True,
    )
    workbook = load_workbook(template)
    change(workbook["Nhiệm vụ"])
    workbook.save(template)
    return template


def _laughs(levels: int = 10) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def cases(folder: Path) -> list[tuple[str, list[str]]]:
    from openpyxl.styles import Font

    big_text = folder / "lon-50mb.txt"
    with big_text.open("w", encoding="utf-8") as handle:
        line = "Các sở, ngành tổ chức thực hiện tiết kiệm năng lượng và báo cáo kết quả.\n"
        for _ in range(50 * 1024 * 1024 // len(line.encode())):
            handle.write(line)
    far_cell = _xlsx(folder, "o-xfd2000.xlsx", lambda sheet: sheet.cell(row=2000, column=16384, value="x"))
    styled = _xlsx(folder, "o-a1048576.xlsx", lambda sheet: setattr(sheet["A1048576"], "font", Font(bold=True)))
    laughs = folder / "bom.yaml"
    laughs.write_text(_laughs(), encoding="utf-8")
    handout = folder / "bom-tai-lieu.md"
    handout.write_text("---\n" + _laughs() + "tieu_de: x\nco_quan: y\n---\n# Mở đầu\n", encoding="utf-8")
    template = folder / "mau-a.docx"
    nested = folder / "mau-range.docx"
    import docx

    for path, text in (
        (template, "{{ 'A' * 3000000000 }}"),
        (nested, "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"),
    ):
        document = docx.Document()
        document.add_paragraph(text)
        document.save(path)
    docx_300 = _docx_bomb(folder, 300)
    example = str(ROOT / "examples" / "draft" / "ke-hoach.yaml")
    out = str(folder / "ra.docx")

    def report(results: Path) -> list[str]:
        return [
            *VANBAN,
            "draft",
            "report",
            "--plan",
            "484/KH-UBND",
            "--year",
            "2025",
            "--results",
            str(results),
            "-o",
            out,
        ]

    def with_template(template: Path) -> list[str]:
        return [*VANBAN, "draft", "ke-hoach", example, "--template", str(template), "-o", out]

    return [
        ("docx 300 MiB unpacked → check", [*VANBAN, "check", str(docx_300)]),
        ("docx 300 MiB unpacked → library add", [*VANBAN, "library", "add", str(docx_300)]),
        ("xlsx cell at XFD2000 → draft report", report(far_cell)),
        ("xlsx styled A1048576 → draft report", report(styled)),
        ("YAML billion laughs → draft", [*VANBAN, "draft", "ke-hoach", str(laughs), "-o", out]),
        ("front matter billion laughs → handout", [*VANBAN, "draft", "handout", str(handout), "-o", out]),
        ("template 'A'*3e9 → draft", with_template(template)),
        ("template nested range(100000) → draft", with_template(nested)),
        ("50 MB .txt → library add", [*VANBAN, "library", "add", str(big_text)]),
    ]


def run(command: list[str], data: Path) -> tuple[int, float, float, str]:
    env = {"VANBAN_DATA": str(data), "PATH": "/usr/bin:/bin", "HOME": str(data)}
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    message = next((line for line in result.stderr.splitlines() if line.startswith("Lỗi")), "")
    return result.returncode, seconds, peak_kb / 1024, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the table for bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vanban-bombs-") as tmp:
        folder = Path(tmp)
        rows = []
        for name, command in cases(folder):
            code, seconds, peak_mb, message = run(command, folder / "data")
            rows.append((name, code, seconds, peak_mb, message))
            print(f"{name}: exit {code}, {seconds:.1f} s, {peak_mb:.0f} MB — {message[:110]}", flush=True)
    if args.markdown:
        print("\n| attack | exit | seconds | peak MB | message (start) |\n|---|---|---|---|---|")
        for name, code, seconds, peak_mb, message in rows:
            print(f"| {name} | {code} | {seconds:.1f} | {peak_mb:.0f} | {message[:90]} |")


if __name__ == "__main__":
    main()

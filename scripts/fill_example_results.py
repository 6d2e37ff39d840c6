"""Fill copies of the results workbook with the example answers of examples/report/ket-qua-2025.yaml
(each task found by the first words of its content, not its TT, which changes when the list does).

    python scripts/fill_example_results.py TEMPLATE.xlsx OUT_DIR

Writes one workbook per department (OUT_DIR/ket-qua-<đơn vị>.xlsx), as departments would return them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    template, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    answers = yaml.safe_load((ROOT / "examples/report/ket-qua-2025.yaml").read_text(encoding="utf-8"))
    for unit, data in answers.items():
        workbook = load_workbook(template)
        tasks = workbook["Nhiệm vụ"]
        answers = data.get("nhiem_vu", {})
        for row in tasks.iter_rows(min_row=2):
            content = str(row[1].value or "")
            values = next((v for start, v in answers.items() if content.startswith(start)), None)
            if values:
                for cell, value in zip(row[3:7], values, strict=True):
                    cell.value = value or None
        targets = workbook["Chỉ tiêu"]
        for number, achieved in data.get("chi_tieu", {}).items():
            targets.cell(row=number + 1, column=3).value = achieved
        target = out_dir / f"ket-qua-{unit}.xlsx"
        workbook.save(target)
        print(target)


if __name__ == "__main__":
    main()

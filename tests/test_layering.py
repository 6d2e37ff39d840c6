"""Imports only go down: app → generator → office, index → library (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What each package may import from vanban besides itself.
ALLOWED = {
    "library": set(),
    "index": {"library"},
    "office": {"library"},
    "generator": {"office", "index", "library"},
    "app": {"generator", "office", "index", "library"},
}


def _vanban_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name.split(".")[1] for name in names if name.startswith("vanban.") and name.count(".") >= 1}
    return found


def test_imports_only_go_down():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for target in _vanban_imports(path) - allowed - {package}:
                wrong.append(f"{path.relative_to(ROOT)} imports vanban.{target}")
    assert wrong == []


def test_nothing_is_imported_under_the_old_top_level_names():
    old = {"library", "index", "generator", "app", "office"}
    wrong = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        if ".venv" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in old:
                wrong.append(f"{path.relative_to(ROOT)}: from {node.module}")
    assert wrong == []

"""The stylesheet is one file several branches append to: a merge that drops a closing brace puts
every later rule inside a media query, where it silently applies to phones only."""

from __future__ import annotations

import re
from pathlib import Path

STYLESHEET = Path(__file__).parents[2] / "app" / "web" / "static" / "style.css"


def _depths(css: str) -> list[tuple[int, int]]:
    """(line, brace depth after the line), comments removed."""
    css = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), css, flags=re.S)
    depth, seen = 0, []
    for number, line in enumerate(css.split("\n"), 1):
        depth += line.count("{") - line.count("}")
        seen.append((number, depth))
    return seen


def test_every_block_closes_and_no_rule_is_nested_in_another():
    css = STYLESHEET.read_text(encoding="utf-8")
    depths = _depths(css)
    assert min(depth for _, depth in depths) >= 0, "a closing brace with nothing open"
    assert depths[-1][1] == 0, "a block is never closed"
    comments_removed = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    depth = 0
    for line in comments_removed.split("\n"):
        if depth > 0 and line.lstrip().startswith("@media"):
            raise AssertionError(f"a media query inside another block: {line.strip()}")
        depth += line.count("{") - line.count("}")


def test_the_checker_finds_an_unclosed_media_query():
    broken = "@media (max-width: 900px) {\n  .a { color: red; }\n.b { color: blue; }\n"
    assert _depths(broken)[-1][1] == 1

"""The checks every element of the decree shares: its size against the decree's span, bold,
italic, case and centring. Each rule names the element and its span from `nd30`."""

from __future__ import annotations

from collections.abc import Iterable

from vanban.generator.checker.parts import Block
from vanban.generator.checker.rules.registry import Issue
from vanban.generator.checker.wording import alignment, font_sizes
from vanban.library.nd30 import Span


def sizes_text(block: Block) -> str:
    """The block's font sizes as Word's toolbar shows them ("cỡ chữ 9 và 11")."""
    return font_sizes(block.sizes())


def size_allowed(block: Block, span: Span) -> bool:
    """Every run of the block has a known size inside the span (a block of unknown size fails)."""
    sizes = block.sizes()
    return bool(sizes) and all(span.allows(s) for s in sizes)


def format_issues(
    block: Block | None,
    what: str,
    *,
    size: Span | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    upper: bool | None = None,
    center: bool = False,
) -> Iterable[Issue]:
    """The common checks of one element: size span, bold, italic, upper case, centring."""
    if block is None:
        return
    where = block.where()
    if size and not size_allowed(block, size):
        yield Issue(where, f"{what}: cỡ chữ {size.text()}", sizes_text(block))
    if bold is True and not block.all("bold"):
        yield Issue(where, f"{what}: chữ đậm", "có chữ không đậm")
    if bold is False and not block.none("bold"):
        yield Issue(where, f"{what}: chữ không đậm", "chữ đậm")
    if italic is True and not block.all("italic"):
        yield Issue(where, f"{what}: chữ nghiêng", "có chữ không nghiêng")
    if italic is False and not block.none("italic"):
        yield Issue(where, f"{what}: chữ đứng (không nghiêng)", "chữ nghiêng")
    if upper is True and block.clean != block.clean.upper():
        yield Issue(where, f"{what}: chữ in hoa", "có chữ thường")
    if upper is False and block.clean == block.clean.upper() and any(c.isalpha() for c in block.clean):
        yield Issue(where, f"{what}: chữ thường (không in hoa toàn bộ)", "in hoa toàn bộ")
    if center and block.fmt.align != "center":
        yield Issue(where, f"{what}: căn giữa", alignment(block.fmt.align))

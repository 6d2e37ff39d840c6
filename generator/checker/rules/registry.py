"""What a rule is and what it reports: the shape every module of the rule list shares.

A rule yields `Issue`s; the checker stamps them with the rule's id, title and decree locator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from vanban.generator.checker.anatomy import Anatomy

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Issue:
    where: dict
    expected: str
    found: str
    severity: str = ERROR


@dataclass(frozen=True)
class Rule:
    """One rule; `general` rules (page, font, page numbers, body text) also apply to materials that
    are not administrative documents, such as training handouts; `attachment` rules (page, font,
    page numbers, appendix) are the ones that judge a file that is not a standalone document: a
    Phụ lục issued as its own file or a set of sample forms, whose text is placeholders and notes."""

    id: str
    locator: str
    title: str
    check: Callable[[Anatomy], Iterable[Issue]]
    general: bool = False
    attachment: bool = False


def rule(rule_id: str, locator: str, title: str, general: bool = False, attachment: bool = False):
    """Turn a check function into a `Rule` tied to its decree locator (the package lists them in order)."""

    def make(check: Callable[[Anatomy], Iterable[Issue]]) -> Rule:
        return Rule(rule_id, locator, title, check, general, attachment)

    return make

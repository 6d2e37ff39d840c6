"""A checker report as the pages show it: `Report.to_dict()` with its findings grouped by rule.

One home for the shape, so the check page and every page that offers a generated document
(app/web/offers.py) show findings the same way, through the `check_report` macro."""

from __future__ import annotations


def grouped(findings: list[dict]) -> list[dict]:
    """Findings of one rule together, in the order the rules first appear."""
    groups: dict[str, dict] = {}
    for finding in findings:
        rule = finding["rule"]
        group = groups.setdefault(
            rule, {"rule": rule, "title": finding["title"], "locator": finding["locator"], "items": []}
        )
        group["items"].append(finding)
    return list(groups.values())


def shown(report: dict) -> dict:
    """The report with its `groups`, ready for the `check_report` macro."""
    return {**report, "groups": grouped(report["findings"])}

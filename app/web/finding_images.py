"""Hook for the picture of a finding on its rendered page.

Another part of vanban will locate a checker finding on the page as Word lays it out. When it
lands, `page_images` calls it while the uploaded file still exists and returns one image (a
`data:` URL or a path under /static) per finding it could place; the check page already shows an
image next to any finding this returns one for.
"""

from __future__ import annotations

from pathlib import Path

from vanban.generator.checker import Report


def page_images(path: Path, report: Report) -> dict[int, str]:
    """Finding index → image URL. None yet: the locating function is not in vanban yet."""
    return {}

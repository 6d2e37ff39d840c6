"""Pages from the templates of this package: Jinja2 with autoescape on for every template.

Only one value is ever marked safe: a search hit's `snippet`, which index/highlight.py has already
escaped (matches in `<mark>`). Everything else is escaped here.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from vanban.app.web import csrf, dates, labels
from vanban.app.web.accounts import visitor
from vanban.app.web.document_view import anchor

TEMPLATES = Path(__file__).parent / "templates"


def date_vn(value: str | _dt.date | None) -> str:
    """2020-12-15 → 15/12/2020, the way a Vietnamese document writes a date."""
    if not value:
        return ""
    day = value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value)[:10])
    return dates.day_shown(day)


def time_vn(value: str) -> str:
    """A stored UTC time as this server's local time, the way an office reads it: 02/03/2026 15:04."""
    return _dt.datetime.fromisoformat(value).astimezone().strftime("%d/%m/%Y %H:%M")


def snippet_html(snippet: str) -> Markup:
    """The one trusted field: the engine's snippet, escaped text with `<mark>` around matches."""
    return Markup(snippet)


def fragment(labels) -> str:
    """A section path as the `#…` of a link to it on the document page."""
    return quote(anchor(labels), safe=".-~")


environment = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["date_vn"] = date_vn
environment.filters["snippet_html"] = snippet_html
environment.filters["fragment"] = fragment
environment.filters["time_vn"] = time_vn
environment.filters["day_typed"] = dates.as_shown
environment.filters["status_label"] = labels.status_label
environment.filters["issuer_label"] = labels.issuer_label
environment.filters["source_label"] = labels.source_label
environment.filters["padded_dates"] = labels.padded_dates
environment.filters["person"] = labels.person_label
environment.globals.update(
    date_placeholder=dates.PLACEHOLDER, date_pattern=dates.DAY_PATTERN, date_example=dates.EXAMPLE
)


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    """A page, with this browser's CSRF token for the forms' macro and the signed-in user for the header."""
    page = environment.get_template(name).render(
        request=request,
        csrf_token=csrf.token_for(request),
        path=request.url.path,
        me=visitor(request).user,
        **context,
    )
    response = HTMLResponse(page, status_code=status)
    csrf.attach(request, response)
    return response

"""What the list tests read off a page: the query of a pager link («بعدی», «قبلی»), as core/_pagination.html draws it."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def pager_link(html: str, label: str) -> str | None:
    """The query string of the pager link labelled ``label`` (``page=2&after=…``), or None when there is none."""
    match = re.search(rf'href="\?([^"]*)">{label}</a>', html)
    return match.group(1).replace("&amp;", "&") if match else None


def walk_forward(client: Any, url: str, query: str = "", *, keep: str = "") -> tuple[list[str], list[list[str]]]:
    """Follow «بعدی» from ``url?query`` to the last page: each page's HTML and the SQL it ran. Every link after
    the first must carry a cursor (``after=``) and ``keep`` (a filter the list must not lose)."""
    pages: list[str] = []
    statements: list[list[str]] = []
    while True:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"{url}?{query}").content.decode()
        pages.append(html)
        statements.append([q["sql"] for q in queries.captured_queries])
        query = pager_link(html, "بعدی") or ""
        if not query:
            return pages, statements
        assert "after=" in query and keep in query, query

"""What the list tests read off a page: the query of a pager link («بعدی», «قبلی»), as core/_pagination.html draws it."""

from __future__ import annotations

import re


def pager_link(html: str, label: str) -> str | None:
    """The query string of the pager link labelled ``label`` (``page=2&after=…``), or None when there is none."""
    match = re.search(rf'href="\?([^"]*)">{label}</a>', html)
    return match.group(1).replace("&amp;", "&") if match else None

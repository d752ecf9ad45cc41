"""A crawler for the link-walk test: from a person's home, follow every same-site link as that person.

GET only; it never submits a form, never logs out and never downloads a file. Each route (view name) is
visited at most ``PER_ROUTE`` times per person, so 22 districts' result pages cost three visits, not 22.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/accounts/logout", "/static/", "/media/", "/api/", "/sw.js", "/manifest.webmanifest", "/favicon")
SKIP_SUFFIXES = (".xlsx", ".pdf", ".csv", ".zip")
PER_ROUTE = 2
PAGES_PER_PERSON = 60


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


@dataclass
class Failure:
    url: str
    status: int
    came_from: str

    def __str__(self) -> str:
        return f"{self.url} → {self.status} (linked from {self.came_from})"


@dataclass
class Walk:
    visited: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def links_of(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url, _ = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver") or not parts.path:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
            continue
        found.append(path)
    return found


def _route(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return path


def walk(client: Any, start: str = "/", *, signed_in: bool) -> Walk:
    result = Walk()
    queue: deque[tuple[str, str]] = deque([(start, "(home)")])
    seen = {start}
    per_route: dict[str, int] = {}
    while queue and len(result.visited) < PAGES_PER_PERSON:
        url, came_from = queue.popleft()
        route = _route(url)
        if per_route.get(route, 0) >= PER_ROUTE:
            continue
        per_route[route] = per_route.get(route, 0) + 1
        response = client.get(url)
        result.visited.append(url)
        if response.status_code in (301, 302):
            target = response["Location"]
            # A link that sends a signed-in person to the login page is a page they cannot open.
            if signed_in and "/accounts/login/" in target:
                result.failures.append(Failure(url, 403, came_from))
            elif target not in seen:
                seen.add(target)
                queue.append((target, url))
            continue
        if response.status_code >= 400:
            result.failures.append(Failure(url, response.status_code, came_from))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links_of(response.content.decode(), url):
            if link not in seen:
                seen.add(link)
                queue.append((link, url))
    return result


def first_link_to(html: str, prefix: str, suffix: str) -> str | None:
    """The first link on the page whose path starts with ``prefix`` and ends with ``suffix``."""
    return next((link for link in links_of(html, "/") if link.startswith(prefix) and link.endswith(suffix)), None)

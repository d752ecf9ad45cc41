"""Whole public pages cached for visitors who are not signed in.

The portal, a published round's ranking, a unit's result, the news and a news page are the pages a whole
province opens after a publication, and for a visitor with no session they are the same for everyone: rendering
them once a minute instead of once a request is what lets them serve at a fair share of a bare Django view
(docs/benchmarks.md). The rules that keep it safe:

- Only a GET from a visitor with neither a session cookie nor a messages cookie is served from, or stored in,
  the cache: a signed-in person, or anyone with a message waiting, always gets a freshly rendered page. (Reading
  ``request.user`` for such a visitor costs nothing: there is no session to load.)
- A response is stored only when it is a plain 200 that sets no cookie. A page whose form carries a CSRF token
  (a news page's comment form) is stored with the token replaced by a marker, and each visitor served from the
  cache gets their own token in its place (``get_token`` also sets their cookie, as rendering would have).
- Every key carries the number of the newest audit entry, and every change a service makes writes one, so a
  publication, an approved comment or an edited news item shows to the next visitor; the page also expires after
  ``TTL`` seconds, for what changes without an audit entry (a news item's view counter).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from hamafza.core.models import AuditEntry

TTL = 60
CSRF_MARKER = b"\x00csrf-token\x00"
# The masked token Django writes into forms and into the body's hx-headers: 64 letters and digits. A render
# evaluates the template's ``csrf_token`` once, so every copy in the page is this same string.
_TOKEN_IN_PAGE = re.compile(rb'(?:name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([A-Za-z0-9]{64})"')

View = Callable[..., HttpResponse]


def generation() -> int:
    """The newest audit entry's number: every change a service makes writes one, so it moves with every change.

    Read from the database, not from the cache: with the embedded default each gunicorn worker has its own
    memory cache, and a change made through one worker must reach the pages of all of them. It is one lookup on
    the entries' unique index (``ORDER BY seq DESC LIMIT 1``), and a reader sees it move exactly when the
    change commits.
    """
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def _plain_visitor(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and not request.user.is_authenticated
    )


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-page:{generation()}:{path}"


def _stored(request: HttpRequest, response: HttpResponse) -> tuple[bytes, str] | None:
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return None
    content = response.content
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # The page carries a CSRF token: keep it only if every copy of the token can be found and replaced.
        match = _TOKEN_IN_PAGE.search(content)
        if match is None:
            return None
        content = content.replace(match.group(1), CSRF_MARKER)
    return content, response["Content-Type"]


def cached_for_visitors(on_hit: Callable[..., Any] | None = None) -> Callable[[View], View]:
    """Serve the view's page from the cache to visitors who are not signed in (see the module's rules).

    ``on_hit(request, *args, **kwargs)`` runs when the page comes from the cache, for what must still happen on
    every view (a news item's view counter).
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _plain_visitor(request):
                return view(request, *args, **kwargs)
            key = _key(request)
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                if CSRF_MARKER in content:
                    content = content.replace(CSRF_MARKER, get_token(request).encode())
                if on_hit is not None:
                    on_hit(request, *args, **kwargs)
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            stored = _stored(request, response)
            if stored is not None:
                cache.set(key, stored, TTL)
            return response

        return wrapper

    return decorator

"""API authentication: a personal token (``Authorization: Bearer …``) or the browser session (with CSRF).

``hamafza/api.py`` tries them in this order. A request that neither authenticates gets 401 with a Persian
message from the API's ``AuthenticationError`` handler.

Throttling: every call is limited per person (``PersonRateThrottle``) or, anonymous, per address
(``AddressRateThrottle``), at the rates in ``HAMAFZA_API_THROTTLE_RATES``; and an address that sends too many
wrong bearer tokens is refused for a while before any token is looked up, so tokens cannot be guessed.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf

from hamafza.accounts.services import api_token_authenticate
from hamafza.core.errors import PermissionDenied


class TokenAuth(HttpBearer):
    """A personal API token; the person it belongs to becomes ``request.user`` for permission checks."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        key = f"hamafza:bad-token:{get_client_ip_address(request)}"
        window = settings.HAMAFZA_API_BAD_TOKEN_WINDOW
        if (cache.get(key) or 0) >= settings.HAMAFZA_API_BAD_TOKEN_LIMIT:
            raise Throttled(wait=window)
        user = api_token_authenticate(token.strip())
        if user is None:
            # Counted per address; the window starts at the first wrong token.
            if not cache.add(key, 1, window):
                try:
                    cache.incr(key)
                except ValueError:
                    cache.add(key, 1, window)
            return None
        request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """Django's session, for the site's own pages calling the API; unsafe methods still need the CSRF token.

    ninja's own ``SessionAuth`` checks CSRF before it knows whether there is a session at all, so a script with a
    mistyped token that tries a PATCH would be told "CSRF check Failed" instead of "log in". CSRF only protects a
    logged-in browser, so here it is checked only when a session is present, and its refusal speaks Persian.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        exempt = not self.csrf or getattr(request, "_ninja_csrf_exempt", False)
        if not exempt and check_csrf(request) is not None:
            raise PermissionDenied("درخواست بدون توکن امنیتی (CSRF) فرستاده شده است. صفحه را دوباره باز کنید.")
        return request.user


class _SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from ``HAMAFZA_API_THROTTLE_RATES`` on each call, so a deployment (or a test) can change it."""

    def __init__(self) -> None:
        super().__init__(rate="1/s")

    def get_rate(self) -> str | None:
        return settings.HAMAFZA_API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AddressRateThrottle(_SettingsRateThrottle):
    """Anonymous calls, per client address."""

    scope = "anon"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if getattr(request, "auth", None) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": get_client_ip_address(request)}


class PersonRateThrottle(_SettingsRateThrottle):
    """Calls by a person (token or session), per person: one limit however many tokens they hold."""

    scope = "user"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        auth = getattr(request, "auth", None)
        if auth is None or getattr(auth, "pk", None) is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": auth.pk}

"""API authentication: a personal token (``Authorization: Bearer …``) or the browser session (with CSRF).

``hamafza/api.py`` tries them in this order. A request that neither authenticates gets 401 with a Persian
message from the API's ``AuthenticationError`` handler.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from hamafza.accounts.services import api_token_authenticate
from hamafza.core.errors import PermissionDenied


class TokenAuth(HttpBearer):
    """A personal API token; the person it belongs to becomes ``request.user`` for permission checks."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token.strip())
        if user is None:
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

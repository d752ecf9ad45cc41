from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest

from hamafza.accounts.models import User
from hamafza.persian import PersianInputError, normalize_mobile, to_latin_digits


class UsernameOrMobileBackend(ModelBackend):
    """Accepts a username or a mobile number typed in any digits and any of the usual prefixes."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or password is None:
            return None
        login = to_latin_digits(username.strip())
        query = Q(username__iexact=login)
        try:
            query |= Q(mobile=normalize_mobile(login))
        except PersianInputError:
            pass
        user = User.objects.filter(query).order_by("id").first()
        if user is None:
            # Spend the same time as a real check so response time does not reveal which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' guard, first in ``AUTHENTICATION_BACKENDS``: refuses a locked-out account or address.

    Every login a person makes over the web passes the request; ``authenticate()`` without one comes from code
    on the server (a management command, the test client's ``login``), which no outsider can drive, so it is
    let through to the next backend instead of failing as axes does by default.
    """

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

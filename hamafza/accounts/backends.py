from __future__ import annotations

from typing import Any

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

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from hamafza.accounts.models import ApiToken, User, hash_token
from hamafza.core.audit import audit
from hamafza.core.errors import DomainError


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    mobile: str | None = None,
    national_id: str | None = None,
    by: User | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError("این نام کاربری قبلاً ثبت شده است.")
    if mobile and User.objects.filter(mobile=mobile).exists():
        raise DomainError("این شماره همراه برای کاربر دیگری ثبت شده است.")
    if national_id and User.objects.filter(national_id=national_id).exists():
        raise DomainError("این کد ملی برای کاربر دیگری ثبت شده است.")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        mobile=mobile or None,
        national_id=national_id or None,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit(actor=by, action="accounts.user.created", target=user, data={"username": username})
    return user


@transaction.atomic
def profile_update(*, user: User, by: User, **fields: Any) -> User:
    allowed = {"first_name", "last_name", "mobile", "national_id", "email"}
    changed = {}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"unknown profile field {name}")
        value = value or ("" if name in {"first_name", "last_name", "email"} else None)
        if getattr(user, name) != value:
            changed[name] = value
            setattr(user, name, value)
    if changed.get("mobile"):
        if User.objects.filter(mobile=changed["mobile"]).exclude(pk=user.pk).exists():
            raise DomainError("این شماره همراه برای کاربر دیگری ثبت شده است.")
    if changed.get("national_id"):
        if User.objects.filter(national_id=changed["national_id"]).exclude(pk=user.pk).exists():
            raise DomainError("این کد ملی برای کاربر دیگری ثبت شده است.")
    if changed:
        user.save()
        # Personal numbers are not copied into the trail: only which fields changed.
        audit(actor=by, action="accounts.profile.updated", target=user, data={"fields": sorted(changed)})
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    raw = "hmz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:8])
    audit(actor=user, action="accounts.api_token.created", target=token, data={"name": name})
    return token, raw


TOKEN_USE_RESOLUTION = dt.timedelta(minutes=1)


def api_token_authenticate(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), is_active=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # "Last used" is shown to the person at the minute's precision: one UPDATE a minute per token, not one per
    # request (a busy integration would otherwise write a row on every call).
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> None:
    token.is_active = False
    token.save(update_fields=["is_active"])
    audit(actor=by, action="accounts.api_token.revoked", target=token)

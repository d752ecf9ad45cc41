"""Login protection with django-axes: who counts as "the same account", what a locked-out person reads, the
trail it leaves and how a manager lifts it.

Axes counts failures per account and per address (``AXES_LOCKOUT_PARAMETERS``). People log in by username or by
mobile number typed in any digits, so failures are counted under one normalized identity: ``۰۹۱۲…``, ``0912…``
and the account's username are the same account to the counter.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.core.audit import audit
from hamafza.persian import PersianInputError, normalize_mobile, to_latin_digits, to_persian_digits


def identity_of(login: str | None) -> str | None:
    """The one name failures are counted under: the account's username when the login names an account."""
    if not login:
        return None
    text = to_latin_digits(str(login)).strip()
    query = Q(username__iexact=text)
    mobile = None
    try:
        mobile = normalize_mobile(text)
        query |= Q(mobile=mobile)
    except PersianInputError:
        pass
    username = User.objects.filter(query).order_by("id").values_list("username", flat=True).first()
    if username:
        return username.lower()
    # An unknown login is still counted, under its normalized form, so guessing at it is limited too.
    return mobile or text.lower()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """``AXES_USERNAME_CALLABLE``."""
    field = settings.AXES_USERNAME_FORM_FIELD
    login = (credentials or {}).get(field) or (request.POST.get(field) if request is not None else None)
    return identity_of(login)


def _locked_attempts(identity: str | None, ip_address: str | None) -> list[AccessAttempt]:
    query = Q()
    if identity:
        query |= Q(username=identity)
    if ip_address:
        query |= Q(ip_address=ip_address)
    if not query:
        return []
    return list(AccessAttempt.objects.filter(query).order_by("-attempt_time"))


def unlock_time(identity: str | None, ip_address: str | None) -> dt.datetime:
    """When the lock on this account or this address opens again."""
    cool_off = get_cool_off() or dt.timedelta(0)
    attempts = _locked_attempts(identity, ip_address)
    last = attempts[0].attempt_time if attempts else timezone.now()
    return last + cool_off


def lockout_message(until: dt.datetime, now: dt.datetime | None = None) -> str:
    minutes = max(1, math.ceil((until - (now or timezone.now())).total_seconds() / 60))
    clock = timezone.localtime(until).strftime("%H:%M")
    return to_persian_digits(
        "ورود با این حساب یا از این نشانی به‌خاطر چند گذرواژه نادرست پیاپی موقتاً بسته شده است. "
        f"تا ساعت {clock} / {minutes} دقیقه دیگر دوباره تلاش کنید."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the login page again, saying until when it is closed (429)."""
    until = unlock_time(axes_username(request, credentials), get_client_ip_address(request))
    return render(request, "accounts/locked_out.html", {"message": lockout_message(until)}, status=429)


def on_user_locked_out(sender: Any, request: HttpRequest, username: str | None, ip_address: str, **_: Any) -> None:
    """Write the moment a lock closes to the audit trail (not every refused try after it)."""
    if request is None or getattr(request, "axes_failures_since_start", None) is None:
        return
    user = User.objects.filter(username__iexact=username).first() if username else None
    audit(
        actor=None,
        action="accounts.login.locked_out",
        target=user,
        data={"login": username or "", "ip_address": ip_address, "failures": request.axes_failures_since_start},
    )


@dataclass(frozen=True)
class Lockout:
    """One closed lock: on an account (``user`` set, or an unknown login) or on an address."""

    identity: str
    ip_address: str
    user: User | None
    failures: int
    until: dt.datetime


def lockouts_current() -> list[Lockout]:
    """Every lock closed right now, on accounts then on addresses (the page filters them by the viewer's scope).

    Axes sums the failures of one account over all addresses (and of one address over all accounts), so the
    locks are found the same way: grouped, summed and compared with the limit.
    """
    cool_off = get_cool_off() or dt.timedelta(days=36500)
    limit = get_failure_limit(None, None)  # type: ignore[arg-type]
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    by_account = (
        recent.exclude(username=None)
        .exclude(username="")
        .values("username")
        .annotate(total=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(total__gte=limit)
        .order_by("-last")
    )
    by_address = (
        recent.values("ip_address")
        .annotate(total=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(total__gte=limit)
        .order_by("-last")
    )
    accounts = list(by_account)
    users = {u.username.lower(): u for u in User.objects.filter(username__in=[row["username"] for row in accounts])}
    locks = [
        Lockout(row["username"], "", users.get(row["username"]), row["total"], row["last"] + cool_off)
        for row in accounts
    ]
    locks += [
        Lockout("", row["ip_address"] or "", None, row["total"], row["last"] + cool_off)
        for row in by_address
        if row["ip_address"]
    ]
    return locks


@transaction.atomic
def lockout_lift(*, identity: str = "", ip_address: str = "", by: User) -> int:
    """Open the lock on an account (all its addresses) or on an address; returns how many counters were reset."""
    if not identity and not ip_address:
        raise ValueError("lockout_lift needs an identity or an address")
    count = 0
    if identity:
        count += AxesProxyHandler.reset_attempts(username=identity)
    if ip_address:
        count += AxesProxyHandler.reset_attempts(ip_address=ip_address)
    user = User.objects.filter(username__iexact=identity).first() if identity else None
    audit(
        actor=by,
        action="accounts.login.lockout_lifted",
        target=user,
        data={"login": identity, "ip_address": ip_address, "reset": count},
    )
    return count

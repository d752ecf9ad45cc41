"""Login locks a manager may lift: people inside the organizations they manage; a system admin lifts any lock,
also one on an address. The locks themselves are django-axes' (see ``hamafza.accounts.lockout``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from hamafza.accounts.lockout import Lockout, lockout_lift, lockouts_current
from hamafza.organizations import permissions
from hamafza.organizations.models import RoleGrant
from hamafza.persian import to_latin_digits


def lockouts_visible_to(user: object) -> list[Lockout]:
    """The locks this person may see and lift (written beside ``can_lift`` below: the same rule)."""
    if not permissions.can_anywhere(user, "roles.manage"):
        return []
    locks = lockouts_current()
    if permissions.is_system_admin(user):
        return locks
    managed = permissions.organizations_where(user, "roles.manage")
    user_ids = {lock.user.pk for lock in locks if lock.user is not None}
    in_scope = set(
        RoleGrant.objects.filter(user_id__in=user_ids, organization__in=managed).values_list("user_id", flat=True)
    )
    return [lock for lock in locks if lock.user is not None and lock.user.pk in in_scope]


def _lock_or_404(user: object, login: str, ip_address: str) -> Lockout:
    for lock in lockouts_visible_to(user):
        if (login and lock.identity == login) or (ip_address and not lock.identity and lock.ip_address == ip_address):
            return lock
    raise Http404


@login_required
def lockout_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "roles.manage"):
        raise Http404
    page = Paginator(lockouts_visible_to(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "organizations/lockout_list.html", {"page": page, "query": ""})


@login_required
def lockout_lift_view(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation; POST lifts the lock and writes the audit trail."""
    source = request.POST if request.method == "POST" else request.GET
    login = to_latin_digits(source.get("login", "")).strip().lower()
    ip_address = to_latin_digits(source.get("ip", "")).strip()
    lock = _lock_or_404(request.user, login, ip_address)
    if request.method == "POST":
        lockout_lift(identity=lock.identity, ip_address=lock.ip_address, by=request.user)  # type: ignore[arg-type]
        messages.success(request, "قفل ورود باز شد.")
        return redirect("lockouts:list")
    return render(request, "organizations/lockout_lift_confirm.html", {"lock": lock})


app_name = "lockouts"
urlpatterns = [
    path("", lockout_list, name="list"),
    path("lift/", lockout_lift_view, name="lift"),
]

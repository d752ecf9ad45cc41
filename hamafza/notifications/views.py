"""The bell, the notifications page, marking read, and each person's channel choices."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.core.paging import CappedPaginator
from hamafza.notifications import selectors, services
from hamafza.notifications.forms import PreferencesForm


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    # A busy official gathers thousands: counted up to 1,001 and paged by cursor (``recipient = me AND created_at
    # <= v … ORDER BY created_at DESC, id DESC LIMIT 26`` on notification_list_idx), however deep.
    page = CappedPaginator(
        selectors.with_targets(selectors.notification_list(request.user, unread_only=unread_only)).select_related(
            "actor"
        ),
        settings.HAMAFZA_PAGE_SIZE,
    ).page_for(request.GET)
    rows = [(n, selectors.link_opens_for(request.user, n)) for n in page]
    return render(
        request,
        "notifications/notification_list.html",
        {
            "page": page,
            "rows": rows,
            "unread_only": unread_only,
            "query": "show=unread" if unread_only else "",
            "unread": selectors.unread_count(request.user),
        },
    )


def bell(request: HttpRequest) -> HttpResponse:
    """The top bar's bell, loaded by htmx after the page, so no other page pays its query."""
    count = selectors.unread_count(request.user) if request.user.is_authenticated else 0
    return render(request, "notifications/_bell.html", {"unread": count})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.get_notification_or_404(request.user, pk)
    services.notification_mark_read(notification=notification, by=request.user)
    if selectors.link_opens_for(request.user, notification) and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    messages.info(request, "این اعلان پیوندی ندارد که برای شما باز شود.")
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.get_notification_or_404(request.user, pk)
    services.notification_mark_read(notification=notification, by=request.user)
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(by=request.user)
    if count:
        messages.success(request, "همه اعلان‌ها خوانده‌شده علامت خوردند.")
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/notifications/"


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Channel choices: a fragment on «حساب من» (loaded by htmx) and a page of its own without JavaScript."""
    user = request.user
    current = selectors.preferences_of(user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                services.notification_preferences_set(
                    user=user, email=form.cleaned_data["email"], sms=form.cleaned_data["sms"], by=user
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "مسیرهای اعلان شما ذخیره شد.")
                return redirect(_back(request) if request.POST.get("next") else "notifications:preferences")
    else:
        form = PreferencesForm(initial={"email": current["email"], "sms": current["sms"]})
    template = (
        "notifications/_preferences.html" if request.headers.get("HX-Request") else "notifications/preferences.html"
    )
    return render(request, template, {"form": form, "next": request.GET.get("next", "")})

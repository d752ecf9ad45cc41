"""Public pages: news, any commentable page, the comment form, ratings, appeals, search, transparency."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.core.public_cache import cached_for_visitors
from hamafza.moderation import RULE_LABELS
from hamafza.persian import to_latin_digits
from hamafza.places.models import Province
from hamafza.voice import permissions, selectors
from hamafza.voice.forms import CommentForm
from hamafza.voice.models import COMMENT_LIMIT, Comment, CommentStatus, NewsItem, PublicPage
from hamafza.voice.services import comments as comment_services
from hamafza.voice.services import moderation as moderation_services
from hamafza.voice.services import pages as page_services
from hamafza.voice.services import responses as response_services
from hamafza.voice.services import search as search_services

BROWSER_COOKIE = "hz_browser"
BROWSER_SALT = "hamafza.voice.rating"
SEARCH_PAGE_SIZE = 10
TRANSPARENCY_PAGE_SIZE = 50
TRANSPARENCY_CHART_SIZE = 20


@cached_for_visitors()
def news_list(request: HttpRequest) -> HttpResponse:
    items = NewsItem.objects.filter(published_at__isnull=False).select_related("organization", "page")
    page = Paginator(items.order_by("-published_at", "-id"), settings.HAMAFZA_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = page_services.with_pending_views(list(page.object_list))
    return render(request, "voice/news_list.html", {"page": page})


MY_COMMENTS_FILTERS = {"": "همه", "pending": "در انتظار بررسی", "published": "منتشرشده", "rejected": "منتشرنشده"}


@login_required
def my_comments(request: HttpRequest) -> HttpResponse:
    """«نظرهای من»: everything this person wrote, where it stands, and the agency's answer when there is one.

    Three queries whatever the number of comments: the count, the page (with its public page and the agency's
    response and organization joined in), and nothing per row.
    """
    status = request.GET.get("status", "")
    if status not in MY_COMMENTS_FILTERS:
        status = ""
    mine = Comment.objects.filter(author=request.user).select_related("page", "response", "response__organization")
    if status:
        mine = mine.filter(status=status)
    page = Paginator(mine.order_by("-created_at", "-id"), settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))
    response_services.responses_seen(request.user)
    return render(
        request,
        "voice/my_comments.html",
        {"page": page, "status": status, "filters": MY_COMMENTS_FILTERS, "query": f"status={status}" if status else ""},
    )


def news_short(request: HttpRequest, code: str) -> HttpResponse:
    """``/n/<code>``: the short link printed under each news item; any digits accepted."""
    digits = to_latin_digits(code)
    if not digits.isdigit() or len(digits) > 9:
        raise Http404
    item = permissions.get_news_or_404(request.user, int(digits))
    return redirect("voice:news_detail", code=item.code, permanent=True)


def _page_context(request: HttpRequest, page: PublicPage, form: CommentForm | None = None) -> dict[str, Any]:
    return {
        "public_page": page,
        "comments": selectors.thread(page, request.user, request.GET.get("cp")) if page.is_public else [],
        "form": form or CommentForm(),
        "limit": COMMENT_LIMIT,
        "rules": RULE_LABELS.values(),
        "rating": selectors.rating_summary(page),
    }


def _count_view(request: HttpRequest, code: int, form: CommentForm | None = None) -> None:
    page_services.news_record_view(code)


@cached_for_visitors(on_hit=_count_view)
def news_detail(request: HttpRequest, code: int, form: CommentForm | None = None) -> HttpResponse:
    item = permissions.get_news_or_404(request.user, code)
    if item.is_published and request.method == "GET":
        page_services.news_record_view(item.code)
        page_services.with_pending_views([item])
    context = {
        "item": item,
        "can_edit": permissions.can_publish(request.user, item.organization),
        **(_page_context(request, item.page, form) if item.page else {}),
    }
    return render(request, "voice/news_detail.html", context)


def news_print(request: HttpRequest, code: int) -> HttpResponse:
    item = permissions.get_news_or_404(request.user, code)
    return render(request, "voice/news_print.html", {"item": item})


@cached_for_visitors()
def page_detail(request: HttpRequest, pk: int, form: CommentForm | None = None) -> HttpResponse:
    page = permissions.get_page_or_404(request.user, pk)
    if hasattr(page, "news_item") and form is None:
        return redirect("voice:news_detail", code=page.news_item.code)
    return render(request, "voice/page_detail.html", _page_context(request, page, form))


def _show_page(request: HttpRequest, page: PublicPage, form: CommentForm | None = None) -> HttpResponse:
    if hasattr(page, "news_item"):
        return news_detail(request, page.news_item.code, form)
    return page_detail(request, page.pk, form)


def _back_to(page: PublicPage, anchor: str = "comments") -> HttpResponse:
    return redirect(f"{page.url}#{anchor}")


@require_POST
def comment_post(request: HttpRequest, pk: int) -> HttpResponse:
    page = permissions.get_page_or_404(request.user, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _show_page(request, page, form)
    if form.cleaned_data["website"]:
        # A bot filled the honeypot: it is told what a person is told, and nothing is stored.
        messages.success(request, "نظر شما ثبت شد و پس از بررسی منتشر می‌شود.")
        return _back_to(page)
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], page=page).first()
    try:
        comment = comment_services.comment_create(
            page=page,
            text=form.cleaned_data["text"],
            kind=form.cleaned_data["kind"],
            author_name=form.cleaned_data["author_name"],
            parent=parent,
            address=request.META.get("REMOTE_ADDR", ""),
            by=request.user,
        )
    except DomainError as error:
        form.add_error("text", error.message)
        response = _show_page(request, page, form)
        response.status_code = error.status_code
        return response
    if comment.status == CommentStatus.PUBLISHED:
        messages.success(request, "نظر شما منتشر شد. از مشارکت شما سپاسگزاریم.")
    else:
        messages.info(request, "نظر شما ثبت شد و پس از بررسی ناظر منتشر می‌شود.")
    return _back_to(page, f"comment-{comment.pk}")


@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    page = permissions.get_page_or_404(request.user, pk)
    key = request.get_signed_cookie(BROWSER_COOKIE, default="", salt=BROWSER_SALT)
    new_key = not key and not request.user.is_authenticated
    if new_key:
        key = secrets.token_hex(16)
    try:
        comment_services.rating_set(page=page, stars=request.POST.get("stars", ""), browser_key=key, by=request.user)
        messages.success(request, "امتیاز شما ثبت شد.")
    except DomainError as error:
        messages.error(request, error.message)
    response = _back_to(page, "rating")
    if new_key:
        response.set_signed_cookie(
            BROWSER_COOKIE, key, salt=BROWSER_SALT, max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
            secure=request.is_secure(),
        )  # fmt: skip
    return response


@require_POST
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    comment = permissions.comments_visible_to(request.user).select_related("page").filter(pk=pk).first()
    if comment is None:
        raise Http404
    try:
        moderation_services.comment_appeal(comment=comment, text=request.POST.get("text", ""), by=request.user)
        messages.success(request, "اعتراض شما ثبت شد و نظر دوباره بررسی می‌شود.")
    except DomainError as error:
        messages.error(request, error.message)
    return _back_to(comment.page, f"comment-{comment.pk}")


@cached_for_visitors()
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    try:
        number = max(1, min(int(to_latin_digits(request.GET.get("page", "1"))), 10_000))
    except ValueError:
        number = 1
    results = search_services.search(query, page=number, per_page=SEARCH_PAGE_SIZE) if query else None
    pages = max(1, -(-results.total // SEARCH_PAGE_SIZE)) if results else 1
    return render(
        request,
        "voice/search.html",
        {"query": query, "results": results, "number": number, "pages": pages,
         "previous": number - 1 if number > 1 else None, "next": number + 1 if number < pages else None},
    )  # fmt: skip


def transparency(request: HttpRequest) -> HttpResponse:
    province_id = request.GET.get("province") or None
    province = get_object_or_404(Province, pk=province_id) if province_id and province_id.isdigit() else None
    figures = selectors.transparency(province_id=province.pk if province else None)
    # Nationally every evaluated unit has public pages (3,100 a national round): the table goes 50 agencies a page
    # and the chart shows those that received the most, instead of a 1.5 MB page with a bar for each.
    page = Paginator(figures, TRANSPARENCY_PAGE_SIZE).get_page(request.GET.get("page"))
    charted = figures[:TRANSPARENCY_CHART_SIZE]
    chart = {
        "labels": [f.organization.name for f in charted],
        "received": [f.received for f in charted],
        "held": [f.held for f in charted],
        "answered": [f.answered for f in charted],
        "on_time": [f.answered_on_time for f in charted],
        "median_days": [round(f.median_days, 1) if f.median_days is not None else None for f in charted],
        "rating": [round(f.rating_average, 2) if f.rating_average else None for f in charted],
    }
    held_by_rule = {label: sum(f.held_by_rule.get(rule, 0) for f in figures) for rule, label in RULE_LABELS.items()}
    chart["rules"] = {"labels": list(held_by_rule), "data": list(held_by_rule.values())}
    return render(
        request,
        "voice/transparency.html",
        {
            "figures": figures,
            "page": page,
            "query": urlencode({"province": province.pk}) if province else "",
            "charted": len(charted),
            "chart": chart,
            "held_by_rule": held_by_rule,
            "province": province,
            "provinces": Province.objects.filter(
                pk__in=PublicPage.objects.filter(is_public=True).values("organization__province_id")
            ).order_by("name"),
        },
    )

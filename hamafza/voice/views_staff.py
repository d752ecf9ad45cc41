"""Moderators' queue and log, and the agency's inbox of critique and suggestions with its answers."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hamafza.core.errors import DomainError
from hamafza.core.paging import CappedPaginator
from hamafza.voice import permissions, selectors
from hamafza.voice.forms import DecideForm, NewsEditForm, NewsForm, ResponseForm
from hamafza.voice.models import CommentKind, CommentStatus, ModerationDecision, ResponseStatus, Rule
from hamafza.voice.services import moderation as moderation_services
from hamafza.voice.services import pages as page_services
from hamafza.voice.services import responses as response_services


@login_required
def moderation_index(request: HttpRequest) -> HttpResponse:
    roots = permissions.moderation_roots(request.user)
    if not roots:
        raise Http404
    if len(roots) == 1:
        return redirect("voice:moderation_queue", pk=roots[0].pk)
    return render(request, "voice/moderation_index.html", {"organizations": roots})


@login_required
def moderation_queue(request: HttpRequest, pk: int) -> HttpResponse:
    organization = permissions.get_moderated_organization_or_404(request.user, pk)
    if request.method == "POST":
        form = DecideForm(request.POST)
        if form.is_valid():
            try:
                changed = moderation_services.comments_decide(
                    organization=organization,
                    comment_ids=[int(i) for i in request.POST.getlist("comments") if i.isdigit()],
                    action=form.cleaned_data["action"],
                    rule=form.cleaned_data["rule"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
                messages.success(request, f"تصمیم درباره {changed} نظر ثبت شد." if changed else "تغییری لازم نبود.")
            except DomainError as error:
                messages.error(request, error.message)
        else:
            messages.error(request, "تصمیم را انتخاب کنید.")
        return redirect(request.get_full_path())
    status = request.GET.get("status", CommentStatus.PENDING)
    status = status if status in CommentStatus.values or status == "all" else CommentStatus.PENDING
    rule = request.GET.get("rule", "")
    kind = request.GET.get("kind", "")
    comments = selectors.queue(
        permissions.comments_moderated_by(request.user, organization),
        status="" if status == "all" else status,
        rule=rule if rule in Rule.values else "",
        kind=kind if kind in CommentKind.values else "",
    )
    # A busy agency's queue holds thousands: counted up to 1,001 (the order starts with a nullable column, so
    # pages go by number).
    page = CappedPaginator(comments, settings.HAMAFZA_PAGE_SIZE).page_for(request.GET)
    query = "&".join(f"{key}={value}" for key, value in (("status", status), ("rule", rule), ("kind", kind)) if value)
    return render(
        request,
        "voice/moderation_queue.html",
        {
            "organization": organization,
            "page": page,
            "query": query,
            "status": status,
            "rule": rule,
            "kind": kind,
            "statuses": CommentStatus.choices,
            "rules": Rule.choices,
            "kinds": CommentKind.choices,
            "form": DecideForm(),
        },
    )


@login_required
def moderation_log(request: HttpRequest, pk: int) -> HttpResponse:
    organization = permissions.get_moderated_organization_or_404(request.user, pk)
    decisions = (
        ModerationDecision.objects.filter(comment__page__organization__path__startswith=organization.path)
        .select_related("comment__page", "by")
        .order_by("-created_at", "-id")
    )
    # Every comment gets a decision, so a province's log grows with its comments: counted up to 1,001 and paged
    # by cursor (``created_at <= v … ORDER BY created_at DESC, id DESC LIMIT 26`` on the created_at index).
    page = CappedPaginator(decisions, settings.HAMAFZA_PAGE_SIZE).page_for(request.GET)
    return render(request, "voice/moderation_log.html", {"organization": organization, "page": page})


@login_required
def responses_index(request: HttpRequest) -> HttpResponse:
    if not permissions.responding_organizations(request.user).exists():
        raise Http404
    show = request.GET.get("show", "open")
    cases = permissions.responses_for(request.user).select_related("comment__page", "organization")
    if show == "open":
        cases = cases.filter(status__in=[ResponseStatus.RECEIVED, ResponseStatus.UNDER_REVIEW])
    # Counted up to 1,001 and paged by cursor on (due_on, id), like every long list.
    page = CappedPaginator(cases.order_by("due_on", "id"), settings.HAMAFZA_PAGE_SIZE).page_for(request.GET)
    return render(request, "voice/responses_index.html", {"page": page, "show": show, "query": f"show={show}"})


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = permissions.get_response_or_404(request.user, pk)
    form = ResponseForm(
        request.POST or None, initial={"status": case.status, "answer": case.answer, "version": case.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            response_services.response_update(
                response=case,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
            messages.success(request, "پاسخ دستگاه ثبت و برای نویسنده فرستاده شد.")
            return redirect("voice:response_detail", pk=case.pk)
        except DomainError as error:
            form.add_error(None, error.message)
            response = render(request, "voice/response_detail.html", {"case": case, "form": form})
            response.status_code = error.status_code
            return response
    return render(request, "voice/response_detail.html", {"case": case, "form": form})


@login_required
def news_create(request: HttpRequest) -> HttpResponse:
    organizations = list(permissions.publishing_organizations(request.user)[:200])
    if not organizations:
        raise Http404
    form = NewsForm(request.POST or None)
    form.fields["organization"].choices = [(org.pk, org.name) for org in organizations]
    if request.method == "POST" and form.is_valid():
        organization = next(org for org in organizations if str(org.pk) == form.cleaned_data["organization"])
        try:
            item = page_services.news_create(
                organization=organization,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                lead=form.cleaned_data["lead"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
            messages.success(request, "خبر منتشر شد.")
            return redirect("voice:news_detail", code=item.code)
        except DomainError as error:
            form.add_error(None, error.message)
    return render(request, "voice/news_form.html", {"form": form})


@login_required
def news_edit(request: HttpRequest, code: int) -> HttpResponse:
    """Edit a news item of an agency one publishes for; someone else's agency's item is a 404."""
    item = permissions.get_news_or_404(request.user, code)
    if not permissions.can_publish(request.user, item.organization):
        raise Http404
    form = NewsEditForm(
        request.POST or None,
        initial={"title": item.title, "lead": item.lead, "body": item.body, "version": item.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            page_services.news_update(
                item=item,
                title=form.cleaned_data["title"],
                lead=form.cleaned_data["lead"],
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return render(request, "voice/news_edit.html", {"form": form, "item": item}, status=error.status_code)
        messages.success(request, "خبر ویرایش شد.")
        return redirect("voice:news_detail", code=item.code)
    return render(request, "voice/news_edit.html", {"form": form, "item": item})

"""Pages of tables and their members: the lists, create and edit, invitations, meetings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.engagement import permissions as engagement_permissions
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization, RoleGrant
from hamafza.persian import normalize_mobile, to_latin_digits
from hamafza.roundtables import permissions, selectors, services
from hamafza.roundtables.forms import (
    ElectionForm,
    InviteForm,
    MeetingForm,
    RemoveMemberForm,
    TableEditForm,
    TableForm,
)
from hamafza.roundtables.models import (
    ElectionStatus,
    Membership,
    MembershipStatus,
    Roundtable,
    Voter,
)
from hamafza.roundtables.views.common import _errors, _query_without_page


@login_required
def table_list(request: HttpRequest) -> HttpResponse:
    if not permissions.uses_roundtables(request.user) and not permissions.can_create_tables(request.user):
        raise Http404
    q = request.GET.get("q", "")
    page = Paginator(selectors.table_list(request.user, q=q), settings.HAMAFZA_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    invitations = list(
        Membership.objects.filter(user=request.user, status=MembershipStatus.INVITED).select_related("table")[:20]
    )
    ballots = list(
        Voter.objects.filter(user=request.user, has_voted=False, election__status=ElectionStatus.VOTING).select_related(
            "election__table"
        )[:20]
    )
    return render(
        request,
        "roundtables/table_list.html",
        {
            "page": page,
            "q": q,
            "query": _query_without_page(request),
            "invitations": invitations,
            "ballots": ballots,
            "can_create": permissions.can_create_tables(request.user),
        },
    )


def public_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_tables(), settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "roundtables/public_list.html", {"page": page, "query": ""})


def _secretaries(user: Any, organizations: Any) -> Any:
    """The governorates' people who may act as a table's secretary (the service checks the chosen one again)."""
    grants = RoleGrant.objects.filter(role="governor", organization__in=organizations)
    return (
        get_user_model()
        .objects.filter(Q(pk__in=grants.values("user_id")) | Q(pk=user.pk), is_active=True)
        .order_by("last_name", "first_name")
    )


@login_required
def table_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_tables(request.user):
        raise Http404
    organizations = org_permissions.organizations_where(request.user, permissions.MANAGE).order_by("sort_key")
    form = TableForm(
        request.POST or None, organizations=organizations, secretaries=_secretaries(request.user, organizations)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            table = services.table_create(
                organization=data["organization"],
                title=data["title"],
                domain=data["domain"],
                secretary=data["secretary"],
                description=data["description"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "میز تشکیل شد. اکنون اعضا را دعوت کنید.")
            return redirect("roundtables:detail", pk=table.pk)
    return render(request, "roundtables/table_form.html", {"form": form})


@login_required
def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    # The governorates this person manages, and the table's own (its secretary may manage only the table).
    managed = org_permissions.organizations_where(request.user, permissions.MANAGE).values("pk")
    organizations = Organization.objects.filter(Q(pk__in=managed) | Q(pk=table.organization_id)).order_by("sort_key")
    grants = RoleGrant.objects.filter(role="governor", organization__in=organizations)
    secretaries = (
        get_user_model()
        .objects.filter(Q(pk__in=grants.values("user_id")) | Q(pk=request.user.pk) | Q(pk=table.secretary_id))
        .filter(is_active=True)
        .order_by("last_name", "first_name")
    )
    initial = {
        "organization": table.organization_id,
        "title": table.title,
        "domain": table.domain,
        "secretary": table.secretary_id,
        "description": table.description,
        "version": table.version,
    }
    form = TableEditForm(request.POST or None, initial=initial, organizations=organizations, secretaries=secretaries)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.table_update(
                table=table,
                version=data["version"],
                title=data["title"],
                domain=data["domain"],
                description=data["description"],
                organization=data["organization"],
                secretary=data["secretary"],
                by=request.user,
            )
        except VersionConflict as error:
            form.add_error(None, error.message)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "تغییرات میز ذخیره شد.")
            # The editor may have handed the table to another governorate or secretary and lost it.
            table = Roundtable.objects.select_related("organization").get(pk=table.pk)
            permissions.forget(request.user)
            if permissions.can_view_table(request.user, table):
                return redirect("roundtables:detail", pk=table.pk)
            return redirect("roundtables:list")
    return render(request, "roundtables/table_form.html", {"form": form, "table": table}, status=status)


def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk)
    can_manage = permissions.can_manage(request.user, table)
    mine = permissions.membership(request.user, table)
    inside = can_manage or mine is not None
    meetings = (
        list(table.meetings.select_related("activity").prefetch_related("activity__action_items__owner")[:20])
        if inside
        else []
    )
    elections = list(selectors.elections_of(request.user, table)[:20])
    return render(
        request,
        "roundtables/table_detail.html",
        {
            "table": table,
            "can_manage": can_manage,
            "can_work": permissions.can_work_on(request.user, table),
            "mine": mine,
            "inside": inside,
            "members": list(selectors.members_of(table, removed=can_manage)) if inside else [],
            "public_members": []
            if inside
            else list(selectors.members_of(table).filter(status=MembershipStatus.ACCEPTED)),
            "meetings": meetings,
            "elections": elections,
            "problems": list(selectors.problems_of(request.user, table)[:50]),
            "terms": list(table.chair_terms.select_related("user")[:5]),
            "can_open_activity": engagement_permissions.can_act_for(request.user, table.organization),
            "invite_form": InviteForm() if can_manage else None,
            "meeting_form": MeetingForm() if can_manage else None,
            "election_form": ElectionForm() if can_manage else None,
            "voting_elections": [e for e in elections if e.status == ElectionStatus.VOTING] if can_manage else [],
        },
    )


@login_required
@require_POST
def table_publish(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    public = request.POST.get("action") != "unpublish"
    services.table_publish(table=table, by=request.user, public=public)
    messages.success(request, "صفحه عمومی میز منتشر شد." if public else "میز از دید عموم برداشته شد.")
    return redirect("roundtables:detail", pk=table.pk)


def _find_user(identity: str) -> Any:
    users = get_user_model().objects
    text = to_latin_digits(identity.strip())
    try:
        mobile = normalize_mobile(text)
    except Exception:  # not a mobile number: a username
        mobile = None
    query = Q(username=text)
    if mobile:
        query |= Q(mobile=mobile)
    return users.filter(query, is_active=True).first()


@login_required
@require_POST
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    form = InviteForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("roundtables:detail", pk=table.pk)
    user = _find_user(form.cleaned_data["username"])
    if user is None:
        messages.error(request, "کاربری با این نام کاربری یا شماره همراه پیدا نشد.")
        return redirect("roundtables:detail", pk=table.pk)
    try:
        services.member_invite(
            table=table,
            user=user,
            category=form.cleaned_data["category"],
            is_elite=form.cleaned_data["is_elite"],
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "دعوت فرستاده شد.")
    return redirect("roundtables:detail", pk=table.pk)


@login_required
@require_POST
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    membership = Membership.objects.select_related("table").filter(pk=pk, user=request.user).first()
    if membership is None:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    services.invitation_respond(membership=membership, accept=accept, by=request.user)
    messages.success(request, "به جمع اعضای میز پیوستید." if accept else "پاسخ شما ثبت شد.")
    if accept:
        return redirect("roundtables:detail", pk=membership.table_id)
    return redirect("roundtables:list")


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = Membership.objects.select_related("table__organization").filter(pk=pk).first()
    if membership is None or not permissions.can_manage(request.user, membership.table):
        raise Http404
    form = RemoveMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, "دلیل کنار گذاشتن عضو را بنویسید (حداکثر ۵۰۰ نویسه).")
        return redirect("roundtables:detail", pk=membership.table_id)
    try:
        services.member_remove(membership=membership, reason=form.cleaned_data["reason"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "عضو از میز کنار گذاشته شد و به او خبر داده شد.")
    return redirect("roundtables:detail", pk=membership.table_id)


@login_required
@require_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    form = MeetingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_add(
                table=table,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                agenda=data["agenda"],
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "نشست ثبت شد؛ صورت‌جلسه و مصوبه‌ها را در صفحه نشست بنویسید.")
    else:
        _errors(request, form)
    return redirect("roundtables:detail", pk=table.pk)

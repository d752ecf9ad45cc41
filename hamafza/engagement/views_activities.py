"""Activities: list, create, detail (participants, consultation answers, registration, minutes), calendar, .ics."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from hamafza.core.downloads import file_response
from hamafza.core.errors import DomainError
from hamafza.core.paging import CappedPaginator
from hamafza.engagement import permissions
from hamafza.engagement.calendar import build_month, current_month, month_activities
from hamafza.engagement.forms import ActivityForm, AttachmentForm, MinutesForm
from hamafza.engagement.ics import activity_ics
from hamafza.engagement.models import (
    ActionItem,
    ActionStatus,
    Activity,
    ActivityAttachment,
    ActivityKind,
    Participant,
    Room,
    Stakeholder,
)
from hamafza.engagement.people import agency_people
from hamafza.engagement.services import activities as services
from hamafza.persian import JALALI_WEEKDAYS, PersianInputError, parse_jalali_date


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    visible = permissions.activities_visible_to(request.user)
    if not permissions.uses_registry(request.user) and not visible.exists():
        raise Http404
    # A capped count (or the table's estimate for an administrator) and a page read down the
    # engagement_activity_recent index from the pager's cursor: never a count or a sort of every visible
    # activity, and no OFFSET that grows with the page number.
    # ``?day=1404/02/15`` (the calendar's «more» link): that day's activities only, down the same index.
    day, query = None, ""
    if request.GET.get("day"):
        try:
            day = parse_jalali_date(request.GET["day"])
        except PersianInputError as error:
            messages.error(request, str(error))
        else:
            tz = timezone.get_current_timezone()
            start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
            visible = visible.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
            query = urlencode({"day": request.GET["day"]})
    page = CappedPaginator(
        visible.select_related("organization", "room").order_by("-starts_at", "id"), settings.HAMAFZA_PAGE_SIZE
    ).page_for(request.GET)
    return render(
        request,
        "engagement/activity_list.html",
        {"page": page, "can_create": permissions.engages_anywhere(request.user), "day": day, "query": query},
    )


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not permissions.engages_anywhere(request.user):
        raise Http404
    organizations = permissions.agencies_for(request.user)
    rooms = Room.objects.filter(organization__in=organizations, is_active=True).order_by("name")
    form = ActivityForm(request.POST or None, organizations=organizations, rooms=rooms)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "فعالیت ثبت شد.")
            return redirect("engagement:activity_detail", activity.pk)
    return render(request, "engagement/activity_form.html", {"form": form})


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_or_404(request.user, pk)
    manage = permissions.can_manage_activity(request.user, activity)
    participants = list(activity.participants.select_related("stakeholder", "user"))
    mine = set(permissions.represented_ids(request.user))
    registered = {p.stakeholder_id for p in participants if p.stakeholder_id}
    context = {
        "activity": activity,
        "manage": manage,
        "participants": participants,
        "my_participants": [p for p in participants if p.stakeholder_id in mine],
        "can_register": activity.kind in (ActivityKind.TRAINING, ActivityKind.CONFERENCE)
        and [s for s in Stakeholder.objects.filter(pk__in=mine) if s.pk not in registered],
        "action_items": activity.action_items.select_related("owner"),
        "attachments": activity.attachments.all(),
        "minutes_form": MinutesForm(initial={"minutes": activity.minutes, "version": activity.version}),
        "weekday": JALALI_WEEKDAYS,
    }
    if manage:
        context["owners"] = agency_people(activity.organization, permissions.MANAGE).order_by("last_name")
        context["stakeholders"] = (
            permissions.stakeholders_visible_to(request.user)
            .filter(relationships__organization=activity.organization)
            .distinct()
            .order_by("sort_key")
        )
        context["decision_rows"] = range(3)
        context["attachment_form"] = AttachmentForm()
    return render(request, "engagement/activity_detail.html", context)


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_or_404(request.user, pk, manage=True)
    stakeholder = user = None
    if request.POST.get("stakeholder", "").isdigit():
        stakeholder = permissions.get_stakeholder_or_404(request.user, request.POST["stakeholder"])
    if request.POST.get("user", "").isdigit():
        user = agency_people(activity.organization, permissions.MANAGE).filter(pk=request.POST["user"]).first()
        if user is None:
            raise Http404
    try:
        services.participant_add(activity=activity, stakeholder=stakeholder, user=user, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("engagement:activity_detail", pk)


@login_required
@require_POST
def course_register(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _public_activity_or_404(request, pk)
    stakeholder = permissions.get_stakeholder_or_404(request.user, request.POST.get("stakeholder", ""), edit=True)
    try:
        services.course_register(activity=activity, stakeholder=stakeholder, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "ثبت‌نام انجام شد.")
    return redirect("engagement:activity_detail", pk)


def _public_activity_or_404(request: HttpRequest, pk: int) -> Activity:
    # Courses and conferences are open to any stakeholder's representative; other activities only to invitees.
    activity = Activity.objects.select_related("organization").filter(pk=pk).first()
    if activity is None:
        raise Http404
    if activity.kind in (ActivityKind.TRAINING, ActivityKind.CONFERENCE) and permissions.is_representative(
        request.user
    ):
        return activity
    return permissions.get_activity_or_404(request.user, pk)


@login_required
@require_POST
def consultation_answer(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    activity = permissions.get_activity_or_404(request.user, pk)
    participant = Participant.objects.filter(pk=participant_pk, activity=activity).first()
    if participant is None or participant.stakeholder_id not in permissions.represented_ids(request.user):
        raise Http404
    try:
        services.consultation_answer(participant=participant, opinion=request.POST.get("opinion", ""), by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "نظر شما ثبت شد.")
    return redirect("engagement:activity_detail", pk)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_or_404(request.user, pk, manage=True)
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
    services.attendance_set(activity=activity, present_ids=present, by=request.user)
    messages.success(request, "حضور و غیاب ثبت شد.")
    return redirect("engagement:activity_detail", pk)


@login_required
@require_POST
def minutes_save(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_or_404(request.user, pk, manage=True)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, "صورت‌جلسه ذخیره نشد؛ صفحه را دوباره باز کنید.")
        return redirect("engagement:activity_detail", pk)
    owners = {u.pk: u for u in agency_people(activity.organization, permissions.MANAGE)}
    decisions = []
    for title, owner, due in zip(
        request.POST.getlist("decision_title"),
        request.POST.getlist("decision_owner"),
        request.POST.getlist("decision_due"),
        strict=False,
    ):
        if not title.strip():
            continue
        person = owners.get(int(owner)) if owner.isdigit() else None
        if person is None:
            messages.error(request, f"برای مصوبه «{title}» مسئول را انتخاب کنید.")
            return redirect("engagement:activity_detail", pk)
        try:
            due_on = parse_jalali_date(due)
        except PersianInputError as error:
            messages.error(request, f"مهلت مصوبه «{title}»: {error}")
            return redirect("engagement:activity_detail", pk)
        decisions.append(services.Decision(title, person, due_on))
    try:
        services.minutes_save(
            activity=activity,
            minutes=form.cleaned_data["minutes"],
            decisions=decisions,
            version=form.cleaned_data["version"],
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return render(
            request,
            "engagement/conflict.html",
            {"message": error.message, "activity": activity},
            status=error.status_code,
        )
    messages.success(request, "صورت‌جلسه ذخیره شد.")
    return redirect("engagement:activity_detail", pk)


@login_required
def activity_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_or_404(request.user, pk)
    response = HttpResponse(
        activity_ics(activity, host=request.get_host().split(":")[0]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="activity-{activity.pk}.ics"'
    return response


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    if not permissions.uses_registry(request.user):
        raise Http404
    year, month = current_month()
    try:
        year = int(request.GET.get("year", year))
        month = int(request.GET.get("month", month))
    except ValueError:
        pass
    if not (1300 <= year <= 1500 and 1 <= month <= 12):
        year, month = current_month()
    activities, counts = month_activities(permissions.activities_visible_to(request.user), year, month)
    return render(
        request,
        "engagement/calendar.html",
        {"month": build_month(year, month, activities, counts), "weekdays": JALALI_WEEKDAYS},
    )


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    items = (
        ActionItem.objects.filter(owner=request.user)
        .select_related("activity__organization")
        .order_by("status", "due_on", "id")
    )
    page = Paginator(items, settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/my_actions.html",
        {"page": page, "today": timezone.localdate(), "statuses": ActionStatus.choices},
    )


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = ActionItem.objects.select_related("activity__organization").filter(pk=pk).first()
    if item is None or (
        item.owner_id != request.user.pk and not permissions.can_manage_activity(request.user, item.activity)
    ):
        raise Http404
    try:
        services.action_item_set_status(item=item, status=request.POST.get("status", ""), by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("engagement:my_actions")


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_or_404(request.user, pk, manage=True)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "پرونده‌ای برای بارگذاری انتخاب کنید.")
        return redirect("engagement:activity_detail", pk)
    try:
        services.attachment_add(
            activity=activity, upload=form.cleaned_data["file"], title=form.cleaned_data["title"], by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "پیوست بارگذاری شد.")
    return redirect("engagement:activity_detail", pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, to whoever may open its activity; anyone else gets the 404 of a file that does not exist."""
    attachment = ActivityAttachment.objects.select_related("activity").filter(pk=pk).first()
    if attachment is None or not permissions.can_view_activity(request.user, attachment.activity):
        raise Http404
    return file_response(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)

"""Rooms and halls: the list offered to stakeholders, a room's bookings, requests and approvals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.engagement import permissions
from hamafza.engagement.forms import BookingForm, RoomForm
from hamafza.engagement.models import Booking, BookingStatus, Room, Stakeholder
from hamafza.engagement.services import facilities as services


@login_required
def room_list(request: HttpRequest) -> HttpResponse:
    if not permissions.uses_registry(request.user):
        raise Http404
    rooms = (
        Room.objects.filter(is_active=True).select_related("organization").order_by("organization__sort_key", "name")
    )
    agencies = permissions.agencies_for(request.user)
    form = (
        RoomForm(request.POST or None, organizations=agencies) if permissions.engages_anywhere(request.user) else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                room = services.room_create(by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "سالن افزوده شد.")
                return redirect("engagement:room_detail", room.pk)
    return render(request, "engagement/room_list.html", {"rooms": rooms[:200], "form": form})


def _room_or_404(request: HttpRequest, pk: int) -> Room:
    room = Room.objects.select_related("organization").filter(pk=pk, is_active=True).first()
    if room is None or not permissions.uses_registry(request.user):
        raise Http404
    return room


@login_required
def room_detail(request: HttpRequest, pk: int) -> HttpResponse:
    room = _room_or_404(request, pk)
    manage = permissions.can_act_for(request.user, room.organization)
    mine = set(permissions.represented_ids(request.user))
    bookings = (
        Booking.objects.filter(room=room, ends_at__gte=timezone.now())
        .exclude(status__in=[BookingStatus.REJECTED, BookingStatus.CANCELLED])
        .select_related("stakeholder")
        .order_by("starts_at")
    )
    stakeholders = Stakeholder.objects.filter(pk__in=mine).order_by("sort_key")
    form = BookingForm(request.POST or None, stakeholders=stakeholders, required=not manage)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_request(room=room, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "درخواست رزرو ثبت شد." if not manage else "رزرو ثبت شد.")
            return redirect("engagement:room_detail", room.pk)
    return render(
        request,
        "engagement/room_detail.html",
        {"room": room, "bookings": bookings, "manage": manage, "mine": mine, "form": form},
    )


@login_required
@require_POST
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking = Booking.objects.select_related("room__organization").filter(pk=pk).first()
    if booking is None or not permissions.can_act_for(request.user, booking.room.organization):
        raise Http404
    try:
        services.booking_decide(booking=booking, approve=request.POST.get("decision") == "approve", by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "تصمیم ثبت شد.")
    return redirect("engagement:room_detail", booking.room_id)

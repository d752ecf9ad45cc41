"""Meetings, consultations, sessions, conferences and courses; their minutes, decisions and rooms."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from hamafza.engagement.models.stakeholders import Stakeholder
from hamafza.organizations.models import Organization


class Room(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="دستگاه", on_delete=models.CASCADE, related_name="engagement_rooms"
    )
    name = models.CharField("نام", max_length=150)
    capacity = models.PositiveIntegerField("ظرفیت", default=20)
    description = models.TextField("امکانات و نشانی", blank=True)
    is_active = models.BooleanField("فعال", default=True)

    class Meta:
        verbose_name = "سالن یا اتاق"
        verbose_name_plural = "سالن‌ها و اتاق‌ها"
        ordering = ["organization_id", "name"]

    def __str__(self) -> str:
        return self.name


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", "در انتظار تأیید"
    APPROVED = "approved", "تأییدشده"
    REJECTED = "rejected", "ردشده"
    CANCELLED = "cancelled", "لغوشده"


class Booking(models.Model):
    room = models.ForeignKey(Room, verbose_name="سالن", on_delete=models.CASCADE, related_name="bookings")
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", null=True, blank=True, on_delete=models.CASCADE, related_name="bookings"
    )
    purpose = models.CharField("برای", max_length=200)
    # The meeting (or other activity) held in the room: its booking is made with it and goes with it.
    activity = models.OneToOneField(
        "engagement.Activity",
        verbose_name="فعالیت",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="booking",
    )
    starts_at = models.DateTimeField("از")
    ends_at = models.DateTimeField("تا")
    status = models.CharField("وضعیت", max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "رزرو"
        verbose_name_plural = "رزروها"
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(name="booking_ends_after_start", condition=Q(ends_at__gt=F("starts_at")))]

    def __str__(self) -> str:
        return self.purpose


class ActivityKind(models.TextChoices):
    MEETING = "meeting", "نشست"
    CONSULTATION = "consultation", "مشورت تخصصی"
    JOINT_SESSION = "joint_session", "جلسه مشترک"
    CONFERENCE = "conference", "همایش"
    TRAINING = "training", "دوره آموزشی"


class Activity(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="دستگاه", on_delete=models.CASCADE, related_name="engagement_activities"
    )
    kind = models.CharField("نوع", max_length=20, choices=ActivityKind.choices, default=ActivityKind.MEETING)
    title = models.CharField("عنوان", max_length=200)
    starts_at = models.DateTimeField("شروع")
    ends_at = models.DateTimeField("پایان")
    place = models.CharField("مکان", max_length=200, blank=True)
    room = models.ForeignKey(
        Room, verbose_name="سالن", null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    capacity = models.PositiveIntegerField("ظرفیت", null=True, blank=True)
    agenda = models.TextField("دستور جلسه", blank=True)
    minutes = models.TextField("صورت‌جلسه", blank=True)
    # For an expert consultation: the question put to the stakeholder; its answer is kept on the participant.
    question = models.TextField("پرسش مشورتی", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "فعالیت تعاملی"
        verbose_name_plural = "فعالیت‌های تعاملی"
        ordering = ["-starts_at", "id"]
        indexes = [
            # The activities list of a system administrator (ORDER BY starts_at DESC, id LIMIT 26): read down this
            # index, never sorted whole.
            models.Index(fields=["-starts_at", "id"], name="engagement_activity_recent"),
            # An agency's activities newest first (the list scoped to its organizations) and the calendar's month
            # of one organization (organization_id = … AND starts_at BETWEEN …).
            models.Index(fields=["organization", "-starts_at", "id"], name="engagement_activity_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="activity_ends_after_start", condition=Q(ends_at__gte=F("starts_at")))
        ]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    activity = models.ForeignKey(Activity, verbose_name="فعالیت", on_delete=models.CASCADE, related_name="participants")
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="مقام یا کارشناس",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_registered = models.BooleanField("ثبت‌نام کرده", default=True)
    attended = models.BooleanField("حاضر بود", default=False)
    opinion = models.TextField("نظر مشورتی", blank=True)
    answered_at = models.DateTimeField("زمان پاسخ", null=True, blank=True)

    class Meta:
        verbose_name = "شرکت‌کننده"
        verbose_name_plural = "شرکت‌کنندگان"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                name="participant_is_someone", condition=Q(stakeholder__isnull=False) | Q(user__isnull=False)
            )
        ]

    def __str__(self) -> str:
        return str(self.stakeholder or self.user)


class ActionStatus(models.TextChoices):
    OPEN = "open", "انجام‌نشده"
    IN_PROGRESS = "in_progress", "در حال انجام"
    DONE = "done", "انجام شد"


class ActionItem(models.Model):
    """A decision of a meeting that someone must carry out; it waits in its owner's «کارهای من»."""

    activity = models.ForeignKey(Activity, verbose_name="فعالیت", on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField("مصوبه", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="مسئول", on_delete=models.PROTECT, related_name="engagement_actions"
    )
    due_on = models.DateField("مهلت")
    status = models.CharField("وضعیت", max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "اقدام مصوب"
        verbose_name_plural = "اقدام‌های مصوب"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "status"], name="engagement_action_owner_idx")]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: ActivityAttachment, filename: str) -> str:
    # ``filename`` is generated by the service (hamafza.core.uploads.generated_name), never the person's own.
    return f"engagement/activities/{instance.activity_id}/{filename}"


class ActivityAttachment(models.Model):
    """A file of an activity: the signed minutes, photos, the documents handed out. Served only through
    ``engagement:activity_attachment``, to whoever may open the activity."""

    activity = models.ForeignKey(Activity, verbose_name="فعالیت", on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("عنوان", max_length=200, blank=True)
    file = models.FileField("پرونده", upload_to=attachment_path, max_length=300)
    original_name = models.CharField("نام اصلی پرونده", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("حجم")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("زمان بارگذاری", auto_now_add=True)

    class Meta:
        verbose_name = "پیوست فعالیت"
        verbose_name_plural = "پیوست‌های فعالیت"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title or self.original_name

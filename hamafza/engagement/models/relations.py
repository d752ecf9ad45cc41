"""An agency's confirmed tie with a stakeholder, and two-way requests between them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.engagement.models.stakeholders import Stakeholder
from hamafza.organizations.models import Organization


class RelationshipKind(models.TextChoices):
    PARTNER = "partner", "شریک"
    CONSULTANT = "consultant", "مشاور"
    TABLE_MEMBER = "table_member", "عضو میز تخصصی"
    VOLUNTEER = "volunteer", "همکار داوطلب"
    SPONSOR = "sponsor", "حامی مالی"


class Relationship(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="دستگاه", on_delete=models.CASCADE, related_name="engagement_relationships"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", on_delete=models.CASCADE, related_name="relationships"
    )
    kind = models.CharField("نوع رابطه", max_length=20, choices=RelationshipKind.choices)
    starts_on = models.DateField("تاریخ شروع")
    ends_on = models.DateField("تاریخ پایان", null=True, blank=True)
    note = models.TextField("توضیح", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "رابطه همکاری"
        verbose_name_plural = "روابط همکاری"
        ordering = ["-starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "stakeholder", "kind"], name="relationship_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder} — {self.get_kind_display()}"


class RequestKind(models.TextChoices):
    # From a stakeholder to an agency.
    PROPOSAL = "proposal", "پیشنهاد"
    SUPPORT = "support", "درخواست حمایت"
    FACILITY = "facility", "درخواست امکانات یا مجوز"
    CONSULTATION_OFFER = "consultation_offer", "پیشنهاد مشاوره"
    # From an agency to a stakeholder.
    CONSULTATION_REQUEST = "consultation_request", "درخواست مشورت"
    INVITATION = "invitation", "دعوت"


TO_AGENCY_KINDS = frozenset(
    {RequestKind.PROPOSAL, RequestKind.SUPPORT, RequestKind.FACILITY, RequestKind.CONSULTATION_OFFER}
)
TO_STAKEHOLDER_KINDS = frozenset({RequestKind.CONSULTATION_REQUEST, RequestKind.INVITATION})


class RequestStatus(models.TextChoices):
    OPEN = "open", "در انتظار پاسخ"
    ANSWERED = "answered", "پاسخ داده شد"
    ACCEPTED = "accepted", "پذیرفته شد"
    DECLINED = "declined", "پذیرفته نشد"
    CLOSED = "closed", "بسته شد"


class EngagementRequest(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="دستگاه", on_delete=models.CASCADE, related_name="engagement_requests"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", on_delete=models.CASCADE, related_name="requests"
    )
    kind = models.CharField("نوع درخواست", max_length=30, choices=RequestKind.choices)
    # True: the stakeholder wrote to the agency, which owes the answer; False: the other way round.
    is_to_agency = models.BooleanField("خطاب به دستگاه", default=True)
    subject = models.CharField("موضوع", max_length=200)
    status = models.CharField("وضعیت", max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    due_on = models.DateField("مهلت پاسخ")
    answered_at = models.DateTimeField("زمان پاسخ", null=True, blank=True)
    escalated_at = models.DateTimeField("زمان ارجاع به مدیر", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "درخواست تعامل"
        verbose_name_plural = "درخواست‌های تعامل"
        ordering = ["-created_at", "-id"]
        # The overdue sweep: open requests past their deadline.
        indexes = [models.Index(fields=["status", "due_on"], name="engagement_request_due_idx")]

    def __str__(self) -> str:
        return self.subject


class RequestMessage(models.Model):
    request = models.ForeignKey(
        EngagementRequest, verbose_name="درخواست", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_agency = models.BooleanField("از سوی دستگاه", default=False)
    body = models.TextField("متن")
    created_at = models.DateTimeField("زمان", auto_now_add=True)

    class Meta:
        verbose_name = "پیام درخواست"
        verbose_name_plural = "پیام‌های درخواست"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class PartnerRole(models.TextChoices):
    PARTNER = "partner", "شریک اجرا"
    SPONSOR = "sponsor", "حامی مالی"
    ADVISOR = "advisor", "مشاور"
    VOLUNTEERS = "volunteers", "تأمین داوطلب"


class ProgramPartner(models.Model):
    """A stakeholder's part in a joint program; the program itself lives in ``hamafza.programs``."""

    program = models.ForeignKey(
        "programs.Program", verbose_name="برنامه", on_delete=models.CASCADE, related_name="engagement_partners"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", on_delete=models.CASCADE, related_name="program_partnerships"
    )
    role = models.CharField("نقش", max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    contribution = models.TextField("سهم و تعهد", blank=True)
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "شریک برنامه مشترک"
        verbose_name_plural = "شریکان برنامه‌های مشترک"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["program", "stakeholder"], name="program_partner_unique")]

    def __str__(self) -> str:
        return f"{self.stakeholder} — {self.get_role_display()}"

"""Public pages: news and announcements of agencies, and a registry of every page that takes comments."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.organizations.models import Organization


class PageKind(models.TextChoices):
    NEWS = "news", "خبر"
    ANNOUNCEMENT = "announcement", "اطلاعیه"
    PROGRAM = "program", "برنامه"
    EVALUATION_RESULT = "evaluation_result", "نتیجه ارزیابی"
    OTHER = "other", "صفحه عمومی"


class PublicPage(models.Model):
    """Anything the public reads and may comment on and rate: a news item, a published program, a unit's
    evaluation result. Other modules register theirs with ``services.pages.public_page_ensure``; comments,
    ratings and search hang on this one row, whatever the source."""

    kind = models.CharField("نوع", max_length=30, choices=PageKind.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="public_pages"
    )
    title = models.CharField("عنوان", max_length=300)
    url = models.CharField("نشانی", max_length=300)
    text = models.TextField("متن", blank=True)
    is_public = models.BooleanField("عمومی", default=False)
    comments_open = models.BooleanField("نظر پذیرفته می‌شود", default=True)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "صفحه عمومی"
        verbose_name_plural = "صفحه‌های عمومی"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                name="publicpage_one_per_target",
                condition=~models.Q(object_id=""),
            )
        ]

    def __str__(self) -> str:
        return self.title


class NewsItem(TimeStampedModel):
    organization = models.ForeignKey(Organization, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="news")
    kind = models.CharField(
        "نوع",
        max_length=20,
        choices=[(PageKind.NEWS, PageKind.NEWS.label), (PageKind.ANNOUNCEMENT, PageKind.ANNOUNCEMENT.label)],
        default=PageKind.NEWS,
    )
    code = models.PositiveIntegerField("کد خبر", unique=True)
    title = models.CharField("عنوان", max_length=300)
    lead = models.TextField("لید", blank=True)
    # Sanitized HTML (nh3) as stored; body_text is its plain, normalized text for triage and search.
    body = models.TextField("متن")
    body_text = models.TextField(editable=False, blank=True)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True, db_index=True)
    view_count = models.PositiveIntegerField("تعداد بازدید", default=0)
    page = models.OneToOneField(PublicPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="news_item")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "خبر"
        verbose_name_plural = "خبرها"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

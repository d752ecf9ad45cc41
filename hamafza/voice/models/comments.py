"""Comments on any public page, their moderation log, and ratings."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.voice.models.pages import PublicPage

COMMENT_LIMIT = 500


class CommentKind(models.TextChoices):
    OPINION = "opinion", "نظر"
    CRITIQUE = "critique", "انتقاد"
    SUGGESTION = "suggestion", "پیشنهاد"
    QUESTION = "question", "پرسش"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "در انتظار بررسی"
    PUBLISHED = "published", "منتشرشده"
    REJECTED = "rejected", "منتشرنشده"


class Rule(models.TextChoices):
    """The published comment rules (seed 000), as the moderation package names them."""

    INSULT = "insult", "توهین یا افترا به اشخاص یا سازمان‌ها"
    NON_PERSIAN = "non_persian", "نظر به زبانی جز فارسی"
    UNRELATED = "unrelated", "نامرتبط با مطلب"
    SPAM = "spam", "تبلیغ، پیوند یا تکرار"


class Comment(models.Model):
    page = models.ForeignKey(PublicPage, verbose_name="صفحه", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", verbose_name="پاسخ به", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="نویسنده", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="voice_comments",
    )  # fmt: skip
    author_name = models.CharField("نام", max_length=80, blank=True)
    kind = models.CharField("نوع", max_length=20, choices=CommentKind.choices, default=CommentKind.OPINION)
    text = models.TextField("متن")
    status = models.CharField("وضعیت", max_length=20, choices=CommentStatus.choices, db_index=True)
    # Every rule the automatic triage named, comma-separated; kept after a moderator's decision.
    held_rules = models.CharField("قاعده‌های نگه‌داشت", max_length=100, blank=True)
    reject_rule = models.CharField("قاعده رد", max_length=20, choices=Rule.choices, blank=True)
    # A keyed hash of the sender's address: enough to count a flood, never the address itself.
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField("زمان بررسی", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appeal_text = models.TextField("متن اعتراض", blank=True)
    appealed_at = models.DateTimeField("زمان اعتراض", null=True, blank=True)

    class Meta:
        verbose_name = "نظر"
        verbose_name_plural = "نظرها"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["page", "status", "created_at"], name="comment_page_status_idx")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def rules(self) -> list[str]:
        return [rule for rule in self.held_rules.split(",") if rule]

    @property
    def rule_labels(self) -> list[str]:
        return [Rule(rule).label for rule in self.rules if rule in Rule.values]

    @property
    def display_name(self) -> str:
        if self.author_name:
            return self.author_name
        if self.author_id and self.author:
            return self.author.get_full_name() or "کاربر"
        return "ناشناس"


class DecisionAction(models.TextChoices):
    APPROVE = "approve", "تأیید و انتشار"
    REJECT = "reject", "رد"
    APPEAL = "appeal", "اعتراض نویسنده"
    APPEAL_ACCEPTED = "appeal_accepted", "پذیرش اعتراض و انتشار"
    APPEAL_REJECTED = "appeal_rejected", "رد اعتراض"


class ModerationDecision(models.Model):
    """The decision log: every approval, rejection and appeal, never edited."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField("اقدام", max_length=20, choices=DecisionAction.choices)
    rule = models.CharField("قاعده", max_length=20, choices=Rule.choices, blank=True)
    note = models.CharField("یادداشت", max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("زمان", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "تصمیم بررسی"
        verbose_name_plural = "تصمیم‌های بررسی"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.get_action_display()


class Rating(models.Model):
    """One rating per person, or per browser (a signed cookie) for visitors who are not signed in."""

    page = models.ForeignKey(PublicPage, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    browser_key = models.CharField(max_length=64, blank=True)
    stars = models.PositiveSmallIntegerField("امتیاز")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "امتیاز"
        verbose_name_plural = "امتیازها"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"], name="rating_one_per_user", condition=models.Q(user__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["page", "browser_key"], name="rating_one_per_browser", condition=~models.Q(browser_key="")
            ),
            models.CheckConstraint(name="rating_stars_1_5", condition=models.Q(stars__gte=1, stars__lte=5)),
        ]

    def __str__(self) -> str:
        return str(self.stars)

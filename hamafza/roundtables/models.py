"""Specialized roundtables (میز تخصصی): members, chair elections, problem cores and their opinion maps.

Meetings are engagement activities (``TableMeeting`` only links them), execution programs are
``programs.Program`` rows, and a problem raised from a citizen's critique links the voice comment.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.engagement.models import Activity
from hamafza.organizations.models import Organization
from hamafza.persian import collation_key_str, normalize, search_key
from hamafza.programs.models import Program
from hamafza.voice.models import Comment


class Roundtable(TimeStampedModel):
    organization = models.ForeignKey(
        Organization, verbose_name="فرمانداری یا استانداری", on_delete=models.PROTECT, related_name="roundtables"
    )
    title = models.CharField("عنوان میز", max_length=200)
    domain = models.CharField("حوزه", max_length=100)
    description = models.TextField("شرح و مأموریت", blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="دبیر", on_delete=models.PROTECT, related_name="roundtables_secretary"
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="رئیس",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roundtables_chaired",
    )
    is_public = models.BooleanField("عمومی", default=False)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_key = models.CharField(max_length=200, editable=False, db_index=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "میز تخصصی"
        verbose_name_plural = "میزهای تخصصی"
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "title"], name="roundtable_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def fill_keys(self) -> None:
        self.title = normalize(self.title)
        self.title_key = search_key(self.title)
        self.sort_key = collation_key_str(self.title, max_length=self._meta.get_field("sort_key").max_length)

    @property
    def is_published(self) -> bool:
        return self.is_public and self.published_at is not None


class MemberCategory(models.TextChoices):
    MANAGER = "manager", "مدیر"
    EXPERT = "expert", "کارشناس"
    THINKER = "thinker", "اندیشمند"
    FIELD_ACTOR = "field_actor", "کنشگر میدانی"
    ACADEMIC = "academic", "دانشگاهی"
    SOCIAL_ACTIVIST = "social_activist", "فعال اجتماعی"
    POLITICAL_ACTIVIST = "political_activist", "فعال سیاسی"


class MembershipStatus(models.TextChoices):
    INVITED = "invited", "دعوت‌شده"
    ACCEPTED = "accepted", "عضو"
    DECLINED = "declined", "نپذیرفت"
    REMOVED = "removed", "کنار گذاشته‌شده"


class Membership(models.Model):
    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="عضو", on_delete=models.CASCADE, related_name="roundtable_memberships"
    )
    category = models.CharField("دسته", max_length=20, choices=MemberCategory.choices)
    is_elite = models.BooleanField("نخبه (رأی‌دهنده انتخاب رئیس)", default=False)
    status = models.CharField(
        "وضعیت", max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.INVITED, db_index=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField("زمان دعوت", auto_now_add=True)
    responded_at = models.DateTimeField("زمان پاسخ", null=True, blank=True)
    # A removed member's row stays (who invited, when, why removed); their problems, solutions, scores and
    # statements are their own rows and stay too.
    removed_at = models.DateTimeField("زمان کنار گذاشتن", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removal_reason = models.TextField("دلیل کنار گذاشتن", blank=True)

    class Meta:
        verbose_name = "عضویت در میز"
        verbose_name_plural = "عضویت‌ها"
        ordering = ["table_id", "id"]
        constraints = [models.UniqueConstraint(fields=["table", "user"], name="roundtable_member_once")]
        indexes = [models.Index(fields=["user", "status"], name="roundtable_member_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.table}"


class TableMeeting(models.Model):
    """A table's meeting is an engagement activity (its agenda, minutes and action items live there)."""

    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="meetings")
    activity = models.OneToOneField(
        Activity, verbose_name="نشست", on_delete=models.CASCADE, related_name="roundtable_meeting"
    )

    class Meta:
        verbose_name = "نشست میز"
        verbose_name_plural = "نشست‌های میز"
        ordering = ["-activity__starts_at", "id"]

    def __str__(self) -> str:
        return str(self.activity)


# --- Chair elections ----------------------------------------------------------------------------------------


class ElectionMethod(models.TextChoices):
    SCHULZE = "schulze", "روش شولتزه"
    INSTANT_RUNOFF = "irv", "رأی‌گیری دومرحله‌ای فوری (حذف پیاپی)"


class ElectionStatus(models.TextChoices):
    NOMINATING = "nominating", "نامزدی"
    VOTING = "voting", "در حال رأی‌گیری"
    CLOSED = "closed", "پایان‌یافته"
    NO_QUORUM = "no_quorum", "بسته‌شده بدون حد نصاب"


class Election(TimeStampedModel):
    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="elections")
    title = models.CharField("عنوان", max_length=200)
    method = models.CharField("روش شمارش", max_length=10, choices=ElectionMethod.choices, default="schulze")
    quorum_numerator = models.PositiveSmallIntegerField("صورت کسر حد نصاب", default=2)
    quorum_denominator = models.PositiveSmallIntegerField("مخرج کسر حد نصاب", default=3)
    term_months = models.PositiveSmallIntegerField("مدت ریاست (ماه)", default=24)
    status = models.CharField(
        "وضعیت", max_length=12, choices=ElectionStatus.choices, default=ElectionStatus.NOMINATING, db_index=True
    )
    opened_at = models.DateTimeField("آغاز رأی‌گیری", null=True, blank=True)
    closed_at = models.DateTimeField("پایان رأی‌گیری", null=True, blank=True)
    winner = models.ForeignKey(
        "Candidate", verbose_name="برنده", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The count as computed at closing: candidates in nomination order, ranking, matrix or rounds, tie note.
    result = models.JSONField("نتیجه", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "انتخابات رئیس میز"
        verbose_name_plural = "انتخابات رئیس میز"
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="election_quorum_fraction",
                condition=models.Q(quorum_denominator__gt=0, quorum_numerator__lte=models.F("quorum_denominator")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def quorum_for(self, voters: int) -> int:
        """Ballots needed: the quorum fraction of the voter roll, rounded up (two thirds of 6 is 4, of 7 is 5)."""
        return math.ceil(voters * self.quorum_numerator / self.quorum_denominator)

    @property
    def is_closed(self) -> bool:
        return self.status in (ElectionStatus.CLOSED, ElectionStatus.NO_QUORUM)


class Candidate(models.Model):
    election = models.ForeignKey(Election, verbose_name="انتخابات", on_delete=models.CASCADE, related_name="candidates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="نامزد", on_delete=models.PROTECT, related_name="+")
    # The name on the ballot and in the published CSV; unique within the election.
    label = models.CharField("نام روی برگه", max_length=150)
    order = models.PositiveSmallIntegerField("ترتیب نامزدی")

    class Meta:
        verbose_name = "نامزد"
        verbose_name_plural = "نامزدها"
        ordering = ["election_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["election", "user"], name="candidate_once"),
            models.UniqueConstraint(fields=["election", "label"], name="candidate_label_once"),
            models.UniqueConstraint(fields=["election", "order"], name="candidate_order_once"),
        ]

    def __str__(self) -> str:
        return self.label


class Voter(models.Model):
    """The voter roll: who may vote and whether they have. Deliberately no time and no link to the ballot."""

    election = models.ForeignKey(Election, verbose_name="انتخابات", on_delete=models.CASCADE, related_name="voters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="رأی‌دهنده", on_delete=models.CASCADE, related_name="+"
    )
    has_voted = models.BooleanField("رأی داده", default=False)

    class Meta:
        verbose_name = "رأی‌دهنده"
        verbose_name_plural = "فهرست رأی‌دهندگان"
        ordering = ["election_id", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "user"], name="voter_once")]

    def __str__(self) -> str:
        return str(self.user)


class Ballot(models.Model):
    """A secret ballot: no voter, no time, a random key. The receipt lets its voter find it in the published CSV."""

    id = models.CharField(primary_key=True, max_length=32, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    receipt = models.CharField("کد رسید", max_length=20)
    ranking = models.JSONField("ترتیب نامزدها")  # candidate orders, most preferred first

    class Meta:
        verbose_name = "برگه رأی"
        verbose_name_plural = "برگه‌های رأی"
        ordering = ["election_id", "receipt"]
        constraints = [models.UniqueConstraint(fields=["election", "receipt"], name="ballot_receipt_once")]

    def __str__(self) -> str:
        return self.receipt


class ChairTerm(models.Model):
    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="chair_terms")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="رئیس", on_delete=models.PROTECT, related_name="+")
    election = models.OneToOneField(Election, on_delete=models.PROTECT, related_name="chair_term")
    starts_on = models.DateField("آغاز دوره")
    ends_on = models.DateField("پایان دوره")

    class Meta:
        verbose_name = "دوره ریاست"
        verbose_name_plural = "دوره‌های ریاست"
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return str(self.user)


# --- Problem cores ------------------------------------------------------------------------------------------


class ProblemSource(models.TextChoices):
    MEMBER = "member", "طرح‌شده از سوی اعضا"
    CITIZEN = "citizen", "برگرفته از انتقاد مردم"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "طرح مسئله"
    DIAGNOSED = "diagnosed", "آسیب‌شناسی‌شده"
    PROGRAMMED = "programmed", "در حال اجرا (برنامه)"


class Problem(TimeStampedModel):
    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="problems")
    title = models.CharField("عنوان مسئله", max_length=300)
    description = models.TextField("شرح")
    source = models.CharField("منشأ", max_length=10, choices=ProblemSource.choices, default=ProblemSource.MEMBER)
    critique = models.ForeignKey(
        Comment, verbose_name="انتقاد مردمی", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diagnosis = models.TextField("آسیب‌شناسی", blank=True)
    status = models.CharField("وضعیت", max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    program = models.OneToOneField(
        Program,
        verbose_name="برنامه اجرایی",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roundtable_problem",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField("عمومی", default=False)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "مسئله"
        verbose_name_plural = "مسئله‌ها"
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.title

    def fill_keys(self) -> None:
        self.title = normalize(self.title)
        self.sort_key = collation_key_str(self.title, max_length=self._meta.get_field("sort_key").max_length)

    @property
    def is_published(self) -> bool:
        return self.is_public and self.published_at is not None


class RootCause(models.Model):
    problem = models.ForeignKey(Problem, verbose_name="مسئله", on_delete=models.CASCADE, related_name="root_causes")
    text = models.CharField("ریشه", max_length=300)
    evidence = models.TextField("شواهد", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "ریشه مسئله"
        verbose_name_plural = "ریشه‌های مسئله"
        ordering = ["problem_id", "id"]

    def __str__(self) -> str:
        return self.text


SCORE_MAX = 5


class Solution(models.Model):
    problem = models.ForeignKey(Problem, verbose_name="مسئله", on_delete=models.CASCADE, related_name="solutions")
    title = models.CharField("راهکار", max_length=300)
    description = models.TextField("شرح", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_chosen = models.BooleanField("برگزیده", default=False)
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "راهکار"
        verbose_name_plural = "راهکارها"
        ordering = ["problem_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem"], condition=models.Q(is_chosen=True), name="solution_one_chosen_per_problem"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SolutionScore(models.Model):
    """Score voting: each member gives every solution 0–5; a later score replaces the earlier one."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="scores")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField("امتیاز")

    class Meta:
        verbose_name = "امتیاز راهکار"
        verbose_name_plural = "امتیازهای راهکار"
        constraints = [
            models.UniqueConstraint(fields=["solution", "user"], name="solution_score_once"),
            models.CheckConstraint(name="solution_score_range", condition=models.Q(score__lte=SCORE_MAX)),
        ]

    def __str__(self) -> str:
        return str(self.score)


# --- Opinion map ----------------------------------------------------------------------------------------------


STATEMENT_LIMIT = 280
_CLOSING_PUNCTUATION = " .!?؟،,؛;…"


def statement_key(text: str) -> str:
    """Two statements are the same when they differ only in spelling variants, spaces or a closing mark."""
    return search_key(text).rstrip(_CLOSING_PUNCTUATION)[:STATEMENT_LIMIT]


class StatementStatus(models.TextChoices):
    PENDING = "pending", "در انتظار تأیید"
    APPROVED = "approved", "تأییدشده"
    REJECTED = "rejected", "ردشده"


class Statement(models.Model):
    problem = models.ForeignKey(Problem, verbose_name="مسئله", on_delete=models.CASCADE, related_name="statements")
    text = models.CharField("گزاره", max_length=STATEMENT_LIMIT)
    # The duplicate check's form: search_key without closing punctuation («… است.» = «… است»).
    text_key = models.CharField(max_length=STATEMENT_LIMIT, editable=False, db_index=True, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)
    # A member's statement is approved as written; a citizen's waits for the table's secretary.
    status = models.CharField(
        "وضعیت", max_length=10, choices=StatementStatus.choices, default=StatementStatus.APPROVED, db_index=True
    )
    held_rules = models.CharField("قواعد زیر پا گذاشته (بررسی خودکار)", max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("زمان تصمیم", null=True, blank=True)

    class Meta:
        verbose_name = "گزاره"
        verbose_name_plural = "گزاره‌ها"
        ordering = ["problem_id", "id"]
        constraints = [models.UniqueConstraint(fields=["problem", "text"], name="statement_once")]
        # The proposal flood guard counts one author's recent proposals.
        indexes = [models.Index(fields=["author", "created_at"], name="statement_author_time_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_approved(self) -> bool:
        return self.status == StatementStatus.APPROVED

    @property
    def held_rule_labels(self) -> list[str]:
        """The comment rules the automatic check found, in the words the comment box publishes."""
        from hamafza.moderation import RULE_LABELS

        return [RULE_LABELS.get(rule, rule) for rule in self.held_rules.split(",") if rule]


class Stance(models.IntegerChoices):
    AGREE = 1, "موافقم"
    PASS = 0, "نظری ندارم"
    DISAGREE = -1, "مخالفم"


class StatementVote(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField("موضع", choices=Stance.choices)

    class Meta:
        verbose_name = "موضع درباره گزاره"
        verbose_name_plural = "موضع‌ها درباره گزاره‌ها"
        constraints = [models.UniqueConstraint(fields=["statement", "user"], name="statement_vote_once")]

    def __str__(self) -> str:
        return str(self.value)

"""Chair elections: candidates, voters, secret ballots and the chair's terms."""

from __future__ import annotations

import math

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.roundtables.models.tables import Roundtable


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

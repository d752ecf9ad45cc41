"""Moderators' decisions: approve or reject (with a rule), the author's one appeal, and the decision log.

Nothing is deleted: a rejected comment stays, hidden, with its rule; every decision is a row of the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError
from hamafza.organizations.models import Organization
from hamafza.persian import normalize
from hamafza.voice import permissions
from hamafza.voice.models import Comment, CommentStatus, DecisionAction, ModerationDecision, Rule
from hamafza.voice.services import search
from hamafza.voice.services.comments import comment_published

APPEAL_LIMIT = 500


@transaction.atomic
def comments_decide(
    *, organization: Organization, comment_ids: Iterable[int], action: str, rule: str = "", note: str = "", by: Any
) -> int:
    """Approve or reject many comments at once, within ``organization``'s queue; returns how many."""
    if not permissions.can_moderate_organization(by, organization):
        raise DomainError("شما ناظر نظرهای این دستگاه نیستید.")
    if action not in (DecisionAction.APPROVE, DecisionAction.REJECT):
        raise DomainError("تصمیم را انتخاب کنید: تأیید یا رد.")
    if action == DecisionAction.REJECT and rule not in Rule.values:
        raise DomainError("برای رد، قاعده‌ای را که نظر زیر پا گذاشته انتخاب کنید.")
    ids = [int(pk) for pk in comment_ids]
    comments = list(
        permissions.comments_moderated_by(by, organization)
        .filter(pk__in=ids)
        .select_related("page")
        .select_for_update(of=("self",))
    )
    if not comments:
        raise DomainError("هیچ نظری انتخاب نشده است.")
    now = timezone.now()
    note = normalize(note)[:300]
    changed = 0
    for comment in comments:
        target = CommentStatus.PUBLISHED if action == DecisionAction.APPROVE else CommentStatus.REJECTED
        if comment.status == target:
            continue  # a double submit, or two moderators agreeing: harmless
        comment.status = target
        comment.reject_rule = rule if action == DecisionAction.REJECT else ""
        comment.decided_at = now
        comment.decided_by = by
        comment.save(update_fields=["status", "reject_rule", "decided_at", "decided_by"])
        ModerationDecision.objects.create(comment=comment, action=action, rule=comment.reject_rule, note=note, by=by)
        if target == CommentStatus.PUBLISHED:
            comment_published(comment)
        else:
            search.unindex_comment(comment)
        changed += 1
    audit(
        actor=by,
        action=f"voice.comment.{action}",
        target=organization,
        data={"comments": [c.pk for c in comments], "rule": rule, "changed": changed},
    )
    return changed


@transaction.atomic
def comment_appeal(*, comment: Comment, text: str, by: Any) -> Comment:
    """The author of a rejected comment may appeal once; the appeal returns it to the queue."""
    if not getattr(by, "is_authenticated", False) or comment.author_id != by.pk:
        raise DomainError("فقط نویسنده نظر می‌تواند به رد آن اعتراض کند.")
    if comment.status != CommentStatus.REJECTED:
        raise DomainError("فقط به نظری که منتشر نشده می‌توان اعتراض کرد.")
    if comment.appealed_at is not None:
        raise DomainError("به این نظر یک بار اعتراض کرده‌اید؛ هر نظر یک بار اعتراض می‌پذیرد.")
    text = normalize(text, multiline=True)
    if not text:
        raise DomainError("دلیل اعتراض را بنویسید.")
    if len(text) > APPEAL_LIMIT:
        raise DomainError("متن اعتراض حداکثر ۵۰۰ نویسه است.")
    comment.appeal_text = text
    comment.appealed_at = timezone.now()
    comment.status = CommentStatus.PENDING
    comment.save(update_fields=["appeal_text", "appealed_at", "status"])
    ModerationDecision.objects.create(comment=comment, action=DecisionAction.APPEAL, note=text[:300], by=by)
    audit(actor=by, action="voice.comment.appeal", target=comment)
    return comment

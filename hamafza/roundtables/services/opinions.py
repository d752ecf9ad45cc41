"""The opinion map: statements proposed, decided and voted on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.moderation import triage
from hamafza.notifications.services import notify
from hamafza.persian import normalize, to_persian_digits
from hamafza.roundtables import permissions
from hamafza.roundtables.models import (
    STATEMENT_LIMIT,
    Problem,
    Stance,
    Statement,
    StatementStatus,
    StatementVote,
    statement_key,
)
from hamafza.roundtables.services.common import REASON_LIMIT, _ensure_manager

# A person who is not at the table may propose this many statements in the window (all problems together);
# beyond it the proposal is refused. The same window and spirit as the comment box's flood guard.
PROPOSAL_LIMIT = 5
PROPOSAL_WINDOW = dt.timedelta(minutes=10)


@transaction.atomic
def statement_add(*, problem: Problem, text: str, by: Any) -> Statement:
    """A statement on a problem's opinion map. The table's members and managers add it as written; any other
    signed-in person who sees the problem proposes it, and it waits for the secretary before anyone votes.

    Text is normalized; a statement already on the map (or already proposed, or rejected) is refused, compared
    by ``statement_key`` so a different spelling or a closing full stop is not a new statement."""
    if by is not None and not permissions.can_propose_statement(by, problem):
        raise PermissionDenied("برای پیشنهاد گزاره وارد شوید.")
    at_table = by is None or permissions.can_work_on(by, problem.table)
    text = normalize(text)
    if not text:
        raise DomainError("متن گزاره را بنویسید.")
    if len(text) > STATEMENT_LIMIT:
        raise DomainError(
            f"گزاره کوتاه باشد: حداکثر {to_persian_digits(STATEMENT_LIMIT)} نویسه "
            f"(این متن {to_persian_digits(len(text))} نویسه است)."
        )
    # The problem's row serializes two people proposing the same words at once.
    Problem.objects.select_for_update().filter(pk=problem.pk).first()
    key = statement_key(text)
    existing = problem.statements.filter(text_key=key).first()
    if existing is not None:
        raise DomainError(
            {
                StatementStatus.APPROVED: "همین گزاره پیش‌تر روی نقشه نظرها آمده است؛ موضع خود را درباره آن بگویید.",
                StatementStatus.PENDING: "همین گزاره پیش‌تر پیشنهاد شده و در انتظار تأیید دبیر میز است.",
                StatementStatus.REJECTED: "همین گزاره پیش‌تر پیشنهاد و رد شده است.",
            }[StatementStatus(existing.status)]
        )
    rules: list[str] = []
    if not at_table:
        recent = Statement.objects.filter(author=by, created_at__gte=timezone.now() - PROPOSAL_WINDOW).count()
        if recent >= PROPOSAL_LIMIT:
            raise DomainError(
                f"در {to_persian_digits(int(PROPOSAL_WINDOW.total_seconds() // 60))} دقیقه گذشته "
                f"{to_persian_digits(recent)} گزاره پیشنهاد داده‌اید؛ کمی بعد دوباره بکوشید."
            )
        # The comment box's published rules, so the secretary sees at a glance why a proposal may not fit.
        rules = list(triage(text, f"{problem.title}\n{problem.description}\n{problem.diagnosis}").rules)
    try:
        with transaction.atomic():
            statement = Statement.objects.create(
                problem=problem,
                text=text,
                text_key=key,
                author=by if getattr(by, "pk", None) else None,
                status=StatementStatus.APPROVED if at_table else StatementStatus.PENDING,
                held_rules=",".join(rules),
            )
    except IntegrityError:  # the same exact text, saved between the check and here
        raise DomainError("همین گزاره پیش‌تر پیشنهاد شده است.") from None
    if at_table:
        audit(actor=by, action="roundtables.statement.added", target=problem, data={"text": text})
    else:
        audit(actor=by, action="roundtables.statement.proposed", target=problem, data={"text": text, "rules": rules})
    return statement


@transaction.atomic
def statement_decide(*, statement: Statement, approve: bool, by: Any, note: str = "") -> Statement:
    """The table's secretary (or a manager) approves a proposed statement, so people vote on it, or rejects it;
    the proposer is told either way. A second decision on the same proposal changes nothing."""
    locked = (
        Statement.objects.select_for_update(of=("self",))
        .select_related("problem__table", "author")
        .get(pk=statement.pk)
    )
    _ensure_manager(locked.problem.table, by)
    if locked.status != StatementStatus.PENDING:
        return locked  # decided already: a double click or a second manager
    note = normalize(note)[:REASON_LIMIT]
    locked.status = StatementStatus.APPROVED if approve else StatementStatus.REJECTED
    locked.decided_by = by if getattr(by, "pk", None) else None
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    audit(
        actor=by,
        action="roundtables.statement.approved" if approve else "roundtables.statement.rejected",
        target=locked.problem,
        data={"text": locked.text, "note": note} if note else {"text": locked.text},
    )
    if locked.author is not None:
        body = "اکنون دیگران درباره آن موضع می‌گیرند." if approve else ""
        if note:
            body = f"{body}\nتوضیح دبیر: {note}".strip()
        notify(
            recipients=[locked.author],
            kind="roundtables.statement_decided",
            title=f"گزاره پیشنهادی شما درباره «{locked.problem.title}» {'تأیید' if approve else 'رد'} شد",
            body=body,
            url=reverse("roundtables:problem", args=[locked.problem_id]),
            target=locked.problem,
            by=by,
        )
    return locked


@transaction.atomic
def statement_vote(*, statement: Statement, value: int, by: Any) -> StatementVote:
    if not permissions.can_vote_statement(by, statement):
        raise PermissionDenied("شما نمی‌توانید درباره این گزاره موضع بگیرید.")
    if value not in Stance.values:
        raise DomainError("موضع معتبر نیست.")
    row, _ = StatementVote.objects.update_or_create(statement=statement, user=by, defaults={"value": value})
    audit(actor=by, action="roundtables.statement.voted", target=statement.problem, data={"value": value})
    return row

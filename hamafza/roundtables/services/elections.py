"""Elections of a table's chair: candidates, secret ranked ballots, the count and its receipts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from hamafza.analytics import voting
from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.notifications.services import notify
from hamafza.persian import normalize
from hamafza.roundtables.models import (
    Ballot,
    Candidate,
    ChairTerm,
    Election,
    ElectionMethod,
    ElectionStatus,
    Membership,
    MembershipStatus,
    Roundtable,
    Voter,
)
from hamafza.roundtables.services.common import _ensure_manager, _name

# Receipts are letters only (no digits to read in two scripts), without look-alikes (I, L, O), in groups of four.
_RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ"


@transaction.atomic
def election_create(
    *,
    table: Roundtable,
    title: str,
    by: Any,
    method: str = ElectionMethod.SCHULZE,
    quorum: tuple[int, int] = (2, 3),
    term_months: int = 24,
) -> Election:
    _ensure_manager(table, by)
    if method not in ElectionMethod.values:
        raise DomainError("روش شمارش معتبر نیست.")
    numerator, denominator = quorum
    if denominator <= 0 or not 0 < numerator <= denominator:
        raise DomainError("حد نصاب باید کسری میان صفر و یک باشد؛ مانند دو سوم.")
    if not 1 <= term_months <= 120:
        raise DomainError("مدت ریاست باید میان ۱ تا ۱۲۰ ماه باشد.")
    if table.elections.filter(status__in=[ElectionStatus.NOMINATING, ElectionStatus.VOTING]).exists():
        raise DomainError("این میز انتخابات بازی دارد؛ نخست آن را به پایان برسانید.")
    title = normalize(title) or f"انتخاب رئیس {table.title}"
    election = Election.objects.create(
        table=table,
        title=title,
        method=method,
        quorum_numerator=numerator,
        quorum_denominator=denominator,
        term_months=term_months,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit(actor=by, action="roundtables.election.created", target=election, data={"method": method})
    return election


@transaction.atomic
def candidate_nominate(*, election: Election, user: Any, by: Any) -> Candidate:
    _ensure_manager(election.table, by)
    locked = Election.objects.select_for_update().get(pk=election.pk)
    if locked.status != ElectionStatus.NOMINATING:
        raise DomainError("زمان نامزدی گذشته است.")
    if not Membership.objects.filter(table=locked.table_id, user=user, status=MembershipStatus.ACCEPTED).exists():
        raise DomainError("نامزد باید عضو پذیرفته‌شده همین میز باشد.")
    existing = locked.candidates.filter(user=user).first()
    if existing is not None:
        return existing
    label = normalize(_name(user))
    if locked.candidates.filter(label=label).exists():
        label = f"{label} ({user.get_username()})"
    order = locked.candidates.count() + 1
    candidate = Candidate.objects.create(election=locked, user=user, label=label, order=order)
    audit(actor=by, action="roundtables.election.nominated", target=locked, data={"candidate": label})
    return candidate


@transaction.atomic
def election_open(*, election: Election, by: Any) -> Election:
    """Voting starts: the roll is the table's accepted elite members at this moment."""
    _ensure_manager(election.table, by)
    locked = Election.objects.select_for_update().get(pk=election.pk)
    if locked.status != ElectionStatus.NOMINATING:
        raise DomainError("رأی‌گیری این انتخابات پیش‌تر آغاز شده است.")
    if locked.candidates.count() < 2:
        raise DomainError("برای رأی‌گیری دست‌کم دو نامزد لازم است.")
    elite = list(
        Membership.objects.filter(table=locked.table_id, status=MembershipStatus.ACCEPTED, is_elite=True).values_list(
            "user_id", flat=True
        )
    )
    if len(elite) < 2:
        raise DomainError("دست‌کم دو عضو نخبه پذیرفته‌شده لازم است.")
    Voter.objects.bulk_create([Voter(election=locked, user_id=user_id) for user_id in elite])
    locked.status = ElectionStatus.VOTING
    locked.opened_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "opened_at", "version", "updated_at"])
    audit(actor=by, action="roundtables.election.opened", target=locked, data={"voters": len(elite)})
    notify(
        recipients=get_user_model().objects.filter(pk__in=elite),
        kind="roundtables.election",
        title=f"رأی‌گیری «{locked.title}» آغاز شد",
        body="نامزدها را به ترتیب ترجیح خود رتبه‌بندی کنید؛ رأی شما مخفی است.",
        url=reverse("roundtables:election", args=[locked.pk]),
        target=locked,
        by=by,
    )
    return locked


def _new_receipt() -> str:
    raw = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


@transaction.atomic
def ballot_cast(*, election: Election, ranking: Sequence[int], by: Any) -> str:
    """Record a ranked ballot and return its receipt code (shown to the voter once, never stored with them).

    ``ranking`` lists candidate ids, most preferred first; unranked candidates come last, level with each other.
    The voter's row only turns ``has_voted`` on; the ballot row has a random key, no time and no voter.
    """
    locked = Election.objects.select_for_update().get(pk=election.pk)
    if locked.status != ElectionStatus.VOTING:
        raise DomainError("این انتخابات اکنون رأی نمی‌پذیرد.")
    voter = Voter.objects.select_for_update().filter(election=locked, user_id=getattr(by, "pk", None)).first()
    if voter is None:
        raise PermissionDenied("تنها اعضای نخبه این میز که در فهرست رأی‌دهندگان‌اند رأی می‌دهند.")
    if voter.has_voted:
        raise DomainError("شما پیش‌تر در این انتخابات رأی داده‌اید؛ رأی دوم پذیرفته نمی‌شود.")
    orders = dict(locked.candidates.values_list("pk", "order"))
    ranked = [int(c) for c in ranking]
    if not ranked:
        raise DomainError("دست‌کم یک نامزد را رتبه‌بندی کنید.")
    if any(c not in orders for c in ranked):
        raise DomainError("یکی از گزینه‌های برگه، نامزد این انتخابات نیست.")
    if len(set(ranked)) != len(ranked):
        raise DomainError("به هر نامزد تنها یک رتبه بدهید.")
    voter.has_voted = True
    voter.save(update_fields=["has_voted"])
    for _ in range(5):
        receipt = _new_receipt()
        try:
            with transaction.atomic():
                Ballot.objects.create(
                    id=secrets.token_hex(16), election=locked, receipt=receipt, ranking=[orders[c] for c in ranked]
                )
            break
        except IntegrityError:  # pragma: no cover - a 60-bit collision
            continue
    # The trail says that this person voted, never which ballot is theirs.
    audit(actor=by, action="roundtables.election.voted", target=locked)
    return receipt


def _count(election: Election) -> dict[str, Any]:
    candidates = list(election.candidates.order_by("order"))
    labels = [c.label for c in candidates]
    by_order = {c.order: c.label for c in candidates}
    ballots = [[by_order[o] for o in b] for b in election.ballots.values_list("ranking", flat=True)]
    result: dict[str, Any] = {"method": election.method, "candidates": labels, "ballots": len(ballots)}
    if election.method == ElectionMethod.INSTANT_RUNOFF:
        irv = voting.instant_runoff(ballots, labels)
        result |= {
            "winner": irv.winner,
            "tie_broken": irv.tie_broken,
            "rounds": [
                {
                    "counts": [r.counts.get(label) for label in labels],
                    "eliminated": r.eliminated,
                    "exhausted": r.exhausted,
                }
                for r in irv.rounds
            ],
        }
    else:
        s = voting.schulze(ballots, labels)
        result |= {
            "winner": s.winner,
            "tie_broken": s.tie_broken,
            "tied": list(s.tied_winners),
            "ranking": list(s.ranking),
            "pairwise": s.pairwise.tolist(),
            "strongest": s.strongest_paths.tolist(),
        }
    return result


@transaction.atomic
def election_close(*, election: Election, by: Any, without_winner: bool = False) -> Election:
    """Close the vote and count it. Below the quorum there is no winner: closing is refused, unless the
    secretary closes it explicitly as failed (``without_winner``)."""
    _ensure_manager(election.table, by)
    locked = Election.objects.select_for_update().select_related("table").get(pk=election.pk)
    if locked.status != ElectionStatus.VOTING:
        raise DomainError("تنها انتخاباتی که در حال رأی‌گیری است بسته می‌شود.")
    roll = locked.voters.count()
    cast = locked.ballots.count()
    needed = locked.quorum_for(roll)
    locked.closed_at = timezone.now()
    locked.version += 1
    if cast < needed:
        if not without_winner:
            raise DomainError(
                f"حد نصاب نرسیده است: {cast} رأی از {needed} رأی لازم ({roll} رأی‌دهنده). "
                "انتخابات با برنده بسته نمی‌شود؛ تا رسیدن حد نصاب صبر کنید یا آن را بدون برنده ببندید."
            )
        locked.status = ElectionStatus.NO_QUORUM
        locked.result = {"ballots": cast, "needed": needed, "voters": roll}
        locked.save(update_fields=["status", "closed_at", "result", "version", "updated_at"])
        audit(actor=by, action="roundtables.election.failed", target=locked, data={"ballots": cast, "needed": needed})
        return locked
    result = _count(locked) | {"voters": roll, "needed": needed}
    winner = locked.candidates.get(label=result["winner"])
    locked.status = ElectionStatus.CLOSED
    locked.result = result
    locked.winner = winner
    locked.save(update_fields=["status", "closed_at", "result", "winner", "version", "updated_at"])
    today = timezone.localdate()
    ends = _add_months(today, locked.term_months)
    ChairTerm.objects.create(table=locked.table, user=winner.user, election=locked, starts_on=today, ends_on=ends)
    Roundtable.objects.filter(pk=locked.table_id).update(chair=winner.user, version=F("version") + 1)
    audit(
        actor=by,
        action="roundtables.election.closed",
        target=locked,
        data={"winner": winner.label, "ballots": cast, "tie_broken": result["tie_broken"]},
    )
    notify(
        recipients=[
            m.user for m in locked.table.memberships.filter(status=MembershipStatus.ACCEPTED).select_related("user")
        ],
        kind="roundtables.election",
        title=f"نتیجه «{locked.title}»: {winner.label}",
        url=reverse("roundtables:election", args=[locked.pk]),
        target=locked,
        by=by,
    )
    return locked


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same Jalali day ``months`` later (the last day of a shorter month when it has no such day)."""
    import jdatetime

    j = jdatetime.date.fromgregorian(date=day)
    month0 = j.month - 1 + months
    year, month = j.year + month0 // 12, month0 % 12 + 1
    for d in range(j.day, 0, -1):
        try:
            return jdatetime.date(year, month, d).togregorian()
        except ValueError:
            continue
    raise AssertionError("unreachable")


CSV_RECEIPT = "کد رسید"


def ballots_csv(election: Election) -> str:
    """The anonymized ballots of a closed election, self-contained so anyone can recount them.

    Header: «کد رسید» and then the candidates in nomination order (the order the tie rule uses). One row per
    ballot, sorted by receipt: the rank the ballot gave each candidate (1 = first choice), empty if unranked.
    """
    if election.status != ElectionStatus.CLOSED:
        raise DomainError("برگه‌های رأی پس از پایان انتخابات منتشر می‌شوند.")
    candidates = list(election.candidates.order_by("order"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([CSV_RECEIPT] + [c.label for c in candidates])
    for receipt, ranking in election.ballots.order_by("receipt").values_list("receipt", "ranking"):
        rank = {order: position for position, order in enumerate(ranking, start=1)}
        writer.writerow([receipt] + [rank.get(c.order, "") for c in candidates])
    return out.getvalue()


def parse_ballots_csv(text: str) -> tuple[list[str], list[list[str]]]:
    """The candidates (nomination order) and the ballots (ranked lists of names) of a published CSV: what
    anyone feeds to ``analytics.voting.schulze`` or ``instant_runoff``."""
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    candidates = rows[0][1:]
    ballots = []
    for row in rows[1:]:
        ranked = [(int(cell), name) for name, cell in zip(candidates, row[1:], strict=True) if cell]
        ballots.append([name for _, name in sorted(ranked)])
    return candidates, ballots

"""Every write to roundtables: checked, atomic, audited; Persian ``DomainError`` on a broken rule."""

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
from hamafza.core import public_pages
from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.core.public_pages import PageSpec
from hamafza.engagement.models import Activity, ActivityKind, Participant
from hamafza.engagement.services import activities as activity_services
from hamafza.moderation import triage
from hamafza.notifications.services import notify
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.persian import normalize, to_persian_digits
from hamafza.programs import services as program_services
from hamafza.programs.models import ProgramKind
from hamafza.roundtables import permissions
from hamafza.roundtables.models import (
    SCORE_MAX,
    STATEMENT_LIMIT,
    Ballot,
    Candidate,
    ChairTerm,
    Election,
    ElectionMethod,
    ElectionStatus,
    MemberCategory,
    Membership,
    MembershipStatus,
    Problem,
    ProblemSource,
    ProblemStatus,
    RootCause,
    Roundtable,
    Solution,
    SolutionScore,
    Stance,
    Statement,
    StatementStatus,
    StatementVote,
    TableMeeting,
    Voter,
    statement_key,
)
from hamafza.voice.models import Comment, CommentKind, CommentStatus, PageKind

# Receipts are letters only (no digits to read in two scripts), without look-alikes (I, L, O), in groups of four.
_RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ"


def _ensure_manager(table: Roundtable, by: Any) -> None:
    if by is not None and not permissions.can_manage(by, table):
        raise PermissionDenied("اداره این میز در اختیار شما نیست.")


def _ensure_worker(table: Roundtable, by: Any) -> None:
    if by is not None and not permissions.can_work_on(by, table):
        raise PermissionDenied("این کار برای اعضای پذیرفته‌شده این میز است.")


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()).strip()


# --- Tables and members ---------------------------------------------------------------------------------------


@transaction.atomic
def table_create(
    *, organization: Organization, title: str, domain: str, secretary: Any, by: Any, description: str = ""
) -> Roundtable:
    if by is not None and not org_permissions.can(by, permissions.MANAGE, organization):
        raise PermissionDenied("تشکیل میز برای این فرمانداری در اختیار شما نیست.")
    if not org_permissions.can(secretary, permissions.MANAGE, organization):
        raise DomainError("دبیر میز باید از کارکنان همین فرمانداری یا استانداری (با نقش دبیر میز) باشد.")
    title, domain = normalize(title), normalize(domain)
    if not title or not domain:
        raise DomainError("عنوان و حوزه میز را بنویسید.")
    if Roundtable.objects.filter(organization=organization, title=title).exists():
        raise DomainError("میزی با همین عنوان در این فرمانداری هست.")
    table = Roundtable(
        organization=organization,
        title=title,
        domain=domain,
        description=normalize(description, multiline=True),
        secretary=secretary,
        created_by=by if getattr(by, "pk", None) else None,
    )
    table.fill_keys()
    table.save()
    audit(actor=by, action="roundtables.table.created", target=table, data={"domain": domain})
    return table


@transaction.atomic
def table_update(
    *,
    table: Roundtable,
    version: int,
    by: Any,
    title: str,
    domain: str,
    description: str,
    organization: Organization,
    secretary: Any,
) -> Roundtable:
    """Edit a table's title, domain, description, governorate (its level and place) and secretary.

    ``version`` is the one the form was opened with: a save over someone else's later save is refused, never
    silently overwritten."""
    _ensure_manager(table, by)
    locked = Roundtable.objects.select_for_update().select_related("organization", "secretary").get(pk=table.pk)
    if locked.version != version:
        raise VersionConflict(
            "این میز پس از باز شدن فرم شما به دست کس دیگری ویرایش شده است. فرم را دوباره باز کنید، "
            "تغییرات تازه را ببینید و ویرایش خود را دوباره بنویسید."
        )
    if organization.pk != locked.organization_id and by is not None:
        if not org_permissions.can(by, permissions.MANAGE, organization):
            raise PermissionDenied("بردن میز به این فرمانداری یا استانداری در اختیار شما نیست.")
    if not org_permissions.can(secretary, permissions.MANAGE, organization):
        raise DomainError("دبیر میز باید از کارکنان همین فرمانداری یا استانداری (با نقش دبیر میز) باشد.")
    title, domain = normalize(title), normalize(domain)
    description = normalize(description, multiline=True)
    if not title or not domain:
        raise DomainError("عنوان و حوزه میز را بنویسید.")
    if Roundtable.objects.filter(organization=organization, title=title).exclude(pk=locked.pk).exists():
        raise DomainError("میزی با همین عنوان در این فرمانداری هست.")
    before = {
        "title": locked.title,
        "domain": locked.domain,
        "description": locked.description,
        "organization": locked.organization_id,
        "secretary": locked.secretary_id,
    }
    after = {
        "title": title,
        "domain": domain,
        "description": description,
        "organization": organization.pk,
        "secretary": secretary.pk,
    }
    changed = [name for name in before if before[name] != after[name]]
    if not changed:
        return locked  # nothing to save: no new version, no audit entry
    old_secretary = locked.secretary
    locked.title, locked.domain, locked.description = title, domain, description
    locked.organization, locked.secretary = organization, secretary
    locked.fill_keys()
    locked.version += 1
    locked.save(
        update_fields=[
            "title", "domain", "description", "organization", "secretary",
            "title_key", "sort_key", "version", "updated_at",
        ]
    )  # fmt: skip
    labels = {name: str(Roundtable._meta.get_field(name).verbose_name) for name in changed}
    data: dict[str, Any] = {"changed": list(labels.values())}
    if "title" in changed:
        data["old_title"] = before["title"]
    if "organization" in changed:
        data["organization"] = organization.name
    if "secretary" in changed:
        data["secretary"] = _name(secretary)
    audit(actor=by, action="roundtables.table.updated", target=locked, data=data)
    if {"title", "organization"} & set(changed):
        _announce_problem_pages(locked)
    if "secretary" in changed:
        notify(
            recipients=[secretary],
            kind="roundtables.secretary",
            title=f"دبیری «{locked.title}» به شما سپرده شد",
            body=f"پیش از این، {_name(old_secretary)} دبیر این میز بود.",
            url=reverse("roundtables:detail", args=[locked.pk]),
            target=locked,
            by=by,
        )
    return locked


def _problem_page(problem: Problem, table: Roundtable) -> PageSpec:
    """A problem's public page is public only while both the problem and its table are published."""
    visible = problem.is_published and table.is_published
    return PageSpec(
        target=problem,
        organization=table.organization,
        kind=PageKind.OTHER,
        title=problem.title,
        url=reverse("roundtables:problem", args=[problem.pk]),
        text=f"{table.title}\n{problem.description}\n{problem.diagnosis}",
        is_public=visible,
        published_at=problem.published_at if visible else None,
    )


def _announce_problem_pages(table: Roundtable) -> int:
    """Re-announce the pages of a table's problems that were ever published (problem flag set): hidden while the
    table is unpublished, back again when it is republished, renamed with it."""
    problems = list(table.problems.filter(is_public=True).order_by("id"))
    return public_pages.announce(_problem_page(problem, table) for problem in problems)


def problem_pages() -> list[PageSpec]:
    """Every problem page (a ``public_pages`` source): a rebuild re-syncs them with their tables' state."""
    problems = Problem.objects.filter(is_public=True).select_related("table__organization").order_by("id")
    return [_problem_page(problem, problem.table) for problem in problems]


@transaction.atomic
def table_publish(*, table: Roundtable, by: Any, public: bool = True) -> Roundtable:
    """Publish or withdraw a table's public page; its published problems' comment pages follow it."""
    _ensure_manager(table, by)
    table.is_public = public
    table.published_at = timezone.now() if public else None
    table.version = F("version") + 1
    table.save(update_fields=["is_public", "published_at", "version", "updated_at"])
    table.refresh_from_db()
    pages = _announce_problem_pages(table)
    audit(
        actor=by,
        action="roundtables.table.published" if public else "roundtables.table.unpublished",
        target=table,
        data={"problem_pages": pages} if pages else {},
    )
    return table


@transaction.atomic
def member_invite(*, table: Roundtable, user: Any, category: str, is_elite: bool, by: Any) -> Membership:
    _ensure_manager(table, by)
    if category not in MemberCategory.values:
        raise DomainError("دسته عضو معتبر نیست.")
    existing = Membership.objects.filter(table=table, user=user).first()
    if existing is not None:
        if existing.status in (MembershipStatus.DECLINED, MembershipStatus.REMOVED):
            existing.status = MembershipStatus.INVITED
            existing.category, existing.is_elite, existing.responded_at = category, is_elite, None
            existing.invited_by = by if getattr(by, "pk", None) else None
            existing.removed_at, existing.removed_by, existing.removal_reason = None, None, ""
            existing.save(
                update_fields=[
                    "status", "category", "is_elite", "responded_at", "invited_by",
                    "removed_at", "removed_by", "removal_reason",
                ]
            )  # fmt: skip
        else:
            return existing  # a second click of «دعوت» changes nothing
        membership = existing
    else:
        membership = Membership.objects.create(
            table=table,
            user=user,
            category=category,
            is_elite=is_elite,
            invited_by=by if getattr(by, "pk", None) else None,
        )
    audit(
        actor=by,
        action="roundtables.member.invited",
        target=table,
        data={"member": _name(user), "category": category, "elite": is_elite},
    )
    notify(
        recipients=[user],
        kind="roundtables.invitation",
        title=f"دعوت به عضویت در «{table.title}»",
        body="برای پذیرفتن یا نپذیرفتن دعوت، صفحه میز را باز کنید.",
        url=reverse("roundtables:detail", args=[table.pk]),
        target=table,
        by=by,
    )
    return membership


@transaction.atomic
def invitation_respond(*, membership: Membership, accept: bool, by: Any) -> Membership:
    if membership.user_id != getattr(by, "pk", None):
        raise PermissionDenied("این دعوت برای شما نیست.")
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != MembershipStatus.INVITED:
        return locked  # already answered: a double submit is harmless
    locked.status = MembershipStatus.ACCEPTED if accept else MembershipStatus.DECLINED
    locked.responded_at = timezone.now()
    locked.save(update_fields=["status", "responded_at"])
    permissions.forget(by)
    joined = _join_future_meetings(locked.table, by) if accept else 0
    audit(
        actor=by,
        action="roundtables.member.responded",
        target=locked.table,
        data={"accepted": accept, "meetings_joined": joined},
    )
    notify(
        recipients=[locked.table.secretary],
        kind="roundtables.invitation_answered",
        title=f"{_name(by)} دعوت «{locked.table.title}» را {'پذیرفت' if accept else 'نپذیرفت'}",
        url=reverse("roundtables:detail", args=[locked.table_id]),
        target=locked.table,
        by=by,
    )
    return locked


def _future_meetings(table: Roundtable) -> Any:
    """The table's meetings still to come (their activities); past ones keep their attendance as it was."""
    return Activity.objects.filter(roundtable_meeting__table=table, starts_at__gt=timezone.now())


def _join_future_meetings(table: Roundtable, user: Any) -> int:
    """A member who accepts after meetings were scheduled is on their participant lists, as earlier members are."""
    meetings = list(_future_meetings(table).exclude(participants__user=user).values_list("pk", flat=True))
    Participant.objects.bulk_create([Participant(activity_id=pk, user=user) for pk in meetings])
    return len(meetings)


REASON_LIMIT = 500


@transaction.atomic
def member_remove(*, membership: Membership, reason: str, by: Any) -> Membership:
    """Take a member (or a pending invitation) off the table, with a reason the member is told.

    Their problems, solutions, scores and statements stay. The chair election's roll is fixed when voting opens:
    an election still taking nominations loses them (as a candidate too; nothing is on its roll yet), an open
    one keeps them on its roll. A removed chair leaves the chair empty until the next election."""
    locked = Membership.objects.select_for_update().select_related("table", "user").get(pk=membership.pk)
    table = locked.table
    _ensure_manager(table, by)
    if locked.status not in (MembershipStatus.INVITED, MembershipStatus.ACCEPTED):
        raise DomainError("این شخص اکنون عضو این میز نیست.")
    reason = normalize(reason, multiline=True)
    if not reason:
        raise DomainError("دلیل کنار گذاشتن عضو را بنویسید؛ به خود او هم گفته می‌شود.")
    if len(reason) > REASON_LIMIT:
        raise DomainError(f"دلیل کوتاه‌تر باشد: حداکثر {to_persian_digits(REASON_LIMIT)} نویسه.")
    was = locked.status
    locked.status = MembershipStatus.REMOVED
    locked.removed_at = timezone.now()
    locked.removed_by = by if getattr(by, "pk", None) else None
    locked.removal_reason = reason
    locked.save(update_fields=["status", "removed_at", "removed_by", "removal_reason"])
    permissions.forget(locked.user)
    withdrawn = _withdraw_candidacies(table, locked.user)
    # Off the lists of the meetings still to come (not of those held: attendance is a record).
    meetings_left, _ = Participant.objects.filter(
        activity__in=_future_meetings(table), user=locked.user, attended=False
    ).delete()
    was_chair = table.chair_id == locked.user_id
    if was_chair:
        today = timezone.localdate()
        ChairTerm.objects.filter(table=table, user=locked.user, ends_on__gt=today).update(ends_on=today)
        Roundtable.objects.filter(pk=table.pk).update(chair=None, version=F("version") + 1)
    still_voting = list(
        Voter.objects.filter(
            election__table=table, election__status=ElectionStatus.VOTING, user=locked.user
        ).values_list("election__title", flat=True)
    )
    audit(
        actor=by,
        action="roundtables.member.removed",
        target=table,
        data={
            "member": _name(locked.user),
            "reason": reason,
            "elite": locked.is_elite,
            "was": MembershipStatus(was).label,
            "withdrawn": withdrawn,
            "was_chair": was_chair,
            "still_voting": still_voting,
            "meetings_left": meetings_left,
        },
    )
    body = f"دلیل: {reason}"
    if still_voting:
        body += "\nرأی‌گیری‌ای که پیش از این آغاز شده بود، شما را در فهرست رأی‌دهندگانش نگه می‌دارد."
    notify(
        recipients=[locked.user],
        kind="roundtables.removed",
        title=f"عضویت شما در «{table.title}» پایان یافت",
        body=body,
        # Only a page the person may still open: the public table, or nothing.
        url=reverse("roundtables:detail", args=[table.pk]) if table.is_published else "",
        target=table,
        by=by,
    )
    return locked


def _withdraw_candidacies(table: Roundtable, user: Any) -> list[str]:
    """Take a removed member off the candidates of the table's elections still taking nominations, keeping the
    nomination numbers 1, 2, 3… (the tie rule reads them; no ballot exists yet)."""
    titles = []
    for election in Election.objects.select_for_update().filter(table=table, status=ElectionStatus.NOMINATING):
        deleted, _ = election.candidates.filter(user=user).delete()
        if not deleted:
            continue
        titles.append(election.title)
        rest = list(election.candidates.order_by("order"))
        # Two passes: the unique (election, order) constraint must hold after each single UPDATE.
        for candidate in rest:
            candidate.order += 1000
        Candidate.objects.bulk_update(rest, ["order"])
        for number, candidate in enumerate(rest, start=1):
            candidate.order = number
        Candidate.objects.bulk_update(rest, ["order"])
    return titles


@transaction.atomic
def meeting_add(
    *,
    table: Roundtable,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    by: Any,
    agenda: str = "",
    place: str = "",
) -> TableMeeting:
    """A table's meeting is an engagement activity of the table's organization; minutes are kept there."""
    _ensure_manager(table, by)
    activity = activity_services.activity_create(
        organization=table.organization,
        kind=ActivityKind.MEETING,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        agenda=agenda,
        by=by,
    )
    members = [m.user for m in table.memberships.filter(status=MembershipStatus.ACCEPTED).select_related("user")]
    for user in members:
        activity_services.participant_add(activity=activity, user=user, by=by)
    meeting = TableMeeting.objects.create(table=table, activity=activity)
    audit(actor=by, action="roundtables.meeting.added", target=table, data={"title": activity.title})
    notify(
        recipients=members,
        kind="roundtables.meeting",
        title=f"نشست تازه «{table.title}»: {activity.title}",
        url=reverse("roundtables:detail", args=[table.pk]),
        target=table,
        by=by,
    )
    return meeting


# --- Elections ----------------------------------------------------------------------------------------------


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


# --- Problems, solutions, scores ----------------------------------------------------------------------------


@transaction.atomic
def problem_create(
    *, table: Roundtable, title: str, description: str, by: Any, critique: Comment | None = None
) -> Problem:
    _ensure_worker(table, by)
    title, description = normalize(title), normalize(description, multiline=True)
    if not title or not description:
        raise DomainError("عنوان و شرح مسئله را بنویسید.")
    if critique is not None:
        if critique.kind != CommentKind.CRITIQUE or critique.status != CommentStatus.PUBLISHED:
            raise DomainError("تنها انتقادهای منتشرشده مردم به مسئله تبدیل می‌شوند.")
        if not critique.page.organization.path.startswith(table.organization.path):
            raise DomainError("این انتقاد به دستگاه‌های حوزه این میز مربوط نیست.")
    problem = Problem(
        table=table,
        title=title,
        description=description,
        source=ProblemSource.CITIZEN if critique else ProblemSource.MEMBER,
        critique=critique,
        raised_by=by if getattr(by, "pk", None) else None,
    )
    problem.fill_keys()
    problem.save()
    audit(actor=by, action="roundtables.problem.created", target=problem, data={"source": problem.source})
    return problem


@transaction.atomic
def diagnosis_save(
    *, problem: Problem, diagnosis: str, version: int, by: Any, cause: str = "", evidence: str = ""
) -> Problem:
    _ensure_worker(problem.table, by)
    locked = Problem.objects.select_for_update().get(pk=problem.pk)
    if locked.version != version:
        raise VersionConflict()
    locked.diagnosis = normalize(diagnosis, multiline=True)
    cause = normalize(cause)
    if cause:
        RootCause.objects.create(
            problem=locked,
            text=cause[:300],
            evidence=normalize(evidence, multiline=True),
            added_by=by if getattr(by, "pk", None) else None,
        )
    if locked.status == ProblemStatus.OPEN and (locked.diagnosis or cause):
        locked.status = ProblemStatus.DIAGNOSED
    locked.version += 1
    locked.save(update_fields=["diagnosis", "status", "version", "updated_at"])
    audit(actor=by, action="roundtables.problem.diagnosed", target=locked, data={"cause": cause})
    return locked


@transaction.atomic
def problem_publish(*, problem: Problem, by: Any, public: bool = True) -> Problem:
    """Publish a problem (its table must be public): it gets a voice public page, so citizens comment on it and
    find it by search; unpublishing takes the page down with it."""
    _ensure_manager(problem.table, by)
    if public and not problem.table.is_published:
        raise DomainError("نخست صفحه عمومی این میز را منتشر کنید؛ مسئله‌های میزِ منتشرنشده دیده نمی‌شوند.")
    problem.is_public = public
    problem.published_at = timezone.now() if public else None
    problem.version += 1
    problem.save(update_fields=["is_public", "published_at", "version", "updated_at"])
    public_pages.announce([_problem_page(problem, problem.table)])
    audit(
        actor=by,
        action="roundtables.problem.published" if public else "roundtables.problem.unpublished",
        target=problem,
    )
    return problem


@transaction.atomic
def solution_add(*, problem: Problem, title: str, by: Any, description: str = "") -> Solution:
    _ensure_worker(problem.table, by)
    title = normalize(title)
    if not title:
        raise DomainError("عنوان راهکار را بنویسید.")
    if problem.program_id:
        raise DomainError("راهکار این مسئله برگزیده و به برنامه تبدیل شده است.")
    existing = problem.solutions.filter(title=title).first()
    if existing is not None:
        return existing
    solution = Solution.objects.create(
        problem=problem,
        title=title[:300],
        description=normalize(description, multiline=True),
        proposed_by=by if getattr(by, "pk", None) else None,
    )
    audit(actor=by, action="roundtables.solution.added", target=problem, data={"title": solution.title})
    return solution


@transaction.atomic
def solution_score(*, solution: Solution, score: int, by: Any) -> SolutionScore:
    table = solution.problem.table
    if not (permissions.is_member(by, table) or permissions.can_manage(by, table)):
        raise PermissionDenied("امتیاز راهکارها را اعضای میز می‌دهند.")
    if not 0 <= score <= SCORE_MAX:
        raise DomainError(f"امتیاز باید از ۰ تا {to_persian_digits(SCORE_MAX)} باشد.")
    row, _ = SolutionScore.objects.update_or_create(solution=solution, user=by, defaults={"score": score})
    audit(
        actor=by,
        action="roundtables.solution.scored",
        target=solution.problem,
        data={"solution": solution.title, "score": score},
    )
    return row


@transaction.atomic
def solution_choose(*, solution: Solution, by: Any, milestones: Sequence[str] = ()) -> Problem:
    """The chosen solution becomes an execution program (``programs``) of the table's organization."""
    problem = Problem.objects.select_for_update().select_related("table__organization").get(pk=solution.problem_id)
    _ensure_manager(problem.table, by)
    if problem.program_id:
        return problem  # already chosen: a double submit is harmless
    program = program_services.program_create(
        owner=problem.table.organization,
        title=f"{solution.title} ({problem.table.title})"[:300],
        kind=ProgramKind.CORE_EXECUTION,
        goals=f"{problem.title}\n{solution.description}".strip(),
        challenge=problem.title[:200],
        county=problem.table.organization.county,
        province=problem.table.organization.province,
        by=by,
    )
    for title in milestones:
        if normalize(title):
            program_services.milestone_add(program=program, title=title, by=by)
    Solution.objects.filter(pk=solution.pk).update(is_chosen=True)
    problem.program = program
    problem.status = ProblemStatus.PROGRAMMED
    problem.version += 1
    problem.save(update_fields=["program", "status", "version", "updated_at"])
    audit(actor=by, action="roundtables.solution.chosen", target=problem, data={"solution": solution.title})
    return problem


# --- Opinion map ------------------------------------------------------------------------------------------


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

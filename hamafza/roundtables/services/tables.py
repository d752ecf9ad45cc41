"""Tables and their members: create, edit, publish, invite, remove, meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.engagement.models import Activity, ActivityKind, Participant
from hamafza.engagement.services import activities as activity_services
from hamafza.notifications.services import notify
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.persian import normalize, to_persian_digits
from hamafza.roundtables import permissions
from hamafza.roundtables.models import (
    Candidate,
    ChairTerm,
    Election,
    ElectionStatus,
    MemberCategory,
    Membership,
    MembershipStatus,
    Roundtable,
    TableMeeting,
    Voter,
)
from hamafza.roundtables.services.common import (
    REASON_LIMIT,
    _announce_problem_pages,
    _ensure_manager,
    _name,
)


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

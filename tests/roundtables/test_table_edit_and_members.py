"""Editing a table (with a version check against stale forms) and removing a member (with a reason, told to them),
as the secretariat, the table's own secretary, members, citizens, visitors and a foreign governor."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.core.models import AuditEntry
from hamafza.notifications.models import Notification
from hamafza.roundtables import services
from hamafza.roundtables.models import ElectionStatus, MembershipStatus, Roundtable, Voter
from tests.roundtables.conftest import fresh


def client_for(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _edit(table: Roundtable, **changes: Any) -> dict[str, Any]:
    data = {
        "organization": table.organization_id,
        "title": table.title,
        "domain": table.domain,
        "secretary": table.secretary_id,
        "description": table.description,
        "version": table.version,
    }
    return data | changes


@pytest.fixture
def deputy(amol: Any, make_user: Any, grant: Any) -> Any:
    """Another official of Amol's governorate who may be a table's secretary."""
    user = make_user("deputy", first_name="سارا", last_name="معاون")
    grant(user, "governor", organization=amol.governorate)
    return user


# --- Editing a table ----------------------------------------------------------------------------------------


def test_the_governor_edits_a_table_and_the_audit_trail_names_what_changed(amol, deputy):
    table = services.table_update(
        table=amol.table,
        version=amol.table.version,
        title="میز تخصصی  گردشگری و  میراث آمل",
        domain="گردشگری",
        description="مأموریت تازه",
        organization=amol.governorate,
        secretary=deputy,
        by=amol.governor,
    )
    assert table.title == "میز تخصصی گردشگری و میراث آمل"  # normalized: one space
    assert table.version == amol.table.version + 1 and table.secretary == deputy
    entry = AuditEntry.objects.filter(action="roundtables.table.updated").get()
    assert set(entry.data["changed"]) == {"عنوان میز", "شرح و مأموریت", "دبیر"}
    assert entry.data["old_title"] == "میز تخصصی گردشگری آمل" and entry.data["secretary"] == "سارا معاون"
    assert Notification.objects.filter(recipient=deputy, kind="roundtables.secretary").exists()


def test_a_stale_edit_is_refused_with_a_persian_message_and_saves_nothing(amol):
    opened = amol.table.version
    services.table_update(
        table=amol.table, version=opened, title="عنوان نخست", domain="گردشگری", description="",
        organization=amol.governorate, secretary=amol.governor, by=amol.governor,
    )  # fmt: skip
    with pytest.raises(VersionConflict) as error:
        services.table_update(
            table=amol.table, version=opened, title="عنوان دوم", domain="گردشگری", description="",
            organization=amol.governorate, secretary=amol.governor, by=amol.governor,
        )  # fmt: skip
    assert "ویرایش شده است" in error.value.message
    assert Roundtable.objects.get(pk=amol.table.pk).title == "عنوان نخست"


def test_an_edit_that_changes_nothing_writes_no_version_and_no_audit_entry(amol):
    table = services.table_update(
        table=amol.table, version=amol.table.version, title=amol.table.title, domain="گردشگری", description="",
        organization=amol.governorate, secretary=amol.governor, by=amol.governor,
    )  # fmt: skip
    assert table.version == amol.table.version
    assert not AuditEntry.objects.filter(action="roundtables.table.updated").exists()


def test_members_citizens_and_foreign_governors_cannot_edit_and_the_rules_of_creation_hold(amol, deputy):
    def edit(by: Any, **changes: Any) -> Any:
        fields = {
            "title": amol.table.title, "domain": "گردشگری", "description": "", "organization": amol.governorate,
            "secretary": amol.governor,
        } | changes  # fmt: skip
        return services.table_update(table=amol.table, version=amol.table.version, by=by, **fields)

    for outsider in (amol.elite[0], amol.ordinary, amol.citizen, amol.babol_governor):
        with pytest.raises(PermissionDenied):
            edit(fresh(outsider), title="دستکاری")
    # The secretary must be an official of the table's governorate; a title is unique in its governorate.
    with pytest.raises(DomainError, match="دبیر میز"):
        edit(amol.governor, secretary=amol.elite[0])
    services.table_create(
        organization=amol.governorate, title="میز تخصصی آب", domain="آب", secretary=amol.governor, by=amol.governor
    )
    with pytest.raises(DomainError, match="همین عنوان"):
        edit(amol.governor, title="میز تخصصی آب")
    # Nobody moves a table to a governorate they do not manage.
    with pytest.raises(PermissionDenied):
        edit(amol.governor, organization=amol.babol, secretary=amol.babol_governor)
    assert Roundtable.objects.get(pk=amol.table.pk).organization == amol.governorate


def test_a_secretary_without_the_governorate_wide_role_edits_their_own_table(amol, deputy):
    """The table's own secretary manages it, as they publish it, even if they are not the one who formed it."""
    services.table_update(
        table=amol.table, version=amol.table.version, title=amol.table.title, domain="گردشگری", description="",
        organization=amol.governorate, secretary=deputy, by=amol.governor,
    )  # fmt: skip
    table = Roundtable.objects.get(pk=amol.table.pk)
    response = client_for(deputy).post(f"/roundtables/{table.pk}/edit/", _edit(table, domain="گردشگری روستایی"))
    assert response.status_code == 302
    assert Roundtable.objects.get(pk=table.pk).domain == "گردشگری روستایی"


def test_the_edit_page_for_each_role(amol):
    url = f"/roundtables/{amol.table.pk}/edit/"
    page = client_for(amol.governor).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "ویرایش میز" in body and 'name="version"' in body and "سطح و جای میز" in body
    for outsider in (amol.elite[0], amol.ordinary, amol.citizen, amol.babol_governor):
        assert client_for(outsider).get(url).status_code == 404
        assert client_for(outsider).post(url, _edit(amol.table, title="دستکاری")).status_code == 404
    assert client_for().get(url).status_code == 302  # visitors are sent to sign in
    assert Roundtable.objects.get(pk=amol.table.pk).title == amol.table.title
    # Only managers see the link to it.
    assert url in client_for(amol.governor).get(f"/roundtables/{amol.table.pk}/").content.decode()
    assert url not in client_for(amol.elite[0]).get(f"/roundtables/{amol.table.pk}/").content.decode()


def test_two_officials_edit_at_once_and_the_later_one_gets_a_conflict_page(amol):
    url = f"/roundtables/{amol.table.pk}/edit/"
    stale = _edit(amol.table, domain="گردشگری دوم")
    assert client_for(amol.governor).post(url, _edit(amol.table, domain="گردشگری نخست")).status_code == 302
    response = client_for(amol.governor).post(url, stale)
    assert response.status_code == 409
    assert "به دست کس دیگری ویرایش شده است" in response.content.decode()
    assert Roundtable.objects.get(pk=amol.table.pk).domain == "گردشگری نخست"


def test_bad_input_on_the_edit_page_is_a_persian_message_not_a_500(amol):
    url = f"/roundtables/{amol.table.pk}/edit/"
    response = client_for(amol.governor).post(url, _edit(amol.table, title="", organization=amol.babol.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="field-error"' in body and "Traceback" not in body
    assert Roundtable.objects.get(pk=amol.table.pk).title == amol.table.title


# --- Removing a member --------------------------------------------------------------------------------------


def test_the_governor_removes_a_member_with_a_reason_audited_and_told_to_them(amol):
    problem = services.problem_create(
        table=amol.table, title="مسئله عضو عادی", description="شرح", by=fresh(amol.ordinary)
    )
    statement = services.statement_add(problem=problem, text="گزاره عضو عادی", by=fresh(amol.ordinary))
    membership = amol.table.memberships.get(user=amol.ordinary)
    removed = services.member_remove(membership=membership, reason="  سه نشست پیاپی غایب بود ", by=amol.governor)
    assert removed.status == MembershipStatus.REMOVED and removed.removal_reason == "سه نشست پیاپی غایب بود"
    entry = AuditEntry.objects.filter(action="roundtables.member.removed").get()
    assert entry.data["member"] == "عضو عادی" and entry.data["reason"] == "سه نشست پیاپی غایب بود"
    note = Notification.objects.get(recipient=amol.ordinary, kind="roundtables.removed")
    assert "سه نشست پیاپی غایب بود" in note.body and note.url == ""  # the draft table is no longer theirs to open
    # Their contributions stay; they are an outsider again.
    problem.refresh_from_db()
    statement.refresh_from_db()
    assert problem.raised_by == amol.ordinary and statement.author == amol.ordinary and statement.is_approved
    with pytest.raises(PermissionDenied):
        services.problem_create(table=amol.table, title="دیگر", description="شرح", by=fresh(amol.ordinary))
    assert client_for(amol.ordinary).get(f"/roundtables/{amol.table.pk}/").status_code == 404
    # A second removal is refused; inviting again is possible.
    with pytest.raises(DomainError, match="عضو این میز نیست"):
        services.member_remove(membership=membership, reason="دوباره", by=amol.governor)
    again = services.member_invite(
        table=amol.table, user=amol.ordinary, category="expert", is_elite=False, by=amol.governor
    )
    assert again.status == MembershipStatus.INVITED and again.removal_reason == ""


def test_a_reason_is_required_and_only_managers_remove(amol):
    membership = amol.table.memberships.get(user=amol.ordinary)
    with pytest.raises(DomainError, match="دلیل"):
        services.member_remove(membership=membership, reason="   ", by=amol.governor)
    with pytest.raises(DomainError, match="کوتاه‌تر"):
        services.member_remove(membership=membership, reason="ب" * 501, by=amol.governor)
    for outsider in (amol.elite[0], amol.ordinary, amol.citizen, amol.babol_governor):
        with pytest.raises(PermissionDenied):
            services.member_remove(membership=membership, reason="دلیل", by=fresh(outsider))
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED


def test_a_removed_elite_member_leaves_the_roll_and_the_candidates_of_an_election_not_yet_open(amol):
    election = services.election_create(table=amol.table, title="انتخاب رئیس", by=amol.governor)
    for user in amol.elite[:3]:
        services.candidate_nominate(election=election, user=user, by=amol.governor)
    services.member_remove(
        membership=amol.table.memberships.get(user=amol.elite[0]), reason="استعفا داد", by=amol.governor
    )
    assert list(election.candidates.order_by("order").values_list("user__username", "order")) == [
        ("elite2", 1),
        ("elite3", 2),
    ]
    opened = services.election_open(election=election, by=amol.governor)
    roll = set(Voter.objects.filter(election=opened).values_list("user__username", flat=True))
    assert roll == {"elite2", "elite3", "elite4", "elite5", "elite6"}
    entry = AuditEntry.objects.filter(action="roundtables.member.removed").get()
    assert entry.data["withdrawn"] == ["انتخاب رئیس"]


def test_an_open_election_keeps_its_frozen_roll_and_the_removed_elite_member_still_votes(amol, open_election):
    services.member_remove(
        membership=amol.table.memberships.get(user=amol.elite[5]), reason="جابه‌جایی شغلی", by=amol.governor
    )
    assert Voter.objects.filter(election=open_election, user=amol.elite[5]).exists()
    note = Notification.objects.get(recipient=amol.elite[5], kind="roundtables.removed")
    assert "شما را در فهرست" in note.body  # notify normalizes its text (أ → ا)
    url = f"/roundtables/elections/{open_election.pk}/"
    voter = client_for(amol.elite[5])
    page = voter.get(url)
    assert page.status_code == 200
    assert 'data-testid="ballot"' in page.content.decode() and 'data-testid="frozen-roll"' in page.content.decode()
    first = open_election.candidates.order_by("order").first()
    assert voter.post(url + "vote/", {f"rank_{first.pk}": "1"}).status_code == 200
    assert open_election.ballots.count() == 1
    # The table itself is closed to them (a draft), and the closed election too, once it is closed.
    assert voter.get(f"/roundtables/{amol.table.pk}/").status_code == 404
    # The secretary's page says the roll of the open election is fixed.
    body = client_for(amol.governor).get(f"/roundtables/{amol.table.pk}/").content.decode()
    assert 'data-testid="frozen-roll-note"' in body and "جابه‌جایی شغلی" in body
    open_election.refresh_from_db()
    assert open_election.status == ElectionStatus.VOTING


def test_removing_the_chair_empties_the_chair_until_the_next_election(amol, open_election):
    first = open_election.candidates.order_by("order").first()
    for user in amol.elite:
        services.ballot_cast(election=open_election, ranking=[first.pk], by=fresh(user))
    services.election_close(election=open_election, by=amol.governor)
    table = Roundtable.objects.get(pk=amol.table.pk)
    assert table.chair == first.user
    services.member_remove(membership=table.memberships.get(user=first.user), reason="کناره‌گیری", by=amol.governor)
    table.refresh_from_db()
    assert table.chair is None
    assert table.chair_terms.get().ends_on == timezone.localdate()


def test_the_removal_pages_for_each_role(amol):
    membership = amol.table.memberships.get(user=amol.ordinary)
    url = f"/roundtables/members/{membership.pk}/remove/"
    table_url = f"/roundtables/{amol.table.pk}/"
    assert url in client_for(amol.governor).get(table_url).content.decode()
    assert url not in client_for(amol.elite[0]).get(table_url).content.decode()
    for outsider in (amol.elite[0], amol.ordinary, amol.citizen, amol.babol_governor):
        assert client_for(outsider).post(url, {"reason": "دلیل"}).status_code == 404
    assert client_for().post(url, {"reason": "دلیل"}).status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED
    empty = client_for(amol.governor).post(url, {"reason": ""}, follow=True)
    assert "دلیل کنار گذاشتن" in empty.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED
    done = client_for(amol.governor).post(url, {"reason": "غیبت پیاپی"}, follow=True)
    assert "کنار گذاشته شد" in done.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REMOVED
    # Managers see the removed member with the reason; members do not see them in the roster any more.
    assert "غیبت پیاپی" in client_for(amol.governor).get(table_url).content.decode()
    member_view = client_for(amol.elite[0]).get(table_url).content.decode()
    assert "غیبت پیاپی" not in member_view and "عضو عادی" not in member_view


def test_meeting_lists_follow_the_roll_a_removed_member_leaves_future_meetings_a_new_one_joins_them(amol, make_user):
    from datetime import timedelta

    from hamafza.engagement.models import Participant

    now = timezone.now()
    held = services.meeting_add(
        table=amol.table, title="نشست گذشته", starts_at=now - timedelta(days=7),
        ends_at=now - timedelta(days=7, hours=-2), by=amol.governor,
    )  # fmt: skip
    coming = services.meeting_add(
        table=amol.table, title="نشست آینده", starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=2), by=amol.governor,
    )  # fmt: skip

    def on_list(meeting: Any, user: Any) -> bool:
        return Participant.objects.filter(activity=meeting.activity, user=user).exists()

    assert on_list(held, amol.ordinary) and on_list(coming, amol.ordinary)
    services.member_remove(
        membership=amol.table.memberships.get(user=amol.ordinary), reason="غیبت پیاپی", by=amol.governor
    )
    assert on_list(held, amol.ordinary) and not on_list(coming, amol.ordinary)  # the past keeps its record
    assert AuditEntry.objects.filter(action="roundtables.member.removed").get().data["meetings_left"] == 1

    newcomer = make_user("newcomer", first_name="عضو", last_name="تازه")
    invitation = services.member_invite(
        table=amol.table, user=newcomer, category="expert", is_elite=False, by=amol.governor
    )
    services.invitation_respond(membership=invitation, accept=True, by=newcomer)
    assert on_list(coming, newcomer) and not on_list(held, newcomer)
    # Accepting twice (a double submit) adds nobody twice.
    services.invitation_respond(membership=invitation, accept=True, by=newcomer)
    assert Participant.objects.filter(activity=coming.activity, user=newcomer).count() == 1

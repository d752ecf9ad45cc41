"""Pages as members, the public and foreigners: drafts for members, published for all, foreign objects 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamafza.roundtables import services
from hamafza.roundtables.models import Ballot, ElectionStatus
from tests.roundtables.conftest import fresh


def client_for(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def problem(amol: Any) -> Any:
    return services.problem_create(
        table=amol.table, title="فصلی بودن گردشگری", description="اقامتگاه‌ها نیمی از سال خالی‌اند.", by=amol.governor
    )


def test_members_see_their_draft_table_and_the_public_and_foreigners_get_404(amol, problem):
    url = f"/roundtables/{amol.table.pk}/"
    page = client_for(amol.elite[0]).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'lang="fa"' in body and 'dir="rtl"' in body and "پیش‌نویس" in body and problem.title in body
    assert client_for().get(url).status_code == 404
    assert client_for(amol.citizen).get(url).status_code == 404
    assert client_for(amol.babol_governor).get(url).status_code == 404
    assert client_for(amol.elite[0]).get(f"/roundtables/{amol.foreign_table.pk}/").status_code == 404
    assert client_for(amol.elite[0]).get(f"/roundtables/problems/{problem.pk}/").status_code == 200
    assert client_for().get(f"/roundtables/problems/{problem.pk}/").status_code == 404


def test_the_public_sees_only_what_is_published(amol, problem):
    services.table_publish(table=amol.table, by=amol.governor)
    hidden = services.problem_create(table=amol.table, title="مسئله درونی", description="هنوز نه", by=amol.governor)
    services.problem_publish(problem=problem, by=amol.governor)
    body = client_for().get(f"/roundtables/{amol.table.pk}/").content.decode()
    assert problem.title in body and hidden.title not in body
    assert client_for().get(f"/roundtables/problems/{problem.pk}/").status_code == 200
    assert client_for().get(f"/roundtables/problems/{hidden.pk}/").status_code == 404
    public = client_for().get("/roundtables/public/").content.decode()
    assert amol.table.title in public and amol.foreign_table.title not in public


def test_voting_through_the_page_shows_a_receipt_once_and_refuses_a_second_ballot(amol, open_election):
    a, b, _c = open_election.candidates.order_by("order").values_list("pk", flat=True)
    url = f"/roundtables/elections/{open_election.pk}/"
    voter = client_for(amol.elite[0])
    page = voter.get(url).content.decode()
    assert 'data-testid="ballot"' in page and 'data-testid="result"' not in page
    response = voter.post(url + "vote/", {f"rank_{a}": "۲", f"rank_{b}": "۱"})
    assert response.status_code == 200
    receipt = Ballot.objects.get().receipt
    assert receipt in response.content.decode()
    again = voter.post(url + "vote/", {f"rank_{a}": "1"}, follow=True)
    assert "پیش‌تر" in again.content.decode() and Ballot.objects.count() == 1
    # A non-elite member sees the election but no ballot, and a posted one is refused.
    ordinary = client_for(amol.ordinary)
    assert 'data-testid="not-a-voter"' in ordinary.get(url).content.decode()
    ordinary.post(url + "vote/", {f"rank_{a}": "1"})
    assert Ballot.objects.count() == 1
    # Two ranks the same are refused with a Persian message.
    twice = client_for(amol.elite[1]).post(url + "vote/", {f"rank_{a}": "1", f"rank_{b}": "1"}, follow=True)
    assert "یک رتبه" in twice.content.decode() and Ballot.objects.count() == 1


def test_result_and_csv_only_after_closing_and_the_public_sees_closed_elections_of_published_tables(
    amol, open_election
):
    a, b, c = open_election.candidates.order_by("order").values_list("pk", flat=True)
    url = f"/roundtables/elections/{open_election.pk}/"
    for user in amol.elite[:4]:
        services.ballot_cast(election=open_election, ranking=[b, a, c], by=fresh(user))
    assert client_for(amol.elite[0]).get(url + "ballots.csv").status_code == 404
    assert client_for().get(url).status_code == 404
    client_for(amol.elite[0]).post(url + "close/")
    open_election.refresh_from_db()
    assert open_election.status == ElectionStatus.VOTING  # a member cannot close it
    client_for(amol.governor).post(url + "close/")
    open_election.refresh_from_db()
    assert open_election.status == ElectionStatus.CLOSED
    page = client_for(amol.elite[0]).get(url).content.decode()
    assert 'data-testid="pairwise"' in page and "قاعده تساوی" in page
    csv_response = client_for(amol.elite[0]).get(url + "ballots.csv")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    assert client_for().get(url).status_code == 404  # the table is not published yet
    services.table_publish(table=amol.table, by=amol.governor)
    assert client_for().get(url).status_code == 200
    assert client_for().get(url + "ballots.csv").status_code == 200


def test_invitation_flow_through_the_pages(amol, make_user, grant):
    newcomer = make_user("newcomer", first_name="تازه", last_name="وارد")
    governor = client_for(amol.governor)
    response = governor.post(
        f"/roundtables/{amol.table.pk}/members/", {"username": "newcomer", "category": "academic", "is_elite": "on"}
    )
    assert response.status_code == 302
    invited = client_for(newcomer)
    listing = invited.get("/roundtables/").content.decode()
    assert 'data-testid="invitation"' in listing
    membership = amol.table.memberships.get(user=newcomer)
    invited.post(f"/roundtables/invitations/{membership.pk}/", {"answer": "accept"})
    membership.refresh_from_db()
    assert membership.status == "accepted"
    # Someone else cannot answer it.
    assert (
        client_for(amol.citizen).post(f"/roundtables/invitations/{membership.pk}/", {"answer": "decline"}).status_code
        == 404
    )


def test_the_opinion_map_page_draws_from_a_static_script(amol, problem):
    for text in ("گزاره یک", "گزاره دو"):
        statement = services.statement_add(problem=problem, text=text, by=amol.governor)
        for i, user in enumerate(amol.elite):
            services.statement_vote(statement=statement, value=1 if i < 3 else -1, by=fresh(user))
    body = client_for(amol.elite[0]).get(f"/roundtables/problems/{problem.pk}/opinions/").content.decode()
    assert "opinion-map.js" in body and 'id="opinion-data"' in body and "گروه ۱" in body
    assert "<script>" not in body and 'style="' not in body


def test_list_pages_cost_a_fixed_number_of_queries(amol, django_assert_max_num_queries):
    for n in range(8):
        services.table_create(
            organization=amol.governorate, title=f"میز آزمایشی {n}", domain="آزمایش", secretary=amol.governor,
            by=amol.governor,
        )  # fmt: skip
        services.table_publish(table=amol.table, by=amol.governor)
    client = client_for(amol.governor)
    client.get("/roundtables/")
    with django_assert_max_num_queries(25):
        assert client.get("/roundtables/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client_for().get("/roundtables/public/").status_code == 200


def test_role_homes_list_invitations_ballots_scores_and_open_votes(amol, open_election, make_user):
    from hamafza.core.work import work_for

    newcomer = make_user("newcomer")
    services.member_invite(table=amol.table, user=newcomer, category="thinker", is_elite=False, by=amol.governor)
    problem = services.problem_create(table=amol.table, title="مسئله", description="شرح", by=amol.governor)
    services.solution_add(problem=problem, title="راهکار", by=amol.governor)
    labels = {item.label: item for item in work_for(fresh(amol.elite[0]))}
    assert labels["انتخابات رئیس میز که رأی شما را می‌خواهد"].url == f"/roundtables/elections/{open_election.pk}/"
    assert labels["راهکارهایی که امتیاز شما را می‌خواهند"].url == f"/roundtables/problems/{problem.pk}/"
    assert "دعوت‌های عضویت در میز تخصصی" in {item.label for item in work_for(fresh(newcomer))}
    assert "رأی‌گیری‌های باز میزهای شما (برای پایان و شمارش)" in {item.label for item in work_for(fresh(amol.governor))}
    # The non-elite member is not on the roll: no ballot waits for them.
    assert "انتخابات رئیس میز که رأی شما را می‌خواهد" not in {item.label for item in work_for(fresh(amol.ordinary))}


def test_the_governor_forms_a_table_and_holds_a_meeting_that_is_an_engagement_activity(amol):
    from hamafza.engagement.models import Activity
    from hamafza.roundtables.models import Roundtable

    governor = client_for(amol.governor)
    assert governor.get("/roundtables/new/").status_code == 200
    response = governor.post(
        "/roundtables/new/",
        {
            "organization": amol.governorate.pk,
            "title": "میز تخصصی  آب",
            "domain": "آب",
            "secretary": amol.governor.pk,
        },
    )
    table = Roundtable.objects.get(title="میز تخصصی آب")
    assert response.status_code == 302 and response["Location"] == f"/roundtables/{table.pk}/"
    assert client_for(amol.elite[0]).get("/roundtables/new/").status_code == 404
    governor.post(
        f"/roundtables/{amol.table.pk}/meetings/",
        {"title": "نشست نخست", "starts_at": "۱۴۰۵/۰۳/۱۵ ۱۰:۰۰", "ends_at": "۱۴۰۵/۰۳/۱۵ ۱۲:۰۰", "place": "فرمانداری"},
    )
    meeting = amol.table.meetings.get()
    activity = Activity.objects.get(pk=meeting.activity_id)
    assert activity.organization == amol.governorate and activity.kind == "meeting"
    assert activity.participants.count() == 7  # the accepted members
    page = client_for(amol.elite[0]).get(f"/roundtables/{amol.table.pk}/").content.decode()
    assert "نشست نخست" in page and f"/engagement/activities/{activity.pk}/" not in page
    assert f"/engagement/activities/{activity.pk}/" in governor.get(f"/roundtables/{amol.table.pk}/").content.decode()

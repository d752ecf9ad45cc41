"""Citizens and members write the opinion map's statements: members' count at once, a citizen's waits for the
secretary; normalized, limited in length, duplicates refused, flooding refused. As every role that touches it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.core.models import AuditEntry
from hamafza.notifications.models import Notification
from hamafza.roundtables import selectors, services
from hamafza.roundtables.models import Statement, StatementStatus
from tests.roundtables.conftest import fresh

TEXT = "بوم‌گردی روستاهای لاریجان باید در اولویت باشد."


def client_for(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def problem(amol: Any) -> Any:
    services.table_publish(table=amol.table, by=amol.governor)
    problem = services.problem_create(
        table=amol.table,
        title="فصلی بودن گردشگری آمل",
        description="گردشگران تنها در نوروز و تابستان به آمل می‌آیند و اقامتگاه‌ها بقیه سال خالی‌اند.",
        by=amol.governor,
    )
    return services.problem_publish(problem=problem, by=amol.governor)


def test_members_statements_count_at_once_and_a_citizens_waits_for_the_secretary(amol, problem):
    for member in (amol.ordinary, amol.elite[0]):
        statement = services.statement_add(problem=problem, text=f"گزاره {member.username}", by=fresh(member))
        assert statement.status == StatementStatus.APPROVED
    proposal = services.statement_add(problem=problem, text=f"  {TEXT} ", by=fresh(amol.citizen))
    assert proposal.status == StatementStatus.PENDING and proposal.text == TEXT
    assert AuditEntry.objects.filter(action="roundtables.statement.proposed", actor=amol.citizen).exists()
    # Nobody votes on it until it is approved, and it is not on the map.
    with pytest.raises(PermissionDenied):
        services.statement_vote(statement=proposal, value=1, by=fresh(amol.elite[1]))
    assert proposal.pk not in {s.pk for s in selectors.statements_with_counts(problem)}
    assert [s.pk for s in selectors.statements_to_review(fresh(amol.governor), problem)] == [proposal.pk]
    assert selectors.statements_to_review(fresh(amol.elite[0]), problem) == []
    approved = services.statement_decide(statement=proposal, approve=True, by=amol.governor)
    assert approved.status == StatementStatus.APPROVED and approved.decided_by == amol.governor
    services.statement_vote(statement=approved, value=1, by=fresh(amol.elite[1]))
    note = Notification.objects.get(recipient=amol.citizen, kind="roundtables.statement_decided")
    assert "تایید شد" in note.title and note.url == f"/roundtables/problems/{problem.pk}/"
    assert AuditEntry.objects.filter(action="roundtables.statement.approved", actor=amol.governor).exists()
    # A second decision (a double click, another manager) changes nothing.
    again = services.statement_decide(statement=proposal, approve=False, by=amol.governor)
    assert again.status == StatementStatus.APPROVED


def test_only_the_tables_managers_decide_and_a_rejection_is_told_with_its_note(amol, problem):
    proposal = services.statement_add(problem=problem, text=TEXT, by=fresh(amol.citizen))
    for outsider in (amol.elite[0], amol.ordinary, amol.citizen, amol.babol_governor):
        with pytest.raises(PermissionDenied):
            services.statement_decide(statement=proposal, approve=True, by=fresh(outsider))
    rejected = services.statement_decide(
        statement=proposal, approve=False, note="تکرار گزاره دیگر است", by=amol.governor
    )
    assert rejected.status == StatementStatus.REJECTED
    note = Notification.objects.get(recipient=amol.citizen, kind="roundtables.statement_decided")
    assert "رد" in note.title and "تکرار گزاره دیگر است" in note.body


def test_duplicates_are_refused_by_their_normalized_form_with_a_persian_message(amol, problem):
    services.statement_add(problem=problem, text=TEXT, by=fresh(amol.elite[0]))
    assert Statement.objects.get(text=TEXT).text_key != ""
    with pytest.raises(DomainError, match="پیش‌تر روی نقشه نظرها"):
        services.statement_add(problem=problem, text=TEXT.removesuffix("."), by=fresh(amol.citizen))
    with pytest.raises(DomainError, match="پیش‌تر روی نقشه نظرها"):
        services.statement_add(
            problem=problem, text="بوم گردی روستاهاي لاريجان باید در اولویت باشد!", by=fresh(amol.ordinary)
        )
    pending = services.statement_add(problem=problem, text="اطلاع‌رسانی ضعیف است", by=fresh(amol.citizen))
    with pytest.raises(DomainError, match="در انتظار تأیید"):
        services.statement_add(problem=problem, text="اطلاع‌رسانی ضعیف است.", by=fresh(amol.babol_governor))
    services.statement_decide(statement=pending, approve=False, by=amol.governor)
    with pytest.raises(DomainError, match="رد شده"):
        services.statement_add(problem=problem, text="اطلاع رسانی ضعیف است", by=fresh(amol.citizen))
    assert Statement.objects.filter(problem=problem).count() == 2


def test_length_limit_and_empty_text(amol, problem):
    with pytest.raises(DomainError, match="۲۸۰"):
        services.statement_add(problem=problem, text="ب" * 281, by=fresh(amol.citizen))
    with pytest.raises(DomainError, match="بنویسید"):
        services.statement_add(problem=problem, text="   ", by=fresh(amol.citizen))
    assert not Statement.objects.exists()


def test_a_citizen_proposes_at_most_five_in_ten_minutes_members_are_not_limited(amol, problem):
    for n in range(5):
        services.statement_add(problem=problem, text=f"پیشنهاد شماره {n}", by=fresh(amol.citizen))
    with pytest.raises(DomainError, match="کمی بعد"):
        services.statement_add(problem=problem, text="پیشنهاد ششم", by=fresh(amol.citizen))
    for n in range(6):
        services.statement_add(problem=problem, text=f"گزاره عضو {n}", by=fresh(amol.ordinary))
    assert Statement.objects.filter(author=amol.citizen).count() == 5


def test_the_automatic_check_flags_a_proposal_for_the_secretary(amol, problem):
    flagged = services.statement_add(
        problem=problem, text="This statement is written in English", by=fresh(amol.citizen)
    )
    assert "non_persian" in flagged.held_rules and flagged.status == StatementStatus.PENDING
    body = client_for(amol.governor).get(f"/roundtables/problems/{problem.pk}/").content.decode()
    assert 'data-testid="proposal-flags"' in body and "نظر به زبانی جز فارسی" in body


def test_draft_problems_take_no_proposals_from_outside(amol):
    draft = services.problem_create(table=amol.table, title="مسئله درونی", description="شرح", by=amol.governor)
    for outsider in (amol.citizen, amol.babol_governor):
        with pytest.raises(PermissionDenied):
            services.statement_add(problem=draft, text=TEXT, by=fresh(outsider))
        assert (
            client_for(outsider).post(f"/roundtables/problems/{draft.pk}/statements/", {"text": TEXT}).status_code
            == 404
        )
    assert services.statement_add(problem=draft, text=TEXT, by=fresh(amol.elite[0])).is_approved


def test_the_problem_page_for_each_role(amol, problem):
    url = f"/roundtables/problems/{problem.pk}/"
    # A visitor sees the map, no form, and an invitation to sign in; posting sends them to sign in.
    visitor = client_for().get(url).content.decode()
    assert 'data-testid="statement-form"' not in visitor and "پیشنهاد گزاره" in visitor
    assert client_for().post(url + "statements/", {"text": TEXT}).status_code == 302
    assert not Statement.objects.exists()
    # A citizen proposes; the page says it waits; the map does not show it to others yet.
    citizen = client_for(amol.citizen)
    assert 'data-testid="statement-form"' in citizen.get(url).content.decode()
    answer = citizen.post(url + "statements/", {"text": TEXT}, follow=True).content.decode()
    assert "پس از تأیید دبیر میز" in answer and 'data-testid="my-proposals"' in answer
    proposal = Statement.objects.get()
    assert proposal.status == StatementStatus.PENDING
    assert TEXT not in client_for(amol.elite[0]).get(url).content.decode()
    assert TEXT not in client_for().get(url).content.decode()
    # A foreign governor is a citizen here: proposes, does not decide, does not see the queue.
    foreign = client_for(amol.babol_governor)
    assert 'data-testid="statements-to-review"' not in foreign.get(url).content.decode()
    decide = f"/roundtables/statements/{proposal.pk}/decide/"
    for outsider in (amol.babol_governor, amol.elite[0], amol.ordinary, amol.citizen):
        assert client_for(outsider).post(decide, {"decision": "approve"}).status_code == 404
    assert (
        client_for(amol.citizen).post(f"/roundtables/statements/{proposal.pk}/vote/", {"value": "1"}).status_code == 404
    )
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.PENDING
    # The secretary sees the queue and approves; then everyone sees it and votes.
    secretary = client_for(amol.governor)
    queue = secretary.get(url).content.decode()
    assert 'data-testid="statements-to-review"' in queue and TEXT in queue
    assert secretary.post(decide, {"decision": "maybe"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.PENDING
    secretary.post(decide, {"decision": "approve"})
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.APPROVED
    assert TEXT in client_for().get(url).content.decode()
    client_for(amol.elite[0]).post(f"/roundtables/statements/{proposal.pk}/vote/", {"value": "-1"})
    assert proposal.votes.get().value == -1
    # Members add statements at once through the same form.
    client_for(amol.ordinary).post(url + "statements/", {"text": "ساخت هتل مهم‌تر است"})
    assert Statement.objects.get(text="ساخت هتل مهم‌تر است").is_approved
    # A too-long statement is a Persian message, not a 500.
    long = client_for(amol.citizen).post(url + "statements/", {"text": "ب" * 300}, follow=True)
    assert long.status_code == 200 and "۲۸۰" in long.content.decode()


def test_the_secretarys_home_lists_waiting_proposals(amol, problem):
    from hamafza.core.work import work_for

    services.statement_add(problem=problem, text=TEXT, by=fresh(amol.citizen))
    items = {item.label: item for item in work_for(fresh(amol.governor))}
    item = items["گزاره‌های پیشنهادی شهروندان در انتظار تأیید"]
    assert item.count == 1 and item.url == f"/roundtables/problems/{problem.pk}/"
    foreign = {item.label: item.count for item in work_for(fresh(amol.babol_governor))}
    assert foreign.get("گزاره‌های پیشنهادی شهروندان در انتظار تأیید", 0) == 0


def test_the_problem_page_costs_the_same_queries_with_more_proposals(amol, problem, make_user, grant):
    url = f"/roundtables/problems/{problem.pk}/"
    secretary = client_for(amol.governor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert secretary.get(url).status_code == 200
        return len(queries)

    services.statement_add(problem=problem, text="پیشنهاد نخست", by=fresh(amol.citizen))
    secretary.get(url)
    few = count()
    for n in range(6):
        citizen = make_user(f"citizen{n}")
        services.statement_add(problem=problem, text=f"پیشنهاد شهروند {n}", by=citizen)
        services.statement_add(problem=problem, text=f"گزاره اعضا {n}", by=fresh(amol.elite[0]))
    assert count() == few


def test_the_opinion_map_counts_only_approved_statements(amol, problem):
    approved = [services.statement_add(problem=problem, text=f"گزاره {n}", by=fresh(amol.elite[0])) for n in range(2)]
    services.statement_add(problem=problem, text=TEXT, by=fresh(amol.citizen))
    _matrix, ids = selectors.vote_matrix(problem)
    assert ids == [s.pk for s in approved]

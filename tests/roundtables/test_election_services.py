"""Chair elections: the roll, the secret ballot and its receipt, the quorum, the count and the published CSV."""

from __future__ import annotations

from typing import Any

import pytest

from hamafza.analytics import voting
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.core.models import AuditEntry
from hamafza.roundtables import services
from hamafza.roundtables.models import Ballot, ChairTerm, ElectionStatus, Voter
from tests.roundtables.conftest import fresh


def _ids(election: Any) -> list[int]:
    return list(election.candidates.order_by("order").values_list("pk", flat=True))


def test_the_roll_is_the_accepted_elite_and_a_non_elite_member_cannot_vote(amol, open_election):
    roll = set(Voter.objects.filter(election=open_election).values_list("user_id", flat=True))
    assert roll == {u.pk for u in amol.elite}
    a, b, c = _ids(open_election)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(election=open_election, ranking=[a, b, c], by=fresh(amol.ordinary))
    with pytest.raises(PermissionDenied):
        services.ballot_cast(election=open_election, ranking=[a], by=fresh(amol.citizen))
    assert Ballot.objects.count() == 0


def test_the_ballot_is_secret_and_the_receipt_finds_it_in_the_csv(amol, open_election):
    a, b, c = _ids(open_election)
    receipt = services.ballot_cast(election=open_election, ranking=[b, a], by=fresh(amol.elite[0]))
    ballot = Ballot.objects.get()
    # Nothing on the ballot names the voter or the time; the voter's row only says they voted.
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "election", "receipt", "ranking"}
    assert ballot.receipt == receipt and ballot.ranking == [2, 1]
    assert Voter.objects.get(election=open_election, user=amol.elite[0]).has_voted
    # The audit trail says who voted, never which ballot or receipt is theirs.
    entry = AuditEntry.objects.filter(action="roundtables.election.voted").get()
    assert receipt not in str(entry.data) and ballot.pk not in str(entry.data)
    for user in amol.elite[1:4]:
        services.ballot_cast(election=open_election, ranking=[a, b, c], by=fresh(user))
    closed = services.election_close(election=open_election, by=amol.governor)
    csv_text = services.ballots_csv(closed)
    rows = [line.split(",") for line in csv_text.strip().splitlines()]
    assert rows[0] == ["کد رسید", "عضو 1 نخبه", "عضو 2 نخبه", "عضو 3 نخبه"]
    mine = [row for row in rows if row[0] == receipt]
    assert mine == [[receipt, "2", "1", ""]]
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])


def test_a_second_ballot_from_the_same_voter_is_refused(amol, open_election):
    a, b, c = _ids(open_election)
    services.ballot_cast(election=open_election, ranking=[a, b, c], by=fresh(amol.elite[0]))
    with pytest.raises(DomainError, match="پیش‌تر"):
        services.ballot_cast(election=open_election, ranking=[c, b, a], by=fresh(amol.elite[0]))
    assert Ballot.objects.count() == 1


def test_invalid_rankings_are_refused(amol, open_election):
    a, _b, _ = _ids(open_election)
    with pytest.raises(DomainError):
        services.ballot_cast(election=open_election, ranking=[a, a], by=fresh(amol.elite[0]))
    with pytest.raises(DomainError):
        services.ballot_cast(election=open_election, ranking=[], by=fresh(amol.elite[0]))
    with pytest.raises(DomainError):
        services.ballot_cast(election=open_election, ranking=[a, 10**9], by=fresh(amol.elite[0]))
    assert not Voter.objects.filter(has_voted=True).exists()


def test_below_quorum_the_election_cannot_close_with_a_winner(amol, open_election):
    a, b, c = _ids(open_election)
    # Two thirds of six elite members is four ballots; three are not enough.
    for user in amol.elite[:3]:
        services.ballot_cast(election=open_election, ranking=[a, b, c], by=fresh(user))
    with pytest.raises(DomainError, match="حد نصاب"):
        services.election_close(election=open_election, by=amol.governor)
    open_election.refresh_from_db()
    assert open_election.status == ElectionStatus.VOTING and open_election.winner is None
    closed = services.election_close(election=open_election, by=amol.governor, without_winner=True)
    assert closed.status == ElectionStatus.NO_QUORUM and closed.winner is None
    assert not ChairTerm.objects.exists()
    with pytest.raises(DomainError):
        services.ballots_csv(closed)


def test_a_configured_quorum_is_respected(amol):
    election = services.election_create(table=amol.table, title="با حد نصاب نصف", quorum=(1, 2), by=amol.governor)
    for user in amol.elite[:2]:
        services.candidate_nominate(election=election, user=user, by=amol.governor)
    election = services.election_open(election=election, by=amol.governor)
    a, b = _ids(election)
    for user in amol.elite[:3]:
        services.ballot_cast(election=election, ranking=[b, a], by=fresh(user))
    closed = services.election_close(election=election, by=amol.governor)
    assert closed.winner.user == amol.elite[1]


def test_closing_records_the_winner_and_the_chair_term_and_the_csv_recomputes_it(amol, open_election):
    a, b, c = _ids(open_election)
    # b ties a 3:3 and beats c 5:1, so b has the strongest paths: the second nominee wins.
    profile = [[a, b, c], [a, b, c], [b, c, a], [b, c, a], [c, a, b], [b, a, c]]
    for user, ranking in zip(amol.elite, profile, strict=True):
        services.ballot_cast(election=open_election, ranking=ranking, by=fresh(user))
    closed = services.election_close(election=open_election, by=amol.governor)
    assert closed.status == ElectionStatus.CLOSED
    assert closed.winner.user == amol.elite[1]
    amol.table.refresh_from_db()
    assert amol.table.chair == amol.elite[1]
    term = ChairTerm.objects.get()
    assert term.user == amol.elite[1] and term.ends_on > term.starts_on
    # Anyone with the CSV and the candidates in nomination order gets the same winner.
    candidates, ballots = services.parse_ballots_csv(services.ballots_csv(closed))
    assert len(ballots) == 6 and candidates == closed.result["candidates"]
    recount = voting.schulze(ballots, candidates)
    assert recount.winner == closed.winner.label
    assert recount.pairwise.tolist() == closed.result["pairwise"]


def test_instant_runoff_is_an_option_with_its_rounds(amol):
    election = services.election_create(table=amol.table, title="دومرحله‌ای", method="irv", by=amol.governor)
    for user in amol.elite[:3]:
        services.candidate_nominate(election=election, user=user, by=amol.governor)
    election = services.election_open(election=election, by=amol.governor)
    a, b, c = _ids(election)
    profile = [[a, b], [a, c], [b, a], [b, a], [c, a], [c, a]]
    for user, ranking in zip(amol.elite, profile, strict=True):
        services.ballot_cast(election=election, ranking=ranking, by=fresh(user))
    closed = services.election_close(election=election, by=amol.governor)
    assert closed.result["rounds"] and closed.winner is not None
    candidates, ballots = services.parse_ballots_csv(services.ballots_csv(closed))
    assert voting.instant_runoff(ballots, candidates).winner == closed.winner.label


def test_the_tie_rule_favours_more_first_preferences_then_earlier_nomination(amol):
    election = services.election_create(table=amol.table, title="تساوی", by=amol.governor)
    for user in amol.elite[:2]:
        services.candidate_nominate(election=election, user=user, by=amol.governor)
    election = services.election_open(election=election, by=amol.governor)
    a, b = _ids(election)
    # Two ballots each way: a perfect tie, and equal first preferences: the earlier nominee (a) goes ahead.
    for user, ranking in zip(amol.elite[:4], [[a, b], [b, a], [a, b], [b, a]], strict=True):
        services.ballot_cast(election=election, ranking=ranking, by=fresh(user))
    closed = services.election_close(election=election, by=amol.governor)
    assert closed.result["tie_broken"] is True
    assert closed.winner.user == amol.elite[0]


def test_results_are_not_counted_before_closing_and_only_managers_close(amol, open_election):
    a, b, c = _ids(open_election)
    services.ballot_cast(election=open_election, ranking=[a, b, c], by=fresh(amol.elite[0]))
    open_election.refresh_from_db()
    assert open_election.result == {} and open_election.winner is None
    with pytest.raises(PermissionDenied):
        services.election_close(election=open_election, by=fresh(amol.elite[0]))
    with pytest.raises(PermissionDenied):
        services.election_close(election=open_election, by=amol.babol_governor)
    with pytest.raises(DomainError):
        services.ballots_csv(open_election)


def test_only_accepted_members_are_nominated_and_one_open_election_per_table(amol):
    election = services.election_create(table=amol.table, title="نخست", by=amol.governor)
    with pytest.raises(DomainError):
        services.candidate_nominate(election=election, user=amol.citizen, by=amol.governor)
    with pytest.raises(DomainError):
        services.election_create(table=amol.table, title="دوم", by=amol.governor)
    with pytest.raises(DomainError):
        services.election_open(election=election, by=amol.governor)  # no candidates yet

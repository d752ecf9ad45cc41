"""Every write to roundtables: checked, atomic, audited; Persian ``DomainError`` on a broken rule.

One module per part of a table's life; callers import them from here.
"""

from hamafza.roundtables.services.common import REASON_LIMIT, problem_pages
from hamafza.roundtables.services.elections import (
    ballot_cast,
    ballots_csv,
    candidate_nominate,
    election_close,
    election_create,
    election_open,
    parse_ballots_csv,
)
from hamafza.roundtables.services.opinions import (
    PROPOSAL_LIMIT,
    PROPOSAL_WINDOW,
    statement_add,
    statement_decide,
    statement_vote,
)
from hamafza.roundtables.services.problems import (
    diagnosis_save,
    problem_create,
    problem_publish,
    solution_add,
    solution_choose,
    solution_score,
)
from hamafza.roundtables.services.tables import (
    invitation_respond,
    meeting_add,
    member_invite,
    member_remove,
    table_create,
    table_publish,
    table_update,
)

__all__ = [
    "PROPOSAL_LIMIT",
    "PROPOSAL_WINDOW",
    "REASON_LIMIT",
    "ballot_cast",
    "ballots_csv",
    "candidate_nominate",
    "diagnosis_save",
    "election_close",
    "election_create",
    "election_open",
    "invitation_respond",
    "meeting_add",
    "member_invite",
    "member_remove",
    "parse_ballots_csv",
    "problem_create",
    "problem_pages",
    "problem_publish",
    "solution_add",
    "solution_choose",
    "solution_score",
    "statement_add",
    "statement_decide",
    "statement_vote",
    "table_create",
    "table_publish",
    "table_update",
]

"""Specialized roundtables (میز تخصصی): members, chair elections, problem cores and their opinion maps.

Meetings are engagement activities (``TableMeeting`` only links them), execution programs are
``programs.Program`` rows, and a problem raised from a citizen's critique links the voice comment.
"""

from hamafza.roundtables.models.elections import (
    Ballot,
    Candidate,
    ChairTerm,
    Election,
    ElectionMethod,
    ElectionStatus,
    Voter,
)
from hamafza.roundtables.models.problems import (
    SCORE_MAX,
    Problem,
    ProblemSource,
    ProblemStatus,
    RootCause,
    Solution,
    SolutionScore,
)
from hamafza.roundtables.models.statements import (
    STATEMENT_LIMIT,
    Stance,
    Statement,
    StatementStatus,
    StatementVote,
    statement_key,
)
from hamafza.roundtables.models.tables import (
    MemberCategory,
    Membership,
    MembershipStatus,
    Roundtable,
    TableMeeting,
)

__all__ = [
    "SCORE_MAX",
    "STATEMENT_LIMIT",
    "Ballot",
    "Candidate",
    "ChairTerm",
    "Election",
    "ElectionMethod",
    "ElectionStatus",
    "MemberCategory",
    "Membership",
    "MembershipStatus",
    "Problem",
    "ProblemSource",
    "ProblemStatus",
    "RootCause",
    "Roundtable",
    "Solution",
    "SolutionScore",
    "Stance",
    "Statement",
    "StatementStatus",
    "StatementVote",
    "TableMeeting",
    "Voter",
    "statement_key",
]

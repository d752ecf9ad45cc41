"""Roundtables: a draft table is seen by its secretariat (governor in scope) and its members; the public sees only
what is published; writes go to the secretariat (setting up) or to accepted members (problems, scores)."""

from tests.authz.matrix import ADMIN, EVERYONE, NOBODY, NOT_FOUND, OK, SIGNED_IN, having, operation, page, post

MANAGERS = having("roundtables.manage")
# The secretariat and the table's members (the matrix's table member is an accepted elite member of A's table).
INSIDE = MANAGERS | {"table_member"}

ENTRIES = [
    page("roundtables:list", "/roundtables/", having("roundtables.take_part")),
    page("roundtables:public", "/roundtables/public/", EVERYONE, anonymous=OK),
    page("roundtables:create", "/roundtables/new/", MANAGERS),
    page("roundtables:detail", "/roundtables/{table}/", INSIDE, ADMIN, anonymous=NOT_FOUND),
    page("roundtables:edit", "/roundtables/{table}/edit/", MANAGERS, ADMIN),
    post("roundtables:publish", "/roundtables/{table}/publish/", MANAGERS, ADMIN),
    # Removing a member (the matrix's invited outsider) is the secretariat's, with a reason.
    post("roundtables:remove", "/roundtables/members/{invitation}/remove/", MANAGERS, ADMIN, data={"reason": "غیبت"}),
    post(
        "roundtables:invite",
        "/roundtables/{table}/members/",
        MANAGERS,
        ADMIN,
        data={"username": "b_manager", "category": "expert"},
    ),
    post("roundtables:meeting_add", "/roundtables/{table}/meetings/", MANAGERS, ADMIN),
    post("roundtables:election_create", "/roundtables/{table}/elections/", MANAGERS, ADMIN),
    page("roundtables:problem_create", "/roundtables/{table}/problems/new/", INSIDE, ADMIN),
    # Only the invited person answers an invitation; the matrix's people are none of them.
    post("roundtables:respond", "/roundtables/invitations/{invitation}/", NOBODY, data={"answer": "accept"}),
    page("roundtables:election", "/roundtables/elections/{election}/", INSIDE, ADMIN, anonymous=NOT_FOUND),
    post("roundtables:nominate", "/roundtables/elections/{election}/nominate/", MANAGERS, ADMIN),
    post("roundtables:election_open", "/roundtables/elections/{election}/open/", MANAGERS, ADMIN),
    # Those who see the election reach the service, which refers everyone but the voter roll with a message.
    post("roundtables:vote", "/roundtables/elections/{election}/vote/", INSIDE, ADMIN),
    post("roundtables:election_close", "/roundtables/elections/{election}/close/", MANAGERS, ADMIN),
    page(
        "roundtables:ballots_csv",
        "/roundtables/elections/{closed_election}/ballots.csv",
        INSIDE,
        ADMIN,
        anonymous=NOT_FOUND,
    ),
    page("roundtables:problem", "/roundtables/problems/{problem}/", INSIDE, ADMIN, anonymous=NOT_FOUND),
    post("roundtables:diagnosis", "/roundtables/problems/{problem}/diagnosis/", INSIDE, ADMIN),
    post("roundtables:problem_publish", "/roundtables/problems/{problem}/publish/", MANAGERS, ADMIN),
    post(
        "roundtables:solution_add", "/roundtables/problems/{problem}/solutions/", INSIDE, ADMIN, data={"title": "راه"}
    ),
    post(
        "roundtables:statement_add",
        "/roundtables/problems/{problem}/statements/",
        INSIDE,
        ADMIN,
        data={"text": "گزاره"},
    ),
    page("roundtables:opinions", "/roundtables/problems/{problem}/opinions/", INSIDE, ADMIN, anonymous=NOT_FOUND),
    post("roundtables:score", "/roundtables/solutions/{solution}/score/", INSIDE, ADMIN, data={"score": "3"}),
    post("roundtables:choose", "/roundtables/solutions/{solution}/choose/", MANAGERS, ADMIN),
    # Approving a proposed statement is the secretariat's; members see the statement but may not decide it.
    post(
        "roundtables:statement_decide",
        "/roundtables/statements/{statement}/decide/",
        MANAGERS,
        ADMIN,
        data={"decision": "approve"},
    ),
    post("roundtables:statement_vote", "/roundtables/statements/{statement}/vote/", INSIDE, ADMIN, data={"value": "1"}),
    operation("GET", "/api/v1/roundtables/", SIGNED_IN, probe="/api/v1/roundtables/"),
    operation("GET", "/api/v1/roundtables/public", EVERYONE, probe="/api/v1/roundtables/public", anonymous=OK),
    operation(
        "POST",
        "/api/v1/roundtables/",
        MANAGERS,
        probe="/api/v1/roundtables/",
        body={"organization_id": "{org}", "title": "میز تازه", "domain": "گردشگری", "secretary_id": 1},
    ),
    operation(
        "GET",
        "/api/v1/roundtables/{table_id}",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/{table}",
        anonymous=NOT_FOUND,
    ),
    operation(
        "POST",
        "/api/v1/roundtables/{table_id}/members",
        MANAGERS,
        ADMIN,
        probe="/api/v1/roundtables/{table}/members",
        body={"user_id": 1, "category": "expert"},
    ),
    operation(
        "GET",
        "/api/v1/roundtables/{table_id}/elections",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/{table}/elections",
        anonymous=NOT_FOUND,
    ),
    operation(
        "GET",
        "/api/v1/roundtables/elections/{election_id}",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/elections/{election}",
        anonymous=NOT_FOUND,
    ),
    operation(
        "POST",
        "/api/v1/roundtables/elections/{election_id}/ballots",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/elections/{election}/ballots",
        body={"ranking": [1]},
    ),
    operation(
        "POST",
        "/api/v1/roundtables/elections/{election_id}/close",
        MANAGERS,
        ADMIN,
        probe="/api/v1/roundtables/elections/{election}/close",
    ),
    operation(
        "GET",
        "/api/v1/roundtables/{table_id}/problems",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/{table}/problems",
        anonymous=NOT_FOUND,
    ),
    operation(
        "GET",
        "/api/v1/roundtables/problems/{problem_id}",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/problems/{problem}",
        anonymous=NOT_FOUND,
    ),
    operation(
        "POST",
        "/api/v1/roundtables/{table_id}/problems",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/{table}/problems",
        body={"title": "مسئله", "description": "شرح"},
    ),
    operation(
        "POST",
        "/api/v1/roundtables/solutions/{solution_id}/scores",
        INSIDE,
        ADMIN,
        probe="/api/v1/roundtables/solutions/{solution}/scores",
        body={"score": 3},
    ),
]


def build(world) -> None:
    from hamafza.accounts.services import user_create
    from hamafza.organizations.models import Organization
    from hamafza.organizations.services import role_grant
    from hamafza.roundtables import services

    for scope in ("in", "out"):
        org = Organization.objects.get(pk=world.ids[scope]["org"])
        if scope == "in":
            secretary = world.users["governor"]
        else:
            secretary = user_create(username="b_governor", password="matrix-pass-1403", by=None, first_name="دبیر ب")
            role_grant(user=secretary, role="governor", by=None, organization=org)
        table = services.table_create(
            organization=org, title=f"میز {scope}", domain="گردشگری", secretary=secretary, by=None
        )
        elite = []
        for n in range(2):
            person = user_create(
                username=f"rt_{scope}_{n}", password="matrix-pass-1403", by=None, first_name=f"عضو {n}"
            )
            elite.append(person)
        if scope == "in":
            elite.append(world.users["table_member"])
        for person in elite:
            membership = services.member_invite(table=table, user=person, category="expert", is_elite=True, by=None)
            services.invitation_respond(membership=membership, accept=True, by=person)
        outsider = user_create(username=f"rt_{scope}_invited", password="matrix-pass-1403", by=None, first_name="مدعو")
        invitation = services.member_invite(table=table, user=outsider, category="thinker", is_elite=False, by=None)
        # A closed election (its ballots are published inside the table) and an open one.
        closed = services.election_create(table=table, title="دور نخست", by=None)
        for person in elite[:2]:
            services.candidate_nominate(election=closed, user=person, by=None)
        closed = services.election_open(election=closed, by=None)
        first, second = closed.candidates.order_by("order").values_list("pk", flat=True)
        for person in elite:
            services.ballot_cast(election=closed, ranking=[first, second], by=person)
        closed = services.election_close(election=closed, by=None)
        election = services.election_create(table=table, title="دور دوم", by=None)
        for person in elite[:2]:
            services.candidate_nominate(election=election, user=person, by=None)
        election = services.election_open(election=election, by=None)
        problem = services.problem_create(table=table, title=f"مسئله {scope}", description="شرح مسئله", by=None)
        solution = services.solution_add(problem=problem, title="راهکار نخست", by=None)
        statement = services.statement_add(problem=problem, text="گزاره نخست", by=None)
        world.ids[scope].update(
            table=table.pk,
            invitation=invitation.pk,
            election=election.pk,
            closed_election=closed.pk,
            problem=problem.pk,
            solution=solution.pk,
            statement=statement.pk,
        )

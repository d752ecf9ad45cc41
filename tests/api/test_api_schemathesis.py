"""Schemathesis over the whole ``/api/v1/openapi.json``: every operation, as a stranger and as three roles.

Nothing is listed by hand: the operations come from the live OpenAPI document, so a router another app adds
is tested here as soon as it is mounted. For each operation and each caller, a bounded and derandomized set of
generated requests must get no 5xx and only responses that match the documented status codes and schemas.
The suite runs on SQLite and again on PostgreSQL (``make test``), so this file runs on both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from hamafza.accounts.services import api_token_create
from tests.evaluation.conftest import row, xlsx

ROLES = ("anonymous", "evaluation_office", "agency_staff", "inspector")


@pytest.fixture
def api_world(db: Any, places_loaded: Any, make_org: Any, make_user: Any, grant: Any) -> dict[str, dict[str, str]]:
    """A demo-like world (an office running a round over a district, its staff, an inspector); token headers."""
    from hamafza.evaluation.framework_io import parse_framework_xlsx
    from hamafza.evaluation.models import RoundState
    from hamafza.evaluation.services.frameworks import framework_version_create
    from hamafza.evaluation.services.rounds import assignment_create, round_add_units, round_advance, round_create

    municipality = make_org("شهرداری شیراز", kind="municipality")
    district = make_org("منطقه یک شیراز", kind="municipal_district", parent=municipality)
    # No password: hashing one with Argon2 costs a second per person, and these people log in by token.
    people = {role: make_user(f"st-{role}", password=None) for role in ROLES[1:]}
    grant(people["evaluation_office"], "evaluation_office", organization=municipality)
    grant(people["agency_staff"], "agency_staff", organization=district)
    grant(people["inspector"], "inspector", organization=municipality)
    office = people["evaluation_office"]
    axes = parse_framework_xlsx(xlsx([row("A", "A1", "plan"), row("A", "A1", "sessions", "عدد", standard=12)]))
    version = framework_version_create(by=office, owner=municipality, code="st", title="آزمون", axes=axes)
    round_ = round_create(by=office, office=municipality, framework_version=version, code="st-1", title="دوره")
    [unit] = round_add_units(round_=round_, units=[district], by=office)
    assignment_create(round_unit=unit, inspector=people["inspector"], by=office)
    round_advance(round_=round_, to=RoundState.SELF_ASSESSMENT, by=office)
    headers = {"anonymous": {}}
    for role, user in people.items():
        _, raw = api_token_create(user=user, name="schemathesis")
        headers[role] = {"Authorization": f"Bearer {raw}"}
    return headers


@pytest.fixture
def wsgi_requests_in_the_test_transaction() -> Iterator[None]:
    # Django's test client does the same: a real request cycle would close the connection at its end, and with
    # it the transaction the test runs in.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _load_schema() -> Any:
    # The document the API serves at /api/v1/openapi.json, built without a request (collection may not touch
    # the database); requests then go to the WSGI application in this process.
    from hamafza.api import api
    from hamafza.wsgi import application

    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"))))
    loaded.app = application
    return loaded


schema = _load_schema()


@pytest.mark.usefixtures("wsgi_requests_in_the_test_transaction")
# One parameter for all four callers: it also gives each operation its own test id ("…[GET /api/v1/…][callers]"),
# which pytest-xdist needs to deal the operations out (without a parameter every item had the same id).
@pytest.mark.parametrize("callers", [ROLES], ids=["callers"])
@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented_and_never_5xx(
    case: Any, callers: tuple[str, ...], api_world: dict[str, dict[str, str]]
) -> None:
    # Every generated request goes out as each caller in turn: generating the cases (the coverage phase above
    # all) cost more than sending them, and it was done again for each caller.
    for role in callers:
        # Generated invalid input must get a 4xx, never a 5xx; whether a lenient parse (an empty ``?province=``
        # read as "any province") accepts it is the API's choice, and valid input may well name a missing object.
        try:
            case.call_and_validate(
                headers=api_world[role],
                excluded_checks=[checks.negative_data_rejection, checks.positive_data_acceptance],
            )
        except BaseException as error:
            error.add_note(f"as the caller: {role}")
            raise

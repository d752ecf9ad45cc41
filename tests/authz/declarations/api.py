"""The /api/v1 operations (the API's own pages are in core.py)."""

from hamafza.organizations.roles import Role
from tests.authz.matrix import (
    ADMIN,
    EVERYONE,
    FORBIDDEN,
    NOBODY,
    NOT_FOUND,
    SIGNED_IN,
    cells,
    having,
    operation,
    page,
)

VIEWERS = having("organization.view")
MANAGERS = having("organization.manage")
OFFICE = having("evaluation.manage")
UNIT = frozenset({Role.AGENCY_MANAGER, Role.AGENCY_STAFF}) | ADMIN
UNIT_VIEWERS = OFFICE | UNIT | {Role.INSPECTOR, Role.GOVERNOR}
# Reaching an organization one can see but not manage is refused as forbidden, not as missing.
SEE_NOT_MANAGE = cells(VIEWERS - MANAGERS, FORBIDDEN)

ENTRIES = [
    # Any /api/v1 path no operation matches: a JSON 404 for everyone, signed in or not.
    page("api_unmatched", "/api/v1/no-such-operation", NOBODY, NOBODY, anonymous=NOT_FOUND),
    operation("GET", "/api/v1/places/provinces", EVERYONE, probe="/api/v1/places/provinces"),
    operation(
        "GET", "/api/v1/places/provinces/{province_id}/counties", EVERYONE, EVERYONE,
        probe="/api/v1/places/provinces/{province}/counties",
    ),
    operation(
        "GET", "/api/v1/places/counties/{county_id}/districts", EVERYONE, EVERYONE,
        probe="/api/v1/places/counties/{county}/districts",
    ),
    operation(
        "GET", "/api/v1/places/districts/{district_id}/cities", EVERYONE, EVERYONE,
        probe="/api/v1/places/districts/{district}/cities",
    ),
    operation("GET", "/api/v1/places/search", EVERYONE, probe="/api/v1/places/search?q=%D9%85%D8%A7%D8%AA%D8%B1"),
    # Everyone signed in gets the list; it holds only what they may see (empty for a citizen).
    operation("GET", "/api/v1/organizations/", SIGNED_IN, probe="/api/v1/organizations/"),
    operation(
        "POST", "/api/v1/organizations/", MANAGERS, probe="/api/v1/organizations/",
        body={"parent_id": "{org}", "code": "matrix-new", "name": "واحد تازه", "kind": "agency"},
        # A parent one cannot see is a bad reference in the body, answered like a missing one (400).
        cells={**SEE_NOT_MANAGE, **cells(SIGNED_IN - VIEWERS, "400")},
    ),
    operation("GET", "/api/v1/organizations/{org_id}", VIEWERS, ADMIN, probe="/api/v1/organizations/{org}"),
    operation(
        "PATCH", "/api/v1/organizations/{org_id}", MANAGERS, ADMIN, probe="/api/v1/organizations/{org}",
        body={"version": 1, "name": "نام تازه"}, cells=SEE_NOT_MANAGE,
    ),
    operation(
        "GET", "/api/v1/organizations/{org_id}/children", VIEWERS, ADMIN, probe="/api/v1/organizations/{org}/children"
    ),
    operation("GET", "/api/v1/evaluation/frameworks", SIGNED_IN, probe="/api/v1/evaluation/frameworks"),
    # The version is used by a published round, whose results (and so its questions) are public by design.
    operation(
        "GET", "/api/v1/evaluation/versions/{version_id}", SIGNED_IN, SIGNED_IN,
        probe="/api/v1/evaluation/versions/{version}",
    ),
    operation("GET", "/api/v1/evaluation/rounds", SIGNED_IN, probe="/api/v1/evaluation/rounds"),
    operation(
        "GET", "/api/v1/evaluation/rounds/{round_id}", UNIT_VIEWERS, ADMIN, probe="/api/v1/evaluation/rounds/{open_round}"
    ),
    operation(
        "POST", "/api/v1/evaluation/rounds/{round_id}/advance", OFFICE, ADMIN,
        probe="/api/v1/evaluation/rounds/{open_round}/advance", body={"to": "field_inspection"},
    ),
    # Before publication the unit sees its own line only (the office every line): tests/evaluation pins which.
    operation(
        "GET", "/api/v1/evaluation/rounds/{round_id}/results", UNIT_VIEWERS, ADMIN,
        probe="/api/v1/evaluation/rounds/{done_round}/results",
    ),
    operation(
        "POST", "/api/v1/evaluation/units/{unit_id}/assignments", OFFICE, ADMIN,
        probe="/api/v1/evaluation/units/{open_unit}/assignments", body={"inspector_id": "{inspector_id}"},
    ),
    operation(
        "GET", "/api/v1/evaluation/units/{unit_id}/answers", UNIT_VIEWERS, ADMIN,
        probe="/api/v1/evaluation/units/{open_unit}/answers",
    ),
    operation(
        "PUT", "/api/v1/evaluation/units/{unit_id}/answers", UNIT, ADMIN,
        probe="/api/v1/evaluation/units/{open_unit}/answers", body={"item": "sessions", "value": "7"},
    ),
    operation("GET", "/api/v1/notifications/", SIGNED_IN, probe="/api/v1/notifications/"),
    operation(
        "POST", "/api/v1/notifications/{notification_id}/read", {Role.AGENCY_MANAGER}, NOBODY,
        probe="/api/v1/notifications/{notification}/read",
    ),
    operation("POST", "/api/v1/notifications/read-all", SIGNED_IN, probe="/api/v1/notifications/read-all"),
]  # fmt: skip


def build(world) -> None:
    from hamafza.places.models import City, County, District, Province

    # A small piece of the map (ids far above the real ones, which other tests may have loaded).
    province = Province.objects.create(id=990001, name="استان ماتریس")
    county = County.objects.create(id=990002, name="ماتریس", province=province)
    district = District.objects.create(id=990003, name="بخش مرکزی ماتریس", province=province, county=county)
    City.objects.create(id=990004, name="ماتریس", province=province, county=county, district=district)
    for scope in ("in", "out"):
        world.ids[scope].update(province=province.pk, county=county.pk, district=district.pk)
    world.ids["in"]["inspector_id"] = world.users[Role.INSPECTOR].pk
    world.ids["out"]["inspector_id"] = world.others["inspector"].pk

"""Development: capacities, indicators and the public ranking, key works, pledges and experiences.

People who may view an organization see its capacities, indicators, draft key works and draft experiences; those
with ``development.manage`` there (staff, managers, governors) write them and handle pledges. A ranking with
indicators is public statistics; published key works and experiences are everyone's.
"""

from tests.authz.matrix import ADMIN, EVERYONE, NOT_FOUND, OK, SIGNED_IN, having, operation, page, post

VIEWERS = having("organization.view")
MANAGE = having("development.manage")
MANAGERS = having("organization.manage")

D = "/development"
A = "/api/v1/development"

ENTRIES = [
    page("development:home", f"{D}/", VIEWERS),
    page("development:capacities", f"{D}/orgs/{{org}}/capacities/", VIEWERS, ADMIN),
    page("development:capacity_create", f"{D}/orgs/{{org}}/capacities/new/", MANAGE, ADMIN),
    page("development:capacity_edit", f"{D}/capacities/{{capacity}}/edit/", MANAGE, ADMIN),
    page("development:weights", f"{D}/orgs/{{org}}/weights/", MANAGE, ADMIN),
    page("development:indicators", f"{D}/orgs/{{org}}/indicators/", VIEWERS, ADMIN),
    post("development:indicator_create", f"{D}/orgs/{{org}}/indicators/new/", MANAGE, ADMIN, data={"title": "شاخص"}),
    page("development:indicators_import", f"{D}/orgs/{{org}}/indicators/import/", MANAGE, ADMIN),
    page("development:indicators_template", f"{D}/orgs/{{org}}/indicators/template.xlsx", MANAGE, ADMIN),
    page("development:indicator_values", f"{D}/indicators/{{indicator}}/values/", MANAGE, ADMIN),
    # An organization's ranking is public once it has indicators (both A's and B's have one).
    page("development:ranking", f"{D}/orgs/{{org}}/ranking/", EVERYONE, EVERYONE, anonymous=OK),
    page("development:key_work_list", f"{D}/key-works/", VIEWERS),
    page("development:key_work_public", f"{D}/key-works/public/", EVERYONE, anonymous=OK),
    page("development:key_work_create", f"{D}/key-works/new/", MANAGERS),
    # Draft key works and draft experiences: the owner's people only; a visitor finds nothing.
    page("development:key_work_detail", f"{D}/key-works/{{key_work}}/", VIEWERS, ADMIN, anonymous=NOT_FOUND),
    page(
        "development:program_pledges",
        f"{D}/programs/{{key_work_program}}/pledges/",
        VIEWERS,
        ADMIN,
        anonymous=NOT_FOUND,
    ),
    page("development:pledge_queue", f"{D}/pledges/", MANAGE),
    post("development:pledge_advance", f"{D}/pledges/{{pledge}}/advance/", MANAGE, ADMIN, data={"to": "confirmed"}),
    page("development:experience_list", f"{D}/experiences/", EVERYONE, anonymous=OK),
    page("development:experience_create", f"{D}/experiences/new/", MANAGE),
    page("development:experience_detail", f"{D}/experiences/{{experience}}/", VIEWERS, ADMIN, anonymous=NOT_FOUND),
    page("development:experience_edit", f"{D}/experiences/{{experience}}/edit/", MANAGE, ADMIN),
    # A draft cannot be adopted: those allowed are sent back with the reason, nothing is written.
    post(
        "development:experience_adopt",
        f"{D}/experiences/{{experience}}/adopt/",
        MANAGE,
        ADMIN,
        data={"organization": "{org}"},
    ),
    operation("GET", f"{A}/orgs/{{org_id}}/capacities", VIEWERS, ADMIN, probe=f"{A}/orgs/{{org}}/capacities"),
    operation(
        "POST",
        f"{A}/orgs/{{org_id}}/capacities",
        MANAGE,
        ADMIN,
        probe=f"{A}/orgs/{{org}}/capacities",
        body={"title": "ظرفیت تازه", "kind": "place", "importance": "۵", "sustainability": "۵", "long_term": "۵"},
    ),
    operation(
        "PUT",
        f"{A}/capacities/{{capacity_id}}",
        MANAGE,
        ADMIN,
        probe=f"{A}/capacities/{{capacity}}",
        body={
            "title": "ظرفیت",
            "kind": "place",
            "importance": "۵",
            "sustainability": "۵",
            "long_term": "۵",
            "version": 1,
        },
    ),
    operation("GET", f"{A}/orgs/{{org_id}}/indicators", VIEWERS, ADMIN, probe=f"{A}/orgs/{{org}}/indicators"),
    operation(
        "PUT",
        f"{A}/orgs/{{org_id}}/weights",
        MANAGE,
        ADMIN,
        probe=f"{A}/orgs/{{org}}/weights",
        body={"matrix": [["1", "3", "5"], ["1/3", "1", "3"], ["1/5", "1/3", "1"]]},
    ),
    operation(
        "GET", f"{A}/orgs/{{org_id}}/ranking", EVERYONE, EVERYONE, probe=f"{A}/orgs/{{org}}/ranking", anonymous=OK
    ),
    operation("GET", f"{A}/key-works/", EVERYONE, probe=f"{A}/key-works/", anonymous=OK),
    operation(
        "GET",
        f"{A}/key-works/{{key_work_id}}",
        VIEWERS,
        ADMIN,
        probe=f"{A}/key-works/{{key_work}}",
        anonymous=NOT_FOUND,
    ),
    operation("GET", f"{A}/pledges/", SIGNED_IN, probe=f"{A}/pledges/"),
    operation(
        "GET",
        f"{A}/programs/{{program_id}}/pledges/totals",
        VIEWERS,
        ADMIN,
        probe=f"{A}/programs/{{key_work_program}}/pledges/totals",
        anonymous=NOT_FOUND,
    ),
    operation(
        "POST",
        f"{A}/programs/{{program_id}}/pledges",
        VIEWERS,
        ADMIN,
        probe=f"{A}/programs/{{key_work_program}}/pledges",
        body={"pledger_kind": "citizen", "kind": "design", "description": "طراحی نما"},
    ),
    operation(
        "POST",
        f"{A}/pledges/{{pledge_id}}/advance",
        MANAGE,
        ADMIN,
        probe=f"{A}/pledges/{{pledge}}/advance",
        body={"to": "confirmed"},
    ),
]


def build(world) -> None:
    from hamafza.development import services
    from hamafza.development.models import Pledge
    from hamafza.organizations.models import Organization

    for scope in ("in", "out"):
        ids = world.ids[scope]
        owner = Organization.objects.get(pk=ids["org"])
        ids["capacity"] = services.capacity_create(
            owner=owner, by=None, title=f"ظرفیت {scope}", kind="natural", importance=8, sustainability=7, long_term=9
        ).pk
        ids["indicator"] = services.indicator_create(owner=owner, title=f"شاخص {scope}", by=None).pk
        key_work = services.key_work_create(
            owner=owner, title=f"کار شاخص {scope}", goals="هدف", challenge="waste", jalali_year=1405, by=None
        )
        ids["key_work"] = key_work.pk
        ids["key_work_program"] = key_work.program_id
        ids["pledge"] = Pledge.objects.create(
            program=key_work.program, pledger_kind="citizen", name="نیکوکار", kind="design", description="طراحی"
        ).pk
        ids["experience"] = services.experience_create(
            owner=owner, by=None, title=f"تجربه {scope}", problem="مسئله", action="اقدام", result="نتیجه"
        ).pk

"""Programs: drafts are seen in the owner's scope and changed by its managers; published ones by everyone."""

from tests.authz.matrix import ADMIN, EVERYONE, NOT_FOUND, OK, SIGNED_IN, having, operation, page, post

VIEWERS = having("organization.view")
MANAGERS = having("organization.manage")

ENTRIES = [
    page("programs:list", "/programs/", VIEWERS),
    page("programs:public", "/programs/public/", EVERYONE, anonymous=OK),
    page("programs:create", "/programs/new/", MANAGERS),
    # A draft program: its page is public only once published, so a visitor finds nothing here.
    page("programs:detail", "/programs/{program}/", VIEWERS, ADMIN, anonymous=NOT_FOUND),
    page("programs:edit", "/programs/{program}/edit/", MANAGERS, ADMIN),
    post("programs:publish", "/programs/{program}/publish/", MANAGERS, ADMIN),
    post("programs:milestone_add", "/programs/{program}/milestones/", MANAGERS, ADMIN, data={"title": "گام تازه"}),
    # Those refused get 404 before the form is read, so the probe sends no fields.
    post("programs:milestone_progress", "/programs/milestones/{milestone}/progress/", MANAGERS, ADMIN),
    operation("GET", "/api/v1/programs/", SIGNED_IN, probe="/api/v1/programs/"),
    operation("GET", "/api/v1/programs/public", EVERYONE, probe="/api/v1/programs/public", anonymous=OK),
    operation(
        "POST",
        "/api/v1/programs/",
        MANAGERS,
        probe="/api/v1/programs/",
        body={"owner_id": "{org}", "title": "برنامه تازه", "kind": "key_work"},
    ),
    operation("GET", "/api/v1/programs/{program_id}", VIEWERS, ADMIN, probe="/api/v1/programs/{program}"),
    operation(
        "PATCH",
        "/api/v1/programs/{program_id}",
        MANAGERS,
        ADMIN,
        probe="/api/v1/programs/{program}",
        body={"version": 1, "title": "عنوان تازه"},
    ),
    operation(
        "POST", "/api/v1/programs/{program_id}/publish", MANAGERS, ADMIN, probe="/api/v1/programs/{program}/publish"
    ),
    operation(
        "POST",
        "/api/v1/programs/{program_id}/milestones",
        MANAGERS,
        ADMIN,
        probe="/api/v1/programs/{program}/milestones",
        body={"title": "گام تازه"},
    ),
    operation(
        "POST",
        "/api/v1/programs/milestones/{milestone_id}/progress",
        MANAGERS,
        ADMIN,
        probe="/api/v1/programs/milestones/{milestone}/progress",
        body={"progress": "۱۰"},
    ),
]


def build(world) -> None:
    from hamafza.organizations.models import Organization
    from hamafza.programs.services import milestone_add, program_create

    for scope in ("in", "out"):
        owner = Organization.objects.get(pk=world.ids[scope]["org"])
        program = program_create(owner=owner, title=f"برنامه {scope}", kind="key_work", by=None)
        world.ids[scope]["program"] = program.pk
        world.ids[scope]["milestone"] = milestone_add(program=program, title="گام نخست", by=None).pk

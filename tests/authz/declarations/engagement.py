"""Engagement: the registry, imports, alignment, requests, activities, rooms and joint-program partners.

Agency people (staff, managers, governors) act for the organizations their grants cover; the NGO
representative acts only for the stakeholder they are linked to (the "in" stakeholder). The registry itself is
shared by every agency, so agency people see B's stakeholder and B's rooms too.
"""

from hamafza.organizations.roles import Role
from tests.authz.matrix import ADMIN, REFUSED, SIGNED_IN, cells, having, operation, page, post

MANAGE = having("engagement.manage")
REP = frozenset({Role.NGO_REPRESENTATIVE})
REGISTRY = MANAGE | REP
# The import job is its uploader's (agency staff in A) and a system administrator's.
UPLOADER = frozenset({Role.AGENCY_STAFF}) | ADMIN
PROGRAM_VIEWERS = having("organization.view")
PROGRAM_EDITORS = having("organization.manage")

E = "/engagement"
A = "/api/v1/engagement"

ENTRIES = [
    page("engagement:stakeholder_list", f"{E}/stakeholders/", REGISTRY),
    page("engagement:stakeholder_create", f"{E}/stakeholders/new/", MANAGE),
    page("engagement:stakeholder_detail", f"{E}/stakeholders/{{stakeholder}}/", REGISTRY, MANAGE),
    page("engagement:stakeholder_edit", f"{E}/stakeholders/{{stakeholder}}/edit/", REGISTRY, MANAGE),
    # A representative may open their NGO but verifying it is the agencies' word: refused with a message.
    post(
        "engagement:stakeholder_verify",
        f"{E}/stakeholders/{{stakeholder}}/verify/",
        MANAGE,
        MANAGE,
        data={"verification": "verified"},
        cells=cells(REP, REFUSED),
    ),
    post("engagement:contact_add", f"{E}/stakeholders/{{stakeholder}}/contacts/", REGISTRY, MANAGE),
    post("engagement:document_add", f"{E}/stakeholders/{{stakeholder}}/documents/", REGISTRY, MANAGE),
    # A document opens for whoever may open its stakeholder (the NGO's own representative too).
    page("engagement:document_download", f"{E}/stakeholders/documents/{{document}}/", REGISTRY, MANAGE),
    page("engagement:import_upload", f"{E}/import/", MANAGE),
    page("engagement:import_template", f"{E}/import/template.xlsx", MANAGE),
    page("engagement:import_detail", f"{E}/import/{{import_job}}/", UPLOADER, ADMIN),
    page("engagement:import_status", f"{E}/import/{{import_job}}/status/", UPLOADER, ADMIN),
    post("engagement:import_confirm", f"{E}/import/{{import_job}}/confirm/", UPLOADER, ADMIN),
    page("engagement:agency_pick", f"{E}/alignment/", MANAGE),
    page("engagement:alignment", f"{E}/agencies/{{org}}/alignment/", MANAGE, ADMIN),
    post(
        "engagement:relationship_confirm",
        f"{E}/agencies/{{org}}/alignment/{{stakeholder}}/confirm/",
        MANAGE,
        ADMIN,
        data={"kind": "partner", "starts_on": "1404/01/10"},
    ),
    page("engagement:request_list", f"{E}/requests/", REGISTRY),
    page("engagement:request_create", f"{E}/requests/new/", REGISTRY),
    page("engagement:request_detail", f"{E}/requests/{{engagement_request}}/", REGISTRY, ADMIN),
    post(
        "engagement:request_reply", f"{E}/requests/{{engagement_request}}/reply/", REGISTRY, ADMIN, data={"body": "x"}
    ),
    post(
        "engagement:request_status",
        f"{E}/requests/{{engagement_request}}/status/",
        REGISTRY,
        ADMIN,
        data={"status": "closed"},
    ),
    page("engagement:activity_list", f"{E}/activities/", REGISTRY),
    page("engagement:activity_create", f"{E}/activities/new/", MANAGE),
    page("engagement:activity_detail", f"{E}/activities/{{activity}}/", REGISTRY, ADMIN),
    post("engagement:participant_add", f"{E}/activities/{{activity}}/participants/", MANAGE, ADMIN),
    # Registration is for courses: for this meeting the invited representative is refused with a message.
    post(
        "engagement:course_register",
        f"{E}/activities/{{activity}}/register/",
        REGISTRY,
        ADMIN,
        data={"stakeholder": "{stakeholder}"},
        cells=cells(REP, REFUSED),
    ),
    post(
        "engagement:consultation_answer",
        f"{E}/activities/{{activity}}/consultation/{{participant}}/",
        REP,
        data={"opinion": "نظر"},
    ),
    post("engagement:attendance", f"{E}/activities/{{activity}}/attendance/", MANAGE, ADMIN),
    post(
        "engagement:minutes_save",
        f"{E}/activities/{{activity}}/minutes/",
        MANAGE,
        ADMIN,
        data={"minutes": "صورت‌جلسه", "version": "1"},
    ),
    page("engagement:activity_ics", f"{E}/activities/{{activity}}/invite.ics", REGISTRY, ADMIN),
    post("engagement:attachment_add", f"{E}/activities/{{activity}}/attachments/", MANAGE, ADMIN, data={"file": "PDF"}),
    # A file is opened by whoever may open its activity (the invited NGO's representative too).
    page("engagement:attachment_download", f"{E}/activities/attachments/{{attachment}}/", REGISTRY, ADMIN),
    page("engagement:calendar", f"{E}/calendar/", REGISTRY),
    page("engagement:my_actions", f"{E}/my-actions/", SIGNED_IN),
    post(
        "engagement:action_status",
        f"{E}/my-actions/{{action_item}}/status/",
        MANAGE,
        ADMIN,
        data={"status": "done"},
    ),
    page("engagement:room_list", f"{E}/rooms/", REGISTRY),
    page("engagement:room_detail", f"{E}/rooms/{{room}}/", REGISTRY, REGISTRY),
    post("engagement:booking_decide", f"{E}/bookings/{{booking}}/decide/", MANAGE, ADMIN, data={"decision": "reject"}),
    page("engagement:agency_dashboard", f"{E}/agencies/{{org}}/dashboard/", MANAGE, ADMIN),
    # The governor's page is about their own governorate: only a governor's grant opens it.
    page("engagement:governor_dashboard", f"{E}/governor/", {Role.GOVERNOR}),
    page("engagement:joint_programs", f"{E}/programs/", REGISTRY),
    page("engagement:program_partners", f"{E}/programs/{{joint_program}}/partners/", PROGRAM_VIEWERS, ADMIN),
    post(
        "engagement:program_partner_create",
        f"{E}/programs/{{joint_program}}/partners/add/",
        PROGRAM_EDITORS,
        ADMIN,
        data={"stakeholder": "{stakeholder}", "role": "partner"},
    ),
    post(
        "engagement:program_partner_delete",
        f"{E}/programs/{{joint_program}}/partners/{{partner}}/remove/",
        PROGRAM_EDITORS,
        ADMIN,
    ),
    # The API: the same checks. Lists hold only what the caller may see (empty for the rest).
    operation("GET", f"{A}/stakeholders/", SIGNED_IN, probe=f"{A}/stakeholders/"),
    operation(
        "POST",
        f"{A}/stakeholders/",
        MANAGE,
        probe=f"{A}/stakeholders/",
        body={"name": "سمن ماتریس"},
        denied="403",
    ),
    operation(
        "GET", f"{A}/stakeholders/{{stakeholder_id}}", REGISTRY, MANAGE, probe=f"{A}/stakeholders/{{stakeholder}}"
    ),
    operation(
        "PUT",
        f"{A}/stakeholders/{{stakeholder_id}}",
        REGISTRY,
        MANAGE,
        probe=f"{A}/stakeholders/{{stakeholder}}",
        body={"name": "نام تازه", "version": 1},
    ),
    operation("GET", f"{A}/agencies/{{org_id}}/alignment", MANAGE, ADMIN, probe=f"{A}/agencies/{{org}}/alignment"),
    operation(
        "POST",
        f"{A}/relationships/",
        MANAGE,
        probe=f"{A}/relationships/",
        body={
            "organization_id": "{org}",
            "stakeholder_id": "{stakeholder}",
            "kind": "partner",
            "starts_on": "2025-04-01",
        },
    ),
    operation("GET", f"{A}/requests/", SIGNED_IN, probe=f"{A}/requests/"),
    operation(
        "POST",
        f"{A}/requests/",
        REGISTRY,
        probe=f"{A}/requests/",
        body={
            "organization_id": "{org}",
            "stakeholder_id": "{stakeholder}",
            "kind": "proposal",
            "subject": "س",
            "body": "م",
        },
    ),
    operation(
        "GET",
        f"{A}/requests/{{request_id}}",
        REGISTRY,
        ADMIN,
        probe=f"{A}/requests/{{engagement_request}}",
    ),
    operation(
        "POST",
        f"{A}/requests/{{request_id}}/messages",
        REGISTRY,
        ADMIN,
        probe=f"{A}/requests/{{engagement_request}}/messages",
        body={"body": "پیام"},
    ),
    operation("GET", f"{A}/activities/", SIGNED_IN, probe=f"{A}/activities/"),
    operation("GET", f"{A}/activities/{{activity_id}}", REGISTRY, ADMIN, probe=f"{A}/activities/{{activity}}"),
    operation(
        "GET",
        f"{A}/programs/{{program_id}}/partners",
        PROGRAM_VIEWERS,
        ADMIN,
        probe=f"{A}/programs/{{joint_program}}/partners",
    ),
    operation(
        "POST",
        f"{A}/programs/{{program_id}}/partners",
        PROGRAM_EDITORS,
        ADMIN,
        probe=f"{A}/programs/{{joint_program}}/partners",
        body={"stakeholder_id": "{stakeholder}"},
    ),
]


def build(world) -> None:
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from hamafza.engagement.models import StakeholderImport
    from hamafza.engagement.services.activities import (
        Decision,
        activity_create,
        attachment_add,
        minutes_save,
        participant_add,
    )
    from hamafza.engagement.services.facilities import booking_request, room_create
    from hamafza.engagement.services.programs import program_partner_add
    from hamafza.engagement.services.requests import request_create
    from hamafza.engagement.services.stakeholders import (
        StakeholderData,
        document_add,
        representative_link,
        stakeholder_create,
    )
    from hamafza.organizations.models import Organization
    from hamafza.programs.services import program_create
    from tests.authz.world import MINUTES_PDF

    rep = world.users[Role.NGO_REPRESENTATIVE]
    start = timezone.now() + dt.timedelta(days=30)
    for scope, letter, uploader, owner in (
        ("in", "الف", world.users[Role.AGENCY_STAFF], world.users[Role.AGENCY_MANAGER]),
        ("out", "ب", world.others["manager"], world.others["manager"]),
    ):
        ids = world.ids[scope]
        org = Organization.objects.get(pk=ids["org"])
        stakeholder = stakeholder_create(data=StakeholderData(name=f"سمن ماتریس {letter}"), by=None)
        if scope == "in":
            representative_link(user=rep, stakeholder=stakeholder, by=None)
        document = document_add(
            stakeholder=stakeholder,
            upload=SimpleUploadedFile("اساسنامه.pdf", MINUTES_PDF, content_type="application/pdf"),
            by=None,
        )
        job = StakeholderImport(original_name="list.csv", created_by=uploader)
        job.file.save("list.csv", ContentFile("نام\nسمن\n".encode()), save=False)
        job.save()
        request = request_create(
            organization=org, stakeholder=stakeholder, kind="proposal", subject=f"پیشنهاد {letter}", body="متن", by=None
        )
        activity = activity_create(
            organization=org,
            kind="meeting",
            title=f"نشست {letter}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            question="نظر شما؟",
            by=None,
        )
        participant = participant_add(activity=activity, stakeholder=stakeholder, by=None)
        minutes_save(
            activity=activity,
            minutes="",
            decisions=[Decision("اقدام", owner, start.date())],
            version=activity.version,
            by=None,
        )
        attachment = attachment_add(
            activity=activity,
            upload=SimpleUploadedFile("صورت‌جلسه.pdf", MINUTES_PDF, content_type="application/pdf"),
            by=None,
        )
        room = room_create(organization=org, name=f"سالن {letter}", capacity=10, by=None)
        booking = booking_request(
            room=room, stakeholder=stakeholder, purpose="جلسه", starts_at=start, ends_at=start + dt.timedelta(hours=2),
            by=rep if scope == "in" else owner,
        )  # fmt: skip
        program = program_create(owner=org, title=f"برنامه مشترک {letter}", kind="joint_program", by=None)
        partner = program_partner_add(program=program, stakeholder=stakeholder, role="partner", by=None)
        ids.update(
            stakeholder=stakeholder.pk,
            document=document.pk,
            import_job=job.pk,
            engagement_request=request.pk,
            activity=activity.pk,
            attachment=attachment.pk,
            participant=participant.pk,
            action_item=activity.action_items.get().pk,
            room=room.pk,
            booking=booking.pk,
            joint_program=program.pk,
            partner=partner.pk,
        )

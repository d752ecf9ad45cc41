"""The fixture world of the authorization matrix: one person per role in organization A, and the same objects in
A and in a foreign organization B.

Every id a declared path needs is in ``World.ids[scope]`` (scope ``"in"`` = A, ``"out"`` = B), so a declaration
writes ``/evaluation/units/{open_unit}/`` and gets the object of the scope being probed. Apps that add objects
define ``build(world) -> None`` in their declarations module (``declarations/<app>.py``), which fills
``world.ids["in"]`` and ``world.ids["out"]``; it runs after the foundation and evaluation are built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.organizations.roles import Role
from tests.files import pdf_bytes

ANONYMOUS = "anonymous"
ROLES: tuple[str, ...] = (ANONYMOUS, *Role.values)
SCOPES = ("in", "out")

# A real PDF: uploads are checked by structure (a startxref pointing at the cross-reference), not by "%PDF-".
MINUTES_PDF = pdf_bytes()


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    ids: dict[str, dict[str, Any]] = field(default_factory=lambda: {"in": {}, "out": {}})
    # People of B who act there (B's office, inspector, manager), never probed themselves.
    others: dict[str, Any] = field(default_factory=dict)


def _framework_axes() -> Any:
    from hamafza.evaluation.framework_io import parse_framework_xlsx
    from tests.evaluation.conftest import row, xlsx

    return parse_framework_xlsx(
        xlsx(
            [
                row("A", "A1", "has_plan", "بله / خیر", 1, axis_weight=0.6),
                row("A", "A1", "sessions", "عدد", 1, axis_weight=0.6, standard=12),
                row("B", "B1", "complaints", "عدد", 1, axis_weight=0.4, direction="کمتر بهتر", standard=10),
            ]
        )
    )


VALUES = {"has_plan": "بله", "sessions": "10", "complaints": "4"}


def _side(world: World, scope: str, org: Any, unit_org: Any, office: Any, inspector: Any, manager: Any) -> None:
    from hamafza.evaluation.models import AnswerSource, RoundState
    from hamafza.evaluation.services import follow_up, rounds
    from hamafza.evaluation.services.answers import (
        AnswerInput,
        answer_save,
        inspection_submit,
        self_assessment_submit,
    )
    from hamafza.evaluation.services.evidence import evidence_add
    from hamafza.evaluation.services.frameworks import framework_version_create
    from hamafza.evaluation.services.review import objection_raise

    ids = world.ids[scope]
    version = framework_version_create(
        by=office, owner=org, code=f"social-{scope}", title=f"اجتماعی {scope}", axes=_framework_axes()
    )
    items = list(version.items.all())

    def run_round(code: str) -> tuple[Any, Any]:
        round_ = rounds.round_create(by=office, office=org, framework_version=version, code=code, title=f"دوره {code}")
        (round_unit,) = rounds.round_add_units(round_=round_, units=[unit_org], by=office)
        assignment = rounds.assignment_create(round_unit=round_unit, inspector=inspector, by=office)
        round_ = rounds.round_advance(round_=round_, to=RoundState.SELF_ASSESSMENT, by=office)
        return round_, (round_unit, assignment)

    # A finished round: answered, inspected, with a finding, a root cause, an action and an objection.
    done, (done_unit, _) = run_round(f"done-{scope}")
    for item in items:
        answer_save(
            round_unit=done_unit, item=item, source=AnswerSource.SELF, by=manager,
            data=AnswerInput(value=VALUES[item.code]),
        )  # fmt: skip
    upload = SimpleUploadedFile("صورت‌جلسه.pdf", MINUTES_PDF, content_type="application/pdf")
    evidence = evidence_add(round_unit=done_unit, upload=upload, by=manager)
    self_assessment_submit(round_unit=done_unit, by=manager)
    done = rounds.round_advance(round_=done, to=RoundState.FIELD_INSPECTION, by=office)
    inspected = []
    for item in items:
        answer, _ = answer_save(
            round_unit=done_unit, item=item, source=AnswerSource.INSPECTION, by=inspector,
            data=AnswerInput(value=VALUES[item.code]),
        )  # fmt: skip
        inspected.append(answer)
    inspection_submit(round_unit=done_unit, by=inspector)
    finding = follow_up.finding_add(
        round_unit=done_unit, kind="weakness", by=inspector, theme="پاسخ‌گویی", text="پاسخ دیر است.",
        root_cause="نبود کارشناس مسئول",
    )  # fmt: skip
    cause = finding.root_causes.get()
    action = follow_up.corrective_action_add(
        root_cause=cause, by=office, title="تعیین کارشناس پاسخ‌گو", due_date=dt.date.today() + dt.timedelta(days=30)
    )
    for state in (RoundState.REVIEW, RoundState.OBJECTION):
        done = rounds.round_advance(round_=done, to=state, by=office)
    objection = objection_raise(
        answer=inspected[0], text="این نمره درست نیست.", by=manager,
        attachment=SimpleUploadedFile("پیوست اعتراض.pdf", MINUTES_PDF, content_type="application/pdf"),
    )  # fmt: skip

    # A published round (its results are public by design: see ``permissions.can_view_round_unit``).
    pub, (pub_unit, _) = run_round(f"pub-{scope}")
    for item in items:
        answer_save(
            round_unit=pub_unit, item=item, source=AnswerSource.SELF, by=manager,
            data=AnswerInput(value=VALUES[item.code]),
        )  # fmt: skip
    for state in (
        RoundState.FIELD_INSPECTION, RoundState.REVIEW, RoundState.OBJECTION, RoundState.FINALIZED,
        RoundState.PUBLISHED,
    ):  # fmt: skip
        pub = rounds.round_advance(round_=pub, to=state, by=office)

    # A round under way, in self-assessment, with one answer given.
    open_round, (open_unit, open_assignment) = run_round(f"open-{scope}")
    open_answer, _ = answer_save(
        round_unit=open_unit, item=items[0], source=AnswerSource.SELF, by=manager, data=AnswerInput(value="بله")
    )
    ids.update(
        org=org.pk,
        unit_org=unit_org.pk,
        version=version.pk,
        done_round=done.pk,
        done_unit=done_unit.pk,
        answer=inspected[0].pk,
        objection=objection.pk,
        cause=cause.pk,
        action=action.pk,
        evidence=evidence.pk,
        open_round=open_round.pk,
        open_unit=open_unit.pk,
        open_answer=open_answer.pk,
        assignment=open_assignment.pk,
        finding=finding.pk,
        pub_round=pub.pk,
        pub_unit=pub_unit.pk,
    )


def build_world(builders: list[Callable[[World], None]]) -> World:
    from hamafza.accounts.services import api_token_create, user_create
    from hamafza.organizations.services import organization_create, role_grant

    world = World()

    def person(username: str) -> Any:
        return user_create(username=username, password="matrix-pass-1403", by=None, first_name=username)

    orgs = {}
    for scope, letter in (("in", "a"), ("out", "b")):
        org = organization_create(by=None, code=f"authz-{letter}", name=f"شهرداری {letter}", kind="municipality")
        unit = organization_create(
            by=None, code=f"authz-{letter}1", name=f"منطقه {letter}۱", kind="municipal_district", parent=org
        )
        orgs[scope] = (org, unit)

    org_a, unit_a = orgs["in"]
    for role in Role.values:
        user = person(f"matrix_{role}")
        world.users[role] = user
        scope = {} if role in (Role.CITIZEN, Role.SYSTEM_ADMIN) else {"organization": org_a}
        role_grant(user=user, role=role, by=None, **scope)
    office_b, inspector_b, manager_b = person("b_office"), person("b_inspector"), person("b_manager")
    org_b, unit_b = orgs["out"]
    role_grant(user=office_b, role=Role.EVALUATION_OFFICE, by=None, organization=org_b)
    role_grant(user=inspector_b, role=Role.INSPECTOR, by=None, organization=org_b)
    role_grant(user=manager_b, role=Role.AGENCY_MANAGER, by=None, organization=org_b)
    world.others.update(office=office_b, inspector=inspector_b, manager=manager_b)

    _side(
        world, "in", org_a, unit_a, world.users[Role.EVALUATION_OFFICE], world.users[Role.INSPECTOR],
        world.users[Role.AGENCY_MANAGER],
    )  # fmt: skip
    _side(world, "out", org_b, unit_b, office_b, inspector_b, manager_b)

    # Personal things: in scope is the probing person's own, out of scope someone else's in B.
    from hamafza.organizations.models import RoleGrant

    world.ids["in"]["grant"] = RoleGrant.objects.get(user=world.users[Role.AGENCY_STAFF]).pk
    world.ids["out"]["grant"] = RoleGrant.objects.get(user=manager_b).pk
    token_in, _ = api_token_create(user=world.users[Role.AGENCY_MANAGER], name="سامانه الف")
    token_out, _ = api_token_create(user=manager_b, name="سامانه ب")
    world.ids["in"]["token"], world.ids["out"]["token"] = token_in.pk, token_out.pk
    for builder in builders:
        builder(world)
    return world

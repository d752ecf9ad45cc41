"""Performance evaluation: frameworks, rounds, a unit's self-assessment, inspection, review, objections, results
and follow-up.

Scope A is organization A's evaluation office and its district A1; B is the same, foreign. ``done_*`` is a round
in its objection period (answered, inspected, with a finding, an action and an objection); ``pub_*`` a published
round; ``open_*`` a round in self-assessment. The matrix's inspector is assigned to A1's units.

Several write views fetch the unit with "may see it" and leave "may do it" to the service, which refuses with a
Persian message (``REFUSED``: nothing changes, the test checks that too).
"""

from hamafza.organizations.roles import Role
from tests.authz.matrix import ADMIN, EVERYONE, NOBODY, NOT_FOUND, REFUSED, SIGNED_IN, cells, having, page, post

OFFICE = having("evaluation.manage")
UNIT = frozenset({Role.AGENCY_MANAGER, Role.AGENCY_STAFF}) | ADMIN
INSPECTOR = frozenset({Role.INSPECTOR})
UNIT_VIEWERS = OFFICE | UNIT | INSPECTOR | {Role.GOVERNOR}
FINDING = {"kind": "weakness", "text": "یافته آزمون ماتریس", "theme": "", "root_cause": ""}
ACTION = {"title": "اقدام آزمون ماتریس", "due_date": "۱۴۱۰/۰۱/۱۵"}
PROGRESS = {"status": "in_progress", "progress": "40", "status_note": "", "version": "1"}

ENTRIES = [
    page("evaluation:dashboard", "/evaluation/", SIGNED_IN),
    page("evaluation:frameworks", "/evaluation/frameworks/", OFFICE),
    page("evaluation:framework_export", "/evaluation/frameworks/versions/{version}.xlsx", OFFICE, ADMIN),
    page("evaluation:round_create", "/evaluation/rounds/new/", OFFICE),
    page("evaluation:round_manage", "/evaluation/rounds/{open_round}/manage/", OFFICE, ADMIN),
    post("evaluation:round_units_add", "/evaluation/rounds/{open_round}/units/", OFFICE, ADMIN),
    post("evaluation:round_advance", "/evaluation/rounds/{open_round}/advance/", OFFICE, ADMIN),
    page("evaluation:unit", "/evaluation/units/{open_unit}/", UNIT_VIEWERS, ADMIN),
    post("evaluation:assignment_add", "/evaluation/units/{open_unit}/assign/", OFFICE, ADMIN),
    post("evaluation:assignment_remove", "/evaluation/assignments/{assignment}/remove/", OFFICE, ADMIN),
    page("evaluation:self_assessment", "/evaluation/units/{open_unit}/self/", UNIT, ADMIN),
    # The assigned inspector adds evidence too (recorded as the inspection's).
    post(
        "evaluation:evidence_upload", "/evaluation/units/{open_unit}/evidence/", UNIT | INSPECTOR, ADMIN,
        data={"file": "PDF"}, cells=cells(UNIT_VIEWERS - UNIT - INSPECTOR, REFUSED),
    ),
    # Files open for whoever may work on the unit (permissions.can_open_files), never because a result is public.
    page("evaluation:evidence_download", "/evaluation/evidence/{evidence}/", UNIT_VIEWERS, ADMIN),
    page("evaluation:objection_attachment", "/evaluation/objections/{objection}/attachment/", UNIT_VIEWERS, ADMIN),
    page("evaluation:review", "/evaluation/units/{done_unit}/review/", OFFICE, ADMIN),
    post("evaluation:answer_review", "/evaluation/units/{done_unit}/review/{answer}/", OFFICE, ADMIN),
    post(
        "evaluation:objection_raise", "/evaluation/units/{done_unit}/objections/{answer}/", UNIT, ADMIN,
        data={"text": "اعتراض آزمون ماتریس"},
    ),
    post(
        "evaluation:objection_decide", "/evaluation/units/{done_unit}/objections/{objection}/decide/", OFFICE, ADMIN,
        data={"decision": "accept", "note": "پذیرفته شد"},
    ),
    post(
        "evaluation:finding_add", "/evaluation/units/{done_unit}/findings/", OFFICE | INSPECTOR, ADMIN,
        data=FINDING, cells=cells(UNIT_VIEWERS - OFFICE - INSPECTOR, REFUSED),
    ),
    post(
        "evaluation:action_add", "/evaluation/units/{done_unit}/causes/{cause}/actions/", OFFICE | UNIT, ADMIN,
        data=ACTION, cells=cells(UNIT_VIEWERS - OFFICE - UNIT, REFUSED),
    ),
    page("evaluation:actions", "/evaluation/actions/", OFFICE | UNIT),
    post(
        "evaluation:action_update", "/evaluation/actions/{action}/", OFFICE | UNIT, ADMIN,
        # Those who may only read the unit (its inspectors, the governor) get no form and no action to change.
        data=PROGRESS,
    ),
    page("evaluation:rollup", "/evaluation/rollup/", OFFICE),
    post("evaluation:rollup_route", "/evaluation/rollup/route/", OFFICE),
    # Only the inspector assigned to the unit inspects it; not even the system administrator.
    page("evaluation:inspect", "/evaluation/units/{done_unit}/inspect/", INSPECTOR, NOBODY),
    post("evaluation:inspect_answer", "/evaluation/units/{done_unit}/inspect/answers/", INSPECTOR),
    post("evaluation:inspect_evidence", "/evaluation/units/{done_unit}/inspect/evidence/", INSPECTOR),
    post("evaluation:inspect_submit", "/evaluation/units/{done_unit}/inspect/submit/", INSPECTOR),
    # Published results are public (PRODUCT: results pages citizens comment on), to anonymous visitors too.
    page("evaluation:round_results", "/evaluation/rounds/{pub_round}/results/", EVERYONE, EVERYONE),
    page("evaluation:round_results_chart", "/evaluation/rounds/{pub_round}/results/chart.json", EVERYONE, EVERYONE),
    page("evaluation:round_results_xlsx", "/evaluation/rounds/{pub_round}/results.xlsx", EVERYONE, EVERYONE),
    # The inspectors' agreement is the office's working paper, even after publication.
    page("evaluation:round_agreement", "/evaluation/rounds/{pub_round}/agreement/", OFFICE, ADMIN, anonymous=NOT_FOUND),
    # Before publication (the objection period) a unit's results page is the office's alone.
    page("evaluation:unit_results", "/evaluation/units/{done_unit}/results/", OFFICE, ADMIN, anonymous=NOT_FOUND),
    page("evaluation:unit_report_pdf", "/evaluation/units/{done_unit}/report.pdf", OFFICE, ADMIN, anonymous=NOT_FOUND),
]  # fmt: skip

from django.urls import path

from hamafza.evaluation import views, views_followup, views_unit
from hamafza.evaluation.views_files import urlpatterns as files_urlpatterns
from hamafza.evaluation.views_inspection import urlpatterns as inspection_urlpatterns
from hamafza.evaluation.views_results import urlpatterns as results_urlpatterns

app_name = "evaluation"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/versions/<int:pk>.xlsx", views.framework_export, name="framework_export"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/manage/", views.round_manage, name="round_manage"),
    path("rounds/<int:pk>/units/", views.round_units_add, name="round_units_add"),
    path("rounds/<int:pk>/advance/", views.round_advance, name="round_advance"),
    path("units/<int:pk>/", views_unit.unit_hub, name="unit"),
    path("units/<int:pk>/assign/", views.assignment_add, name="assignment_add"),
    path("assignments/<int:pk>/remove/", views.assignment_remove, name="assignment_remove"),
    path("units/<int:pk>/self/", views_unit.self_assessment, name="self_assessment"),
    path("units/<int:pk>/evidence/", views_unit.evidence_upload, name="evidence_upload"),
    path("units/<int:pk>/review/", views_unit.review_page, name="review"),
    path("units/<int:pk>/review/<int:answer_pk>/", views_unit.answer_review, name="answer_review"),
    path("units/<int:pk>/objections/<int:answer_pk>/", views_unit.objection_raise, name="objection_raise"),
    path("units/<int:pk>/objections/<int:objection_pk>/decide/", views_unit.objection_decide, name="objection_decide"),
    path("units/<int:pk>/findings/", views_unit.finding_add, name="finding_add"),
    path("units/<int:pk>/causes/<int:cause_pk>/actions/", views_unit.action_add, name="action_add"),
    path("actions/", views_followup.action_list, name="actions"),
    path("actions/<int:pk>/", views_unit.action_update, name="action_update"),
    path("rollup/", views_followup.rollup, name="rollup"),
    path("rollup/route/", views_followup.rollup_route, name="rollup_route"),
    *inspection_urlpatterns,
    *files_urlpatterns,
    *results_urlpatterns,
]

from django.urls import path

from hamafza.roundtables import views

app_name = "roundtables"

urlpatterns = [
    path("", views.table_list, name="list"),
    path("public/", views.public_list, name="public"),
    path("new/", views.table_create, name="create"),
    path("<int:pk>/", views.table_detail, name="detail"),
    path("<int:pk>/edit/", views.table_edit, name="edit"),
    path("<int:pk>/publish/", views.table_publish, name="publish"),
    path("<int:pk>/members/", views.member_invite, name="invite"),
    path("<int:pk>/meetings/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/elections/", views.election_create, name="election_create"),
    path("<int:pk>/problems/new/", views.problem_create, name="problem_create"),
    path("invitations/<int:pk>/", views.invitation_respond, name="respond"),
    path("members/<int:pk>/remove/", views.member_remove, name="remove"),
    path("elections/<int:pk>/", views.election_detail, name="election"),
    path("elections/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("elections/<int:pk>/open/", views.election_open, name="election_open"),
    path("elections/<int:pk>/vote/", views.vote, name="vote"),
    path("elections/<int:pk>/close/", views.election_close, name="election_close"),
    path("elections/<int:pk>/ballots.csv", views.ballots_csv, name="ballots_csv"),
    path("problems/<int:pk>/", views.problem_detail, name="problem"),
    path("problems/<int:pk>/diagnosis/", views.diagnosis_save, name="diagnosis"),
    path("problems/<int:pk>/publish/", views.problem_publish, name="problem_publish"),
    path("problems/<int:pk>/solutions/", views.solution_add, name="solution_add"),
    path("problems/<int:pk>/statements/", views.statement_add, name="statement_add"),
    path("problems/<int:pk>/opinions/", views.opinion_map, name="opinions"),
    path("solutions/<int:pk>/score/", views.solution_score, name="score"),
    path("solutions/<int:pk>/choose/", views.solution_choose, name="choose"),
    path("statements/<int:pk>/vote/", views.statement_vote, name="statement_vote"),
    path("statements/<int:pk>/decide/", views.statement_decide, name="statement_decide"),
]

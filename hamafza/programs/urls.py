from django.urls import path

from hamafza.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("public/", views.public_list, name="public"),
    path("new/", views.program_create, name="create"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/edit/", views.program_edit, name="edit"),
    path("<int:pk>/publish/", views.program_publish, name="publish"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/progress/", views.milestone_progress, name="milestone_progress"),
]

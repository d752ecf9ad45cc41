from django.urls import path

from hamafza.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:parent_pk>/new/", views.organization_create, name="create_child"),
    path("<int:pk>/members/", views.organization_members, name="members"),
    path("<int:pk>/members/<int:grant_pk>/revoke/", views.role_revoke, name="revoke"),
]

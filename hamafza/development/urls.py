from django.urls import path

from hamafza.development import views

app_name = "development"

urlpatterns = [
    path("", views.home, name="home"),
    path("orgs/<int:org>/capacities/", views.capacities, name="capacities"),
    path("orgs/<int:org>/capacities/new/", views.capacity_create, name="capacity_create"),
    path("capacities/<int:pk>/edit/", views.capacity_edit, name="capacity_edit"),
    path("orgs/<int:org>/weights/", views.weights, name="weights"),
    path("orgs/<int:org>/indicators/", views.indicators, name="indicators"),
    path("orgs/<int:org>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("orgs/<int:org>/indicators/import/", views.indicators_import, name="indicators_import"),
    path("orgs/<int:org>/indicators/template.xlsx", views.indicators_template, name="indicators_template"),
    path("indicators/<int:pk>/values/", views.indicator_values, name="indicator_values"),
    path("orgs/<int:org>/ranking/", views.ranking, name="ranking"),
    path("key-works/", views.key_work_list, name="key_work_list"),
    path("key-works/public/", views.key_work_public, name="key_work_public"),
    path("key-works/new/", views.key_work_create, name="key_work_create"),
    path("key-works/<int:pk>/", views.key_work_detail, name="key_work_detail"),
    path("programs/<int:program>/pledges/", views.program_pledges, name="program_pledges"),
    path("pledges/", views.pledge_queue, name="pledge_queue"),
    path("pledges/<int:pk>/advance/", views.pledge_advance, name="pledge_advance"),
    path("experiences/", views.experience_list, name="experience_list"),
    path("experiences/new/", views.experience_create, name="experience_create"),
    path("experiences/<int:pk>/", views.experience_detail, name="experience_detail"),
    path("experiences/<int:pk>/edit/", views.experience_edit, name="experience_edit"),
    path("experiences/<int:pk>/adopt/", views.experience_adopt, name="experience_adopt"),
]

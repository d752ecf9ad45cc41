from django.contrib import admin
from django.urls import include, path

from hamafza.api import api

admin.site.site_header = "مدیریت هم‌افزا"
admin.site.site_title = "هم‌افزا"
admin.site.index_title = "پیشخوان مدیریت"

urlpatterns = [
    path("", include("hamafza.core.urls")),
    path("accounts/", include("hamafza.accounts.urls")),
    path("organizations/", include("hamafza.organizations.urls")),
    path("audit/", include("hamafza.organizations.audit_urls")),
    path("evaluation/", include("hamafza.evaluation.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "hamafza.core.views.error_404"
handler403 = "hamafza.core.views.error_403"
handler500 = "hamafza.core.views.error_500"

from django.contrib import admin
from django.urls import include, path, re_path

from hamafza.api import api
from hamafza.api import unmatched as api_unmatched
from hamafza.voice.views_public import news_short as voice_short_link

admin.site.site_header = "مدیریت هم‌افزا"
admin.site.site_title = "هم‌افزا"
admin.site.index_title = "پیشخوان مدیریت"

urlpatterns = [
    path("", include("hamafza.core.urls")),
    path("accounts/", include("hamafza.accounts.urls")),
    path("accounts/lockouts/", include("hamafza.organizations.lockout_views")),
    path("organizations/", include("hamafza.organizations.urls")),
    path("audit/", include("hamafza.organizations.audit_urls")),
    path("evaluation/", include("hamafza.evaluation.urls")),
    path("engagement/", include("hamafza.engagement.urls")),
    path("notifications/", include("hamafza.notifications.urls")),
    path("programs/", include("hamafza.programs.urls")),
    path("voice/", include("hamafza.voice.urls")),
    path("development/", include("hamafza.development.urls")),
    path("roundtables/", include("hamafza.roundtables.urls")),
    path("n/<str:code>", voice_short_link, name="news_short"),
    path("api/v1/", api.urls),
    # After the API's own routes: whatever else is under /api/v1 is a JSON 404, never the HTML page.
    # ``[\s\S]``, not ``.``: a path with a line break in it («/api/v1/x%0Ay») is an API path too.
    re_path(r"^api/v1/(?P<rest>[\s\S]*)$", api_unmatched, name="api_unmatched"),
    path("admin/", admin.site.urls),
]

handler404 = "hamafza.core.views.error_404"
handler403 = "hamafza.core.views.error_403"
handler500 = "hamafza.core.views.error_500"

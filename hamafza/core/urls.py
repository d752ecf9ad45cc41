from django.conf import settings
from django.urls import path

from hamafza.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
]

if settings.HAMAFZA_BENCH:
    # ``hamafza bench`` compares every page with this one: the same stack and middleware, no work of our own.
    urlpatterns.append(path("bench/bare", views.bench_bare, name="bench_bare"))
    # …and the signed-in pages also with this one: a session and a person, nothing rendered.
    urlpatterns.append(path("bench/bare-signed-in", views.bench_bare_signed_in, name="bench_bare_signed_in"))

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from hamafza.core.portal import sections_for
from hamafza.core.public_cache import cached_for_visitors
from hamafza.core.work import notes_for, work_for


@require_GET
@cached_for_visitors()
def home(request: HttpRequest) -> HttpResponse:
    """The public portal for everyone; a signed-in person sees «کارهای من» above it."""
    return render(
        request,
        "core/home.html",
        {"sections": sections_for(request), "work": work_for(request.user), "notes": notes_for(request.user)},
    )


@require_GET
def bench_bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@login_required
def bench_bare_signed_in(request: HttpRequest) -> HttpResponse:
    """What every signed-in page pays before any work of its own: the session and the person."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": "هم‌افزا — حکمرانی مشارکتی و ارزیابی عملکرد",
        "short_name": "هم‌افزا",
        "lang": "fa",
        "dir": "rtl",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0f766e",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    # Served from the root so its scope is the whole site; the script itself lives with the other statics.
    path = settings.BASE_DIR / "hamafza" / "templates" / "core" / "sw.js"
    response = HttpResponse(path.read_text(encoding="utf-8"), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: with hashed static names the URL exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("icons/favicon.svg"))


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)

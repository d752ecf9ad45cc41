"""``/api/v1``: one NinjaAPI that mounts each app's router; OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from hamafza.accounts.api_auth import SessionAuth, TokenAuth
from hamafza.core.errors import DomainError
from hamafza.evaluation.api import router as evaluation_router
from hamafza.organizations.api import router as organizations_router
from hamafza.places.api import router as places_router

api = NinjaAPI(
    title="Hamafza API",
    version="1",
    description="رابط برنامه‌نویسی هم‌افزا. احراز هویت با سرآیند Authorization: Bearer <token>.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # "Missing" and "not yours" get the same answer, as on the pages.
    return api.create_response(request, {"detail": "پیدا نشد."}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # The field-level details stay machine-readable; the headline is for the person reading the response.
    return api.create_response(
        request, {"detail": "داده‌های فرستاده‌شده کامل یا معتبر نیستند.", "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "برای این درخواست باید وارد شوید یا توکن معتبر بفرستید."}, status=401
    )


api.add_router("/places/", places_router)
api.add_router("/organizations/", organizations_router)
api.add_router("/evaluation/", evaluation_router)
